// Labels in Business Suite (issue 22): the Graph calls the label sync makes per hour on one Page, measured against the
// Meta simulator with its fixed clock (the background's services as tests/support/background.ts wires them), and the
// model they are checked against. Used by label-sync.bench.ts; the README's "Labels in Business Suite" section quotes
// the figures.
//
// The worst case for the sync: every customer writes once and never again, so every conversation expires through all
// three transitions (closes within 2 h → human agent only → closed). A Page with `perDay` new conversations a day:
// - the past: conversations spread evenly over the 9 days before the start, each with its one customer message;
// - the steady state at the start, seeded rather than replayed (replaying 9 days at 5 000 a day is ~360 000 calls):
//   Meta's side, Reopen's five labels, each on the people the rule (lib/policy/labels.ts) gives it at the start; this
//   browser's side, the sync's record as a run leaves it (every person followed with their customer message and
//   label, the labels' ids, the listing read up to a minute before); the sync's own cap applies at its first run;
// - new conversations keep arriving at the same pace (a customer of a long-dormant conversation writes: for the sync
//   a person it never saw, like a new one);
// - the sync runs once per simulated minute, as the background's minute alarm runs it; one simulated hour of warm-up,
//   then the measured window. Meta's usage budget is set out of reach, so what is measured is what the sync asks for,
//   not how Meta's throttling would spread it.
import { ACME, START, startBackground, type TestBackground } from '../../tests/support/background';
import { LABEL_NAMES } from '../../lib/labels/names';
import { LABELS_RECHECK_MS, WRITES_PER_RUN } from '../../lib/labels/service';
import { LABEL_STATES, labelStateOf, type LabelState } from '../../lib/policy/labels';
import type { LabelPerson } from '../../lib/storage/schema';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back the past conversations reach: more than the 7 days after which a conversation is closed. */
const PAST_DAYS = 9;
const WARM_UP_MINUTES = 60;
/** Long-dormant conversations (their one message this long before the start) that write again during the run. */
const DORMANT_AGE = 60 * DAY;

export interface LabelSyncModel {
  transitionsPerHour: number;
  personReadsPerHour: number;
  writesPerHour: number;
  /** Upper bound: every transition one remove and one add. */
  writesPerHourBound: number;
  listingReadsPerHour: number;
  labelListReadsPerHour: number;
  callsPerHour: number;
  callsPerHourBound: number;
}

/**
 * The model: each conversation that expires makes 3 transitions (closing, human_agent, closed), each one read of the
 * person's labels and at most 2 writes (the first: one add; the others: one remove and one add, so 5 writes in all);
 * plus at most one listing read per run (a run a minute; one listing page while fewer than 50 conversations are
 * updated a minute; none when the listing the previous run read is still within its 60 s TTL) and the Page's label
 * list read again every LABELS_RECHECK_MS.
 */
export function labelSyncModel(perDay: number, runsPerHour = 60): LabelSyncModel {
  const expiringPerHour = perDay / 24;
  const transitionsPerHour = 3 * expiringPerHour;
  const writesPerHour = 5 * expiringPerHour;
  const listingReadsPerHour = runsPerHour * Math.max(1, Math.ceil(perDay / 24 / runsPerHour / 50));
  const labelListReadsPerHour = HOUR / LABELS_RECHECK_MS;
  const round = (value: number) => Math.round(value * 10) / 10;
  return {
    transitionsPerHour: round(transitionsPerHour),
    personReadsPerHour: round(transitionsPerHour),
    writesPerHour: round(writesPerHour),
    writesPerHourBound: round(2 * transitionsPerHour),
    listingReadsPerHour,
    labelListReadsPerHour,
    callsPerHour: round(transitionsPerHour + writesPerHour + listingReadsPerHour + labelListReadsPerHour),
    callsPerHourBound: round(3 * transitionsPerHour + listingReadsPerHour + labelListReadsPerHour),
  };
}

