// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../tests/sandbox/simulator';
import { ACME, DAY, PSID, dyingMidSend, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import { resendOffer } from '../policy';
import type { StoredAttempt, ThreadRecord } from '../storage/schema';
import { threadFacts } from '../threads/view';
import { applyRead, MATCH_TOLERANCE_MS, RECONCILE_READS_AFTER_MS, renderedUtilityBody, textDigest } from './reconcile';

// Reconciling an `unknown` send against the Meta simulator: what the conversation shows settles the attempt,
// in a bounded number of paced reads, and "not found" lets the agent send again only explicitly.

let bg: TestBackground;
afterEach(async () => bg?.close());

const TEXT = 'Hi Bruno, the replacement ships today.';
const send = (worker: TestBackground, extra: { requestId?: string; retryOf?: string } = {}) =>
  worker.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText(TEXT), ...extra });
const attempts = async (worker: TestBackground) => (await worker.services.store.getThread(ACME.id, PSID.humanAgent))?.attempts ?? [];
const pageMessages = (worker: TestBackground) =>
  worker.sim
    .state()
    .conversations.find((conversation) => conversation.psid === PSID.humanAgent)!
    .messages.filter((message) => message.from === 'page');
const reads = (worker: TestBackground) => worker.graphRequests().filter((request) => request.method === 'GET' && request.query.user_id === PSID.humanAgent);

/** Moves the simulator's (and so the background's) clock to `ms` after the attempt settled, and runs what is due. */
async function runAt(worker: TestBackground, settledAt: number, ms: number) {
  worker.sim.clock.set(settledAt + ms);
  return worker.services.reconciler.runDue();
}

const applied = (fault: Fault): Fault => fault;

describe('an unknown send whose message did reach the customer', () => {
  it.each([
    { name: 'a dropped connection (Meta stored it)', fault: applied({ kind: 'drop', match: { method: 'POST' } }) },
    {
      name: 'code 2 answered after the message went out',
      fault: applied({ kind: 'graph_error', error: { code: 2, is_transient: true }, applied: true, match: { method: 'POST' } }),
    },
    { name: 'a 502 from a proxy after Meta took it', fault: applied({ kind: 'http5xx', status: 502, applied: true, match: { method: 'POST' } }) },
  ])('$name → unknown, then sent at the first read, with the message id the conversation shows', async ({ fault }) => {
    bg = await startBackground();
    bg.sim.injectFault(fault);
    const outcome = await send(bg);
    expect(outcome).toMatchObject({ outcome: 'unknown', reconciliation: { state: 'checking', reads: 0 } });
    const [unknown] = await attempts(bg);
    expect(unknown).toMatchObject({ status: 'unknown', reconciliation: { state: 'checking', reads: 0, nextReadAt: unknown!.settledAt! + 5_000 } });
    expect(bg.services.reconciler.nextDueAt()).toBe(unknown!.settledAt! + 5_000);

    bg.clear();
    // Not due yet: nothing is read.
    expect(await runAt(bg, unknown!.settledAt!, 4_000)).toEqual({ reads: 0, found: 0, notFound: 0 });
    expect(await runAt(bg, unknown!.settledAt!, 5_000)).toEqual({ reads: 1, found: 1, notFound: 0 });
    const [settled] = await attempts(bg);
    const delivered = pageMessages(bg).at(-1)!;
    expect(settled).toMatchObject({ status: 'sent', messageId: delivered.id, reconciliation: { state: 'found', reads: 1 } });
    expect(reads(bg)).toHaveLength(1);
    expect(bg.posts()).toHaveLength(0);
    expect(bg.services.reconciler.nextDueAt()).toBeNull();
    // It reached the customer: the cooldown holds from the attempt.
    expect(await send(bg)).toMatchObject({ outcome: 'blocked', reason: 'cooldown', nextAttemptAt: settled!.at + DAY });
    expect(bg.posts()).toHaveLength(0);
  });
});

