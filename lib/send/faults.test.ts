// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../tests/sandbox/simulator';
import { ACME, PSID, dyingMidSend, humanAgentText, requestId, startBackground, type StartOptions, type TestBackground } from '../../tests/support/background';
import type { ReopenOutcome } from './view';
import { cooldownState, resendOffer, windowState } from '../policy';
import { auditCsv } from '../audit/csv';
import type { StoredAttempt } from '../storage/schema';
import { threadFacts } from '../threads/view';
import type { LockManagerLike } from './lock';
import { RECONCILE_READS_AFTER_MS } from './reconcile';

// The fault table of README.md ("At most once: the fault table"), row by row, against the Meta simulator: how many
// POSTs reach Meta per click, what the ledger keeps once reconciliation is over, and what the agent sees (the
// outcome of the click, the error kind, and for an `unknown` answer what reading the conversation found and
// whether "It did not arrive — send again" is offered). No row delivers a message twice or loses a cooldown.

const TEXT = 'Hi Bruno, the replacement ships today.';
const THREAD = { pageId: ACME.id, psid: PSID.humanAgent };
const POST = { method: 'POST' as const };

let bg: TestBackground;
afterEach(async () => bg?.close());

const click = (worker: TestBackground, id = requestId()) => worker.services.reopen.send({ requestId: id, ...THREAD, request: humanAgentText(TEXT) });

/** Exclusive per name, in request order, held until the callback settles: what navigator.locks gives contexts. */
function sharedWebLocks(): LockManagerLike {
  const tails = new Map<string, Promise<unknown>>();
  return {
    request(name, _options, callback) {
      const result = (tails.get(name) ?? Promise.resolve()).then(callback);
      tails.set(
        name,
        result.catch(() => undefined),
      );
      return result;
    },
  };
}

interface Row {
  fault: string;
  start?: StartOptions;
  inject?: Fault[];
  /** The agent's clicks; answers the outcomes and the worker that carries on (a restarted one after a crash). */
  clicks?: (worker: TestBackground) => Promise<{ outcomes: ReopenOutcome[]; worker: TestBackground }>;
  posts: number;
  clickCount?: number;
  /** What the first click shows the agent. */
  sees: { outcome: ReopenOutcome['outcome']; kind?: string };
  /** The stored status once reconciliation is over, and what it found. */
  stored: 'sent' | 'failed' | 'unknown';
  reconciled?: 'found' | 'not_found';
  /** The message reached the customer (it is in the simulator's conversation). */
  delivered: boolean;
}

const error = (code: number, extra: Record<string, unknown> = {}): Fault => ({ kind: 'graph_error', error: { code, ...extra }, match: POST });
const regainIn = (minutes: number) => ({
  'X-Business-Use-Case-Usage': JSON.stringify({
    [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: minutes }],
  }),
});

