/**
 * Serializes async work per key (a promise chain per key). The background is one worker, so an in-memory
 * chain is enough to stop two read-modify-write cycles on one thread from overwriting each other, and two
 * sends to one thread (two tabs, a double click) from both reaching Meta.
 */
export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (for tests and diagnostics). */
  busyKeys(): string[];
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      // A failed predecessor must not block its successors: chain on settlement, not success.
      const result = previous.then(work, work);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    busyKeys: () => [...tails.keys()],
  };
}
