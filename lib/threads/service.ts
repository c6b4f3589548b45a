import { customerFacts, type ConversationSummary, type GraphClient, type GraphFailure } from '../graph';
import type { Candidate, ErrorView, ThreadView, UnresolvedReason } from '../messaging/types';
import type { PageService } from '../pages/service';
import type { PageRecord, PsidMapping, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { withConversation } from './facts';
import { normalizeDisplayName } from './names';
import { errorView, resolvedView } from './view';

// Thread state: which customer (PSID) an inbox conversation is, and what Meta says about it (C, the Page's last
// message). DESIGN.md §2: cached mapping → selected_item_id as PSID → unique display-name match → the agent picks.

export const FACTS_TTL_MS = 60_000;

export interface ThreadServiceDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  graph: () => Promise<GraphClient>;
  now: () => number;
  factsTtlMs?: number;
  /** Bounds of the display-name search through the Page's recent conversations. */
  nameSearch?: { pageSize: number; maxPages: number };
}

export interface ThreadQuery {
  pageId: string;
  selectedItemId: string | null;
  displayName: string | null;
  refresh?: boolean;
}

/** Fresh facts for one thread, or why they could not be read. */
export type FactsRead =
  | { ok: true; record: ThreadRecord }
  | { ok: false; reason: UnresolvedReason; error?: ErrorView };

export interface ThreadService {
  get(query: ThreadQuery): Promise<ThreadView>;
  choose(choice: { pageId: string; selectedItemId: string | null; psid: string }): Promise<ThreadView>;
  /** Reads the conversation from Meta now (no cache) and stores its facts. Used by the send pipeline. */
  readFacts(page: PageRecord, psid: string): Promise<FactsRead>;
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

/** Meta answers error 100 ("invalid parameter", "no matching user") when user_id is not a PSID of the Page. */
const isNotAPsid = (failure: GraphFailure) => failure.code === 100;
const isTokenInvalid = (failure: GraphFailure) => failure.code === 190;

export function createThreadService(deps: ThreadServiceDeps): ThreadService {
  const { store, now } = deps;
  const ttl = deps.factsTtlMs ?? FACTS_TTL_MS;
  const nameSearch = deps.nameSearch ?? { pageSize: 50, maxPages: 3 };

  function recordConversation(pageId: string, psid: string, conversation: ConversationSummary, selectedItemId: string | null) {
    const at = now();
    return store.updateThread(pageId, psid, (current) =>
      withConversation(current, conversation, { pageId, psid, selectedItemId }, at),
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

  /** Facts of a known PSID: the stored ones inside the TTL, else one user_id lookup. null: no such conversation. */
  async function factsFor(page: PageRecord, psid: string, selectedItemId: string | null, refresh: boolean): Promise<ThreadView | null> {
    if (!refresh) {
      const stored = await store.getThread(page.id, psid);
      if (stored?.facts && now() - stored.facts.checkedAt < ttl && now() >= stored.facts.checkedAt) {
        return resolvedView(stored);
      }
    }
    const graph = await deps.graph();
    const lookup = await graph.conversationForUser(page.id, psid, page.token);
    if (!lookup.ok) return failureView(page.id, lookup.error);
    if (!lookup.value) return null;
    return resolvedView(await recordConversation(page.id, psid, lookup.value, selectedItemId));
  }

  async function matchByName(page: PageRecord, query: ThreadQuery): Promise<ThreadView> {
    const graph = await deps.graph();
    const seen: ConversationSummary[] = [];
    let after: string | undefined;
    for (let index = 0; index < nameSearch.maxPages; index++) {
      const listing = await graph.recentConversations(page.id, page.token, { limit: nameSearch.pageSize, ...(after ? { after } : {}) });
      if (!listing.ok) return failureView(page.id, listing.error);
      seen.push(...listing.value.conversations);
      if (!listing.value.after) break;
      after = listing.value.after;
    }
    const candidates = new Map<string, { candidate: Candidate; conversation: ConversationSummary }>();
    for (const conversation of seen) {
      const candidate = candidateOf(conversation, page.id);
      if (candidate && !candidates.has(candidate.psid)) candidates.set(candidate.psid, { candidate, conversation });
    }
    const wanted = query.displayName ? normalizeDisplayName(query.displayName) : '';
    const matches = wanted ? [...candidates.values()].filter(({ candidate }) => normalizeDisplayName(candidate.name) === wanted) : [];
    if (matches.length === 1) {
      const [{ candidate, conversation }] = matches as [{ candidate: Candidate; conversation: ConversationSummary }];
      await remember(page.id, query.selectedItemId, candidate.psid, 'name_match');
      if (conversation.messages.length) {
        return resolvedView(await recordConversation(page.id, candidate.psid, conversation, query.selectedItemId));
      }
      // The listing came without messages: one lookup gives C.
      return (await factsFor(page, candidate.psid, query.selectedItemId, true)) ?? unresolved(page.id, 'not_found');
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
    async get(query) {
      const access = await deps.pages.pageForUse(query.pageId);
      if (!access.ok) return unresolved(query.pageId, access.reason);
      const { page } = access;
      const refresh = query.refresh === true;

      // (1) A mapping proven or chosen earlier.
      let lookedUp: string | null = null;
      if (query.selectedItemId) {
        const mapping = await store.getPsidMapping(page.id, query.selectedItemId);
        if (mapping) {
          const view = await factsFor(page, mapping.psid, query.selectedItemId, refresh);
          if (view) return view;
          lookedUp = mapping.psid;
          // The mapped customer has no conversation any more: forget it and resolve again.
          await store.setPsidMapping(page.id, query.selectedItemId, null);
        }
      }

      // (2) selected_item_id may be the PSID itself; the user_id lookup proves it (and brings the messages).
      if (query.selectedItemId && lookedUp !== query.selectedItemId) {
        const graph = await deps.graph();
        const lookup = await graph.conversationForUser(page.id, query.selectedItemId, page.token);
        if (lookup.ok && lookup.value && lookup.value.participants.some((participant) => participant.id === query.selectedItemId)) {
          await remember(page.id, query.selectedItemId, query.selectedItemId, 'proven');
          return resolvedView(await recordConversation(page.id, query.selectedItemId, lookup.value, query.selectedItemId));
        }
        if (!lookup.ok && !isNotAPsid(lookup.error)) return failureView(page.id, lookup.error);
      }

      // (3) The display name among the Page's recent conversations; (4) otherwise the agent picks.
      return matchByName(page, query);
    },

    async choose(choice) {
      const access = await deps.pages.pageForUse(choice.pageId);
      if (!access.ok) return unresolved(choice.pageId, access.reason);
      // Only a PSID that really has a conversation with this Page can be chosen.
      const view = await factsFor(access.page, choice.psid, choice.selectedItemId, true);
      if (!view) return unresolved(choice.pageId, 'not_found');
      if (view.status === 'resolved') await remember(choice.pageId, choice.selectedItemId, choice.psid, 'chosen');
      return view;
    },

    async readFacts(page, psid) {
      const graph = await deps.graph();
      const lookup = await graph.conversationForUser(page.id, psid, page.token);
      if (!lookup.ok) {
        if (isTokenInvalid(lookup.error)) {
          await deps.pages.markNeedsReconnect(page.id);
          return { ok: false, reason: 'page_needs_reconnect', error: errorView(lookup.error) };
        }
        return { ok: false, reason: 'graph_error', error: errorView(lookup.error) };
      }
      if (!lookup.value) return { ok: false, reason: 'not_found' };
      return { ok: true, record: await recordConversation(page.id, psid, lookup.value, null) };
    },
  };
}
