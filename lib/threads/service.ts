import { customerFacts, type ConversationSummary, type GraphClient, type GraphFailure } from '../graph';
import { errorView, type ErrorView } from '../graph/error-view';
import type { PageService } from '../pages/service';
import type { Platform } from '../policy/types';
import type { PageRecord, PsidMapping, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { withConversation } from './facts';
import type { ListingService, RecentListing } from './listing';
import { normalizeDisplayName } from '../policy/display-name';
import { resolvedView, type Candidate, type ThreadView, type UnresolvedReason } from './view';

// Thread state: which customer (PSID) an inbox conversation is, and what Meta says about it (C, the Page's last
// message). DESIGN.md §2: cached mapping → selected_item_id as PSID → unique display-name match → the agent picks.
// Instagram threads the same way with the IGSID in the PSID's place, except the probe: Business Suite's id of an
// Instagram thread is a long id of its own, never the IGSID (reference §7a), so no call is spent trying it.

export const FACTS_TTL_MS = 60_000;
/** Listing pages the display-name search reads at most (LISTING_PAGE_SIZE conversations each). */
export const NAME_SEARCH_PAGES = 3;
/** How many selected-item ids proven not to be PSIDs are kept in memory (oldest forgotten first). */
export const KNOWN_NOT_PSID_LIMIT = 2000;

export interface ThreadServiceDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  graph: () => Promise<GraphClient>;
  now: () => number;
  factsTtlMs?: number;
  /** The background's one listing of each Page's recent conversations (shared with the row badges). */
  listings: ListingService;
  /** How many listing pages the display-name search goes through (a name must be unique among all of them). */
  nameSearchPages?: number;
  /** Bound of the in-memory record of failed PSID probes. */
  knownNotPsidLimit?: number;
}

export interface ThreadQuery {
  pageId: string;
  selectedItemId: string | null;
  /** Absent: Messenger. */
  platform?: Platform;
  displayName: string | null;
  refresh?: boolean;
  /** The page showed a title or a stale name instead: the real name is expected, wait for it (bounded by the
   *  content script, which asks again with `refresh` when the wait is over). */
  awaitingName?: boolean;
  /** The page's name signals disagree: only conversations with one of these names are offered to pick from. */
  conflictingNames?: string[];
}

/** Fresh facts for one thread, or why they could not be read. */
export type FactsRead = { ok: true; record: ThreadRecord } | { ok: false; reason: UnresolvedReason; error?: ErrorView };

export interface ThreadService {
  get(query: ThreadQuery): Promise<ThreadView>;
  choose(choice: { pageId: string; selectedItemId: string | null; psid: string; platform?: Platform }): Promise<ThreadView>;
  /** Reads the conversation from Meta now (no cache) and stores its facts. Used by the send pipeline. */
  readFacts(page: PageRecord, psid: string, platform?: Platform): Promise<FactsRead>;
}

const CANDIDATES_SHOWN = 20;

function unresolved(pageId: string, reason: UnresolvedReason, extra: { candidates?: Candidate[]; error?: ErrorView } = {}): ThreadView {
  return { status: 'unresolved', pageId, reason, ...extra };
}

function candidateOf(conversation: ConversationSummary, pageId: string): Candidate | null {
  const facts = customerFacts(conversation, pageId);
  if (!facts.psid) return null;
  return {
    psid: facts.psid,
    name: facts.customerName ?? '',
    ...(conversation.snippet ? { snippet: conversation.snippet } : {}),
    ...(conversation.updatedTime !== null ? { updatedAt: conversation.updatedTime } : {}),
  };
}

/** A display name as the header may show an Instagram username ("@insta.shopper" or "insta.shopper"). */
const comparable = (name: string) => normalizeDisplayName(name).replace(/^@/, '');

/** The names a customer may be shown by in Business Suite: Meta's name and, on Instagram, the username. */
function namesOf(conversation: ConversationSummary, pageId: string): string[] {
  const facts = customerFacts(conversation, pageId);
  return [facts.customerName, facts.customerUsername].filter((name): name is string => !!name).map(comparable);
}

