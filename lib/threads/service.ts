import { customerFacts, type ConversationSummary, type GraphClient, type GraphFailure } from '../graph';
import { errorView, type ErrorView } from '../graph/error-view';
import type { PageService } from '../pages/service';
import type { Platform } from '../policy/types';
import type { PageRecord, PsidMapping, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { withConversation } from './facts';
import type { ListingService, RecentListing } from './listing';
import { normalizeDisplayName } from '../policy/display-name';
import { resolvedView, type Candidate, type RecipientView, type ThreadView, type UnresolvedReason } from './view';
import type { PaneReading } from '../inbox/schema';
import { judgePane, type PaneVerdict } from './proof';

// Thread state: which customer (PSID) an inbox conversation is, and what Meta says about it (C, the Page's last
// message). DESIGN.md §2: cached mapping → selected_item_id as PSID → display-name match → the agent picks.
// A name is never proof (DESIGN.md §1): a person found by name is the one on screen only when the pane's messages
// agree with Meta's (./proof.ts); otherwise the view says so (recipient.proof 'none') and no send goes out until the
// agent confirms or picks (recipientProven, checked by the background before any send). A link learned by name is
// judged again whenever the inbox asks with a pane reading, and dropped when the pane disagrees.
// Instagram threads the same way with the IGSID in the PSID's place, except the probe: Business Suite's id of an
// Instagram thread is a long id of its own, never the IGSID (reference §7a), so no call is spent trying it.

export const FACTS_TTL_MS = 60_000;
/** Listing pages the display-name search reads at least (LISTING_PAGE_SIZE conversations each); it goes on until
 *  the conversations are older than SEARCH_WINDOW_MS (every conversation a tag can still reach), up to
 *  NAME_SEARCH_MAX_PAGES. */
export const NAME_SEARCH_PAGES = 1;
export const NAME_SEARCH_MAX_PAGES = 20;
export const SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;
/** Where a mapping's link counts as proof of the recipient (a 'name_match' never does). */
const PROVEN_SOURCES: ReadonlySet<PsidMapping['source']> = new Set(['proven', 'pane_match', 'chosen']);
const PROOF_OF_SOURCE = { proven: 'psid', pane_match: 'pane', chosen: 'chosen', name_match: 'none' } as const;
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
  /** How many listing pages the display-name search goes through at least, and at most. */
  nameSearchPages?: number;
  nameSearchMaxPages?: number;
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
  /** The messages the conversation pane shows (lib/inbox/pane-messages.ts): the proof of a person found by name. */
  pane?: PaneReading;
}

/** Fresh facts for one thread, or why they could not be read. */
export type FactsRead = { ok: true; record: ThreadRecord } | { ok: false; reason: UnresolvedReason; error?: ErrorView };

export interface ThreadService {
  get(query: ThreadQuery): Promise<ThreadView>;
  choose(choice: { pageId: string; selectedItemId: string | null; psid: string; platform?: Platform }): Promise<ThreadView>;
  /** Reads the conversation from Meta now (no cache) and stores its facts. Used by the send pipeline. */
  readFacts(page: PageRecord, psid: string, platform?: Platform): Promise<FactsRead>;
  /** Whether a send to `psid` from this conversation goes to a proven person: the page's id proved as the PSID, a
   *  name match the pane proved, or the agent's choice. A name match alone never is. */
  recipientProven(pageId: string, selectedItemId: string | null, psid: string): Promise<boolean>;
}

const CANDIDATES_SHOWN = 20;

function unresolved(pageId: string, reason: UnresolvedReason, extra: { candidates?: Candidate[]; error?: ErrorView } = {}): ThreadView {
  return { status: 'unresolved', pageId, reason, ...extra };
}

/** Meta's newest message from the customer, and when: what the agent recognises a conversation by. */
function lastCustomerMessage(conversation: ConversationSummary, pageId: string): { lastCustomerText?: string; customerLastMessageAt?: number } {
  const last = conversation.messages.filter((message) => message.fromId !== pageId).sort((a, b) => b.createdTime - a.createdTime)[0];
  if (!last) return {};
  return { customerLastMessageAt: last.createdTime, ...(last.text ? { lastCustomerText: last.text.slice(0, 300) } : {}) };
}

function candidateOf(conversation: ConversationSummary, pageId: string): Candidate | null {
  const facts = customerFacts(conversation, pageId);
  if (!facts.psid) return null;
  return {
    psid: facts.psid,
    name: facts.customerName ?? '',
    ...(conversation.snippet ? { snippet: conversation.snippet } : {}),
    ...(conversation.updatedTime !== null ? { updatedAt: conversation.updatedTime } : {}),
    ...lastCustomerMessage(conversation, pageId),
  };
}