export interface LabelSyncFigures {
  newConversationsPerDay: number;
  /** Simulated hours measured (after the warm-up). */
  measuredHours: number;
  runs: number;
  callsPerHour: number;
  /** GET /{PSID}/custom_labels: a person's labels read before writing. */
  personReadsPerHour: number;
  /** GET /{page}/custom_labels: the Page's labels listed again (the recheck). */
  labelListReadsPerHour: number;
  /** POST and DELETE /{label}/label: a label added to or removed from a person. */
  writesPerHour: number;
  /** GET /{page}/conversations: the listing reads the sync made. */
  listingReadsPerHour: number;
  /** Labels created or deleted (none expected in a steady state), and any other Graph call. */
  otherCallsPerHour: number;
  transitionsPerHour: number;
  failedTransitions: number;
  /** Runs that had more people due than WRITES_PER_RUN (the rest waited for the next minute). */
  runsAtWriteCap: number;
  people: number;
  /** People on Meta whose Reopen label is not the one the rule gives them at the end of the run. */
  wrongLabelsAtEnd: number;
  /** Those, by "carried→should carry". */
  wrongLabelsByKind: string;
  model: LabelSyncModel;
  /** Measured calls per hour over the model's. */
  ratioToModel: number;
  realSeconds: number;
}

const psidOf = (index: number) => `71000000${String(index).padStart(8, '0')}`;

