// The customer's name renders after the URL changes (and the live inbox shows a generic title or the previous
// customer's name first, reference §7a), so the content script watches for it (a settled watcher,
// ./settled-watch.ts) and reads the identity signals (lib/inbox/identity.ts) once the page is quiet:
//   - while a name is trusted, only the region it came from is observed (the conversation header when there is
//     one), so the message log and the conversation list churning never wake the watcher;
//   - while none is (first render, a generic title, a stale name, a layout Reopen doesn't know), the main
//     region is observed with text changes too, since React updates a heading's text in place.
import type { IdentityReading } from './identity';
import { MAIN } from './page-geometry';
import { findAnchor } from './selectors';
import { watchSettled, type SettledWatchOptions, type SettledWatcher } from './settled-watch';

export type HeaderWatchOptions = SettledWatchOptions<IdentityReading>;
export type HeaderWatcher = SettledWatcher<IdentityReading>;

// Text changes too: React updates a heading's text in place.
const WITH_TEXT: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** The element to observe after a reading: the header for a trusted name, else the whole main region. */
function regionFor(doc: Document, reading: IdentityReading) {
  if (reading.status === 'trusted') {
    const header = findAnchor(doc, 'conversationHeader')?.element;
    const source = reading.source ? reading.elements[reading.source] : undefined;
    const target = header ?? source?.parentElement ?? null;
    if (target) return { target, init: WITH_TEXT };
  }
  return { target: doc.querySelector(MAIN) ?? doc.body, init: WITH_TEXT };
}

export function watchConversationHeader(doc: Document, options: HeaderWatchOptions): HeaderWatcher {
  return watchSettled(options, (reading) => regionFor(doc, reading));
}
