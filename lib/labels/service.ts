import { customerFacts, type GraphClient, type GraphFailure } from '../graph';
import { errorView, withoutToken } from '../graph/error-view';
import type { Locale } from '../i18n/core';
import { LABEL_STATES, labelStateOf, nextLabelChangeAt, type LabelState } from '../policy/labels';
import { HUMAN_AGENT_LIMIT_MS } from '../policy/window';
import type { PageService } from '../pages/service';
import type { ManagedConfig } from '../settings/managed';
import type { LabelPerson, LabelSync, LabelTransition, PageRecord, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { newest } from '../threads/facts';
import type { ListingService } from '../threads/listing';
import { deleteReopenLabels, ensureLabels, isGone } from './label-set';
import { desiredLabel, needsWrite, writePerson } from './person';
import type { LabelsPageView, LabelsRefusal, LabelsSetReply } from './view';

// Labels in Business Suite (issue 22; DESIGN.md §3): per Page, opt-in, Reopen mirrors each Messenger conversation's
// window state as one of its labels (./names.ts), so teammates without Reopen and Business Suite's mobile app see it.
//
// How a Page is kept in step (`run`, on the minute alarm, at the next transition, and soon after a send or a block):
// - the Page's recent conversations come from the listing the row badges already share (lib/threads/listing.ts),
//   read back to the previous sync's listing, so a new customer message is seen within a minute;
// - each person followed (`people`) keeps C and the Page's last message; the label they should carry is computed
//   from them and the clock (lib/policy/labels.ts), so a window crossing 24 h or 7 days changes label with no agent
//   and no read: the sync wakes at the next transition;
// - a person whose label is not the one they should carry is read, then at most one remove and one add;
// - every label call is paced with the Page's other Graph calls at background priority (after any switch or send
//   waiting), at most WRITES_PER_RUN people per run; a rate-limit answer stops the run and backs off, doubling.

/** People written per run: the rest follow in the next run, moments later. */
export const WRITES_PER_RUN = 20;
/** How often the Page's labels are listed again (another browser may have made a duplicate, someone deleted one). */
export const LABELS_RECHECK_MS = 5 * 60_000;
/** Listing pages read in one run (50 conversations each). */
const LISTING_MAX_PAGES = 10;
/** People followed per Page (about 40 bytes each in storage, lib/storage/label-people.ts: 1.6 MB at most). Beyond it,
 *  people whose label will not change by the clock go first (closed, reactivated: their label stays right until the
 *  customer writes, and then the listing brings them back), then the ones whose customer wrote longest ago. Enough for
 *  a Page with about 5,700 new conversations a day (7 days of them); above that, the oldest "human agent only" labels
 *  are not moved to "closed". */
export const PEOPLE_CAP = 40_000;
/** Label transitions kept per Page for the audit CSV. */
export const LOG_CAP = 1000;
const BACKOFF_FIRST_MS = 60_000;
const BACKOFF_MAX_MS = 60 * 60_000;
/** A person whose write failed (not for a rate limit) is tried again after this long. */
const RETRY_PERSON_MS = 5 * 60_000;
const DAY_MS = 24 * 60 * 60_000;

export interface LabelSyncDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect' | 'list'>;
  listings: Pick<ListingService, 'current'>;
  graph: () => Promise<GraphClient>;
  now: () => number;
  managed: () => Promise<ManagedConfig>;
  /** The default language of the labels' names (the agent's interface language). */
  language: () => Promise<Locale>;
  /** Asks to be woken at `at` (a timer while the worker lives, an alarm after). */
  wake?: (at: number) => void;
}