/** Meta answers error 100 ("invalid parameter", "no matching user") when user_id is not a PSID of the Page. */
const isNotAPsid = (failure: GraphFailure) => failure.code === 100;
const isTokenInvalid = (failure: GraphFailure) => failure.code === 190;

/** What the user_id lookup of a selected_item_id said. */
type ProbeOutcome =
  | { kind: 'psid'; conversation: ConversationSummary }
  /** Meta answered that this id has no conversation with the Page (empty data or error 100): a fact. */
  | { kind: 'not_psid' }
  /** Meta answered with a conversation that does not list this id: not proven either way, not kept. */
  | { kind: 'unproven' }
  | { kind: 'failed'; failure: GraphFailure };

export function createThreadService(deps: ThreadServiceDeps): ThreadService {
  const { store, now } = deps;
  const ttl = deps.factsTtlMs ?? FACTS_TTL_MS;
  const { listings } = deps;
  const nameSearchPages = Math.max(1, deps.nameSearchPages ?? NAME_SEARCH_PAGES);
  const knownNotPsidLimit = Math.max(1, deps.knownNotPsidLimit ?? KNOWN_NOT_PSID_LIMIT);

  // Memory of this worker only. A failed probe matters only until the thread resolves (from then on its stored
  // mapping is used and the probe never runs again), so losing it with the worker costs at most one call per
  // still-unresolved thread; keeping it in storage would mean a storage write on every switch for that.
  // Map order is insertion order: re-inserting on use keeps the least recently used first, to be dropped first.
  const knownNotPsid = new Map<string, true>();
  const probesInFlight = new Map<string, Promise<ProbeOutcome>>();

  const itemKey = (pageId: string, selectedItemId: string) => `${pageId}\u0000${selectedItemId}`;

  function rememberNotPsid(key: string) {
    knownNotPsid.delete(key);
    knownNotPsid.set(key, true);
    while (knownNotPsid.size > knownNotPsidLimit) {
      const oldest = knownNotPsid.keys().next().value;
      if (oldest === undefined) break;
      knownNotPsid.delete(oldest);
    }
  }

  /** selected_item_id tried as a PSID: once per (Page, id) while an answer is pending, never again after a "no". */
  function probe(page: PageRecord, selectedItemId: string): Promise<ProbeOutcome> {
    const key = itemKey(page.id, selectedItemId);
    if (knownNotPsid.has(key)) {
      rememberNotPsid(key);
      return Promise.resolve({ kind: 'not_psid' });
    }
    const pending = probesInFlight.get(key);
    if (pending) return pending;
    const asking = (async (): Promise<ProbeOutcome> => {
      const graph = await deps.graph();
      const lookup = await graph.conversationForUser(page.id, selectedItemId, page.token);
      if (lookup.ok) {
        if (!lookup.value) {
          rememberNotPsid(key);
          return { kind: 'not_psid' };
        }
        const proven = lookup.value.participants.some((participant) => participant.id === selectedItemId);
        return proven ? { kind: 'psid', conversation: lookup.value } : { kind: 'unproven' };
      }
      if (isNotAPsid(lookup.error)) {
        rememberNotPsid(key);
        return { kind: 'not_psid' };
      }
      return { kind: 'failed', failure: lookup.error };
    })().finally(() => probesInFlight.delete(key));
    probesInFlight.set(key, asking);
    return asking;
  }

  function recordConversation(pageId: string, psid: string, conversation: ConversationSummary, selectedItemId: string | null, platform: Platform, at = now()) {
    return store.updateThread(pageId, psid, (current) =>
      withConversation(current, conversation, { pageId, psid, selectedItemId, platform }, at),
    ) as Promise<ThreadRecord>;
  }

  async function failureView(pageId: string, failure: GraphFailure): Promise<ThreadView> {
    if (isTokenInvalid(failure)) {
      await deps.pages.markNeedsReconnect(pageId);
      return unresolved(pageId, 'page_needs_reconnect', { error: errorView(failure) });
    }
    return unresolved(pageId, 'graph_error', { error: errorView(failure) });
  }

  async function remember(pageId: string, selectedItemId: string | null, psid: string, source: PsidMapping['source']) {
    if (selectedItemId) await store.setPsidMapping(pageId, selectedItemId, { psid, source, at: now() });
  }

  /** Facts of a known PSID (IGSID): the stored ones inside the TTL, else one user_id lookup. null: no such
   *  conversation on that platform. */
  async function factsFor(page: PageRecord, psid: string, selectedItemId: string | null, refresh: boolean, platform: Platform): Promise<ThreadView | null> {
    if (!refresh) {
      const stored = await store.getThread(page.id, psid);
      if (stored?.facts && (stored.platform ?? 'messenger') === platform && now() - stored.facts.checkedAt < ttl && now() >= stored.facts.checkedAt) {
        return resolvedView(stored);
      }
    }
    const graph = await deps.graph();
    const lookup = await graph.conversationForUser(page.id, psid, page.token, platform);
    if (!lookup.ok) return failureView(page.id, lookup.error);
    if (!lookup.value) return null;
    return resolvedView(await recordConversation(page.id, psid, lookup.value, selectedItemId, platform));
  }

  /** (3) The display name among the listing's participants: exactly one → remembered; several → the agent picks
   *  among them; none (or no name) → the agent picks among the most recent conversations. */
  async function matchByName(page: PageRecord, query: ThreadQuery, listing: RecentListing, platform: Platform): Promise<ThreadView> {
    const candidates = new Map<string, { candidate: Candidate; conversation: ConversationSummary; names: string[] }>();
    for (const conversation of listing.conversations) {
      const candidate = candidateOf(conversation, page.id);
      if (candidate && !candidates.has(candidate.psid)) candidates.set(candidate.psid, { candidate, conversation, names: namesOf(conversation, page.id) });
    }
    // On Instagram the header may show the name or the @username: either one identifies the customer.
    const wanted = query.displayName ? comparable(query.displayName) : '';
    const matches = wanted ? [...candidates.values()].filter(({ names }) => names.includes(wanted)) : [];
    // The page shows two names: never pick one of them, even when only one is among the recent conversations.
    const disputed = new Set((query.conflictingNames ?? []).map(comparable));
    const named = wanted ? [] : [...candidates.values()].filter(({ names }) => names.some((name) => disputed.has(name)));
    if (named.length > 0) return unresolved(page.id, 'ambiguous', { candidates: named.map(({ candidate }) => candidate) });
    if (matches.length === 1) {
      const { candidate, conversation } = matches[0]!;
      await remember(page.id, query.selectedItemId, candidate.psid, 'name_match');
      if (conversation.messages.length) {
        // The facts are as old as the listing, and say so: the TTL runs from when Meta answered.
        return resolvedView(await recordConversation(page.id, candidate.psid, conversation, query.selectedItemId, platform, listing.answeredAt));
      }
      // The listing came without messages: one lookup gives C.
      return (await factsFor(page, candidate.psid, query.selectedItemId, true, platform)) ?? unresolved(page.id, 'not_found');
    }
    if (matches.length > 1) {
      return unresolved(page.id, 'ambiguous', { candidates: matches.map(({ candidate }) => candidate) });
    }
    // Nobody by that name among the recent conversations: offer the most recent ones to pick from.
    const recent = [...candidates.values()]
      .map(({ candidate }) => candidate)
      .sort((a, b) => (b.updatedAt ?? 0) - (a.updatedAt ?? 0))
      .slice(0, CANDIDATES_SHOWN);
    return unresolved(page.id, 'not_found', { candidates: recent });
  }

  return {
    async get(asked) {
      const access = await deps.pages.pageForUse(asked.pageId);
      if (!access.ok) return unresolved(asked.pageId, access.reason);
      const { page } = access;
      // The Page's own name is a title on its inbox, never the customer's (DESIGN.md §2): wait for the real one.
      const query: ThreadQuery =
        asked.displayName && normalizeDisplayName(asked.displayName) === normalizeDisplayName(page.name)
          ? { ...asked, displayName: null, awaitingName: true }
          : asked;
      const refresh = query.refresh === true;
      const platform = query.platform ?? 'messenger';

      // (1) A mapping proven or chosen earlier.
      let lookedUp: string | null = null;
      if (query.selectedItemId) {
        const mapping = await store.getPsidMapping(page.id, query.selectedItemId);
        if (mapping) {
          const view = await factsFor(page, mapping.psid, query.selectedItemId, refresh, platform);
          if (view) return view;
          lookedUp = mapping.psid;
          // The mapped customer has no conversation any more: forget it and resolve again.
          await store.setPsidMapping(page.id, query.selectedItemId, null);
        }
      }

      // (2) selected_item_id may be the PSID itself; the user_id lookup proves it (and brings the messages). Never on
      // Instagram, where it is Business Suite's own long id.
      if (query.selectedItemId && lookedUp !== query.selectedItemId && platform === 'messenger') {
        const outcome = await probe(page, query.selectedItemId);
        if (outcome.kind === 'psid') {
          await remember(page.id, query.selectedItemId, query.selectedItemId, 'proven');
          return resolvedView(await recordConversation(page.id, query.selectedItemId, outcome.conversation, query.selectedItemId, platform));
        }
        if (outcome.kind === 'failed') return failureView(page.id, outcome.failure);
      }

      // Without the header's name there is nothing to match yet, and it renders a moment after the URL changes:
      // reading the listing now would only be repeated then. Unless it is at hand or the agent asked to refresh.
      // A rejected title means the name is on its way even when the listing is at hand.
      const disputed = (query.conflictingNames?.length ?? 0) > 0;
      if (!query.displayName && !disputed && !refresh && (query.awaitingName || !listings.cached(page.id, platform, await deps.graph()))) {
        return unresolved(page.id, 'awaiting_name');
      }

      // (3) The display name among the Page's recent conversations; (4) otherwise the agent picks. A name must be
      // unique among every page of the search; the most recent conversations to pick from are on the first page.
      const pages = query.displayName || disputed ? nameSearchPages : 1;
      const listing = await listings.current(page, platform, { pages, fresh: refresh });
      if (!listing.ok) return failureView(page.id, listing.failure);
      return matchByName(page, query, listing.listing, platform);
    },

    async choose(choice) {
      const access = await deps.pages.pageForUse(choice.pageId);
      if (!access.ok) return unresolved(choice.pageId, access.reason);
      // Only a PSID that really has a conversation with this Page (on this platform) can be chosen.
      const view = await factsFor(access.page, choice.psid, choice.selectedItemId, true, choice.platform ?? 'messenger');
      if (!view) return unresolved(choice.pageId, 'not_found');
      if (view.status === 'resolved') await remember(choice.pageId, choice.selectedItemId, choice.psid, 'chosen');
      return view;
    },

    async readFacts(page, psid, platform = 'messenger') {
      const graph = await deps.graph();
      const lookup = await graph.conversationForUser(page.id, psid, page.token, platform);
      if (!lookup.ok) {
        if (isTokenInvalid(lookup.error)) {
          await deps.pages.markNeedsReconnect(page.id);
          return { ok: false, reason: 'page_needs_reconnect', error: errorView(lookup.error) };
        }
        return { ok: false, reason: 'graph_error', error: errorView(lookup.error) };
      }
      if (!lookup.value) return { ok: false, reason: 'not_found' };
      return { ok: true, record: await recordConversation(page.id, psid, lookup.value, null, platform) };
    },
  };
}
