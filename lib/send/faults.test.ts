// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../tests/sandbox/simulator';
import { ACME, PSID, dyingMidSend, humanAgentText, requestId, startBackground, type StartOptions, type TestBackground } from '../../tests/support/background';
import type { ReopenOutcome } from './view';
import { cooldownState, resendOffer } from '../policy';
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
