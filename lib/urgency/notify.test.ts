// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyThread } from '../storage/store';
import type { ThreadRecord } from '../storage/schema';
import { ACME, BETA, DAY, HOUR, PSID, START, startBackground, type TestBackground } from '../../tests/support/background';
import {
  closingNotices,
  closingNotificationText,
  createClosingNotifier,
  createNotifiedStore,
  MAX_NOTICES_PER_CHECK,
  MAX_REMEMBERED,
  NOTIFIED_STORAGE_KEY,
  notificationId,
  openNotifiedConversation,
  parseNotificationId,
  type ClosingCheckInput,
  type NotifiedEntry,
  type NotificationText,
} from './notify';

// The closing-window notification: which threads are notified (threshold edges, once per window, a new window again,
// never for closed/expired ones, never while off or without the permission, never twice across a worker restart), its
// words, and where a click goes.

const MIN = 60_000;
const THRESHOLD = 120;
const NOW = START;

/** A stored thread whose customer last wrote at `customerAt`: its window closes at customerAt + 24 h. */
const thread = (psid: string, name: string | null, customerAt: number | null, over: Partial<ThreadRecord> = {}): ThreadRecord => ({
  ...emptyThread(ACME.id, psid, START - DAY),
  customerName: name,
  selectedItemId: psid,
  facts: customerAt === null ? null : { customerLastMessageAt: customerAt, pageLastMessageAt: null, checkedAt: START - HOUR },
  ...over,
});
/** A thread whose window closes `left` ms after NOW. */
const closingIn = (psid: string, left: number, name: string | null = `Customer ${psid}`) => thread(psid, name, NOW + left - DAY);

const input = (over: Partial<ClosingCheckInput> = {}): ClosingCheckInput => ({
  threads: [],
  settings: { closesSoonMinutes: THRESHOLD, notifyClosing: true },
  permitted: true,
  notified: [],
  now: NOW,
  ...over,
});
const psids = (check: { notify: { psid: string }[] }) => check.notify.map((notice) => notice.psid);

