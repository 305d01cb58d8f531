// End-to-end tests: Playwright driving Debian's Chromium (never a downloaded browser) against `tessera serve`
// with the demo pack. The renderer is built once in global setup; each test file starts its own host.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  globalSetup: './tests/e2e/global-setup.ts',
  timeout: 60_000,
  // Waits, not speed limits: the shared 2-core machines can be slow while other suites run.
  expect: { timeout: 15_000 },
  // Two spec files at a time: each test starts its own `tessera serve` (port 0, its own models, data and XDG
  // folders), so tests never share a host, a port or a file; a spec file's tests stay in order on one worker.
  // On the 2-core CI machine most of a test is waiting on the host or the page (measured: 64 tests in 6.4 min
  // with two workers under other load, about 9 min with one).
  fullyParallel: false,
  workers: 2,
  reporter: [['list']],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 800 },
    launchOptions: {
      executablePath: process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});