/** Runs one Page size; `measureHours` of simulated time after the warm-up, at most `realBudgetMs` of real time. */
export async function benchLabelSync(perDay: number, measureHours: number, realBudgetMs: number): Promise<LabelSyncFigures> {
  const realStart = Date.now();
  const gap = DAY / perDay;
  const past = Math.round(perDay * PAST_DAYS);
  const arriving = Math.ceil(((WARM_UP_MINUTES + measureHours * 60 + 1) * MINUTE) / gap) + 1;
  const iso = (ms: number) => new Date(ms).toISOString();
  const labelIds = Object.fromEntries(LABEL_STATES.map((state, index) => [state, `91000000000000${index + 1}`])) as Record<LabelState, string>;

  // Who wrote when: the past conversations, newest first, then the dormant ones that will write again.
  const pastAt = (index: number) => START - Math.round((index + 0.5) * gap);
  const carriers = new Map<LabelState, string[]>(LABEL_STATES.map((state) => [state, []]));
  const people: Record<string, LabelPerson> = {};
  for (let index = 0; index < past; index++) {
    const c = pastAt(index);
    const state = labelStateOf({ customerLastMessageAt: c, pageLastMessageAt: null }, START);
    if (state) carriers.get(state)!.push(psidOf(index));
    people[psidOf(index)] = state ? { c, p: null, l: state } : { c, p: null };
  }

  const bg: TestBackground = await startBackground({
    edit: (scenario) => {
      scenario.usageBudgetPerHour = 1_000_000_000;
      scenario.conversations = scenario.conversations.filter((conversation) => conversation.pageId !== ACME.id);
      const conversation = (index: number, at: number) => ({
        id: `t_bench_${index}`,
        pageId: ACME.id,
        psid: psidOf(index),
        customerName: `Customer ${index}`,
        selectedItemId: `item_${index}`,
        messages: [{ from: 'customer' as const, text: 'Hello, is this still available?', at: iso(at) }],
      });
      for (let index = 0; index < past; index++) scenario.conversations.push(conversation(index, pastAt(index)));
      for (let index = past; index < past + arriving; index++) scenario.conversations.push(conversation(index, START - DORMANT_AGE - index * 1000));
      scenario.pages[0]!.labels = LABEL_STATES.map((state) => ({ id: labelIds[state], name: LABEL_NAMES.en[state], psids: carriers.get(state)! }));
    },
  });
  try {
    await bg.services.store.updateLabelSync(ACME.id, () => ({
      pageId: ACME.id,
      enabled: true,
      language: 'en',
      pending: null,
      labelIds,
      labelsCheckedAt: START,
      people,
      listedAt: START - MINUTE,
      lastSyncAt: START,
      lastError: null,
      clearedAt: null,
      backoffUntil: null,
      backoffMs: 0,
      log: [],
    }));
    bg.clear();

    const counts = { personReads: 0, labelListReads: 0, writes: 0, listing: 0, other: 0 };
    const tally = (measuring: boolean) => {
      for (const request of bg.graphRequests()) {
        if (!measuring) continue;
        const path = request.path;
        if (request.method === 'GET' && path.endsWith('/conversations')) counts.listing++;
        else if (request.method === 'GET' && path.endsWith(`/${ACME.id}/custom_labels`)) counts.labelListReads++;
        else if (request.method === 'GET' && path.endsWith('/custom_labels')) counts.personReads++;
        else if (request.method !== 'GET' && path.endsWith('/label')) counts.writes++;
        else counts.other++;
      }
      bg.clear();
    };

    let nextArrival = 0;
    let runs = 0;
    let runsAtWriteCap = 0;
    let windowStart = 0;
    let logBefore = 0;
    const totalMinutes = WARM_UP_MINUTES + measureHours * 60;
    // Bounded: one run per simulated minute, at most totalMinutes of them, and stopped at the real-time budget (the
    // figures then cover the simulated hours measured until then).
    for (let minute = 1; minute <= totalMinutes; minute++) {
      const measuring = minute > WARM_UP_MINUTES;
      if (minute === WARM_UP_MINUTES + 1) {
        windowStart = bg.sim.clock.now();
        logBefore = (await bg.services.labels.transitions()).length;
      }
      if (Date.now() - realStart > realBudgetMs) break;
      const target = START + minute * MINUTE;
      if (bg.sim.clock.now() < target) bg.sim.clock.set(target);
      for (; nextArrival < arriving && START + Math.round((nextArrival + 0.5) * gap) <= target; nextArrival++) {
        bg.sim.addCustomerMessage(psidOf(past + nextArrival), 'Hello, is this still available?', START + Math.round((nextArrival + 0.5) * gap));
      }
      const before = (await bg.services.labels.transitions()).length;
      await bg.services.labels.run();
      runs += measuring ? 1 : 0;
      // The log holds every person written; a run that wrote WRITES_PER_RUN left the rest for the next one.
      if (measuring && (await bg.services.labels.transitions()).length - before >= WRITES_PER_RUN) runsAtWriteCap++;
      tally(measuring);
    }
    const end = bg.sim.clock.now();
    // Stopped by the real-time budget before the warm-up was over: nothing measured (the bench then fails).
    const hours = windowStart === 0 ? 0 : (end - windowStart) / HOUR;
    const log = (await bg.services.labels.transitions()).slice(logBefore);
    const record = await bg.services.store.getLabelSync(ACME.id);

    // Who carries what on Meta now, against what the rule says they should carry.
    const state = bg.sim.state();
    const carried = new Map<string, LabelState>();
    for (const label of state.labels) {
      const labelState = LABEL_STATES.find((candidate) => LABEL_NAMES.en[candidate] === label.name);
      if (labelState) for (const psid of label.psids) carried.set(psid, labelState);
    }
    const wrong = new Map<string, number>();
    for (const conversation of state.conversations) {
      // The dormant conversations that have not written again are none of the Page's recent ones.
      if (conversation.pageId !== ACME.id || (conversation.customerLastMessageAt ?? 0) < START - PAST_DAYS * DAY - HOUR) continue;
      const should = labelStateOf({ customerLastMessageAt: conversation.customerLastMessageAt, pageLastMessageAt: null }, end - 2 * MINUTE);
      const has = carried.get(conversation.psid) ?? null;
      // A transition due in the last two minutes may be waiting for the next run.
      const shouldNow = labelStateOf({ customerLastMessageAt: conversation.customerLastMessageAt, pageLastMessageAt: null }, end);
      if (has !== should && has !== shouldNow)
        wrong.set(`${has ?? 'none'}→${shouldNow ?? 'none'}`, (wrong.get(`${has ?? 'none'}→${shouldNow ?? 'none'}`) ?? 0) + 1);
    }

    const perHour = (count: number) => Math.round((count / hours) * 10) / 10;
    const model = labelSyncModel(perDay);
    const calls = counts.personReads + counts.labelListReads + counts.writes + counts.listing + counts.other;
    return {
      newConversationsPerDay: perDay,
      measuredHours: Math.round(hours * 100) / 100,
      runs,
      callsPerHour: perHour(calls),
      personReadsPerHour: perHour(counts.personReads),
      labelListReadsPerHour: perHour(counts.labelListReads),
      writesPerHour: perHour(counts.writes),
      listingReadsPerHour: perHour(counts.listing),
      otherCallsPerHour: perHour(counts.other),
      transitionsPerHour: perHour(log.length),
      failedTransitions: log.filter((entry) => entry.result === 'failed').length,
      runsAtWriteCap,
      people: Object.keys(record?.people ?? {}).length,
      wrongLabelsAtEnd: [...wrong.values()].reduce((sum, count) => sum + count, 0),
      wrongLabelsByKind: [...wrong.entries()].map(([kind, count]) => `${kind}: ${count}`).join(', ') || 'none',
      model,
      ratioToModel: Math.round((perHour(calls) / model.callsPerHour) * 100) / 100,
      realSeconds: Math.round((Date.now() - realStart) / 100) / 10,
    };
  } finally {
    await bg.close();
  }
}
