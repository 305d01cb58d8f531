// Where Playwright's global setup writes the demo pack once per run; each test's host gets a copy of it.
import path from 'node:path';

export const E2E_DEMO_PACK_TEMPLATE = path.resolve('.cache/e2e-demo-pack');