describe('closingNotices: which threads to notify now', () => {
  it('threshold edges: exactly at the threshold notifies, a millisecond over does not', () => {
    const check = closingNotices(input({ threads: [closingIn('at', THRESHOLD * MIN), closingIn('over', THRESHOLD * MIN + 1)] }));
    expect(psids(check)).toEqual(['at']);
    expect(check.notify[0]).toMatchObject({ pageId: ACME.id, customerName: 'Customer at', closesAt: NOW + THRESHOLD * MIN });
  });

  it('the threshold is the setting: 30 minutes leaves a thread 40 minutes from closing alone', () => {
    const threads = [closingIn('a', 40 * MIN), closingIn('b', 25 * MIN)];
    expect(psids(closingNotices(input({ threads, settings: { closesSoonMinutes: 30, notifyClosing: true } })))).toEqual(['b']);
  });

  it('closed, expired or unknown windows are never notified', () => {
    const threads = [
      thread('closing-now', 'Just closed', NOW - DAY), // exactly 24 h: already human_agent
      thread('human', 'Expired', NOW - 2 * DAY),
      thread('closed', 'Closed', NOW - 8 * DAY),
      thread('no-c', 'No C', null),
      closingIn('open', 10 * MIN),
    ];
    expect(psids(closingNotices(input({ threads })))).toEqual(['open']);
  });

  it('the setting off, or absent (the default), never notifies; neither does a missing permission', () => {
    const threads = [closingIn('a', 10 * MIN)];
    expect(closingNotices(input({ threads, settings: { closesSoonMinutes: THRESHOLD, notifyClosing: false } })).notify).toEqual([]);
    expect(closingNotices(input({ threads, settings: { closesSoonMinutes: THRESHOLD } })).notify).toEqual([]);
    expect(closingNotices(input({ threads, permitted: false })).notify).toEqual([]);
  });

  it('once per window: the next minutes stay silent for the same window', () => {
    const threads = [closingIn('a', 90 * MIN)];
    const first = closingNotices(input({ threads }));
    expect(psids(first)).toEqual(['a']);
    expect(first.changed).toBe(true);
    for (const later of [1, 30, 89]) {
      const again = closingNotices(input({ threads, notified: first.notified, now: NOW + later * MIN }));
      expect(again.notify).toEqual([]);
      expect(again.changed).toBe(false);
    }
  });

  it('a new customer message opens a new window, which is notified again when it nears its close', () => {
    const first = closingNotices(input({ threads: [closingIn('a', 60 * MIN)] }));
    // The customer wrote 30 minutes later: the new window closes 24 h after that.
    const renewed = thread('a', 'Customer a', NOW + 30 * MIN);
    const soon = closingNotices(input({ threads: [renewed], notified: first.notified, now: NOW + 31 * MIN }));
    expect(soon.notify).toEqual([]);
    const nearClose = NOW + 30 * MIN + DAY - 100 * MIN;
    expect(psids(closingNotices(input({ threads: [renewed], notified: soon.notified, now: nearClose })))).toEqual(['a']);
  });

  it('the same psid on two Pages is two threads', () => {
    const threads = [closingIn('a', 10 * MIN), { ...closingIn('a', 10 * MIN), pageId: BETA.id }];
    expect(
      closingNotices(input({ threads }))
        .notify.map((notice) => notice.pageId)
        .sort(),
    ).toEqual([ACME.id, BETA.id].sort());
  });

  it('the most urgent few first; the others in the next checks, none lost, none twice', () => {
    const threads = [50, 10, 40, 20, 30].map((minutes) => closingIn(`m${minutes}`, minutes * MIN));
    const first = closingNotices(input({ threads }));
    expect(first.notify).toHaveLength(MAX_NOTICES_PER_CHECK);
    expect(psids(first)).toEqual(['m10', 'm20', 'm30']);
    const second = closingNotices(input({ threads, notified: first.notified, now: NOW + MIN }));
    expect(psids(second)).toEqual(['m40', 'm50']);
    expect(closingNotices(input({ threads, notified: second.notified, now: NOW + 2 * MIN })).notify).toEqual([]);
  });

  it('remembers only open windows, and at most MAX_REMEMBERED of them', () => {
    const closedLongAgo: NotifiedEntry = { pageId: ACME.id, psid: 'old', windowOf: NOW - 2 * DAY, at: NOW - DAY - HOUR };
    const pruned = closingNotices(input({ notified: [closedLongAgo] }));
    expect(pruned).toMatchObject({ notify: [], notified: [], changed: true });

    const many: NotifiedEntry[] = Array.from({ length: MAX_REMEMBERED }, (_, index) => ({
      pageId: ACME.id,
      psid: `p${index}`,
      windowOf: NOW - HOUR,
      at: NOW - MAX_REMEMBERED + index,
    }));
    const capped = closingNotices(input({ threads: [closingIn('new', 5 * MIN)], notified: many }));
    expect(capped.notified).toHaveLength(MAX_REMEMBERED);
    expect(capped.notified.some((entry) => entry.psid === 'new')).toBe(true);
    expect(capped.notified.some((entry) => entry.psid === 'p0')).toBe(false);
  });
});

describe('the words and the id', () => {
  const notice = closingNotices(input({ threads: [closingIn('a', 18 * MIN + 30_000, 'Ana Ruiz')] })).notify[0]!;

  it('names the customer and the time left, in the agent’s language', () => {
    expect(closingNotificationText(notice, NOW, 'en')).toEqual({
      title: 'Reply window closing',
      message: 'Ana Ruiz: the reply window closes in 18 min',
    });
    expect(closingNotificationText(notice, NOW, 'es').message).toBe('Ana Ruiz: la ventana de respuesta se cierra en 18 min');
  });

  it('a customer without a name is "a customer"', () => {
    expect(closingNotificationText({ ...notice, customerName: null }, NOW, 'en').message).toMatch(/^A customer: /);
    expect(closingNotificationText({ ...notice, customerName: '  ' }, NOW, 'es').message).toMatch(/^Un cliente: /);
  });

  it('the id names the thread and reads back; other ids are not ours', () => {
    expect(parseNotificationId(notificationId(notice))).toEqual({ pageId: ACME.id, psid: 'a' });
    expect(parseNotificationId('something-else')).toBeNull();
    expect(parseNotificationId('reopen-closing|only-one')).toBeNull();
  });
});