describe('an unknown send whose message never went out', () => {
  it('is read at 5 s, 30 s, 2 min, 10 min and 1 h only, then "not found": the cooldown holds except for one explicit resend', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', error: { code: 1 }, match: { method: 'POST' } });
    const first = await send(bg);
    expect(first).toMatchObject({ outcome: 'unknown', error: { kind: 'maybe_processed', code: 1 } });
    expect(bg.posts()).toHaveLength(1);
    const settledAt = (await attempts(bg))[0]!.settledAt!;

    bg.clear();
    const offered = async () => resendOffer(threadFacts(await bg.services.store.getThread(ACME.id, PSID.humanAgent)), bg.sim.clock.now());
    for (const [index, at] of RECONCILE_READS_AFTER_MS.entries()) {
      expect(await runAt(bg, settledAt, at - 1)).toMatchObject({ reads: 0 });
      // "Send again" waits for the read at least 10 minutes after the POST.
      expect(await offered()).toBe(at - 1 > 600_000 ? first.requestId : null);
      const last = index === RECONCILE_READS_AFTER_MS.length - 1;
      expect(await runAt(bg, settledAt, at)).toEqual({ reads: 1, found: 0, notFound: last ? 1 : 0 });
    }
    expect(RECONCILE_READS_AFTER_MS).toEqual([5_000, 30_000, 120_000, 600_000, 3_600_000]);
    // Bounded: nothing more is read however long the worker lives.
    expect(await runAt(bg, settledAt, 5 * 60 * 60_000)).toEqual({ reads: 0, found: 0, notFound: 0 });
    expect(reads(bg)).toHaveLength(RECONCILE_READS_AFTER_MS.length);
    const [notFound] = await attempts(bg);
    expect(notFound).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found', reads: 5 } });

    const record = await bg.services.store.getThread(ACME.id, PSID.humanAgent);
    expect(resendOffer(threadFacts(record), bg.sim.clock.now())).toBe(first.requestId);
    // An ordinary click is still held by the cooldown…
    expect(await send(bg)).toMatchObject({ outcome: 'blocked', reason: 'cooldown' });
    expect(bg.posts()).toHaveLength(0);
    // …the explicit "It did not arrive — send again" goes out once, recorded as a new attempt that names the first.
    const again = await send(bg, { retryOf: first.requestId });
    expect(again).toMatchObject({ outcome: 'sent', retryOf: first.requestId });
    expect(bg.posts()).toHaveLength(1);
    expect(pageMessages(bg).filter((message) => message.text === TEXT)).toHaveLength(1);
    // And not twice: the resend holds the cooldown itself.
    expect(await send(bg, { retryOf: first.requestId })).toMatchObject({ outcome: 'blocked', reason: 'cooldown' });
    expect(bg.posts()).toHaveLength(1);
    const stored = await attempts(bg);
    expect(stored.map((attempt) => [attempt.status, attempt.retryOf ?? null])).toEqual([
      ['unknown', null],
      ['blocked', null],
      ['sent', first.requestId],
      ['blocked', first.requestId],
    ]);
  });

  it('a resend naming an attempt still being checked is held by the cooldown', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'http5xx', match: { method: 'POST' } });
    const first = await send(bg);
    expect(first).toMatchObject({ outcome: 'unknown', error: { kind: 'maybe_processed' } });
    expect(await send(bg, { retryOf: first.requestId })).toMatchObject({ outcome: 'blocked', reason: 'cooldown' });
    expect(bg.posts()).toHaveLength(1);
  });

  it('reads that fail leave it "unchecked" after the last one, still bounded', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', error: { code: 2 }, match: { method: 'POST' } });
    await send(bg);
    const settledAt = (await attempts(bg))[0]!.settledAt!;
    bg.sim.injectFault({ kind: 'http5xx', count: 100, match: { method: 'GET', pathIncludes: 'user_id=' } });
    bg.clear();
    for (const at of RECONCILE_READS_AFTER_MS) await runAt(bg, settledAt, at);
    expect(await attempts(bg)).toMatchObject([{ status: 'unknown', reconciliation: { state: 'unchecked', reads: 5 } }]);
    // Each read may be tried again by the client on a 5xx (reads change nothing), still a bounded number.
    expect(reads(bg).length).toBeLessThanOrEqual(RECONCILE_READS_AFTER_MS.length * 3);
  });
});

