// Which conversation is on screen and who it is with, as the content script follows it: the URL's conversation
// (WXT's wxt:locationchange), the customer's name read from the page (lib/inbox/identity.ts) once it settles
// (lib/inbox/header-watch.ts), and the layout report that goes with each reading. It tells the inbox store
// (./inbox-store.ts) what to show; the store's `location` is the conversation followed here.
//   - The page keeps the previous customer's name for a moment after the URL changes: for the new conversation a
//     reading equal to it is stale unless the selection proves it.
//   - The agent's last click, when it came just before the URL changed, is the click that selected the conversation
//     (its card is the selected one).
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { checkLayout, sameHealth } from '../inbox/health';
import { watchConversationHeader } from '../inbox/header-watch';
import { readIdentity, switchClickTarget, type IdentityReading } from '../inbox/identity';
import type { LayoutHealth } from '../inbox/layout-health';
import type { ContextTimers } from '../inbox/timers';
import { parseInboxUrl, sameConversation } from '../inbox/url';
import { readPane, samePane } from '../inbox/pane-messages';
import { watchPane } from '../inbox/pane-watch';
import type { PaneReading } from '../inbox/schema';
import type { InboxStore } from './inbox-store';

/** How long the page must be quiet before the customer's name is read again. */
export const HEADER_DEBOUNCE_MS = 150;
/** How long the message pane must be quiet before its messages are read again. */
export const PANE_DEBOUNCE_MS = 300;

/**
 * Follows the conversation on the page for `store`, from now until `ctx` ends: reads who it is with now, and again
 * after every switch (the store's `location` changes then). `report` sends a layout report that says something new
 * (inbox.health). Returns the layout check, for the caller to run when the layout may have changed (the UI mounted
 * beside the composer or fell back to floating).
 */
export function trackConversation(
  ctx: Pick<ContentScriptContext, 'addEventListener' | 'onInvalidated'>,
  store: Pick<InboxStore, 'actions' | 'getState'>,
  timers: ContextTimers,
  report: (health: LayoutHealth) => void,
): () => void {
  const clock = () => performance.now();
  let location = parseInboxUrl(window.location.href);
  let staleName: string | null = null;
  let lastClick: { target: Element; at: number } | null = null;
  let switchClick: Element | null = null;
  let lastHealth: LayoutHealth | null = null;
  let lastReading: IdentityReading | null = null;

  const reportHealth = () => {
    const health = checkLayout(document, window.location.href, Date.now(), lastReading);
    if (sameHealth(lastHealth, health)) return;
    lastHealth = health;
    report(health);
  };
  /** `pane`, on a switch: the new conversation's pane goes with it, so the background is asked once, with both. */
  const show = (reading: IdentityReading, pane?: PaneReading | null) => {
    lastReading = reading;
    store.actions.showConversation(location, reading.name, { status: reading.status, conflicting: reading.conflicting }, pane);
  };

  const header = watchConversationHeader(document, {
    ...timers,
    debounceMs: HEADER_DEBOUNCE_MS,
    now: clock,
    read: () => readIdentity(document, { selectedItemId: location?.selectedItemId ?? null, clickedTarget: switchClick, staleName }),
    onReading: (reading) => {
      show(reading);
      reportHealth();
    },
  });
  ctx.onInvalidated(header.stop);

  // The pane's messages, the proof of a person found by name. Right after a switch the pane may still show the
  // previous conversation's: a reading equal to the last one reported for it is not this conversation's, and is not
  // reported.
  let stalePane: PaneReading | null = null;
  let lastPane: PaneReading | null = null;
  /** What to report of a pane reading: none while it is the previous conversation's. */
  const paneToShow = (reading: PaneReading): PaneReading | null => {
    if (stalePane && samePane(stalePane, reading)) return null;
    stalePane = null;
    if (reading.status === 'read') lastPane = reading;
    return reading;
  };
  const showPane = (reading: PaneReading) => store.actions.showPane(paneToShow(reading));
  const pane = watchPane(document, {
    ...timers,
    debounceMs: PANE_DEBOUNCE_MS,
    now: clock,
    read: () => readPane(document, Date.now(), store.getState().displayName),
    onReading: showPane,
  });
  ctx.onInvalidated(pane.stop);

  // The pane first: the first ask for this conversation carries its messages.
  showPane(pane.rescan());
  show(header.rescan());

  ctx.addEventListener(
    document,
    'click',
    (event) => {
      if (event.target instanceof Element) lastClick = { target: event.target, at: clock() };
    },
    { capture: true, passive: true },
  );
  ctx.addEventListener(window, 'wxt:locationchange', (event) => {
    const next = parseInboxUrl(event.newUrl);
    if (sameConversation(location, next)) return;
    staleName = store.getState().displayName;
    switchClick = switchClickTarget(lastClick, clock());
    location = next;
    // Until the pane shows something else than the previous conversation's messages, it is reported as none.
    stalePane = lastPane;
    show(header.rescan(), paneToShow(pane.rescan()));
  });
  return reportHealth;
}