describe('createClosingNotifier: remembers before it shows', () => {
  beforeEach(() => fakeBrowser.reset());

  function notifier(threads: ThreadRecord[], over: { now?: () => number; permitted?: boolean; notifyClosing?: boolean; language?: 'en' | 'es' } = {}) {
    const shown: { id: string; text: NotificationText }[] = [];
    const instance = createClosingNotifier({
      listThreads: async () => threads,
      settings: async () => ({
        graphVersion: 'v25.0',
        language: over.language ?? 'en',
        retentionDays: 90,
        promoTerms: [],
        closesSoonMinutes: THRESHOLD,
        notifyClosing: over.notifyClosing ?? true,
      }),
      browserLanguage: () => 'en-US',
      permitted: async () => over.permitted ?? true,
      notified: createNotifiedStore(),
      show: async (id, text) => void shown.push({ id, text }),
      now: over.now ?? (() => NOW),
    });
    return { instance, shown };
  }

  it('a restarted worker (a fresh notifier on the same storage) does not notify the same window again', async () => {
    const threads = [closingIn('a', 30 * MIN, 'Ana Ruiz')];
    const first = notifier(threads);
    await first.instance.check();
    expect(first.shown.map((entry) => entry.text.message)).toEqual(['Ana Ruiz: the reply window closes in 30 min']);
    const restarted = notifier(threads, { now: () => NOW + MIN });
    expect(await restarted.instance.check()).toEqual([]);
    expect(restarted.shown).toEqual([]);
    expect(await fakeBrowser.storage.local.get(NOTIFIED_STORAGE_KEY.slice('local:'.length))).toEqual({
      closingNotified: [{ pageId: ACME.id, psid: 'a', windowOf: NOW + 30 * MIN - DAY, at: NOW }],
    });
  });

  it('two checks at once (two alarms) show one notification', async () => {
    const { instance, shown } = notifier([closingIn('a', 30 * MIN)]);
    await Promise.all([instance.check(), instance.check(), instance.check()]);
    expect(shown).toHaveLength(1);
  });

  it('off, or without the permission: nothing shown, nothing remembered', async () => {
    for (const over of [{ notifyClosing: false }, { permitted: false }]) {
      fakeBrowser.reset();
      const { instance, shown } = notifier([closingIn('a', 30 * MIN)], over);
      await instance.check();
      expect(shown).toEqual([]);
      expect(await createNotifiedStore().get()).toEqual([]);
    }
  });

  it('a write that fails (storage full) shows nothing: better no notice than one every minute', async () => {
    const { instance, shown } = notifier([closingIn('a', 30 * MIN)]);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockRejectedValueOnce(new Error('QUOTA_BYTES quota exceeded'));
    await expect(instance.check()).rejects.toThrow(/quota/);
    expect(shown).toEqual([]);
    // The next check can still notify (the failure did not poison the queue).
    await instance.check();
    expect(shown).toHaveLength(1);
  });

  it('the notification carries the customer’s name and the time, never the Page token or ids', async () => {
    const { instance, shown } = notifier([closingIn('a', 30 * MIN, 'Ana Ruiz')], { language: 'es' });
    await instance.check();
    const text = JSON.stringify(shown[0]!.text);
    expect(Object.keys(shown[0]!.text).sort()).toEqual(['message', 'title']);
    expect(text).not.toContain(ACME.token);
    expect(text).not.toContain(ACME.id);
    expect(shown[0]!.text.message).toBe('Ana Ruiz: la ventana de respuesta se cierra en 30 min');
  });

  it('an unreadable stored list reads as empty instead of stopping the check', async () => {
    await fakeBrowser.storage.local.set({ closingNotified: 'garbage' });
    const { instance, shown } = notifier([closingIn('a', 30 * MIN)]);
    await instance.check();
    expect(shown).toHaveLength(1);
  });
});