describe('a worker that dies while the attempt is being checked', () => {
  it('leaves the work in the attempt: the next worker reads on and settles it', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'drop', match: { method: 'POST' } });
    await send(bg);
    const settledAt = (await attempts(bg))[0]!.settledAt!;
    const fresh = bg.restart();
    expect(fresh.services.reconciler.nextDueAt()).toBeNull();
    await fresh.services.reopen.recoverPending();
    expect(fresh.services.reconciler.nextDueAt()).toBe(settledAt + 5_000);
    expect(await runAt(fresh, settledAt, 5_000)).toMatchObject({ found: 1 });
    expect(await attempts(fresh)).toMatchObject([{ status: 'sent', reconciliation: { state: 'found' } }]);
  });

  it('a worker that dies after the 10-minute read: its successor resumes at the 1-hour read (the alarm path)', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'http5xx', status: 502, match: { method: 'POST' } });
    await send(bg);
    const settledAt = (await attempts(bg))[0]!.settledAt!;
    for (const at of RECONCILE_READS_AFTER_MS.slice(0, 4)) await runAt(bg, settledAt, at);
    const fresh = bg.restart();
    await fresh.services.reopen.recoverPending();
    expect(fresh.services.reconciler.nextDueAt()).toBe(settledAt + 3_600_000);
    expect(await runAt(fresh, settledAt, 3_600_000)).toEqual({ reads: 1, found: 0, notFound: 1 });
    expect(await attempts(fresh)).toMatchObject([{ status: 'unknown', reconciliation: { state: 'not_found', reads: 5 } }]);
  });

  it('a send left pending by a dead worker becomes unknown and is reconciled too', async () => {
    // The request reaches Meta, the worker dies before the answer.
    const dying = dyingMidSend(true);
    bg = await startBackground({ wrapGraph: dying.wrapGraph });
    void send(bg);
    await dying.inFlight;
    const fresh = bg.restart();
    expect(await fresh.services.reopen.recoverPending()).toBe(1);
    const [recovered] = await attempts(fresh);
    expect(recovered).toMatchObject({ status: 'unknown', error: { kind: 'network_unknown' }, reconciliation: { state: 'checking' } });
    expect(await runAt(fresh, recovered!.settledAt!, 5_000)).toMatchObject({ found: 1 });
    expect(await attempts(fresh)).toMatchObject([{ status: 'sent', reconciliation: { state: 'found' } }]);
  });
});

describe('attempts stored before the hour-long schedule', () => {
  it('a "not found" of the old 2-minute schedule (3 reads, no Meta time) is read again at worker start before "send again"', async () => {
    bg = await startBackground();
    const at = bg.sim.clock.now() - 30 * 60_000;
    // The shape the previous version wrote: no postedAt, no lastReadAfterMs, three reads.
    const legacy: StoredAttempt = {
      requestId: '00000000-0000-4000-8000-0000000000aa',
      at,
      route: 'HUMAN_AGENT',
      status: 'unknown',
      contentKind: 'text',
      textDigest: await textDigest(TEXT),
      error: { kind: 'maybe_processed', retryable: false, code: 1 },
      settledAt: at,
      reconciliation: { state: 'not_found', reads: 3, settledAt: at + 120_000 },
    };
    await bg.services.store.updateThread(ACME.id, PSID.humanAgent, (current) => ({
      ...(current ?? { pageId: ACME.id, psid: PSID.humanAgent, customerName: null, selectedItemId: null, conversationId: null, facts: null, updatedAt: at }),
      attempts: [legacy],
    }));
    const fresh = bg.restart();
    const offered = async () => resendOffer(threadFacts(await fresh.services.store.getThread(ACME.id, PSID.humanAgent)), fresh.sim.clock.now());
    // The old verdict was too early to trust: nothing is offered until a read now says so.
    expect(await offered()).toBeNull();
    await fresh.services.reopen.recoverPending();
    expect(await attempts(fresh)).toMatchObject([{ status: 'unknown', reconciliation: { state: 'checking', reads: 3 } }]);
    expect(await offered()).toBeNull();
    expect(await fresh.services.reconciler.runDue()).toMatchObject({ reads: 1 });
    // Read 30 minutes after the POST: the 10-minute point is covered, the 1-hour one is still to come.
    expect(await attempts(fresh)).toMatchObject([{ status: 'unknown', reconciliation: { state: 'checking', reads: 4, lastReadAfterMs: 30 * 60_000 } }]);
    expect(await offered()).toBe(legacy.requestId);
  });
});

