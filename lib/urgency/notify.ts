import { z } from 'zod';
import { storage } from 'wxt/utils/storage';
import { formatDuration, resolveLocale, t, type Locale } from '../i18n';
import { buildInboxUrl } from '../inbox/links';
import { parseInboxUrl } from '../inbox/url';
import { windowState, WINDOW_MS } from '../policy/window';
import type { Settings, ThreadRecord } from '../storage/schema';

// The optional desktop notification (issue 11): a conversation the agent opened whose 24 h window is about to close.
// This module decides (which threads to notify now, the words, which tab a click goes to); the background only
// hands it the browser's APIs. It reads stored facts only (the threads the agent opened in the inbox, which is what
// the background records), never Graph: the check runs on the toolbar's minute alarm at no cost to Meta's limits.

/** Notifications shown by one check at most: turning the setting on with many conversations closing shows the most
 *  urgent few, the rest in the following minutes, instead of a burst of desktop pop-ups. */
export const MAX_NOTICES_PER_CHECK = 3;
/** Windows remembered at most (newest kept); every entry is dropped anyway once its window has closed. */
export const MAX_REMEMBERED = 500;
/** The storage key of what was notified, so a restarted worker does not notify the same window twice. */
export const NOTIFIED_STORAGE_KEY = 'local:closingNotified' as const;
/** Prefix of Reopen's notification ids: the click listener ignores any other. */
export const NOTIFICATION_PREFIX = 'reopen-closing|';

/** One window notified: the thread and its customer's last message (C), which identifies the window. */
export const notifiedEntrySchema = z.object({
  pageId: z.string(),
  psid: z.string(),
  /** C of the window notified: a new customer message opens a new window, which may be notified again. */
  windowOf: z.number(),
  /** When the notification was shown. */
  at: z.number(),
});
export type NotifiedEntry = z.infer<typeof notifiedEntrySchema>;

export interface ClosingNotice {
  pageId: string;
  psid: string;
  customerName: string | null;
  selectedItemId: string | null;
  platform?: 'messenger' | 'instagram';
  /** C + 24 h. */
  closesAt: number;
  windowOf: number;
}

export interface ClosingCheckInput {
  /** The stored threads: those the agent opened in the inbox (or sent to). */
  threads: readonly ThreadRecord[];
  settings: Pick<Settings, 'closesSoonMinutes' | 'notifyClosing'>;
  /** Whether the browser granted the optional `notifications` permission. */
  permitted: boolean;
  notified: readonly NotifiedEntry[];
  now: number;
}

export interface ClosingCheck {
  /** To show now, the nearest close first. */
  notify: ClosingNotice[];
  /** What to remember from now on (the shown ones added, closed windows dropped, bounded). */
  notified: NotifiedEntry[];
  /** Whether `notified` differs from the input's (a write is due). */
  changed: boolean;
}

const windowKey = (pageId: string, psid: string, windowOf: number) => `${pageId}\u0000${psid}\u0000${windowOf}`;

/**
 * Which threads to notify now: the setting on, the permission granted, the window open and closing within the
 * "closes soon" threshold (the toolbar count's rule: `closesAt − now ≤ threshold`), and this window not notified
 * before. Pure: the caller remembers `notified` before showing anything.
 */
export function closingNotices(input: ClosingCheckInput): ClosingCheck {
  const { now } = input;
  // A window that has closed can never be notified again (only open ones are): its entry can go.
  const kept = input.notified.filter((entry) => entry.windowOf + WINDOW_MS > now);
  const seen = new Set(kept.map((entry) => windowKey(entry.pageId, entry.psid, entry.windowOf)));
  const candidates: ClosingNotice[] = [];
  if (input.settings.notifyClosing === true && input.permitted) {
    const thresholdMs = Math.max(0, input.settings.closesSoonMinutes) * 60_000;
    for (const thread of input.threads) {
      const customerAt = thread.facts?.customerLastMessageAt ?? null;
      if (customerAt === null) continue;
      const window = windowState(customerAt, now);
      if (window.state !== 'open' || window.windowClosesAt === null) continue;
      if (window.windowClosesAt - now > thresholdMs) continue;
      if (seen.has(windowKey(thread.pageId, thread.psid, customerAt))) continue;
      candidates.push({
        pageId: thread.pageId,
        psid: thread.psid,
        customerName: thread.customerName,
        selectedItemId: thread.selectedItemId,
        ...(thread.platform === 'instagram' ? { platform: thread.platform } : {}),
        closesAt: window.windowClosesAt,
        windowOf: customerAt,
      });
    }
  }
  const notify = candidates.sort((a, b) => a.closesAt - b.closesAt).slice(0, MAX_NOTICES_PER_CHECK);
  const added = notify.map((notice) => ({ pageId: notice.pageId, psid: notice.psid, windowOf: notice.windowOf, at: now }));
  const all = [...kept, ...added];
  const notified = all.length > MAX_REMEMBERED ? [...all].sort((a, b) => b.at - a.at).slice(0, MAX_REMEMBERED) : all;
  const changed = added.length > 0 || notified.length !== input.notified.length;
  return { notify, notified, changed };
}

/** The notification's id: one per thread, so a later window's notice replaces an earlier one still on screen. */
export function notificationId(notice: Pick<ClosingNotice, 'pageId' | 'psid'>): string {
  return `${NOTIFICATION_PREFIX}${notice.pageId}|${notice.psid}`;
}

