// Test projects: unit (pure logic, no ORT, seconds) and integration (real onnxruntime-node on the demo pack, CLI).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time on the 2-core CI machine: most integration files wait on CLI children, servers and Redis,
    // so a second worker fills the idle core (measured: 143 s → 82 s over four CLI-heavy files; three workers 88 s).
    // The default, cores − 1, ran them one by one. One value for both projects (vitest groups runs by it).
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          globalSetup: ['tests/integration/global-setup.ts'],
        },
      },
    ],
  },
});
