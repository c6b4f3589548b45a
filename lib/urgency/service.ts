import { customerFacts } from '../graph';
import type { PageService } from '../pages/service';
import type { SettingsService } from '../settings/service';
import type { ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { countUrgency, type UrgencyCounts, type UrgencySource } from '../summary/urgency-counts';
import { withConversation } from '../threads/facts';
import type { ListingService } from '../threads/listing';
import { rowFacts } from './rows';
import type { RowsView } from './view';

// Urgency at a glance (issue 11): the facts behind the conversation list's row badges and the toolbar count. They
// come from the Page's recent conversations, the listing thread resolution matches names against (lib/threads/
// listing.ts): one listing per Page and platform for the whole background, read again at most once a refresh
// interval, and only when an inbox tab asks (a visible one: the content script does not ask while hidden). The
// listing stays in this worker's memory: the ledger in storage is not rewritten every minute.

/** How often one Page's listing may be read for badges. */
export const ROWS_REFRESH_MS = 60_000;

/** What the toolbar counts (the one count of lib/summary/urgency-counts.ts): open windows closing within the
 *  threshold, expired conversations ready to reopen, and which conversations were counted. */
export type ActionCount = UrgencyCounts;

/** The conversations every urgency figure counts, and where they come from. */
export interface UrgencyRecords {
  records: ThreadRecord[];
  source: UrgencySource;
}

export interface UrgencyDeps {
  store: Pick<ReopenStore, 'listThreads'>;
  pages: Pick<PageService, 'pageForUse'>;
  /** The background's one listing of each Page's recent conversations (it tells the toolbar about new reads). */
  listings: ListingService;
  settings: Pick<SettingsService, 'effective'>;
  now: () => number;
  refreshMs?: number;
}

export interface UrgencyService {
  rows(pageId: string): Promise<RowsView>;
  needingAction(): Promise<ActionCount>;
  /** What the toolbar, the popup and the dashboard count: the Page's recent conversations (this worker's listings)
   *  merged with the stored threads; only the stored ones, said so, while no listing has been read. */
  records(): Promise<UrgencyRecords>;
  /** The stored threads (conversations Reopen resolved for an agent), each with the newest facts a listing has seen
   *  of it since: a customer who wrote again after the agent looked shows their new window, not the stored one. */
  storedRecords(): Promise<ThreadRecord[]>;
}

export function createUrgencyService(deps: UrgencyDeps): UrgencyService {
  const refreshMs = deps.refreshMs ?? ROWS_REFRESH_MS;
  const { listings } = deps;
  // Pages whose Instagram conversations cannot be listed (no Instagram account linked, or the app lacks Instagram's
  // permissions): not asked again by this worker, so a Messenger-only Page costs one call a minute, as before.
  const noInstagram = new Set<string>();

  /** The Page's listings, read again when the interval has passed since the last read (the badges' or a thread
   *  switch's). A failed read keeps the previous listing until the next interval: badges from a minute ago beat none. */
  async function refreshListings(pageId: string): Promise<void> {
    const access = await deps.pages.pageForUse(pageId);
    if (!access.ok) {
      listings.forget(pageId);
      return;
    }
    const messenger = await listings.refresh(access.page, 'messenger', refreshMs);
    // Messenger's listing failed: Instagram's is not tried either until the next interval.
    if ((messenger.read && !messenger.ok) || noInstagram.has(pageId)) return;
    // The unified inbox lists Instagram Direct conversations too: their rows get badges the same way.
    const instagram = await listings.refresh(access.page, 'instagram', refreshMs);
    if (instagram.read && !instagram.ok && !instagram.failure.retryable) {
      noInstagram.add(pageId);
      listings.forget(pageId, 'instagram');
    }
  }

  /** Stored threads, each merged with what a listing saw of it since; listing-only customers added unless `storedOnly`. */
  async function allRecords(storedOnly = false): Promise<ThreadRecord[]> {
    return (await sourced(storedOnly)).records;
  }

  async function sourced(storedOnly = false): Promise<UrgencyRecords> {
    const stored = await deps.store.listThreads();
    const merged = new Map(stored.map((record) => [`${record.pageId}\u0000${record.psid}`, record]));
    let source: UrgencySource = 'opened';
    for (const { pageId, platform, listing } of listings.all()) {
      source = 'recent';
      if (platform === 'instagram' && noInstagram.has(pageId)) continue;
      for (const conversation of listing.conversations) {
        const { psid } = customerFacts(conversation, pageId);
        if (!psid) continue;
        const key = `${pageId}\u0000${psid}`;
        if (storedOnly && !merged.has(key)) continue;
        // A thread read after this listing (a switch, "Check again", a send's read) knows better: a customer who wrote
        // since the listing was read would otherwise count by the listing's older message.
        const current = merged.get(key);
        if (current?.facts && current.facts.checkedAt > listing.answeredAt) continue;
        merged.set(key, withConversation(merged.get(key) ?? null, conversation, { pageId, psid, selectedItemId: null, platform }, listing.answeredAt));
      }
    }
    return { records: [...merged.values()], source };
  }

  return {
    async rows(pageId) {
      await refreshListings(pageId);
      const [records, settings] = await Promise.all([allRecords(), deps.settings.effective()]);
      const now = deps.now();
      return {
        pageId,
        closesSoonMinutes: settings.closesSoonMinutes,
        rows: rowFacts(
          records.filter((record) => record.pageId === pageId),
          now,
        ),
      };
    },
    async needingAction() {
      const [{ records, source }, settings] = await Promise.all([sourced(), deps.settings.effective()]);
      return countUrgency(records, deps.now(), settings.closesSoonMinutes, source);
    },
    records: () => sourced(),
    storedRecords: () => allRecords(true),
  };
}
