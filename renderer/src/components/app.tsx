// The shell: composes the header, the error banner and the panels; holds no logic of its own.
import { useEffect } from 'react';
import { useAppStore } from '../store/store-context.tsx';
import { ErrorBanner } from './error-banner.tsx';
import { GeneratePanel } from './generate-panel.tsx';
import { Header } from './header.tsx';
import { HealthPanel } from './health-panel.tsx';
import { ModelsPanel } from './models-panel.tsx';
import { ResultView } from './result-view.tsx';

export function App() {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  return (
    <div className="app">
      <Header />
      <ErrorBanner />
      <main className="studio">
        <GeneratePanel />
        <ResultView />
      </main>
      <div className="panels">
        <ModelsPanel />
        <HealthPanel />
      </div>
    </div>
  );
}
