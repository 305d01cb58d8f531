// The Models screen: Installed / Catalogue / Import tabs beside the engine's status panel.
import type { ModelsTab } from '../../store/model-library-state.ts';
import { useAppStore } from '../../store/store-context.tsx';
import { HealthPanel } from '../health-panel.tsx';
import { ModelsPanel } from '../models-panel.tsx';
import { CatalogueTab } from './catalogue-tab.tsx';
import { ImportTab } from './import-tab.tsx';

const TABS: { id: ModelsTab; label: string }[] = [
  { id: 'installed', label: 'Installed' },
  { id: 'catalogue', label: 'Catalogue' },
  { id: 'import', label: 'Import' },
];

export function ModelsScreen() {
  const tab = useAppStore((s) => s.modelsTab);
  const setTab = useAppStore((s) => s.setModelsTab);
  return (
    <main className="panels models-screen" aria-label="Models">
      <div className="models-tabs-column">
        <div role="tablist" aria-label="Model tabs" className="tabs">
          {TABS.map((t) => (
            <button key={t.id} type="button" role="tab" id={`models-tab-${t.id}`} aria-selected={tab === t.id} aria-controls={`models-tabpanel-${t.id}`} className="button tab" onClick={() => setTab(t.id)}>
              {t.label}
            </button>
          ))}
        </div>
        <div role="tabpanel" className="models-tabpanel" id={`models-tabpanel-${tab}`} aria-labelledby={`models-tab-${tab}`}>
          {tab === 'installed' && <ModelsPanel />}
          {tab === 'catalogue' && (
            <section className="panel" aria-label="Catalogue of downloadable models">
              <CatalogueTab />
            </section>
          )}
          {tab === 'import' && (
            <section className="panel" aria-label="Import models">
              <ImportTab />
            </section>
          )}
        </div>
      </div>
      <HealthPanel />
    </main>
  );
}
