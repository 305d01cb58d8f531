// Top bar: the app name and the theme switch.
import { useAppStore } from '../store/store-context.tsx';

export function Header() {
  const theme = useAppStore((s) => s.theme);
  const toggleTheme = useAppStore((s) => s.toggleTheme);
  return (
    <header className="header">
      <h1 className="brand">Tessera</h1>
      <span className="tagline">offline image generation and segmentation</span>
      <button type="button" className="button" onClick={toggleTheme} aria-pressed={theme === 'light'}>
        Light theme
      </button>
    </header>
  );
}
