// Top bar: the app name, the screen switcher and the theme switch.
import { SCREENS, type Screen } from '../store/app-state.ts';
import { useAppStore } from '../store/store-context.tsx';

const SCREEN_LABELS: Record<Screen, string> = { studio: 'Studio', gallery: 'Gallery', batch: 'Batch', models: 'Models', settings: 'Settings' };

export function Header() {
  const theme = useAppStore((s) => s.theme);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  const screen = useAppStore((s) => s.screen);
  const showScreen = useAppStore((s) => s.showScreen);
  return (
    <header className="header">
      <h1 className="brand">Tessera</h1>
      <nav className="screen-nav" aria-label="Screens">
        {SCREENS.map((name) => (
          <button key={name} type="button" className="nav-button" aria-current={screen === name ? 'page' : undefined} onClick={() => showScreen(name)}>
            {SCREEN_LABELS[name]}
          </button>
        ))}
      </nav>
      {/* The label names what a press does, so it changes with the theme (not a toggle with a fixed name). */}
      <button type="button" className="button" onClick={toggleTheme}>
        {theme === 'light' ? 'Dark theme' : 'Light theme'}
      </button>
    </header>
  );
}
