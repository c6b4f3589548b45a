// The customer's name renders after the URL changes (and the live inbox shows a generic title or the previous
// customer's name first, reference §7a), so the content script watches for it — one debounced MutationObserver,
// never a polling loop — and reads the identity signals (lib/inbox/identity.ts) once the page is quiet:
//   - while a name is trusted, only the region it came from is observed (the conversation header when there is
//     one), so the message log and the conversation list churning never wake the watcher;
//   - while none is (first render, a generic title, a stale name, a layout Reopen doesn't know), the main
//     region is observed with text changes too, since React updates a heading's text in place.
// A mutation batch only notes the time: one timer per quiet window, not a clear + set per batch (the main region
// churns with every message, and ctx's timers each leave a listener behind until the context ends).
import type { IdentityReading } from './identity';
import { MAIN } from './page-geometry';
import { findAnchor } from './selectors';

export interface HeaderWatchOptions {
  debounceMs: number;
  setTimeout: (handler: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
  /** Milliseconds on a monotonic clock (performance.now in the page). */
  now(): number;
  /** Reads the identity signals now. */
  read(): IdentityReading;
  /** The identity after the page settled. */
  onReading(reading: IdentityReading): void;
}

export interface HeaderWatcher {
  /** Read now and look the region up again (at start, and after a thread switch React may have replaced it).
   *  Nothing is observed before the first call. */
  rescope(): IdentityReading;
  stop: () => void;
}

/** The element to observe for a reading: the header for a trusted name, else the whole main region. */
function regionFor(doc: Document, reading: IdentityReading | null): { target: Element | null; narrow: boolean } {
  if (reading?.status === 'trusted') {
    const header = findAnchor(doc, 'conversationHeader')?.element;
    const source = reading.source ? reading.elements[reading.source] : undefined;
    const target = header ?? source?.parentElement ?? null;
    if (target) return { target, narrow: true };
  }
  return { target: doc.querySelector(MAIN) ?? doc.body, narrow: false };
}

export function watchConversationHeader(doc: Document, options: HeaderWatchOptions): HeaderWatcher {
  let observed: Element | null = null;
  let observedNarrow = false;
  let pending: number | null = null;
  let lastChangeAt = 0;
  let stopped = false;

  const observer = new MutationObserver(() => {
    lastChangeAt = options.now();
    if (pending === null) pending = options.setTimeout(settle, options.debounceMs);
  });

  function observe(reading: IdentityReading | null) {
    const { target, narrow } = regionFor(doc, reading);
    if (target === observed && narrow === observedNarrow) return;
    observer.disconnect();
    observed = target;
    observedNarrow = narrow;
    if (target) observer.observe(target, { childList: true, subtree: true, characterData: true });
  }

  function settle() {
    pending = null;
    if (stopped) return;
    const quietFor = options.now() - lastChangeAt;
    if (quietFor < options.debounceMs) {
      pending = options.setTimeout(settle, options.debounceMs - quietFor);
      return;
    }
    const reading = options.read();
    observe(reading);
    options.onReading(reading);
  }

  function rescope(): IdentityReading {
    const reading = options.read();
    if (!stopped) observe(reading);
    return reading;
  }

  return {
    rescope,
    stop() {
      stopped = true;
      observer.disconnect();
      if (pending !== null) options.clearTimeout(pending);
    },
  };
}