export interface LabelSyncService {
  status(): Promise<LabelsPageView[]>;
  set(pageId: string, enabled: boolean, language?: Locale): Promise<LabelsSetReply>;
  /** Applies the administrator's policy, then syncs every Page that has the labels on (or finishes switching off). */
  run(): Promise<void>;
  /** A thread of the Page changed (a send, a block): its labels follow within seconds. */
  poke(pageId: string): void;
  /** The Page is being disconnected: Reopen's labels are deleted while its token still works (best effort), and the
   *  sync's record goes. A Page the administrator connected is not disconnected, so nothing happens to it. */
  release(pageId: string): Promise<void>;
  /** Every Page's label transitions, oldest first (the audit CSV). */
  transitions(): Promise<(LabelTransition & { pageId: string })[]>;
}

const emptyCounts = (): Record<LabelState, number> => Object.fromEntries(LABEL_STATES.map((state) => [state, 0])) as Record<LabelState, number>;

function freshSync(pageId: string, language: Locale): LabelSync {
  return {
    pageId,
    enabled: false,
    language,
    pending: null,
    labelIds: {},
    labelsCheckedAt: null,
    people: {},
    listedAt: null,
    lastSyncAt: null,
    lastError: null,
    clearedAt: null,
    backoffUntil: null,
    backoffMs: 0,
    log: [],
  };
}

/** Meta's answer as the options page explains it. */
export function refusalOf(failure: GraphFailure): LabelsRefusal {
  const error = errorView(failure);
  if (failure.code === 190) return { kind: 'token', error };
  if (failure.code === 2 && failure.subcode === 2018344) return { kind: 'terms', error };
  if (failure.code === 200 || failure.code === 10) return { kind: 'permission', error };
  if (failure.kind === 'rate_limited') return { kind: 'rate_limited', error };
  return { kind: 'failed', error };
}

export function labelsView(record: LabelSync | null, page: { id: string; name: string }, fallbackLanguage: Locale, now: number): LabelsPageView {
  const counts = emptyCounts();
  for (const person of Object.values(record?.people ?? {})) if (person.l) counts[person.l]++;
  return {
    pageId: page.id,
    pageName: page.name,
    enabled: record?.enabled ?? false,
    managed: record?.managed ?? false,
    language: record?.language ?? fallbackLanguage,
    pending: record?.pending ?? null,
    lastSyncAt: record?.lastSyncAt ?? null,
    counts,
    // By the hour: the last 24 whole hours and this one.
    writesLast24h: (record?.writesByHour ?? []).filter(([hour]) => hour > now - DAY_MS - HOUR_MS).reduce((sum, [, count]) => sum + count, 0),
    lastError: record?.lastError ?? null,
    clearedAt: record?.clearedAt ?? null,
    backoffUntil: record?.backoffUntil !== null && record?.backoffUntil !== undefined && record.backoffUntil > now ? record.backoffUntil : null,
  };
}

const HOUR_MS = 60 * 60_000;

/** Label writes per hour over the last day (the log keeps only the newest LOG_CAP transitions: a busy Page's day
 *  holds more). */
function countWrites(hours: [number, number][], log: readonly LabelTransition[], now: number): [number, number][] {
  const counts = new Map(hours);
  for (const entry of log) {
    if (entry.result !== 'written') continue;
    const hour = Math.floor(entry.at / HOUR_MS) * HOUR_MS;
    counts.set(hour, (counts.get(hour) ?? 0) + 1);
  }
  return [...counts].filter(([hour]) => hour > now - DAY_MS - HOUR_MS).sort((a, b) => a[0] - b[0]);
}

/** When the Page last sent to the person through this browser (Meta's listing may not show it yet). */
function lastSentAt(thread: ThreadRecord): number | null {
  let at: number | null = null;
  for (const attempt of thread.attempts) if (attempt.status === 'sent') at = newest(at, attempt.postedAt ?? attempt.settledAt ?? attempt.at);
  return at;
}

/** Keeps the people map bounded: people whose label the clock will not change go first, then the ones whose customer
 *  wrote longest ago. */
