// The shell: the header, the connection and error banners and the screen the header selects; holds no logic of its own.
import { useEffect } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { BatchScreen } from './batch/batch-screen.tsx';
import { CanvasPanel } from './canvas/canvas-panel.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { EditPanel } from './canvas/edit-panel.tsx';
import { ObjectsPanel } from './canvas/objects-panel.tsx';
import { ErrorBanner } from './error-banner.tsx';
import { GalleryScreen } from './gallery/gallery-screen.tsx';
import { GeneratePanel } from './generate-panel.tsx';
import { Header } from './header.tsx';
import { ModelsScreen } from './models/models-screen.tsx';
import { QueuePanel } from './queue/queue-panel.tsx';
import { SettingsScreen } from './settings/settings-screen.tsx';

function StudioScreen() {
  return (
    <main className="studio" aria-label="Studio">
      <GeneratePanel />
      <CanvasPanel />
      {/* The dock: the Edit panel, the objects and the queue share the right-hand column, which scrolls on small windows. */}
      <div className="studio-dock">
        <EditPanel />
        <ObjectsPanel />
        <QueuePanel />
      </div>
    </main>
  );
}

export function App() {
  const theme = useAppStore((s) => s.theme);
  const screen = useAppStore((s) => s.screen);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <ConnectionBanner />
      <ErrorBanner />
      {screen === 'studio' && <StudioScreen />}
      {screen === 'gallery' && <GalleryScreen />}
      {screen === 'batch' && <BatchScreen />}
      {screen === 'models' && <ModelsScreen />}
      {screen === 'settings' && <SettingsScreen />}
    </div>
  );
}