/** The thread a notification id names; null for an id that is not Reopen's closing notice. */
export function parseNotificationId(id: string): { pageId: string; psid: string } | null {
  if (!id.startsWith(NOTIFICATION_PREFIX)) return null;
  const [pageId, psid, ...rest] = id.slice(NOTIFICATION_PREFIX.length).split('|');
  return pageId && psid && rest.length === 0 ? { pageId, psid } : null;
}

export interface NotificationText {
  title: string;
  message: string;
}

/** The words, in the agent's language: the customer's name and the time left. Nothing else (no token, no ids). */
export function closingNotificationText(notice: ClosingNotice, now: number, locale: Locale): NotificationText {
  const name = notice.customerName?.trim() || t(locale, 'notify.closing.unnamed');
  return {
    title: t(locale, 'notify.closing.title'),
    message: t(locale, 'notify.closing.message', { name, duration: formatDuration(notice.closesAt - now, locale) }),
  };
}

/** The stored list of notified windows; an unreadable value reads as empty (at worst one notice shown again). */
export interface NotifiedStore {
  get(): Promise<NotifiedEntry[]>;
  set(entries: NotifiedEntry[]): Promise<void>;
}

export function createNotifiedStore(): NotifiedStore {
  const item = storage.defineItem<unknown>(NOTIFIED_STORAGE_KEY);
  return {
    async get() {
      const parsed = notifiedEntrySchema.array().safeParse(await item.getValue());
      return parsed.success ? parsed.data : [];
    },
    async set(entries) {
      await item.setValue(entries);
    },
  };
}

export interface ClosingNotifierDeps {
  listThreads: () => Promise<ThreadRecord[]>;
  settings: () => Promise<Settings>;
  browserLanguage: () => string | undefined;
  /** Whether the `notifications` permission is granted now (the agent may have revoked it in the browser). */
  permitted: () => Promise<boolean>;
  notified: NotifiedStore;
  show: (id: string, text: NotificationText) => Promise<unknown>;
  now: () => number;
}

/**
 * Runs the check and shows what it decided. What is notified is written before anything is shown: a worker that
 * stops in between loses a notice, never shows one twice; a write that fails (storage full) shows nothing.
 * Checks never overlap (a second waits for the first), so two alarms cannot notify the same window.
 */
export function createClosingNotifier(deps: ClosingNotifierDeps): { check(): Promise<ClosingNotice[]> } {
  let last: Promise<unknown> = Promise.resolve();
  async function run(): Promise<ClosingNotice[]> {
    const settings = await deps.settings();
    const notified = await deps.notified.get();
    // Off: no permission is asked about and no thread is read; only closed windows are forgotten.
    const enabled = settings.notifyClosing === true;
    const [permitted, threads] = enabled ? await Promise.all([deps.permitted(), deps.listThreads()]) : [false, []];
    const now = deps.now();
    const decision = closingNotices({ threads, settings, permitted, notified, now });
    if (decision.changed) await deps.notified.set(decision.notified);
    const locale = resolveLocale(settings.language, deps.browserLanguage());
    for (const notice of decision.notify) {
      await deps.show(notificationId(notice), closingNotificationText(notice, now, locale)).catch(() => undefined);
    }
    return decision.notify;
  }
  return {
    check() {
      const next = last.then(run, run);
      last = next.catch(() => undefined);
      return next;
    },
  };
}

/** The parts of a browser tab the click handler reads. */
export interface TabLike {
  id?: number;
  windowId?: number;
  url?: string;
}

/** An inbox tab already showing the conversation (same Page, same selected item), to focus instead of opening one. */
export function tabShowingConversation<T extends TabLike>(tabs: readonly T[], target: { pageId: string; selectedItemId: string | null }): T | null {
  if (!target.selectedItemId) return null;
  for (const tab of tabs) {
    const location = tab.url ? parseInboxUrl(tab.url) : null;
    if (location && location.pageId === target.pageId && location.selectedItemId === target.selectedItemId && tab.id !== undefined) return tab;
  }
  return null;
}

export interface OpenConversationDeps {
  getThread: (pageId: string, psid: string) => Promise<ThreadRecord | null>;
  tabs: {
    query(info: { url: string }): Promise<TabLike[]>;
    update(tabId: number, info: { active: boolean }): Promise<unknown>;
    create(info: { url: string }): Promise<unknown>;
  };
  windows?: { update(windowId: number, info: { focused: boolean }): Promise<unknown> };
  clear: (id: string) => Promise<unknown>;
}

/** A click on a closing notice: focus the inbox tab showing that conversation, else open it; then clear the notice. */
export async function openNotifiedConversation(id: string, deps: OpenConversationDeps): Promise<'focused' | 'opened' | 'ignored'> {
  const target = parseNotificationId(id);
  if (!target) return 'ignored';
  await deps.clear(id).catch(() => undefined);
  const thread = await deps.getThread(target.pageId, target.psid);
  const selectedItemId = thread?.selectedItemId ?? null;
  const tabs = await deps.tabs.query({ url: 'https://business.facebook.com/latest/inbox*' }).catch(() => []);
  const tab = tabShowingConversation(tabs, { pageId: target.pageId, selectedItemId });
  if (tab && tab.id !== undefined) {
    await deps.tabs.update(tab.id, { active: true });
    if (tab.windowId !== undefined) await deps.windows?.update(tab.windowId, { focused: true }).catch(() => undefined);
    return 'focused';
  }
  const platform = thread?.platform;
  await deps.tabs.create({ url: buildInboxUrl({ pageId: target.pageId, selectedItemId, ...(platform ? { platform } : {}) }) });
  return 'opened';
}
