// Keeps Reopen's banner just before Business Suite's composer row (beside React's nodes, never inside) from
// the moment the row renders, follows React when it replaces the row, and takes the banner out when the
// row goes away.
//
// Why this loop and not WXT's autoMount (STYLE item 8): autoMount waits with a MutationObserver on the
// whole document ({childList, subtree, attributes}) and re-runs the anchor lookup for every mutation
// record, so every React commit anywhere on the page paid for document-wide queries per changed node. On
// the churning inbox of scripts/bench/browser.bench.ts that added ~30 % script and ~14 % main-thread time
// to the host page (bench/results.json, hostPageCost; the target is ≤ 5 %). Here:
//   - while the banner sits beside a row, only the childList of the row's ancestors is observed (no
//     subtree): the row or the banner can only leave the document through a childList change of one of
//     them, so the message log, the conversation list and typing indicators never wake this loop;
//   - while there is no row, the document's structure is observed (childList only, no attributes) and
//     the selector registry runs at most once per frame, however many commits arrive;
//   - every check first asks the cheap question (is our row still connected, the banner beside it?) and
//     runs the registry only when the row is gone;
//   - nothing is observed while the tab is hidden; showing it again checks at once.
import { COMPOSER_ANCHOR_SELECTOR, markComposerRegion } from './selectors';

export interface ComposerMountHooks {
  /** Puts the UI just before `row` (or moves it there) and returns the element inserted before the row. */
  mount(row: Element): Element;
  /** Takes the UI out: the row is gone and no other composer is there. */
  unmount(): void;
  /** Runs `check` once before the next paint (requestAnimationFrame through ctx in the content script). */
  requestFrame(check: () => void): void;
}

export interface ComposerMount {
  /** The composer row the UI sits beside, or null while there is none. */
  readonly row: Element | null;
  /** Checks now rather than at the next frame (start-up, before falling back to the floating banner); also
   *  while paused, without observing again. */
  check(): void;
  /** Stops observing (the tab is hidden): a background tab's churn costs nothing. */
  pause(): void;
  /** Checks at once and observes again. */
  resume(): void;
  stop(): void;
}

/** The composer row the registry finds now (marked, so a later lookup is one query), or null. */
function findComposerRow(doc: Document): Element | null {
  markComposerRegion(doc);
  return doc.querySelector(COMPOSER_ANCHOR_SELECTOR);
}

/** Starts at once: mounts beside the row if it is there, else waits for it. */
export function mountBesideComposer(doc: Document, hooks: ComposerMountHooks): ComposerMount {
  let row: Element | null = null;
  let ui: Element | null = null;
  let frameRequested = false;
  let paused = false;
  let stopped = false;

  const observer = new MutationObserver(() => {
    if (frameRequested || paused || stopped) return;
    frameRequested = true;
    hooks.requestFrame(runFrameCheck);
  });

  function runFrameCheck() {
    frameRequested = false;
    check();
  }

  function observe() {
    observer.disconnect();
    if (paused || stopped) return;
    if (row) {
      // Every ancestor up to the document: a row (or banner) leaving the page is a childList change of one of them.
      for (let node: Node | null = row.parentNode; node; node = node.parentNode) observer.observe(node, { childList: true });
    } else {
      observer.observe(doc, { childList: true, subtree: true });
    }
  }

  function check() {
    if (stopped) return;
    if (row?.isConnected && ui?.isConnected && ui.parentNode === row.parentNode) {
      // In place. Re-observe anyway: an ancestor may have been moved, which changes the chain above the row.
      observe();
      return;
    }
    const next = row?.isConnected ? row : findComposerRow(doc);
    if (next) {
      ui = hooks.mount(next);
    } else if (ui) {
      ui = null;
      hooks.unmount();
    }
    row = next;
    observe();
  }

  check();
  return {
    get row() {
      return row;
    },
    check,
    pause() {
      paused = true;
      observer.disconnect();
    },
    resume() {
      if (stopped) return;
      paused = false;
      check();
    },
    stop() {
      stopped = true;
      observer.disconnect();
    },
  };
}
