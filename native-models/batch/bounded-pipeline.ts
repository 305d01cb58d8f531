// The batch's small pipeline: stages chained as async iterables, each running at most `concurrency` items
// at once and pulling from the stage before only when it has room, so memory stays bounded by the sum
// of the concurrencies (plus one item being handed over per stage) whatever the number of items. Items
// come out in input order.

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
 * Backpressure: a new item is pulled only while fewer than `concurrency` results wait to be taken. A
 * finished head is yielded without waiting for a pull in progress, so a slow or paused source (see
 * PauseGate) never holds back results that are ready.
 */
export async function* mapBounded<T, U>(source: AsyncIterable<T> | Iterable<T>, fn: (item: T) => Promise<U>, concurrency: number, inFlight?: InFlight): AsyncGenerator<U> {
  const limit = Math.max(1, Math.floor(concurrency));
  const queue: Promise<U>[] = [];
  const iterator = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : toAsync(source as Iterable<T>);
  let exhausted = false;
  // A pull in progress starts its item as soon as the source delivers it, even while the consumer holds a
  // result; it is only issued while the queue has room, so the bound holds.
  let pulling: Promise<void> | null = null;
  const pull = (): Promise<void> => {
    const pending = iterator.next().then((next) => {
      pulling = null;
      if (next.done) {
        exhausted = true;
        return;
      }
      const started = fn(next.value);
      // Rejections are observed when the item reaches the head; mark them handled meanwhile.
      started.catch(() => undefined);
      queue.push(inFlight ? inFlight.track(started) : started);
    });
    pending.catch(() => undefined); // a failing source is reported when the loop awaits the pull
    return pending;
  };
  try {
    for (;;) {
      if (!exhausted && pulling === null && queue.length < limit) pulling = pull();
      const head = queue[0];
      if (head === undefined) {
        if (pulling === null) return;
        await pulling;
        continue;
      }
      if (pulling !== null) {
        const settled = (p: Promise<unknown>, tag: 'head' | 'pull') => p.then(() => tag, () => tag);
        // A source that delivered is preferred (its item starts, keeping the stages overlapped); a pull
        // still waiting (a slow or paused source) never holds back a finished head.
        if ((await Promise.race([settled(pulling, 'pull'), settled(head, 'head')])) === 'pull') {
          await pulling;
          continue;
        }
      }
      queue.shift();
      yield await head;
    }
  } finally {
    if (!exhausted) {
      // With a pull in progress (a paused source) the close is queued behind it: do not wait for it.
      const closing = iterator.return?.();
      if (pulling === null) await closing;
      else closing?.catch(() => undefined);
    }
  }
}

async function* toAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  yield* items;
}
