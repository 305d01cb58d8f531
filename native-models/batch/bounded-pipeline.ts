// The batch's small pipeline: stages chained as async iterables, each running at most `concurrency` items
// at once and pulling from the stage before only when it has room, so memory stays bounded by the sum
// of the concurrencies whatever the number of items. Items come out in input order.

/** Tracks every stage promise so a runner can wait for all work to settle before closing its files. */
export class InFlight {
  private readonly running = new Set<Promise<unknown>>();

  track<T>(promise: Promise<T>): Promise<T> {
    this.running.add(promise);
    // The stage's consumer handles the rejection; this copy only keeps it from counting as unhandled.
    promise.then(
      () => this.running.delete(promise),
      () => this.running.delete(promise),
    );
    return promise;
  }

  async settle(): Promise<void> {
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
  }
}

/**
 * Maps `source` through `fn` with up to `concurrency` calls in flight, yielding results in source order.
 * Backpressure: while the consumer holds a result, no new item is pulled.
 */
export async function* mapBounded<T, U>(source: AsyncIterable<T> | Iterable<T>, fn: (item: T) => Promise<U>, concurrency: number, inFlight?: InFlight): AsyncGenerator<U> {
  const limit = Math.max(1, Math.floor(concurrency));
  const queue: Promise<U>[] = [];
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source as Iterable<T>);
  let exhausted = false;
  try {
    for (;;) {
      while (!exhausted && queue.length < limit) {
        const next = await iterator.next();
        if (next.done) {
          exhausted = true;
          break;
        }
        const started = fn(next.value);
        // Rejections are observed when the item reaches the head; mark them handled meanwhile.
        started.catch(() => undefined);
        queue.push(inFlight ? inFlight.track(started) : started);
      }
      const head = queue.shift();
      if (head === undefined) return;
      yield await head;
    }
  } finally {
    if (!exhausted) await iterator.return?.();
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
