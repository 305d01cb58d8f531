// Electron's entry (package.json "main"): registers tsx so main's TypeScript runs as the CLI's does, then starts it.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
