import { formatDuration, resolveLocale, t, type LanguagePreference, type Locale } from '../i18n';
import { stopBlockHolds } from '../policy';
import type { ReopenStore } from '../storage/store';
import type { ActionCount } from './service';

// The toolbar icon's badge: how many conversations need action now, coloured by the most urgent kind, with a title
// that explains the number. Pure words here; createToolbarSync sets them when the background says so.

/** An open window about to close is the most urgent: once closed, only a tag reaches the customer. */
export const CLOSING_COLOR = '#b3261e';
/** Expired and ready to reopen: no deadline this minute, but work waiting. */
export const READY_COLOR = '#b45309';
/** Meta restricted a Page (10/1893063): the badge keeps its count (DESIGN.md §4: the badge text is the number of
 *  conversations that need action), turns this colour, and the title says which Page first. */
export const PAGE_BLOCKED_COLOR = '#111827';

/** A Page whose block holds, as the toolbar names it. */
export interface BlockedPage {
  pageName: string;
}

export interface ToolbarBadge {
  /** Empty when nothing needs action (Chrome then shows no badge). */
  text: string;
  color: string;
  title: string;
}

export function toolbarBadge(count: ActionCount, locale: Locale, blocked: readonly BlockedPage[] = []): ToolbarBadge {
  const badge = countBadge(count, locale);
  if (blocked.length === 0) return badge;
  const pages = blocked.map((page) => page.pageName).join(', ');
  return { text: badge.text, color: PAGE_BLOCKED_COLOR, title: `${t(locale, 'toolbar.pageBlocked', { pages, count: blocked.length })}\n${badge.title}` };
}

function countBadge(count: ActionCount, locale: Locale): ToolbarBadge {
  const total = count.closing + count.ready;
  // Which conversations were counted, as the popup and the dashboard say it (one truth for urgency).
  const source = t(locale, count.source === 'recent' ? 'toolbar.source.recent' : 'toolbar.source.opened');
  if (total === 0) return { text: '', color: READY_COLOR, title: `${t(locale, 'toolbar.none')}\n${source}` };
  return {
    // The badge has room for about four characters.
    text: total > 999 ? '999+' : String(total),
    color: count.closing > 0 ? CLOSING_COLOR : READY_COLOR,
    title: `${t(locale, 'toolbar.count', {
      count: total,
      closing: count.closing,
      ready: count.ready,
      duration: formatDuration(count.closesSoonMinutes * 60_000, locale),
    })}\n${source}`,
  };
}

/** The parts of browser.action (browserAction on Firefox's MV2) the badge uses. */
export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void> | void;
  setBadgeBackgroundColor(details: { color: string }): Promise<void> | void;
  setTitle(details: { title: string }): Promise<void> | void;
}

export interface ToolbarSyncDeps {
  action: BadgeApi | undefined;
  count: () => Promise<ActionCount>;
  /** Pages Meta restricted whose block holds now (default: none). */
  blockedPages?: () => Promise<BlockedPage[]>;
  language: () => Promise<LanguagePreference>;
  browserLanguage: () => string | undefined;
}

/**
 * Sets the badge from a fresh count. Calls while one runs are folded into one more run after it, so a burst of
 * storage writes (a listing, a send) costs two counts, not one per write.
 */
export function createToolbarSync(deps: ToolbarSyncDeps): { update(): Promise<void> } {
  let running: Promise<void> | null = null;
  let again = false;
  async function run(): Promise<void> {
    const action = deps.action;
    if (!action) return;
    const [count, language, blocked] = await Promise.all([deps.count(), deps.language(), deps.blockedPages?.().catch(() => []) ?? []]);
    const badge = toolbarBadge(count, resolveLocale(language, deps.browserLanguage()), blocked);
    await Promise.all([
      action.setBadgeText({ text: badge.text }),
      action.setBadgeBackgroundColor({ color: badge.color }),
      action.setTitle({ title: badge.title }),
    ]);
  }
  function update(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = run()
      .catch(() => undefined)
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          void update();
        }
      });
    return running;
  }
  return { update };
}

/** Re-counts once a minute, so a window that closes or a cooldown that ends shows without any write. */
export const TOOLBAR_ALARM = 'reopen-toolbar';

export async function ensureToolbarAlarm(alarms: {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes: number }): unknown;
}): Promise<void> {
  if (await alarms.get(TOOLBAR_ALARM)) return;
  await alarms.create(TOOLBAR_ALARM, { periodInMinutes: 1, delayInMinutes: 1 });
}

/** Storage keys whose change can change the badge: a thread, the settings (threshold, language), the Pages, a Page's
 *  block (written by any tab or context). */
export function touchesCount(keys: readonly string[]): boolean {
  return keys.some((key) => key.startsWith('thread:') || key.startsWith('pageblock:') || key === 'settings' || key === 'pages');
}

/** The Pages whose block holds now, by name (a block that only Meta's time ends is recounted with the minute alarm). */
export async function blockedPages(store: Pick<ReopenStore, 'listPageBlocks' | 'getPages'>, now: number): Promise<BlockedPage[]> {
  const holding = (await store.listPageBlocks()).filter((block) => stopBlockHolds(block, now));
  if (holding.length === 0) return [];
  const names = new Map((await store.getPages()).map((page) => [page.id, page.name]));
  return holding.map((block) => ({ pageName: names.get(block.pageId) ?? block.pageId }));
}
