// Opens a URL in the user's default browser (best effort: a headless box simply has none).
import { spawn } from 'node:child_process';

export function openBrowser(url: string): void {
  const [command, args] =
    process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`tessera serve: could not open a browser (${command}); open the URL above yourself\n`));
    child.unref();
  } catch {
    process.stderr.write('tessera serve: could not open a browser; open the URL above yourself\n');
  }
}
