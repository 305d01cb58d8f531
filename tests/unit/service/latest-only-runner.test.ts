// Interactive segmentation coalescing: while one decode runs, only the newest waiting request per image runs
// next; the ones it replaced are rejected as CANCELLED; other images are independent.
import { describe, expect, it } from 'vitest';
import { LatestOnlyRunner } from '../../../native-models/service/latest-only-runner.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

describe('LatestOnlyRunner', () => {
  it('drops stale pending requests and runs only the latest after the current one', async () => {
    const runner = new LatestOnlyRunner();
    const ran: number[] = [];
    const first = deferred();
    const p1 = runner.run('img', async () => {
      ran.push(1);
      await first.promise;
      return 1;
    });
    const p2 = runner.run('img', async () => (ran.push(2), 2));
    const p3 = runner.run('img', async () => (ran.push(3), 3));
    const p4 = runner.run('img', async () => (ran.push(4), 4));
    first.resolve();
    await expect(p1).resolves.toBe(1);
    await expect(p2).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(p3).rejects.toMatchObject({ code: 'CANCELLED' });
    await expect(p4).resolves.toBe(4);
    expect(ran).toEqual([1, 4]);
  });

  it('keeps images independent', async () => {
    const runner = new LatestOnlyRunner();
    const gate = deferred();
    const a = runner.run('a', async () => {
      await gate.promise;
      return 'a';
    });
    await expect(runner.run('b', async () => 'b')).resolves.toBe('b');
    gate.resolve();
    await expect(a).resolves.toBe('a');
  });

  it('runs the next request after a failed one', async () => {
    const runner = new LatestOnlyRunner();
    const failing = runner.run('img', async () => Promise.reject(new Error('decoder failed')));
    const next = runner.run('img', async () => 'ok');
    await expect(failing).rejects.toThrow('decoder failed');
    await expect(next).resolves.toBe('ok');
  });
});
