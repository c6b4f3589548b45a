// A part of the page read again once it is quiet: one MutationObserver on a region that follows what the last reading
// found, and one timer per quiet window (a mutation batch only notes the time: no clear + set per batch, since the
// regions watched churn with every message, and ctx's timers each leave a listener behind until the context ends).
// Never a polling loop. The header's name (./header-watch.ts) and the pane's messages (./pane-watch.ts) are watched so.

export interface SettledWatchOptions<R> {
  debounceMs: number;
  setTimeout: (handler: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Milliseconds on a monotonic clock (performance.now in the page). */
  now(): number;
  /** Reads the page now. */
  read(): R;
  /** The reading after the page settled. */
  onReading(reading: R): void;
}

/** Where to observe after `reading`: the element and what to observe there; null keeps what is observed. */
export type SettledRegion<R> = (reading: R) => { target: Element | null; init: MutationObserverInit } | null;

export interface SettledWatcher<R> {
  /** Reads now and observes the region for that reading (at start, and after a switch React may have replaced it).
   *  Nothing is observed before the first call. */
  rescan(): R;
  stop: () => void;
}

export function watchSettled<R>(options: SettledWatchOptions<R>, region: SettledRegion<R>): SettledWatcher<R> {
  let observed: Element | null = null;
  let observedInit: MutationObserverInit | null = null;
  let pending: number | null = null;
  let lastChangeAt = 0;
  let stopped = false;

  const observer = new MutationObserver(() => {
    lastChangeAt = options.now();
    if (pending === null) pending = options.setTimeout(settle, options.debounceMs);
  });

  function rescan(): R {
    const reading = options.read();
    const next = stopped ? null : region(reading);
    if (next && (next.target !== observed || next.init !== observedInit)) {
      observer.disconnect();
      observed = next.target;
      observedInit = next.init;
      if (observed) observer.observe(observed, next.init);
    }
    return reading;
  }

  function settle() {
    pending = null;
    if (stopped) return;
    const quietFor = options.now() - lastChangeAt;
    if (quietFor < options.debounceMs) pending = options.setTimeout(settle, options.debounceMs - quietFor);
    else options.onReading(rescan());
  }

  return {
    rescan,
    stop() {
      stopped = true;
      observer.disconnect();
      if (pending !== null) options.clearTimeout(pending);
    },
  };
}