/** The pane's verdict as the view says it: a contradiction is a doubt about the window shown. */
const doubtOf = (verdict: PaneVerdict | null): Pick<RecipientView, 'doubt'> => (verdict?.verdict === 'disagrees' ? { doubt: verdict.why } : {});

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
  const nameSearchMaxPages = Math.max(nameSearchPages, deps.nameSearchMaxPages ?? NAME_SEARCH_MAX_PAGES);
  const knownNotPsidLimit = Math.max(1, deps.knownNotPsidLimit ?? KNOWN_NOT_PSID_LIMIT);

  // Memory of this worker only. A failed probe matters only until the thread resolves (from then on its stored
  // mapping is used and the probe never runs again), so losing it with the worker costs at most one call per
  // still-unresolved thread; keeping it in storage would mean a storage write on every switch for that.
  // Map order is insertion order: re-inserting on use keeps the least recently used first, to be dropped first.
  const knownNotPsid = new Map<string, true>();
  const probesInFlight = new Map<string, Promise<ProbeOutcome>>();
  // Meta's conversation of each person as last read (within the facts' TTL), for judging the pane again without a
  // call when it changes; and the people proven in a conversation without a selected_item_id (nothing to store
  // their link under), for the send's check. Both this worker's memory only: losing them costs a read, or a
  // confirmation, never a send to someone unproven.
  const conversations = new Map<string, { conversation: ConversationSummary; at: number }>();
  const vouched = new Set<string>();
  const personKey = (pageId: string, psid: string) => `${pageId}\u0000${psid}`;

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
    const key = personKey(pageId, psid);
    const known = conversations.get(key);
    if (!known || known.at <= at) {
      conversations.delete(key);
      conversations.set(key, { conversation, at });
      while (conversations.size > 200) conversations.delete(conversations.keys().next().value!);
    }
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
    if (PROVEN_SOURCES.has(source)) vouched.add(personKey(pageId, psid));
    if (!selectedItemId) return;
    // A name match is no proof: it never replaces a link proven or chosen meanwhile (a read that started before the
    // agent's choice ends after it).
    if (source === 'name_match') {
      const current = await store.getPsidMapping(pageId, selectedItemId);
      if (current && PROVEN_SOURCES.has(current.source)) return;
    }
    await store.setPsidMapping(pageId, selectedItemId, { psid, source, at: now() });
  }

  /** The recipient part of a view: how it is known, and Meta's last customer message when it is not proven. */
  function recipientOf(
    pageId: string,
    psid: string,
    proof: RecipientView['proof'],
    verdict: PaneVerdict | null,
    extra: { candidates?: Candidate[] } = {},
  ): RecipientView {
    const known = conversations.get(personKey(pageId, psid));
    return {
      proof,
      ...doubtOf(verdict),
      ...(known ? lastCustomerMessage(known.conversation, pageId) : {}),
      ...(proof === 'none' && extra.candidates?.length ? { candidates: extra.candidates } : {}),
    };
  }

  /** Facts of a known PSID (IGSID): the stored ones inside the TTL, else one user_id lookup. null: no such
   *  conversation on that platform. */
  async function factsFor(
    page: PageRecord,
    psid: string,
    selectedItemId: string | null,
    refresh: boolean,
    platform: Platform,
    proof: RecipientView['proof'],
    pane?: PaneReading,
  ): Promise<ThreadView | null> {
    // A person proven otherwise (the page's id, the agent's choice) is not judged by the pane, but a pane that
    // contradicts their conversation (as last read) still puts the window in doubt.
    const verdict = () => {
      const kept = pane ? conversations.get(personKey(page.id, psid)) : undefined;
      return kept ? judgePane(pane, kept.conversation) : null;
    };
    const stored = await store.getThread(page.id, psid);
    const checkedAt = stored?.facts && (stored.platform ?? 'messenger') === platform ? stored.facts.checkedAt : null;
    if (!refresh && checkedAt !== null && now() - checkedAt < ttl && now() >= checkedAt) {
      return resolvedView(stored!, recipientOf(page.id, psid, proof, verdict()));
    }
    const listed = refresh ? null : await listedConversation(page, psid, platform, checkedAt);
    if (listed) {
      const record = await recordConversation(page.id, psid, listed.conversation, selectedItemId, platform, listed.at);
      return resolvedView(record, recipientOf(page.id, psid, proof, verdict()));
    }
    const graph = await deps.graph();
    const lookup = await graph.conversationForUser(page.id, psid, page.token, platform);
    if (!lookup.ok) return failureView(page.id, lookup.error);
    if (!lookup.value) return null;
    return resolvedView(await recordConversation(page.id, psid, lookup.value, selectedItemId, platform), recipientOf(page.id, psid, proof, verdict()));
  }

  /**
   * The person's conversation as the Page's listing holds it, when that listing (the one the row badges read once a
   * minute, shared by every tab, or a read of it under way) is fresh and was answered after `since` (the facts kept):
   * it says what a user_id lookup would, so an idle inbox's minute read (facts then past the 60 s) and a switch to a
   * recent conversation cost no call of their own. Never for a refresh: the agent asked to read Meta now. null: no
   * such listing, or the person is not in its first page.
   */
  async function listedConversation(
    page: PageRecord,
    psid: string,
    platform: Platform,
    since: number | null,
  ): Promise<{ conversation: ConversationSummary; at: number } | null> {
    await listings.settled(page.id, platform);
    const listing = listings.cached(page.id, platform, await deps.graph());
    if (!listing || (since !== null && listing.answeredAt <= since)) return null;
    const conversation = listing.conversations.find((each) => customerFacts(each, page.id).psid === psid);
    return conversation ? { conversation, at: listing.answeredAt } : null;
  }

  /** One user_id lookup of a person's conversation (or the listing's, see listedConversation), recorded. */
  async function lookUp(
    page: PageRecord,
    psid: string,
    selectedItemId: string | null,
    platform: Platform,
    listing = true,
  ): Promise<{ ok: true; record: ThreadRecord; conversation: ConversationSummary } | { ok: false; view: ThreadView } | null> {
    const kept = (await store.getThread(page.id, psid))?.facts?.checkedAt ?? null;
    const listed = listing ? await listedConversation(page, psid, platform, kept) : null;
    if (listed) {
      return {
        ok: true,
        record: await recordConversation(page.id, psid, listed.conversation, selectedItemId, platform, listed.at),
        conversation: listed.conversation,
      };
    }
    const graph = await deps.graph();
    const lookup = await graph.conversationForUser(page.id, psid, page.token, platform);
    if (!lookup.ok) return { ok: false, view: await failureView(page.id, lookup.error) };
    if (!lookup.value) return null;
    return { ok: true, record: await recordConversation(page.id, psid, lookup.value, selectedItemId, platform), conversation: lookup.value };
  }

  /**
   * A person found by name, judged against the pane: Meta's conversation as last read (a listing's, or the lookup
   * kept in memory within the TTL), read again once when the pane shows a text it does not have yet or nothing is
   * kept. null: the person has no conversation any more.
   */
  async function judgePerson(
    page: PageRecord,
    psid: string,
    query: ThreadQuery,
    platform: Platform,
    refresh: boolean,
  ): Promise<{ ok: true; record: ThreadRecord; verdict: PaneVerdict } | { ok: false; view: ThreadView } | null> {
    const key = personKey(page.id, psid);
    const kept = conversations.get(key);
    const fresh = kept && !refresh && now() - kept.at < ttl && now() >= kept.at ? kept : null;
    let stale = false;
    if (fresh) {
      const verdict = judgePane(query.pane, fresh.conversation);
      const stored = await store.getThread(page.id, psid);
      stale = verdict.verdict === 'unknown' && verdict.why === 'newest_missing';
      if (stored?.facts && !stale) return { ok: true, record: stored, verdict };
    }
    // The pane shows a text Meta's last answer lacked: only a read of this conversation now can have it.
    const read = await lookUp(page, psid, query.selectedItemId, platform, !stale && !refresh);
    if (!read || !read.ok) return read;
    return { ok: true, record: read.record, verdict: judgePane(query.pane, read.conversation) };
  }

  /** A stored link learned by name ('pane_match', or an older version's 'name_match'): judged again against the pane;
   *  a disagreement drops it (null: resolve again). A pane that cannot say (unreadable, too few texts) leaves a
   *  proven link proven and an unproven one unproven. */
  async function recheck(
    page: PageRecord,
    query: ThreadQuery & { selectedItemId: string },
    mapping: PsidMapping,
    platform: Platform,
    refresh: boolean,
  ): Promise<ThreadView | null> {
    const judged = await judgePerson(page, mapping.psid, query, platform, refresh);
    if (judged && !judged.ok) return judged.view;
    if (!judged || judged.verdict.verdict === 'disagrees') {
      await store.setPsidMapping(page.id, query.selectedItemId, null);
      vouched.delete(personKey(page.id, mapping.psid));
      return null;
    }
    if (judged.verdict.verdict === 'agrees') {
      if (mapping.source !== 'pane_match') await remember(page.id, query.selectedItemId, mapping.psid, 'pane_match');
      return resolvedView(judged.record, recipientOf(page.id, mapping.psid, 'pane', judged.verdict));
    }
    const proof = PROOF_OF_SOURCE[mapping.source];
    if (proof !== 'none') return resolvedView(judged.record, recipientOf(page.id, mapping.psid, proof, judged.verdict));
    // Unproven: the person, and whoever else a tag can still reach in the listing at hand, to confirm or pick.
    const kept = conversations.get(personKey(page.id, mapping.psid));
    const self = kept ? candidateOf(kept.conversation, page.id) : null;
    const cached = listings.cached(page.id, platform, await deps.graph());
    const others = cached ? reachable(cached, page.id, new Set([mapping.psid])) : [];
    return resolvedView(judged.record, recipientOf(page.id, mapping.psid, 'none', judged.verdict, { candidates: [...(self ? [self] : []), ...others] }));
  }

  /** Conversations a tag can still reach (customer's last message inside 7 days), most recent first: the ones offered
   *  to pick from. */
  function reachable(listing: RecentListing, pageId: string, except: ReadonlySet<string>): Candidate[] {
    const since = now() - SEARCH_WINDOW_MS;
    const seen = new Set(except);
    const out: Candidate[] = [];
    for (const conversation of listing.conversations) {
      const candidate = candidateOf(conversation, pageId);
      if (!candidate || seen.has(candidate.psid)) continue;
      seen.add(candidate.psid);
      if ((candidate.customerLastMessageAt ?? -Infinity) >= since) out.push(candidate);
    }
    return out.sort((a, b) => (b.customerLastMessageAt ?? 0) - (a.customerLastMessageAt ?? 0)).slice(0, CANDIDATES_SHOWN);
  }

  /** (3) The display name among the listing's participants (every conversation inside 7 days at least), each match
   *  judged against the pane: one that agrees is proven and remembered; one match alone is offered for the agent to
   *  confirm (never sent to before); several → the agent picks among them; none (or no name) → the agent picks
   *  among the most recent conversations. */
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

    if (matches.length > 0) {
      // Every match against the pane, from the listing's messages (no call).
      let judged = matches.map((match) => ({ ...match, verdict: judgePane(query.pane, match.conversation) }));
      const agreeing = () => judged.filter(({ verdict }) => verdict.verdict === 'agrees');
      // The listing may be older than the pane's newest message: one lookup of the likeliest match (the most texts
      // found, then the most recent) reads it again. The only read the proof adds.
      if (agreeing().length === 0) {
        const stale = judged
          .filter(({ verdict }) => verdict.verdict === 'unknown' && verdict.why === 'newest_missing')
          .sort((a, b) => b.verdict.matched - a.verdict.matched || (b.candidate.updatedAt ?? 0) - (a.candidate.updatedAt ?? 0))[0];
        if (stale) {
          const read = await lookUp(page, stale.candidate.psid, query.selectedItemId, platform);
          if (read && !read.ok) return read.view;
          if (read)
            judged = judged.map((match) =>
              match === stale ? { ...match, conversation: read.conversation, verdict: judgePane(query.pane, read.conversation) } : match,
            );
        }
      }
      const proven = agreeing();
      const record = async (match: (typeof judged)[number]) =>
        // The facts are as old as the listing, and say so: the TTL runs from when Meta answered.
        match.conversation.messages.length
          ? recordConversation(page.id, match.candidate.psid, match.conversation, query.selectedItemId, platform, listing.answeredAt)
          : null;
      if (proven.length === 1) {
        const match = proven[0]!;
        await remember(page.id, query.selectedItemId, match.candidate.psid, 'pane_match');
        const stored = (await record(match)) ?? null;
        if (stored) return resolvedView(stored, recipientOf(page.id, match.candidate.psid, 'pane', match.verdict));
        return (await factsFor(page, match.candidate.psid, query.selectedItemId, true, platform, 'pane')) ?? unresolved(page.id, 'not_found');
      }
      if (judged.length === 1) {
        // One person by that name, not proven: offered for the agent to confirm, with everyone a tag can still reach
        // to pick from instead. Remembered as a name match (never proof) unless the pane contradicts it.
        const match = judged[0]!;
        if (match.verdict.verdict !== 'disagrees') await remember(page.id, query.selectedItemId, match.candidate.psid, 'name_match');
        const others = reachable(listing, page.id, new Set([match.candidate.psid]));
        const recipient = () => recipientOf(page.id, match.candidate.psid, 'none', match.verdict, { candidates: [match.candidate, ...others] });
        const stored = await record(match);
        if (stored) return resolvedView(stored, recipient());
        const view = await factsFor(page, match.candidate.psid, query.selectedItemId, true, platform, 'none');
        return view?.status === 'resolved' ? { ...view, recipient: recipient() } : (view ?? unresolved(page.id, 'not_found'));
      }
      // Several people by that name and the pane proves none of them: the agent picks (those the pane contradicts last).
      const order = (verdict: PaneVerdict) => (verdict.verdict === 'disagrees' ? 1 : 0);
      return unresolved(page.id, 'ambiguous', {
        candidates: [...judged].sort((a, b) => order(a.verdict) - order(b.verdict)).map(({ candidate }) => candidate),
      });
    }
    // Nobody by that name among the conversations read: offer the most recent ones to pick from.
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

      // (1) A mapping proven or chosen earlier; one learned by name is judged against the pane again.
      let lookedUp: string | null = null;
      if (query.selectedItemId) {
        const mapping = await store.getPsidMapping(page.id, query.selectedItemId);
        if (mapping) {
          const byName = mapping.source === 'pane_match' || mapping.source === 'name_match';
          const view = byName
            ? await recheck(page, { ...query, selectedItemId: query.selectedItemId }, mapping, platform, refresh)
            : await factsFor(page, mapping.psid, query.selectedItemId, refresh, platform, PROOF_OF_SOURCE[mapping.source], query.pane);
          if (view) return view;
          lookedUp = mapping.psid;
          // The mapped customer has no conversation any more, or the pane disagrees: forget it and resolve again.
          if (!byName) await store.setPsidMapping(page.id, query.selectedItemId, null);
        }
      }

      // (2) selected_item_id may be the PSID itself; the user_id lookup proves it (and brings the messages). Never on
      // Instagram, where it is Business Suite's own long id.
      if (query.selectedItemId && lookedUp !== query.selectedItemId && platform === 'messenger') {
        const outcome = await probe(page, query.selectedItemId);
        if (outcome.kind === 'psid') {
          await remember(page.id, query.selectedItemId, query.selectedItemId, 'proven');
          const record = await recordConversation(page.id, query.selectedItemId, outcome.conversation, query.selectedItemId, platform);
          return resolvedView(record, recipientOf(page.id, query.selectedItemId, 'psid', query.pane ? judgePane(query.pane, outcome.conversation) : null));
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

      // (3) The display name among every conversation a tag can still reach (the listing goes on until its
      // conversations are older than 7 days, bounded); (4) otherwise the agent picks. The most recent conversations
      // to pick from are on the first page.
      const searching = !!query.displayName || disputed;
      const listing = await listings.current(page, platform, {
        pages: searching ? nameSearchPages : 1,
        ...(searching ? { through: now() - SEARCH_WINDOW_MS, maxPages: nameSearchMaxPages } : {}),
        fresh: refresh,
      });
      if (!listing.ok) return failureView(page.id, listing.failure);
      return matchByName(page, query, listing.listing, platform);
    },

    async choose(choice) {
      const access = await deps.pages.pageForUse(choice.pageId);
      if (!access.ok) return unresolved(choice.pageId, access.reason);
      // Only a PSID that really has a conversation with this Page (on this platform) can be chosen.
      const view = await factsFor(access.page, choice.psid, choice.selectedItemId, true, choice.platform ?? 'messenger', 'chosen');
      if (!view) return unresolved(choice.pageId, 'not_found');
      if (view.status === 'resolved') await remember(choice.pageId, choice.selectedItemId, choice.psid, 'chosen');
      return view;
    },

    async readFacts(page, psid, platform = 'messenger') {
      const graph = await deps.graph();
      // The read right before a send: the agent waits on it, so it goes ahead of background reads (badges, a name
      // search's later pages, reconciliation) queued for the Page.
      const lookup = await graph.conversationForUser(page.id, psid, page.token, platform, { urgent: true });
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

    async recipientProven(pageId, selectedItemId, psid) {
      // The conversation the page selects is this very id: the person on screen (a wrong id reaches nobody).
      if (selectedItemId && selectedItemId === psid) return true;
      if (selectedItemId) {
        const mapping = await store.getPsidMapping(pageId, selectedItemId);
        return !!mapping && mapping.psid === psid && PROVEN_SOURCES.has(mapping.source);
      }
      return vouched.has(personKey(pageId, psid));
    },
  };
}