describe('only conversations the agent opened (the stored ones), from stored facts, without Graph calls', () => {
  let bg: TestBackground;
  afterEach(async () => bg?.close());

  it('Ana, opened in the inbox, is notified 22 h later; Diego and Fede, only seen in the listing, are not', async () => {
    bg = await startBackground();
    await bg.services.settings.set({ notifyClosing: true });
    // The agent opens Ana's conversation. Diego's and Fede's windows (open in the scenario) close within 2 h as well
    // 22 h later, but the agent never opened them: only the row badges' listing (kept in memory) sees them.
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null });
    expect(view.status).toBe('resolved');
    bg.sim.clock.advance(22 * HOUR);
    bg.clear();
    const shown: NotificationText[] = [];
    const notices = await createClosingNotifier({
      listThreads: () => bg.services.store.listThreads(),
      settings: () => bg.services.settings.effective(),
      browserLanguage: () => 'en-US',
      permitted: async () => true,
      notified: createNotifiedStore(),
      show: async (_id, text) => void shown.push(text),
      now: () => bg.sim.clock.now(),
    }).check();
    expect(notices.map((notice) => notice.psid)).toEqual([PSID.open]);
    expect(shown).toEqual([{ title: 'Reply window closing', message: 'Ana López: the reply window closes in 1 hr' }]);
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('an administrator who locked the setting off wins over the agent', async () => {
    bg = await startBackground({ managed: { pages: [], settings: { notifyClosing: false } } });
    const view = await bg.services.settings.set({ notifyClosing: true });
    expect(view).toMatchObject({ notifyClosing: false, locked: ['notifyClosing'] });
  });
});

describe('a click on the notification', () => {
  const ID = notificationId({ pageId: ACME.id, psid: PSID.open });
  const record = thread(PSID.open, 'Ana', NOW - HOUR, { selectedItemId: 'item-9' });
  const deps = (tabs: { id?: number; windowId?: number; url?: string }[], stored: ThreadRecord | null = record) => ({
    getThread: vi.fn(async () => stored),
    tabs: { query: vi.fn(async () => tabs), update: vi.fn(async () => undefined), create: vi.fn(async () => undefined) },
    windows: { update: vi.fn(async () => undefined) },
    clear: vi.fn(async () => true),
  });

  it('focuses the inbox tab already showing that conversation, and clears the notice', async () => {
    const d = deps([
      { id: 1, windowId: 10, url: `https://business.facebook.com/latest/inbox/all?asset_id=${ACME.id}&selected_item_id=other` },
      { id: 2, windowId: 20, url: `https://business.facebook.com/latest/inbox/messenger?asset_id=${ACME.id}&selected_item_id=item-9&nav_ref=x` },
    ]);
    expect(await openNotifiedConversation(ID, d)).toBe('focused');
    expect(d.tabs.update).toHaveBeenCalledWith(2, { active: true });
    expect(d.windows.update).toHaveBeenCalledWith(20, { focused: true });
    expect(d.tabs.create).not.toHaveBeenCalled();
    expect(d.clear).toHaveBeenCalledWith(ID);
  });

  it('otherwise opens the conversation in Business Suite (asset_id and selected_item_id)', async () => {
    const d = deps([{ id: 1, windowId: 10, url: `https://business.facebook.com/latest/inbox/all?asset_id=${BETA.id}&selected_item_id=item-9` }]);
    expect(await openNotifiedConversation(ID, d)).toBe('opened');
    const url = new URL((d.tabs.create.mock.calls[0] as unknown as [{ url: string }])[0].url);
    expect(url.origin).toBe('https://business.facebook.com');
    expect(url.searchParams.get('asset_id')).toBe(ACME.id);
    expect(url.searchParams.get('selected_item_id')).toBe('item-9');
    expect(d.clear).toHaveBeenCalledWith(ID);
  });

  it('ignores notifications that are not Reopen’s', async () => {
    const d = deps([]);
    expect(await openNotifiedConversation('other-extension-id', d)).toBe('ignored');
    expect(d.clear).not.toHaveBeenCalled();
    expect(d.tabs.create).not.toHaveBeenCalled();
  });
});