export function capPeople(people: Record<string, LabelPerson>, now: number, cap = PEOPLE_CAP): Record<string, LabelPerson> {
  const entries = Object.entries(people);
  if (entries.length <= cap) return people;
  const settled = (person: LabelPerson) => {
    const state = labelStateOf({ customerLastMessageAt: person.c, pageLastMessageAt: person.p }, now);
    return person.d === undefined && (person.c === null || state === 'closed' || state === 'reactivated') ? 1 : 0;
  };
  // Each person's rank once, not once per comparison of the sort.
  const ranked = entries.map(([psid, person]) => ({ psid, person, settled: settled(person) }));
  ranked.sort((a, b) => a.settled - b.settled || (b.person.c ?? 0) - (a.person.c ?? 0));
  return Object.fromEntries(ranked.slice(0, cap).map(({ psid, person }) => [psid, person]));
}

export function createLabelSyncService(deps: LabelSyncDeps): LabelSyncService {
  const { store, now } = deps;
  // One piece of work per Page at a time in this worker (a run, a switch on or off); a switch stops a run between
  // two people.
  const chains = new Map<string, Promise<unknown>>();
  const stopRun = new Map<string, boolean>();
  const poked = new Map<string, ReturnType<typeof setTimeout>>();

  function serial<T>(pageId: string, work: () => Promise<T>): Promise<T> {
    const next = (chains.get(pageId) ?? Promise.resolve()).then(work, work);
    chains.set(
      pageId,
      next.catch(() => undefined),
    );
    return next;
  }

  const update = (pageId: string, language: Locale, change: (current: LabelSync) => LabelSync) =>
    store.updateLabelSync(pageId, (current) => change(current ?? freshSync(pageId, language)));

  async function viewFor(pageId: string): Promise<LabelsPageView> {
    const [record, pages, language] = await Promise.all([store.getLabelSync(pageId), deps.pages.list(), deps.language()]);
    const page = pages.find((candidate) => candidate.id === pageId) ?? { id: pageId, name: pageId };
    return labelsView(record, page, language, now());
  }

  async function managedEntry(pageId: string) {
    const config = await deps.managed().catch(() => ({ pages: [] }));
    const entry = config.pages.find((page) => page.id === pageId);
    return entry?.labelsSync === undefined ? null : entry;
  }

  async function usablePage(pageId: string): Promise<{ ok: true; page: PageRecord } | { ok: false; refusal: LabelsRefusal }> {
    const access = await deps.pages.pageForUse(pageId);
    if (access.ok) return access;
    return { ok: false, refusal: { kind: access.reason === 'page_needs_reconnect' ? 'token' : 'not_connected' } };
  }

  async function failedOn(page: PageRecord, failure: GraphFailure): Promise<LabelsRefusal> {
    if (failure.code === 190) await deps.pages.markNeedsReconnect(page.id);
    const refusal = refusalOf(failure);
    return refusal.error ? { ...refusal, error: withoutToken(refusal.error, page.token) } : refusal;
  }

  async function switchOn(pageId: string, language: Locale, managed: boolean): Promise<LabelsRefusal | null> {
    const usable = await usablePage(pageId);
    if (!usable.ok) return usable.refusal;
    const { page } = usable;
    await update(pageId, language, (current) => ({ ...current, pending: 'enabling', language, managed }));
    const graph = await deps.graph();
    const labels = await ensureLabels({ api: graph.labels, pageId, token: page.token }, language);
    if (!labels.ok) {
      const refusal = await failedOn(page, labels.failure);
      await update(pageId, language, (current) => ({ ...current, pending: null, enabled: false }));
      return refusal;
    }
    await update(pageId, language, (current) => ({
      ...current,
      enabled: true,
      managed,
      language,
      pending: null,
      labelIds: labels.labelIds,
      labelsCheckedAt: now(),
      // Already on (another window, a policy applied again): who carries what is still known.
      people: current.enabled ? current.people : {},
      listedAt: current.enabled ? current.listedAt : null,
      lastError: null,
      backoffUntil: null,
      backoffMs: 0,
    }));
    return null;
  }

  async function switchOff(pageId: string, managed: boolean): Promise<LabelsRefusal | null> {
    const language = (await store.getLabelSync(pageId))?.language ?? (await deps.language());
    // Off at once (no run writes again), then Reopen's labels go; what fails is finished by the next run.
    await update(pageId, language, (current) => ({ ...current, enabled: false, managed, pending: 'disabling' }));
    const usable = await usablePage(pageId);
    if (!usable.ok) return usable.refusal;
    const graph = await deps.graph();
    const cleared = await deleteReopenLabels({ api: graph.labels, pageId, token: usable.page.token });
    if (!cleared.ok) {
      const refusal = await failedOn(usable.page, cleared.failure);
      await update(pageId, language, (current) => ({
        ...current,
        lastError: { at: now(), error: refusal.error ?? { kind: 'unknown_error', retryable: true } },
      }));
      return refusal;
    }
    await update(pageId, language, (current) => ({
      ...current,
      pending: null,
      labelIds: {},
      labelsCheckedAt: null,
      people: {},
      listedAt: null,
      lastError: null,
      clearedAt: now(),
    }));
    return null;
  }

  /** Backs off after a rate-limit answer (Meta's stated wait, else doubling from a minute, at most an hour). */
  function backedOff(record: LabelSync, failure: GraphFailure): Pick<LabelSync, 'backoffUntil' | 'backoffMs'> {
    const backoffMs = Math.min(BACKOFF_MAX_MS, Math.max(BACKOFF_FIRST_MS, record.backoffMs * 2, failure.retryAfterMs ?? 0));
    return { backoffMs, backoffUntil: now() + backoffMs };
  }

  /** Meta's rate limit, not our pacer's queue (which only means: later). */
  const isMetaRateLimit = (failure: GraphFailure) => failure.kind === 'rate_limited' && failure.code !== undefined;

  async function syncPage(pageId: string): Promise<void> {
    const record = await store.getLabelSync(pageId);
    if (!record) return;
    if (record.pending === 'disabling') {
      await switchOff(pageId, record.managed ?? false);
      return;
    }
    // A worker stopped while switching on: finish what the agent asked for (the labels made are found by name).
    if (record.pending === 'enabling') {
      await switchOn(pageId, record.language, record.managed ?? false);
      return;
    }
    if (!record.enabled) return;
    const at = now();
    if (record.backoffUntil !== null && record.backoffUntil > at) return deps.wake?.(record.backoffUntil);
    const usable = await usablePage(pageId);
    if (!usable.ok) return;
    const { page } = usable;
    const graph = await deps.graph();
    const api = graph.labels;
    let failure: GraphFailure | null = null;
    let labelIds = record.labelIds;
    let labelsCheckedAt = record.labelsCheckedAt;

    if (labelsCheckedAt === null || at - labelsCheckedAt >= LABELS_RECHECK_MS || at < labelsCheckedAt) {
      const labels = await ensureLabels({ api, pageId, token: page.token }, record.language);
      if (labels.ok) {
        labelIds = labels.labelIds;
        labelsCheckedAt = now();
      } else failure = labels.failure;
    }

    // What Meta lists since the last run: C and the Page's last message of everyone who wrote or was written to.
    const people: Record<string, LabelPerson> = { ...record.people };
    let listedAt = record.listedAt;
    if (!failure) {
      const through = listedAt ?? at - HUMAN_AGENT_LIMIT_MS;
      const listing = await deps.listings.current(page, 'messenger', { pages: 1, through, maxPages: LISTING_MAX_PAGES });
      if (listing.ok) {
        for (const conversation of listing.listing.conversations) {
          const facts = customerFacts(conversation, pageId);
          if (!facts.psid || (facts.customerLastMessageAt === null && !people[facts.psid])) continue;
          const known = people[facts.psid] ?? { c: null, p: null };
          people[facts.psid] = { ...known, c: newest(known.c, facts.customerLastMessageAt), p: newest(known.p, facts.pageLastMessageAt) };
        }
        // A conversation updated while the read ran may sit just behind it: the next read goes back a minute more.
        listedAt = listing.listing.requestedAt - 60_000;
      } else failure = listing.failure;
    }

    // What this browser knows that Meta's listing may not show yet: its own sends, and Meta's blocks on a person.
    const blocks = new Map<string, NonNullable<ThreadRecord['block']>>();
    for (const thread of await store.listThreads()) {
      if (thread.pageId !== pageId || thread.platform === 'instagram') continue;
      if (thread.block) blocks.set(thread.psid, thread.block);
      const known = people[thread.psid];
      const sent = lastSentAt(thread);
      const c = thread.facts?.customerLastMessageAt ?? null;
      if (!known && c === null) continue;
      const base = known ?? { c: null, p: null };
      people[thread.psid] = { ...base, c: newest(base.c, c), p: newest(newest(base.p, thread.facts?.pageLastMessageAt ?? null), sent) };
    }

    const log: LabelTransition[] = [];
    const writeAt = now();
    const due = Object.entries(people)
      .map(([psid, person]) => ({ psid, person, desired: desiredLabel(person, blocks.get(psid), writeAt) }))
      .filter(({ person, desired }) => needsWrite(person, desired, writeAt));
    let written = 0;
    if (!failure || !isMetaRateLimit(failure)) {
      stopRun.set(pageId, false);
      for (const { psid, person, desired } of due) {
        if (written >= WRITES_PER_RUN || stopRun.get(pageId)) break;
        written++;
        const result = await writePerson({ api, pageId, token: page.token, labelIds }, psid, person, desired, blocks.has(psid));
        if (result.ok) {
          const next: LabelPerson = { c: person.c, p: person.p, l: result.to };
          if (result.keptStop || (person.s !== undefined && result.to === 'stop')) next.s = person.s ?? person.c ?? 0;
          people[psid] = next;
          if (result.from !== result.to || result.writes > 0) log.push({ at: now(), psid, from: result.from, to: result.to, result: 'written' });
          continue;
        }
        if ('labelMissing' in result) {
          // Not Meta's refusal: find or create the label again first (the next run, moments later), then write.
          labelsCheckedAt = null;
          break;
        }
        const error = withoutToken(errorView(result.failure), page.token);
        log.push({ at: now(), psid, from: result.from, to: desired, result: 'failed', error });
        if (result.failure.code === 100 && result.failure.subcode === 2018001) {
          delete people[psid]; // not a person of this Page (any more): nothing to label
          continue;
        }
        if (isGone(result.failure)) labelsCheckedAt = null; // a label of ours was deleted: find or create it again
        // A rate limit waits for the Page's back-off; anything else waits for this person's own retry.
        if (!isMetaRateLimit(result.failure)) people[psid] = { ...person, d: now() + RETRY_PERSON_MS };
        failure = result.failure;
        if (isMetaRateLimit(result.failure) || result.failure.code === 190 || isGone(result.failure)) break;
      }
    }
    if (failure?.code === 190) await deps.pages.markNeedsReconnect(pageId);

    const finishedAt = now();
    const saved = await store.updateLabelSync(pageId, (current) => {
      // Switched off (or on again from scratch) while this run worked: its results are not kept.
      if (!current || !current.enabled || current.pending) return current;
      const rateLimited = failure !== null && isMetaRateLimit(failure);
      return {
        ...current,
        labelIds,
        labelsCheckedAt,
        people: capPeople(people, finishedAt),
        writesByHour: countWrites(current.writesByHour ?? [], log, finishedAt),
        listedAt,
        lastSyncAt: finishedAt,
        // A run with nothing to do does not clear the failure of people still waiting for their retry.
        lastError: failure
          ? { at: finishedAt, error: withoutToken(errorView(failure), page.token) }
          : Object.values(people).some((person) => person.d !== undefined && person.d > finishedAt)
            ? current.lastError
            : null,
        ...(rateLimited ? backedOff(current, failure!) : { backoffUntil: null, backoffMs: 0 }),
        log: [...current.log, ...log].slice(-LOG_CAP),
      };
    });
    if (!saved?.enabled) return;
    // Wake for what is left: more people due now, the next transition by the clock, or the end of a back-off.
    if (saved.backoffUntil !== null) return deps.wake?.(saved.backoffUntil);
    if (due.length > written && !failure) return deps.wake?.(finishedAt + 1_000);
    let next: number | null = null;
    for (const [psid, person] of Object.entries(saved.people)) {
      const at = nextLabelChangeAt({ customerLastMessageAt: person.c, pageLastMessageAt: person.p, block: blocks.get(psid) }, finishedAt);
      const retry = person.d !== undefined && person.d > finishedAt ? person.d : null;
      for (const candidate of [at, retry]) if (candidate !== null && (next === null || candidate < next)) next = candidate;
    }
    if (next !== null) deps.wake?.(next);
  }

  async function applyManaged(): Promise<void> {
    const config = await deps.managed().catch(() => null);
    if (!config) return;
    for (const entry of config.pages) {
      if (entry.labelsSync === undefined) continue;
      const record = await store.getLabelSync(entry.id);
      if (record?.pending) continue;
      const language = entry.labelsLanguage ?? record?.language ?? (await deps.language());
      if (entry.labelsSync && !record?.enabled) {
        // A refusal is kept for the dashboard and tried again at the next run (a manager may fix the app meanwhile).
        const refusal = await serial(entry.id, () => switchOn(entry.id, language, true));
        if (refusal)
          await update(entry.id, language, (current) => ({
            ...current,
            managed: true,
            lastError: { at: now(), error: refusal.error ?? { kind: refusal.kind, retryable: true } },
          }));
      } else if (!entry.labelsSync && record?.enabled) await serial(entry.id, () => switchOff(entry.id, true));
      else if (record && !record.managed) await update(entry.id, language, (current) => ({ ...current, managed: true }));
    }
  }

  return {
    async status() {
      const [pages, records, language] = await Promise.all([deps.pages.list(), store.listLabelSyncs(), deps.language()]);
      const byPage = new Map(records.map((record) => [record.pageId, record]));
      return pages.map((page) => labelsView(byPage.get(page.id) ?? null, page, language, now()));
    },

    async set(pageId, enabled, language) {
      const preset = await managedEntry(pageId);
      if (preset) return { page: await viewFor(pageId), refusal: { kind: 'managed' } };
      stopRun.set(pageId, true);
      const chosen = language ?? (await store.getLabelSync(pageId))?.language ?? (await deps.language());
      const refusal = await serial(pageId, () => (enabled ? switchOn(pageId, chosen, false) : switchOff(pageId, false)));
      if (enabled && !refusal) void serial(pageId, () => syncPage(pageId)).catch(() => undefined);
      const page = await viewFor(pageId);
      return refusal ? { page, refusal } : { page };
    },

    async run() {
      await applyManaged();
      const records = await store.listLabelSyncs();
      await Promise.all(
        records
          .filter((record) => record.enabled || record.pending !== null)
          .map((record) => serial(record.pageId, () => syncPage(record.pageId)).catch(() => undefined)),
      );
    },

    poke(pageId) {
      clearTimeout(poked.get(pageId));
      poked.set(
        pageId,
        setTimeout(() => {
          poked.delete(pageId);
          void serial(pageId, () => syncPage(pageId)).catch(() => undefined);
        }, 1_000),
      );
    },

    async release(pageId) {
      const page = (await deps.pages.list()).find((candidate) => candidate.id === pageId);
      if (!page || page.managed) return;
      const record = await store.getLabelSync(pageId);
      if (!record) return;
      stopRun.set(pageId, true);
      if (record.enabled || record.pending) await serial(pageId, () => switchOff(pageId, false)).catch(() => null);
      await store.updateLabelSync(pageId, () => null);
    },

    async transitions() {
      const records = await store.listLabelSyncs();
      return records.flatMap((record) => record.log.map((entry) => ({ ...entry, pageId: record.pageId }))).sort((a, b) => a.at - b.at);
    },
  };
}
