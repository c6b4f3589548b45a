// The pane's messages change (the conversation renders after a switch, the customer writes, the agent replies): the
// content script reads them again once the pane is quiet, so a person found by name is judged against what is on
// screen now (lib/threads/proof.ts). One settled watcher (./settled-watch.ts), as the header's: on the message region
// when there is one (text changes too), else on the main region's children only until one appears.
import { MAIN } from './page-geometry';
import { messageRegion } from './pane-messages';
import type { PaneReading } from './schema';
import { watchSettled, type SettledWatchOptions, type SettledWatcher } from './settled-watch';

export type PaneWatchOptions = SettledWatchOptions<PaneReading>;
export type PaneWatcher = SettledWatcher<PaneReading>;

const IN_REGION: MutationObserverInit = { childList: true, subtree: true, characterData: true };
const CHILDREN: MutationObserverInit = { childList: true, subtree: true };

export function watchPane(doc: Document, options: PaneWatchOptions): PaneWatcher {
  // The message region found last: kept while it is in the page (looking it up again costs a walk of the pane).
  let found: Element | null = null;
  return watchSettled(options, () => {
    if (found?.isConnected) return null;
    found = messageRegion(doc);
    return found ? { target: found, init: IN_REGION } : { target: doc.querySelector(MAIN) ?? doc.body, init: CHILDREN };
  });
}
