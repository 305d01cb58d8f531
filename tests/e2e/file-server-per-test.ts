// A loopback file server (the model host of the Models screen specs), a fresh one started before each test of
// the calling spec and closed after it.
import { TestFileServer } from '../integration/models/manager/test-file-server.ts';
import { test } from './serve-fixture.ts';

/** Registers the hooks; the answer gives the current test's server. */
export function fileServerPerTest(): () => TestFileServer {
  let server: TestFileServer | undefined;
  test.beforeEach(async () => {
    server = new TestFileServer();
    await server.start();
  });
  test.afterEach(async () => {
    await server?.close();
  });
  return () => server!;
}
