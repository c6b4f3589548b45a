// The pane's messages change (the conversation renders after a switch, the customer writes, the agent replies): the
// content script reads them again once the pane is quiet, so a person found by name is judged against what is on
// screen now (lib/threads/proof.ts). One debounced MutationObserver, like ./header-watch.ts: on the message region
// when there is one (text changes too), else on the main region's children only until one appears. A mutation batch
// only notes the time.
import { MAIN } from './page-geometry';
import { messageRegion } from './pane-messages';
import type { PaneReading } from './schema';

export interface PaneWatchOptions {
  debounceMs: number;
  setTimeout: (handler: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Milliseconds on a monotonic clock. */
  now(): number;
  read(): PaneReading;
  onReading(reading: PaneReading): void;
}

export interface PaneWatcher {
  /** Reads now and observes the region found now (at start and after a switch). */
  rescan(): PaneReading;
  stop: () => void;
}

export function watchPane(doc: Document, options: PaneWatchOptions): PaneWatcher {
  let observed: Element | null = null;
  let pending: number | null = null;
  let lastChangeAt = 0;
  let stopped = false;

  const observer = new MutationObserver(() => {
    lastChangeAt = options.now();
    if (pending === null) pending = options.setTimeout(settle, options.debounceMs);
  });

  let observedRegion = false;

  function observe() {
    // The message region observed is still on the page: nothing to look up (a settled reading reads it anyway).
    if (observedRegion && observed?.isConnected) return;
    const region = messageRegion(doc);
    const target = region ?? doc.querySelector(MAIN) ?? doc.body;
    if (!target || target === observed) return;
    observer.disconnect();
    observed = target;
    observedRegion = !!region;
    observer.observe(target, region ? { childList: true, subtree: true, characterData: true } : { childList: true, subtree: true });
  }

  function settle() {
    pending = null;
    if (stopped) return;
    const quietFor = options.now() - lastChangeAt;
    if (quietFor < options.debounceMs) {
      pending = options.setTimeout(settle, options.debounceMs - quietFor);
      return;
    }
    observe();
    options.onReading(options.read());
  }

  return {
    rescan() {
      const reading = options.read();
      if (!stopped) observe();
      return reading;
    },
    stop() {
      stopped = true;
      observer.disconnect();
      if (pending !== null) options.clearTimeout(pending);
    },
  };
}
