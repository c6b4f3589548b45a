import type { ConversationSummary, GraphClient, GraphFailure } from '../graph';
import type { Platform } from '../policy/types';
import type { PageRecord } from '../storage/schema';

// The Page's recent conversations (GET /{page}/conversations), one listing per (Page, platform) for the whole
// background. Two readers share it: thread resolution matches a header's name against it (DESIGN.md §2, step 3) and
// the row badges and toolbar count read their facts from it (issue 11). Each kept its own cache before, so a visible
// inbox could read the same listing twice a minute; Meta paces the Conversations API at 2 calls/s per Page.
//
// One read of a key runs at a time; asks that arrive meanwhile wait for it and use its answer when it serves them.
// Each reader keeps its own freshness rule over the one listing:
// - name matching (`current`) wants a listing Meta answered within the TTL, read with the same Graph client, and
//   requested after the last send to the Page settled (a send changes the Page's last message); it reads further
//   pages when it needs more than the listing holds, and a failed read is not kept;
// - the badges (`refresh`) read again once the interval since the last read's start has passed, and keep a failed
//   read's previous listing until the next interval: badges from a minute ago beat none.

/** How long a listing serves a name match after Meta answered it. */
export const LISTING_TTL_MS = 60_000;
/** Conversations one listing call asks for: the first page serves the badges and the name match alike. */
export const LISTING_PAGE_SIZE = 50;

/** The Page's recent conversations of one platform, most recent first, as read from one moment. */
export interface RecentListing {
  conversations: ConversationSummary[];
  /** Pages read so far. */
  pages: number;
  /** Meta's cursor to the next page; null when there is none. */
  after: string | null;
  /** When its first page was asked for: a send that settled after it may be missing from it. */
  requestedAt: number;
  /** When Meta answered its first page: its age for the TTL, and the facts' checkedAt. */
  answeredAt: number;
  /** The client it came from (a Graph version change starts afresh). */
  graph: GraphClient;
}

/** How deep a listing must go: at least `pages` pages and, with `through`, on until its conversations are older than
 *  that instant (Meta lists by updated_time, newest first, and updated_time is never before the customer's last
 *  message), bounded by `maxPages`. A listing with no further page is deep enough whatever is asked. */
export interface ListingDepth {
  pages: number;
  through?: number;
  maxPages?: number;
}

export type ListingRead = { ok: true; listing: RecentListing } | { ok: false; failure: GraphFailure };

/** What a badge refresh did: nothing (read within the interval), or a read and what Meta answered. */
export type RefreshOutcome = { read: false } | { read: true; ok: true } | { read: true; ok: false; failure: GraphFailure };

export interface ListingService {
  /** For name matching: a listing of at least `pages` pages (or all there is) that is fresh by the TTL and no send
   *  since, else read now. `fresh`: the agent asked to refresh, so a new read from the first page. */
  current(page: PageRecord, platform: Platform, options: ListingDepth & { fresh?: boolean }): Promise<ListingRead>;
  /** The listing `current` would answer with `pages: 1` without a call, or null. */
  cached(pageId: string, platform: Platform, graph: GraphClient): RecentListing | null;
  /** Resolves once the reads of the key under way now are over (at once when there is none); never rejects. */
  settled(pageId: string, platform: Platform): Promise<void>;
  /** For the badges: reads the first page again when the last read of this key started `intervalMs` ago or more. */
  refresh(page: PageRecord, platform: Platform, intervalMs: number): Promise<RefreshOutcome>;
  /** Every kept listing: the newest answer of each key, failed reads since notwithstanding. */
  all(): { pageId: string; platform: Platform; listing: RecentListing }[];
  /** Drops the Page's listings (both platforms, or one). */
  forget(pageId: string, platform?: Platform): void;
}

export interface ListingDeps {
  graph: () => Promise<GraphClient>;
  now: () => number;
  ttlMs?: number;
  pageSize?: number;
  /** Told after Meta answered a listing read (the toolbar count may have changed). */
  onListing?: () => void;
}

interface Entry {
  pageId: string;
  platform: Platform;
  /** The newest listing Meta answered. */
  listing: RecentListing | null;
  /** When the last read from the first page started, answered or not: the badges' interval runs from it. */
  attemptedAt: number | null;
  /** The agent asked to refresh at this time: a listing requested before it no longer serves a name match. */
  notBefore: number;
}