describe('applyRead', () => {
  const PAGE = '104857600000001';
  const AT = Date.parse('2026-07-12T12:00:00Z');
  const base = (attempt: Partial<StoredAttempt>): ThreadRecord => ({
    pageId: PAGE,
    psid: 'p1',
    customerName: null,
    selectedItemId: null,
    conversationId: null,
    facts: null,
    attempts: [
      {
        requestId: 'a1',
        at: AT,
        postedAt: AT,
        route: 'HUMAN_AGENT',
        status: 'unknown',
        contentKind: 'text',
        settledAt: AT,
        reconciliation: { state: 'checking', reads: 4, nextReadAt: AT + 3_600_000 },
        ...attempt,
      },
    ],
    updatedAt: AT,
  });
  const message = async (id: string, at: number, text: string | null) => ({
    id,
    createdTime: at,
    fromId: PAGE,
    fromName: 'Acme',
    text,
    digest: text === null ? null : await textDigest(text),
  });
  const conversation = { id: 't1', updatedTime: null, snippet: null, participants: [], messages: [] };
  const read = async (record: ThreadRecord, messages: Awaited<ReturnType<typeof message>>[], ok = true) =>
    applyRead(record, { conversation: ok ? conversation : undefined, pageMessages: messages, at: AT + 3_600_000 }).record.attempts[0];

  it('matches free text by its digest, whatever the line endings and outer spaces', async () => {
    const record = base({ textDigest: await textDigest('Hello\r\nthere ') });
    expect(await read(record, [await message('m1', AT + 1000, 'Another agent wrote this')])).toMatchObject({
      status: 'unknown',
      reconciliation: { state: 'not_found' },
    });
    expect(await read(record, [await message('m2', AT + 1000, 'Hello\nthere')])).toMatchObject({ status: 'sent', messageId: 'm2' });
  });

  it("on Meta's clock: the same text created before the POST (beyond the Date header's seconds) is someone else's", async () => {
    const record = base({ textDigest: await textDigest('Thanks for waiting') });
    expect(await read(record, [await message('m1', AT - MATCH_TOLERANCE_MS - 1, 'Thanks for waiting')])).toMatchObject({
      reconciliation: { state: 'not_found' },
    });
    expect(await read(record, [await message('m2', AT - MATCH_TOLERANCE_MS, 'Thanks for waiting')])).toMatchObject({ status: 'sent', messageId: 'm2' });
  });

  it("a template is found only by its rendered body, never by any Page message (a colleague's reply)", async () => {
    const body = renderedUtilityBody({ bodyText: 'Your order {{1}} is {{2}}.' }, ['#42', 'on its way'])!;
    expect(body).toBe('Your order #42 is on its way.');
    const record = base({ contentKind: 'utility', route: 'UTILITY', textDigest: await textDigest(body) });
    expect(await read(record, [await message('m1', AT + 1000, 'Hi, a colleague here: anything else?')])).toMatchObject({
      status: 'unknown',
      reconciliation: { state: 'not_found' },
    });
    expect(await read(record, [await message('m2', AT + 1000, body)])).toMatchObject({ status: 'sent', messageId: 'm2' });
  });

  it('a template whose text Reopen cannot know (an older record) is never found, only "unchecked"', async () => {
    const record = base({ contentKind: 'utility', route: 'UTILITY', postedAt: undefined });
    expect(await read(record, [await message('m1', AT + 1000, 'Anything')])).toMatchObject({ status: 'unknown', reconciliation: { state: 'unchecked' } });
  });

  it('a feedback survey is found by its title, and a read without it says nothing: Meta documents no text for one', async () => {
    const record = base({ contentKind: 'feedback', route: 'CUSTOMER_FEEDBACK', textDigest: await textDigest('How did we do?') });
    expect(await read(record, [await message('m1', AT + 1000, 'How did we do?')])).toMatchObject({ status: 'sent', messageId: 'm1' });
    expect(await read(record, [])).toMatchObject({ status: 'unknown', reconciliation: { state: 'unchecked' } });
  });

  it('never gives one message to two attempts, nor one already claimed by a sent attempt', async () => {
    const record = base({ textDigest: await textDigest('Same words') });
    const claimed: ThreadRecord = {
      ...record,
      attempts: [...record.attempts, { requestId: 'a0', at: AT - 10, route: 'HUMAN_AGENT', status: 'sent', contentKind: 'text', messageId: 'm1' }],
    };
    expect(await read(claimed, [await message('m1', AT + 1000, 'Same words')])).toMatchObject({ status: 'unknown', reconciliation: { state: 'not_found' } });
  });

  it('a failed last read, or a text attempt without its digest, is "unchecked", never "not found"', async () => {
    expect(await read(base({ textDigest: 'x' }), [], false)).toMatchObject({ reconciliation: { state: 'unchecked', reads: 5, lastReadFailed: true } });
    expect(await read(base({}), [await message('m1', AT + 1000, 'anything')])).toMatchObject({ status: 'unknown', reconciliation: { state: 'unchecked' } });
  });

  it('a late read covers every point of the schedule that has passed, so the reads stay bounded', async () => {
    const record = base({ textDigest: 'x', reconciliation: { state: 'checking', reads: 0, nextReadAt: AT + 5_000 } });
    expect(applyRead(record, { conversation, pageMessages: [], at: AT + 11 * 60_000 }).record.attempts[0]!.reconciliation).toEqual({
      state: 'checking',
      reads: 4,
      nextReadAt: AT + 3_600_000,
      lastReadAfterMs: 11 * 60_000,
    });
  });
});
