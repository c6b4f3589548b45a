// First import: Zod must be jitless before any schema below is built (lib/zod-jitless.ts says why).
import '@/lib/zod-jitless';
import { browser } from 'wxt/browser';
import { createGraphClient } from '@/lib/graph';
import { createHandlers } from './handler-map';
import { createServices } from './services';
import { ensureRetentionAlarm, LABELS_ALARM, onRetentionAlarm, onWorkerStart, reconcileWaker, restrictToTrustedContexts, RETENTION_ALARM } from './lifecycle';
import { RECONCILE_ALARM } from '@/lib/send/reconcile';
import { relayOpenPanel } from '@/lib/messaging/commands';
import { tellInboxTabs } from '@/lib/messaging/rows-changed';
import { changesRowFacts, pagesWithLabelChanges } from '@/lib/urgency/row-changes';
import { createRouter } from '@/lib/messaging/router';
import { readManagedConfig } from '@/lib/settings/managed';
import { blockedPages, createToolbarSync, ensureToolbarAlarm, TOOLBAR_ALARM, touchesCount, type BadgeApi } from '@/lib/urgency/toolbar';
import { createClosingNotifier, createNotifiedStore, openNotifiedConversation } from '@/lib/urgency/notify';

// Wiring only (DESIGN.md §3): every listener is registered synchronously at the top of main, so an event that
// wakes the worker finds its listener; the work itself lives in lib/.
export default defineBackground(() => {
  const services = createServices({
    now: () => Date.now(),
    createGraph: (version) => createGraphClient({ version }),
    managed: () => readManagedConfig(browser.storage.managed),
    openOptionsPage: () => browser.runtime.openOptionsPage(),
    commands: async () => (await browser.commands?.getAll()) ?? [],
    wakeReconciler: (at) => wakeReconciler(at),
    onLockMissing: (kind) => console.error(`[reopen] ${kind}: sends are serialised in this worker only`),
    onUrgencyListing: () => void toolbar.update(),
    wakeLabels: (at) => wakeLabels(at),
    browserLanguage: () => globalThis.navigator?.language,
  });
  // The toolbar count (issue 11): on a listing read, on any write to a thread (a send, a resolution), once a minute.
  const toolbar = createToolbarSync({
    action: browser.action ?? (browser as unknown as { browserAction?: BadgeApi }).browserAction,
    count: () => services.urgency.needingAction(),
    // A Page Meta restricted (10/1893063): the title names it and the badge changes colour (its text stays the count).
    blockedPages: () => blockedPages(services.store, Date.now()),
    language: async () => (await services.settings.effective()).language,
    browserLanguage: () => globalThis.navigator?.language,
  });
  // The closing-window notification (issue 11, off by default): checked with the toolbar's minute alarm, from stored
  // facts and the listing the badges already read (no Graph call of its own). browser.notifications exists only while the optional permission is granted, so it is read late.
  const NOTIFICATIONS = { permissions: ['notifications' as const] };
  const closing = createClosingNotifier({
    listThreads: () => services.urgency.storedRecords(),
    settings: () => services.settings.effective(),
    browserLanguage: () => globalThis.navigator?.language,
    permitted: () => browser.permissions.contains(NOTIFICATIONS).catch(() => false),
    notified: createNotifiedStore(),
    show: async (id, text) =>
      browser.notifications?.create(id, { type: 'basic', iconUrl: browser.runtime.getURL('/icon/128.png'), title: text.title, message: text.message }),
    now: () => Date.now(),
  });
  const checkClosing = () => void closing.check().catch((error) => console.error(`[reopen] closing notification: ${(error as Error)?.name}`));
  const onNotificationClick = (id: string) =>
    void openNotifiedConversation(id, {
      getThread: (pageId, psid) => services.store.getThread(pageId, psid),
      tabs: browser.tabs,
      windows: browser.windows,
      clear: (notificationId) => browser.notifications?.clear(notificationId) ?? Promise.resolve(false),
    }).catch(() => undefined);
  const listenToNotificationClicks = () => {
    const clicked = browser.notifications?.onClicked;
    if (clicked && !clicked.hasListener(onNotificationClick)) clicked.addListener(onNotificationClick);
  };
  listenToNotificationClicks();
  // Granted while this worker runs: the API appears now, and the click listener with it.
  browser.permissions.onAdded?.addListener(() => {
    listenToNotificationClicks();
    checkClosing();
  });
  const wakeReconciler = reconcileWaker({ alarms: browser.alarms, now: () => Date.now(), run: () => void services.reconciler.runDue() });
  // Labels in Business Suite (issue 22): each Page's next transition, and every minute with the toolbar's alarm.
  const syncLabels = () => void started.then(() => services.labels.run()).catch((error) => console.error(`[reopen] labels: ${(error as Error)?.name}`));
  const wakeLabels = reconcileWaker({ alarms: browser.alarms, now: () => Date.now(), run: syncLabels, alarm: LABELS_ALARM, keepEarliest: true });
  const started = onWorkerStart(services);
  const route = createRouter(createHandlers(services), {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, ''),
    onInternalError: (type, errorName) => console.error(`[reopen] ${type} failed: ${errorName}`),
  });

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    // Recovery first: a send must see the `unknown` left by a dead worker (both count for the cooldown anyway).
    void started.then(
      () => route(message, sender, sendResponse),
      () => route(message, sender, sendResponse),
    );
    return true;
  });
  browser.runtime.onInstalled.addListener(() => {
    void ensureRetentionAlarm(browser.alarms);
    void ensureToolbarAlarm(browser.alarms);
    void toolbar.update();
  });
  browser.runtime.onStartup.addListener(() => {
    void ensureRetentionAlarm(browser.alarms);
    void ensureToolbarAlarm(browser.alarms);
    void toolbar.update();
  });
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && touchesCount(Object.keys(changes))) void toolbar.update();
    // A send, a customer's new message (from any tab): the inbox tabs' row badges ask again now, not in a minute.
    if (area === 'local' && changesRowFacts(changes)) void tellInboxTabs(browser.tabs);
    if (area === 'local' && 'settings' in changes) checkClosing();
    // A send or a block from Meta on a thread: that Page's labels follow within seconds.
    if (area === 'local') for (const pageId of pagesWithLabelChanges(changes)) services.labels.poke(pageId);
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === TOOLBAR_ALARM) {
      void toolbar.update();
      checkClosing();
      syncLabels();
    }
    if (alarm.name === LABELS_ALARM) syncLabels();
    if (alarm.name === RETENTION_ALARM) void onRetentionAlarm(services);
    if (alarm.name === RECONCILE_ALARM) void started.then(() => services.reconciler.runDue());
  });
  browser.storage.managed?.onChanged?.addListener(() => {
    void services.pages.syncManaged();
    syncLabels();
  });
  // The keyboard shortcut (manifest `commands`) opens the reopen panel in the inbox tab on screen.
  browser.commands?.onCommand.addListener((command, tab) => void relayOpenPanel(browser.tabs, command, tab));

  void restrictToTrustedContexts(browser.storage.local);
});
