import { customerFacts, type ConversationSummary, type GraphClient } from '../graph';
import type { PageService } from '../pages/service';
import type { Platform } from '../policy/types';
import type { SettingsService } from '../settings/service';
import type { ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { computeSummary } from '../summary';
import { withConversation } from '../threads/facts';
import { rowFacts, type RowFact } from './rows';

// Urgency at a glance (issue 11): the facts behind the conversation list's row badges and the toolbar count. One
// listing call per Page returns its most recent conversations with their latest messages; it is read again at most
// once a refresh interval, and only when an inbox tab asks (a visible one: the content script does not ask while
// hidden). The listing stays in this worker's memory: the ledger in storage is not rewritten every minute.

/** How often one Page's listing may be read for badges. */
export const ROWS_REFRESH_MS = 60_000;
/** Conversations one listing call returns (Meta's page size for the badges). */
export const ROWS_LISTING_SIZE = 25;

export interface RowsView {
  pageId: string;
  closesSoonMinutes: number;
  rows: RowFact[];
}

/** What the toolbar counts: open windows closing within the threshold, expired conversations ready to reopen. */
export interface ActionCount {
  closing: number;
  ready: number;
  closesSoonMinutes: number;
}

export interface UrgencyDeps {
  store: Pick<ReopenStore, 'listThreads'>;
  pages: Pick<PageService, 'pageForUse'>;
  graph: () => Promise<GraphClient>;
  settings: Pick<SettingsService, 'effective'>;
  now: () => number;
  refreshMs?: number;
  /** Told after a listing was read (the toolbar count may have changed). */
  onListing?: () => void;
}

export interface UrgencyService {
  rows(pageId: string): Promise<RowsView>;
  needingAction(): Promise<ActionCount>;
}

interface Listing {
  /** The listing's conversations with their customer's PSID (IGSID on Instagram), as Meta answered at `at`. */
  conversations: { psid: string; conversation: ConversationSummary; platform: Platform }[];
  at: number;
}

export function createUrgencyService(deps: UrgencyDeps): UrgencyService {
  const refreshMs = deps.refreshMs ?? ROWS_REFRESH_MS;
  const listings = new Map<string, Listing>();
  const reading = new Map<string, Promise<void>>();
  // Pages whose Instagram conversations cannot be listed (no Instagram account linked, or the app lacks Instagram's
  // permissions): not asked again by this worker, so a Messenger-only Page costs one call a minute, as before.
  const noInstagram = new Set<string>();

  async function readListing(pageId: string): Promise<void> {
    const access = await deps.pages.pageForUse(pageId);
    if (!access.ok) {
      listings.delete(pageId);
      return;
    }
    const graph = await deps.graph();
    // The interval runs from when the read started: an inbox asking every minute gets a read every minute, not
    // every other one because the previous answer took a moment.
    const at = deps.now();
    const read = await graph.recentConversations(pageId, access.page.token, { limit: ROWS_LISTING_SIZE });
    // A failed read keeps the previous listing until the next interval: badges from a minute ago beat none.
    const previous = listings.get(pageId);
    if (!read.ok) {
      listings.set(pageId, { conversations: previous?.conversations ?? [], at });
      return;
    }
    const conversations: Listing['conversations'] = [];
    const add = (platform: Platform, list: ConversationSummary[]) => {
      for (const conversation of list) {
        const { psid } = customerFacts(conversation, pageId);
        if (psid) conversations.push({ psid, conversation, platform });
      }
    };
    add('messenger', read.value.conversations);
    // The unified inbox lists Instagram Direct conversations too: their rows get badges the same way.
    if (!noInstagram.has(pageId)) {
      const instagram = await graph.recentConversations(pageId, access.page.token, { limit: ROWS_LISTING_SIZE, platform: 'instagram' });
      if (instagram.ok) add('instagram', instagram.value.conversations);
      else if (!instagram.error.retryable) noInstagram.add(pageId);
      else add('instagram', previous?.conversations.filter((entry) => entry.platform === 'instagram').map((entry) => entry.conversation) ?? []);
    }
    listings.set(pageId, { conversations, at });
    deps.onListing?.();
  }

  /** The Page's listing, read again when older than the interval; one read at a time per Page. */
  async function freshListing(pageId: string): Promise<void> {
    const listing = listings.get(pageId);
    const age = listing ? deps.now() - listing.at : Infinity;
    if (age >= 0 && age < refreshMs) return;
    let pending = reading.get(pageId);
    if (!pending) {
      pending = readListing(pageId).finally(() => reading.delete(pageId));
      reading.set(pageId, pending);
    }
    await pending;
  }

  /** Stored threads, each merged with what a listing saw of it since; listing-only customers added. */
  async function allRecords(): Promise<ThreadRecord[]> {
    const stored = await deps.store.listThreads();
    const merged = new Map(stored.map((record) => [`${record.pageId}\u0000${record.psid}`, record]));
    for (const [pageId, listing] of listings) {
      for (const { psid, conversation, platform } of listing.conversations) {
        const key = `${pageId}\u0000${psid}`;
        merged.set(key, withConversation(merged.get(key) ?? null, conversation, { pageId, psid, selectedItemId: null, platform }, listing.at));
      }
    }
    return [...merged.values()];
  }

  return {
    async rows(pageId) {
      await freshListing(pageId);
      const [records, settings] = await Promise.all([allRecords(), deps.settings.effective()]);
      const now = deps.now();
      return { pageId, closesSoonMinutes: settings.closesSoonMinutes, rows: rowFacts(records.filter((record) => record.pageId === pageId), now) };
    },
    async needingAction() {
      const [records, settings] = await Promise.all([allRecords(), deps.settings.effective()]);
      const summary = computeSummary(records, deps.now(), { closesSoonMinutes: settings.closesSoonMinutes, listLimit: 0 });
      return { closing: summary.closingSoonTotal, ready: summary.readyNowTotal, closesSoonMinutes: settings.closesSoonMinutes };
    },
  };
}
