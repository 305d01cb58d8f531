// The shell: the header, the error banner and the screen the header selects; holds no logic of its own.
import { useEffect } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { ErrorBanner } from './error-banner.tsx';
import { GeneratePanel } from './generate-panel.tsx';
import { Header } from './header.tsx';
import { HealthPanel } from './health-panel.tsx';
import { ModelsPanel } from './models-panel.tsx';
import { ResultView } from './result-view.tsx';

function StudioScreen() {
  return (
    <main className="studio" aria-label="Studio">
      <GeneratePanel />
      <ResultView />
    </main>
  );
}

function ModelsScreen() {
  return (
    <main className="panels" aria-label="Models">
      <ModelsPanel />
      <HealthPanel />
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
      <ErrorBanner />
      {screen === 'studio' && <StudioScreen />}
      {screen === 'models' && <ModelsScreen />}
    </div>
  );
}
