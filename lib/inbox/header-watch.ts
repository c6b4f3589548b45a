// The customer's name renders after the URL changes, so the content script watches the conversation
// header — one debounced MutationObserver scoped to that region, never a polling loop. While the header
// is missing (first render, or a layout Reopen doesn't know) it watches the main region for its arrival.
// A mutation batch only notes the time: one timer per quiet window, not a clear + set per batch (the
// main region churns with every message while the header is missing, and ctx's timers each leave a
// listener behind until the context ends).
import { findAnchor, readDisplayName } from './selectors';

export interface HeaderWatchOptions {
  debounceMs: number;
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
  /** Milliseconds on a monotonic clock (performance.now in the page). */
  now(): number;
  /** The header's name after it settled (null when the header is gone). */
  onName(name: string | null): void;
}

export interface HeaderWatcher {
  /** Look the header up again (after a thread switch React may have replaced it). */
  rescope(): void;
  stop(): void;
}

export function watchConversationHeader(doc: Document, options: HeaderWatchOptions): HeaderWatcher {
  let observed: Element | null = null;
  let pending: number | null = null;
  let lastChangeAt = 0;
  let stopped = false;

  const settle = () => {
    pending = null;
    if (stopped) return;
    const quietFor = options.now() - lastChangeAt;
    if (quietFor < options.debounceMs) {
      pending = options.setTimeout(settle, options.debounceMs - quietFor);
      return;
    }
    // The region may have been replaced, or may just have appeared: re-scope before reading.
    if (!observed?.isConnected || observed === fallbackTarget()) rescope();
    options.onName(readDisplayName(doc));
  };

  const observer = new MutationObserver(() => {
    lastChangeAt = options.now();
    if (pending === null) pending = options.setTimeout(settle, options.debounceMs);
  });

  function fallbackTarget(): Element | null {
    return doc.querySelector('[role="main"]') ?? doc.body;
  }

  function rescope() {
    if (stopped) return;
    const header = findAnchor(doc, 'conversationHeader')?.element ?? null;
    const target = header ?? fallbackTarget();
    if (target === observed) return;
    observer.disconnect();
    observed = target;
    if (!target) return;
    // Without the header, only structure changes matter (waiting for it to appear): no characterData.
    observer.observe(target, header ? { childList: true, subtree: true, characterData: true } : { childList: true, subtree: true });
  }

  rescope();
  return {
    rescope,
    stop() {
      stopped = true;
      observer.disconnect();
      if (pending !== null) options.clearTimeout(pending);
    },
  };
}