export function createListingService(deps: ListingDeps): ListingService {
  const { now } = deps;
  const ttl = deps.ttlMs ?? LISTING_TTL_MS;
  const pageSize = Math.max(1, deps.pageSize ?? LISTING_PAGE_SIZE);
  const entries = new Map<string, Entry>();
  // The read under way per key, and the ones queued behind it: each starts when the previous one is over.
  const reading = new Map<string, Promise<ListingRead | null>>();

  const keyOf = (pageId: string, platform: Platform) => `${pageId}\u0000${platform}`;

  function entryOf(pageId: string, platform: Platform): Entry {
    const key = keyOf(pageId, platform);
    let entry = entries.get(key);
    if (!entry) {
      entry = { pageId, platform, listing: null, attemptedAt: null, notBefore: -Infinity };
      entries.set(key, entry);
    }
    return entry;
  }

  function usable(pageId: string, platform: Platform, graph: GraphClient): RecentListing | null {
    const entry = entries.get(keyOf(pageId, platform));
    const listing = entry?.listing;
    if (!entry || !listing || listing.graph !== graph || listing.requestedAt < entry.notBefore) return null;
    const age = now() - listing.answeredAt;
    const sentAt = graph.lastSendAt(pageId);
    return age >= 0 && age < ttl && (sentAt === null || sentAt < listing.requestedAt) ? listing : null;
  }

  function deepEnough(listing: RecentListing, depth: ListingDepth): boolean {
    if (listing.after === null || listing.pages >= Math.max(depth.pages, depth.maxPages ?? 0)) return true;
    if (listing.pages < depth.pages) return false;
    if (depth.through === undefined) return true;
    const oldest = listing.conversations.at(-1)?.updatedTime ?? null;
    return oldest !== null && oldest < depth.through;
  }

  /** Reads pages until the listing holds `pages` of them: from the first page, or on from `from`'s last. Each page
   *  answered is kept at once, so a failure further on still leaves what Meta did answer. */
  async function readPages(page: PageRecord, platform: Platform, graph: GraphClient, pages: ListingDepth, from: RecentListing | null): Promise<ListingRead> {
    const entry = entryOf(page.id, platform);
    let listing = from;
    const requestedAt = listing?.requestedAt ?? now();
    if (!listing) entry.attemptedAt = requestedAt;
    try {
      while (!listing || !deepEnough(listing, pages)) {
        const after = listing?.after;
        const read = await graph.recentConversations(page.id, page.token, {
          limit: pageSize,
          ...(after ? { after } : {}),
          ...(platform === 'instagram' ? { platform } : {}),
        });
        if (!read.ok) return { ok: false, failure: read.error };
        listing = {
          conversations: [...(listing?.conversations ?? []), ...read.value.conversations],
          pages: (listing?.pages ?? 0) + 1,
          after: read.value.after,
          requestedAt,
          answeredAt: listing?.answeredAt ?? now(),
          graph,
        };
        // Forgotten meanwhile (the Page was disconnected): the answer is not kept.
        if (entries.get(keyOf(page.id, platform)) === entry) entry.listing = listing;
      }
      return { ok: true, listing };
    } finally {
      if (listing !== from) deps.onListing?.();
    }
  }

  /** Runs `work` once every read of the key queued before it is over: one read in flight per key. */
  function enqueue(pageId: string, platform: Platform, work: () => Promise<ListingRead | null>): Promise<ListingRead | null> {
    const key = keyOf(pageId, platform);
    const before = reading.get(key);
    const queued: Promise<ListingRead | null> = (before ? before.then(work, work) : work()).finally(() => {
      if (reading.get(key) === queued) reading.delete(key);
    });
    reading.set(key, queued);
    return queued;
  }

  return {
    async current(page, platform, { fresh = false, ...pages }) {
      const graph = await deps.graph();
      const key = keyOf(page.id, platform);
      if (fresh) entryOf(page.id, platform).notBefore = now();
      else {
        // A read under way (for the badges, or another switch) may be the one this ask needs.
        const running = reading.get(key);
        if (running) {
          const answer = await running;
          if (answer && !answer.ok) return answer;
        }
        const listing = usable(page.id, platform, graph);
        if (listing && deepEnough(listing, pages)) return { ok: true, listing };
      }
      const answer = await enqueue(page.id, platform, () => {
        if (fresh) return readPages(page, platform, graph, pages, null);
        // Decided when its turn comes: a read queued before it may have brought what this ask needs.
        const listing = usable(page.id, platform, graph);
        if (listing && deepEnough(listing, pages)) return Promise.resolve({ ok: true, listing } as const);
        return readPages(page, platform, graph, pages, listing);
      });
      // enqueue's work above always answers for `current`.
      return answer!;
    },

    cached(pageId, platform, graph) {
      return usable(pageId, platform, graph);
    },

    async settled(pageId, platform) {
      await reading.get(keyOf(pageId, platform))?.catch(() => null);
    },

    async refresh(page, platform, intervalMs) {
      const due = () => {
        const attemptedAt = entries.get(keyOf(page.id, platform))?.attemptedAt ?? null;
        const since = attemptedAt === null ? Infinity : now() - attemptedAt;
        return since < 0 || since >= intervalMs;
      };
      if (!reading.has(keyOf(page.id, platform)) && !due()) return { read: false };
      const graph = await deps.graph();
      const answer = await enqueue(page.id, platform, () => (due() ? readPages(page, platform, graph, { pages: 1 }, null) : Promise.resolve(null)));
      if (!answer) return { read: false };
      return answer.ok ? { read: true, ok: true } : { read: true, ok: false, failure: answer.failure };
    },

    all() {
      const kept: { pageId: string; platform: Platform; listing: RecentListing }[] = [];
      for (const { pageId, platform, listing } of entries.values()) if (listing) kept.push({ pageId, platform, listing });
      return kept;
    },

    forget(pageId, platform) {
      for (const each of platform ? [platform] : (['messenger', 'instagram'] as const)) entries.delete(keyOf(pageId, each));
    },
  };
}