const ROWS: Row[] = [
  {
    fault: 'double click (the same request twice)',
    clicks: async (worker) => {
      const id = requestId();
      return { outcomes: await Promise.all([click(worker, id), click(worker, id)]), worker };
    },
    posts: 1,
    sees: { outcome: 'sent' },
    stored: 'sent',
    delivered: true,
  },
  {
    fault: 'two tabs / two contexts at once (shared Web Lock)',
    start: { locks: sharedWebLocks() },
    clicks: async (worker) => {
      const other = worker.restart({ sameGraph: true });
      const outcomes = await Promise.all([click(worker), click(other)]);
      // The sent one first (the row's outcome); the other was told about the cooldown.
      expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['blocked', 'sent']);
      return { outcomes: [...outcomes].sort((a, b) => Number(b.outcome === 'sent') - Number(a.outcome === 'sent')), worker };
    },
    clickCount: 2,
    posts: 1,
    sees: { outcome: 'sent' },
    stored: 'sent',
    delivered: true,
  },
  {
    fault: 'worker killed mid-send (Meta took the message)',
    start: { wrapGraph: dyingMidSend(true).wrapGraph },
    clicks: async (worker) => {
      const id = requestId();
      void click(worker, id);
      for (let poll = 0; poll < 200 && worker.posts().length === 0; poll += 1) await new Promise((resolve) => setTimeout(resolve, 5));
      const fresh = worker.restart();
      await fresh.services.reopen.recoverPending();
      // The content script asks again with the same id: the ledger answers, nothing is sent.
      return { outcomes: [await click(fresh, id)], worker: fresh };
    },
    posts: 1,
    sees: { outcome: 'unknown', kind: 'network_unknown' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: 'timeout (Meta answers after the client gave up)',
    start: { sendTimeoutMs: 300 },
    inject: [{ kind: 'delay', ms: 2000, match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'timeout' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: 'dropped connection',
    inject: [{ kind: 'drop', match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'network_unknown' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: '5xx page, nothing sent',
    inject: [{ kind: 'http5xx', status: 502, match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  {
    fault: '5xx page after Meta took it',
    inject: [{ kind: 'http5xx', status: 502, applied: true, match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: 'unreadable 2xx',
    inject: [{ kind: 'malformed', match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'malformed_response' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: 'code 1',
    inject: [error(1)],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  {
    fault: 'code 2 (is_transient)',
    inject: [error(2, { is_transient: true })],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  {
    fault: 'code 2, message delivered anyway',
    inject: [{ ...error(2, { is_transient: true }), applied: true }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'sent',
    reconciled: 'found',
    delivered: true,
  },
  {
    fault: 'code 1200',
    inject: [error(1200)],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  {
    fault: 'a code Meta does not document (424242)',
    inject: [error(424242)],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  {
    fault: '5xx carrying a refusal code (551 with HTTP 503)',
    inject: [{ kind: 'graph_error', status: 503, error: { code: 551, error_subcode: 1545041 }, match: POST }],
    posts: 1,
    sees: { outcome: 'unknown', kind: 'maybe_processed' },
    stored: 'unknown',
    reconciled: 'not_found',
    delivered: false,
  },
  { fault: '190 token invalid', inject: [error(190)], posts: 1, sees: { outcome: 'failed', kind: 'token_invalid' }, stored: 'failed', delivered: false },
  {
    fault: "613 with Meta's regain-access estimate",
    inject: [{ ...error(613, { error_subcode: 2534040 }), headers: regainIn(5) } as Fault],
    posts: 1,
    sees: { outcome: 'failed', kind: 'rate_limited' },
    stored: 'failed',
    delivered: false,
  },
  {
    fault: '551 person unavailable',
    inject: [error(551, { error_subcode: 1545041 })],
    posts: 1,
    sees: { outcome: 'failed', kind: 'person_unavailable' },
    stored: 'failed',
    delivered: false,
  },
  {
    fault: '10/2018278 outside the window',
    inject: [error(10, { error_subcode: 2018278 })],
    posts: 1,
    sees: { outcome: 'failed', kind: 'window_closed' },
    stored: 'failed',
    delivered: false,
  },
];

const deliveredCopies = (worker: TestBackground) =>
  worker.sim
    .state()
    .conversations.find((conversation) => conversation.psid === PSID.humanAgent)!
    .messages.filter((message) => message.from === 'page' && message.text === TEXT).length;

describe('At most once: the fault table', () => {
  it.each(ROWS)('$fault → $posts POST, stored $stored ($sees.outcome, $sees.kind)', async (row) => {
    bg = await startBackground(row.start);
    for (const fault of row.inject ?? []) bg.sim.injectFault(fault);
    const { outcomes, worker } = row.clicks ? await row.clicks(bg) : { outcomes: [await click(bg)], worker: bg };

    // POSTs: never more than one per click, and exactly the row's count.
    expect(worker.posts()).toHaveLength(row.posts);
    expect(worker.posts().length).toBeLessThanOrEqual(row.clickCount ?? 1);
    expect(outcomes[0]).toMatchObject({ outcome: row.sees.outcome, ...(row.sees.kind ? { error: { kind: row.sees.kind } } : {}) });
    if (row.sees.outcome === 'unknown') expect(outcomes[0]!.reconciliation).toMatchObject({ state: 'checking' });

    // Reconciliation runs its bounded reads; the worker that carries on does them.
    const first = (await worker.services.store.getThread(ACME.id, PSID.humanAgent))!.attempts.find((attempt) => attempt.requestId === outcomes[0]!.requestId)!;
    for (const after of RECONCILE_READS_AFTER_MS) {
      worker.sim.clock.set((first.settledAt ?? first.at) + after);
      await worker.services.reconciler.runDue();
    }
    const record = await worker.services.store.getThread(ACME.id, PSID.humanAgent);
    const settled = record!.attempts.find((attempt) => attempt.requestId === first.requestId)!;
    expect(settled.status).toBe(row.stored);
    expect(settled.reconciliation?.state).toBe(row.reconciled);
    expect(deliveredCopies(worker)).toBe(row.delivered ? 1 : 0);

    // The cooldown: held by anything that may have reached the customer; an explicit resend is offered only for a
    // send Reopen read the conversation for and did not find.
    const now = worker.sim.clock.now();
    const facts = threadFacts(record);
    expect(cooldownState(facts, now).active).toBe(row.stored !== 'failed');
    expect(resendOffer(facts, now)).toBe(row.reconciled === 'not_found' ? first.requestId : null);
    const postsBefore = worker.posts().length;
    const again = await click(worker);
    expect(again.outcome === 'blocked' && again.reason === 'cooldown').toBe(row.stored !== 'failed');
    if (row.stored !== 'failed') expect(worker.posts()).toHaveLength(postsBefore);
  });

  it.each([613, 4, 17, 32, 80006])('a rate-limit refusal (%i) without an estimate is one POST too: refused, nothing delivered, no cooldown', async (code) => {
    bg = await startBackground();
    bg.sim.injectFault({ ...error(code, code === 613 ? { error_subcode: 2534040 } : {}), count: 5 });
    const outcome = await click(bg);
    expect(outcome).toMatchObject({ outcome: 'failed', error: { code } });
    expect(bg.posts().map((post) => post.status)).toEqual([400]);
    expect(deliveredCopies(bg)).toBe(0);
  });
});

// The reconciliation rows of the fault table: what reading the conversation concludes when Meta shows the message
// late, when someone else writes, and when the agent's clock is off Meta's. Each row counts the copies the simulator
// delivered and checks when "It did not arrive — send again" is offered.
describe("Reconciliation: late messages, other people's messages, the agent's clock", () => {
  const SKEW = 5 * 60_000;
  const stored = async (worker: TestBackground, id: string) =>
    (await worker.services.store.getThread(ACME.id, PSID.humanAgent))!.attempts.find((attempt) => attempt.requestId === id)!;
  const offer = async (worker: TestBackground) =>
    resendOffer(threadFacts(await worker.services.store.getThread(ACME.id, PSID.humanAgent)), worker.services.now());
  /** Runs the reads due up to `untilMs` after the attempt (the agent's clock, as the reconciler's schedule is). */
  async function readUntil(worker: TestBackground, attempt: StoredAttempt, untilMs: number, skew = 0) {
    for (const after of RECONCILE_READS_AFTER_MS.filter((point) => point <= untilMs)) {
      worker.sim.clock.set(Math.max(worker.sim.clock.now(), (attempt.settledAt ?? attempt.at) + after - skew));
      await worker.services.reconciler.runDue();
    }
  }
  const lost: Fault = { kind: 'http5xx', status: 502, match: POST };
  const takenThenLost: Fault = { kind: 'http5xx', status: 502, applied: true, match: POST };
  const shownLate = (ms: number): Fault => ({ kind: 'http5xx', status: 502, applied: true, visibleAfterMs: ms, match: POST });
  /** A colleague's Page message, sent from Business Suite while Reopen is between its check and its POST. */
  const cannedBeforePost = (text: string, beforeMs: number) => (client: import('../graph').GraphClient) => ({
    ...client,
    send: (...args: Parameters<typeof client.send>) => {
      bg.sim.addPageMessage(PSID.humanAgent, text, bg.sim.clock.now() - beforeMs);
      return client.send(...args);
    },
  });

  it('Meta shows the message 3 min late: not found at 5 s, 30 s, 2 min, found at 10 min; never offered again, one copy', async () => {
    bg = await startBackground();
    bg.sim.injectFault(shownLate(3 * 60_000));
    const outcome = await click(bg);
    expect(outcome).toMatchObject({ outcome: 'unknown', error: { kind: 'maybe_processed' } });
    const first = await stored(bg, outcome.requestId);
    await readUntil(bg, first, 120_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'unknown', reconciliation: { state: 'checking', reads: 3 } });
    // Before the 10-minute read nothing is offered: the old schedule offered "send again" here.
    expect(await offer(bg)).toBeNull();
    await readUntil(bg, first, 600_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'sent', reconciliation: { state: 'found', reads: 4 } });
    expect(await offer(bg)).toBeNull();
    expect(bg.services.reconciler.nextDueAt()).toBeNull();
    expect(deliveredCopies(bg)).toBe(1);
  });

  it('Meta shows it 15 min late: "send again" is offered after the 10-min read, the 1-h read finds it; one copy if the agent waits', async () => {
    bg = await startBackground();
    bg.sim.injectFault(shownLate(15 * 60_000));
    const outcome = await click(bg);
    const first = await stored(bg, outcome.requestId);
    await readUntil(bg, first, 120_000);
    expect(await offer(bg)).toBeNull();
    await readUntil(bg, first, 600_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'unknown', reconciliation: { state: 'checking', reads: 4, lastReadAfterMs: 600_000 } });
    expect(await offer(bg)).toBe(outcome.requestId);
    await readUntil(bg, first, 3_600_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'sent', reconciliation: { state: 'found', reads: 5 } });
    expect(await offer(bg)).toBeNull();
    expect(deliveredCopies(bg)).toBe(1);
    expect(bg.posts()).toHaveLength(1);
  });

  it('double delivery: the agent sends again after the 10-min read, the first shows up at 15 min: recorded on it and in the audit', async () => {
    bg = await startBackground();
    bg.sim.injectFault(shownLate(15 * 60_000));
    const outcome = await click(bg);
    const first = await stored(bg, outcome.requestId);
    await readUntil(bg, first, 600_000);
    const again = await bg.services.reopen.send({ requestId: requestId(), ...THREAD, request: humanAgentText(TEXT), retryOf: outcome.requestId });
    expect(again).toMatchObject({ outcome: 'sent', retryOf: outcome.requestId });
    // The first attempt's remaining read still runs.
    expect(bg.services.reconciler.nextDueAt()).toBe(first.at + 3_600_000);
    await readUntil(bg, first, 3_600_000);
    const settled = await stored(bg, outcome.requestId);
    expect(settled).toMatchObject({ status: 'sent', reconciliation: { state: 'found' }, doubleDelivery: { messageId: settled.messageId } });
    expect(settled.messageId).not.toBe(again.messageId);
    expect(deliveredCopies(bg)).toBe(2);
    const csv = auditCsv(
      (await bg.services.store.listThreads()).filter((thread) => thread.psid === PSID.humanAgent),
      [ACME],
    );
    const header = csv.split('\r\n')[0]!.split(',');
    const row = csv
      .split('\r\n')
      .find((line) => line.includes(`${outcome.requestId},,messenger`))!
      .split(',');
    expect(row[header.indexOf('double_delivery')]).toBe('yes');
  });

  it("a colleague's reply (another Page message) during reconciliation is not our message: not found, never sent", async () => {
    bg = await startBackground();
    bg.sim.injectFault(lost);
    const outcome = await click(bg);
    const first = await stored(bg, outcome.requestId);
    bg.sim.clock.advance(60_000);
    bg.sim.addPageMessage(PSID.humanAgent, 'Hi Bruno, Marta here: I am looking into it.');
    await readUntil(bg, first, 3_600_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found' } });
    expect(deliveredCopies(bg)).toBe(0);
    // The colleague's message reached the customer after the window closed: it holds the cooldown by itself, so
    // there is nothing to send again (the old rule took it for ours and said "delivered").
    expect(await offer(bg)).toBeNull();
    expect(cooldownState(threadFacts(await bg.services.store.getThread(ACME.id, PSID.humanAgent)), bg.services.now()).active).toBe(true);
  });

  it("a utility template is found only by its rendered body: a colleague's reply leaves it not found, the body finds it", async () => {
    bg = await startBackground();
    const utility = {
      route: 'UTILITY' as const,
      content: { kind: 'utility' as const, templateName: 'order_update', language: 'en', parameters: ['Carla', '#42'] },
      promoConfirmed: false,
    };
    const sendUtility = () => bg.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.closed, request: utility });
    const attemptOf = async (id: string) => (await bg.services.store.getThread(ACME.id, PSID.closed))!.attempts.find((attempt) => attempt.requestId === id)!;
    const readAll = async (attempt: StoredAttempt) => {
      for (const after of RECONCILE_READS_AFTER_MS) {
        bg.sim.clock.set(Math.max(bg.sim.clock.now(), attempt.at + after));
        await bg.services.reconciler.runDue();
      }
    };
    bg.sim.injectFault(lost);
    const lostOne = await sendUtility();
    expect(lostOne).toMatchObject({ outcome: 'unknown' });
    bg.sim.clock.advance(30_000);
    bg.sim.addPageMessage(PSID.closed, 'Hi Carla, a colleague here: your order is on its way.');
    await readAll(await attemptOf(lostOne.requestId));
    expect(await attemptOf(lostOne.requestId)).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found' } });

    // A day later the same template goes out but the answer is lost: the rendered body finds it.
    bg.sim.clock.advance(25 * 3_600_000);
    bg.sim.injectFault(takenThenLost);
    const taken = await sendUtility();
    expect(taken).toMatchObject({ outcome: 'unknown' });
    await readAll(await attemptOf(taken.requestId));
    const found = await attemptOf(taken.requestId);
    const delivered = bg.sim
      .state()
      .conversations.find((c) => c.psid === PSID.closed)!
      .messages.filter((m) => m.text === 'Hi Carla, your order #42 has shipped.');
    expect(delivered).toHaveLength(1);
    expect(found).toMatchObject({ status: 'sent', messageId: delivered[0]!.id, reconciliation: { state: 'found', reads: 1 } });
  });

  it('the same text sent by a colleague shortly BEFORE the POST (a canned reply) is not ours: not found', async () => {
    bg = await startBackground({ wrapGraph: (client) => cannedBeforePost(TEXT, 20_000)(client) });
    bg.sim.injectFault(lost);
    const outcome = await click(bg);
    const first = await stored(bg, outcome.requestId);
    await readUntil(bg, first, 3_600_000);
    expect(await stored(bg, outcome.requestId)).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found' } });
    // The one copy is the colleague's; ours never went out, and theirs holds the cooldown: nothing to send again.
    expect(deliveredCopies(bg)).toBe(1);
    expect(await offer(bg)).toBeNull();
  });

  it.each([
    { clock: 'ahead', skew: SKEW, delivered: true },
    { clock: 'ahead', skew: SKEW, delivered: false },
    { clock: 'behind', skew: -SKEW, delivered: true },
    { clock: 'behind', skew: -SKEW, delivered: false },
  ])("the agent's clock 5 min $clock of Meta's, message delivered: $delivered → the right verdict, at most one copy of ours", async ({ skew, delivered }) => {
    // A canned reply with the same text 2 minutes before the POST (Meta's clock): inside what the agent's clock 5 min
    // behind would have taken for "after the attempt".
    bg = await startBackground({ skewMs: skew, wrapGraph: (client) => cannedBeforePost(TEXT, 2 * 60_000)(client) });
    bg.sim.injectFault(delivered ? takenThenLost : lost);
    const outcome = await click(bg);
    const first = await stored(bg, outcome.requestId);
    // The attempt is dated on both clocks: ours for the schedule, Meta's for the match.
    expect(first.at - (first.postedAt ?? NaN)).toBeGreaterThan(skew - 2_000);
    expect(first.at - (first.postedAt ?? NaN)).toBeLessThan(skew + 2_000);
    await readUntil(bg, first, 3_600_000, skew);
    const settled = await stored(bg, outcome.requestId);
    const ours = bg.sim
      .state()
      .conversations.find((c) => c.psid === PSID.humanAgent)!
      .messages.filter((m) => m.text === TEXT && m.messagingType === 'MESSAGE_TAG');
    expect(ours).toHaveLength(delivered ? 1 : 0);
    if (delivered) expect(settled).toMatchObject({ status: 'sent', messageId: ours[0]!.id, reconciliation: { state: 'found', reads: 1 } });
    else expect(settled).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found', reads: 5 } });
    // Not delivered: the canned reply holds the cooldown by itself, so no resend either way.
    expect(await offer(bg)).toBeNull();
  });
});

describe("Meta's dates that cannot be right, and a clock that moves back", () => {
  it("a customer message dated in the future is taken at Meta's time and flagged; it does not keep the thread open for ever", async () => {
    bg = await startBackground();
    const access = await bg.services.pages.pageForUse(ACME.id);
    if (!access.ok) throw new Error('Acme is connected in the set-up');
    const metaNow = bg.sim.clock.now();
    bg.sim.addCustomerMessage(PSID.humanAgent, 'Hello from the future', metaNow + 2 * 24 * 3_600_000);
    const read = await bg.services.threads.readFacts(access.page, PSID.humanAgent);
    if (!read.ok) throw new Error('the read works');
    const facts = read.record.facts!;
    expect(facts.customerTimeInFuture).toBe(metaNow + 2 * 24 * 3_600_000);
    expect(Math.abs(facts.customerLastMessageAt! - metaNow)).toBeLessThanOrEqual(1_000);
    expect(threadFacts(read.record).customerTimeInFuture).toBeDefined();

    // 25 hours later Meta still dates it in the future: C stays where it was, so the window closes as it should.
    bg.sim.clock.advance(25 * 3_600_000);
    const later = await bg.services.threads.readFacts(access.page, PSID.humanAgent);
    if (!later.ok) throw new Error('the read works');
    expect(later.record.facts!.customerLastMessageAt).toBe(facts.customerLastMessageAt);
    expect(windowState(later.record.facts!.customerLastMessageAt, bg.services.now()).state).toBe('human_agent');

    // A message dated sensibly ends the doubt.
    bg.sim.clock.advance(2 * 24 * 3_600_000);
    bg.sim.addCustomerMessage(PSID.humanAgent, 'Anyone there?');
    const fixed = await bg.services.threads.readFacts(access.page, PSID.humanAgent);
    if (!fixed.ok) throw new Error('the read works');
    expect(fixed.record.facts!.customerTimeInFuture).toBeUndefined();
    expect(windowState(fixed.record.facts!.customerLastMessageAt, bg.services.now()).state).toBe('open');
  });

  it("the agent's clock moved back 3 h: reads are not locked out (pacer, facts cache, reconciliation timers)", async () => {
    let skew = 0;
    bg = await startBackground({ skewMs: () => skew });
    const access = await bg.services.pages.pageForUse(ACME.id);
    if (!access.ok) throw new Error('Acme is connected in the set-up');
    bg.sim.injectFault({ kind: 'http5xx', status: 502, applied: true, match: POST });
    const outcome = await click(bg);
    expect(outcome.outcome).toBe('unknown');
    skew = -3 * 3_600_000;
    bg.clear();
    // 5 s later by Meta's clock: by the agent's it is almost 3 hours before the read was planned.
    bg.sim.clock.advance(5_000);
    expect(bg.services.reconciler.nextDueAt()).toBeLessThanOrEqual(bg.services.now());
    expect(await bg.services.reconciler.runDue()).toMatchObject({ reads: 1, found: 1 });
    const read = await bg.services.threads.readFacts(access.page, PSID.humanAgent);
    expect(read.ok).toBe(true);
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: null, displayName: 'Bruno Díaz' });
    expect(view.status).toBe('resolved');
    expect(bg.graphRequests().every((request) => request.status === 200)).toBe(true);
    // The facts were stored at the agent's new time, not left "3 hours from now".
    const record = await bg.services.store.getThread(ACME.id, PSID.humanAgent);
    expect(record!.facts!.checkedAt).toBeLessThanOrEqual(bg.services.now());
  });
});
