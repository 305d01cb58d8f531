// Renderer entry: pick the transport, build the store, render the shell.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { pickClient } from './bridge/pick-client.ts';
import { connectStoreToEvents, createAppStore } from './store/create-app-store.ts';
import { connectStoreToConnection } from './store/connection-slice.ts';
import { StoreProvider } from './store/store-context.tsx';
import { App } from './components/app.tsx';
import './styles.css';

const { api, connection } = pickClient(window.location.origin);
const store = createAppStore(api);
connectStoreToEvents(store, api);
connectStoreToConnection(store, connection);
void store.getState().loadModels();
void store.getState().loadHealth();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
