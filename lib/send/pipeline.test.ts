// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../tests/sandbox/simulator';
import {
  ACME,
  DAY,
  HOUR,
  INBOX_TAB,
  PSID,
  dyingMidSend,
  humanAgentText,
  requestId,
  startBackground,
  type TestBackground,
} from '../../tests/support/background';
import type { ReopenOutcome } from './view';

// The reopen pipeline against the Meta simulator: what reaches Meta (the POST log) and what the ledger says.

let bg: TestBackground;
afterEach(async () => bg?.close());

const send = (b: TestBackground, overrides: Partial<{ requestId: string; psid: string; request: ReturnType<typeof humanAgentText> }> = {}) =>
  b.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText(), ...overrides });

const storedAttempts = async (b: TestBackground, psid = PSID.humanAgent) => (await b.services.store.getThread(ACME.id, psid))?.attempts ?? [];

describe('reopen.send happy path', () => {
  it('POSTs Meta’s tagged body once and records the attempt as sent with Meta’s message id', async () => {
    bg = await startBackground();
    const id = requestId();
    const outcome = await send(bg, { requestId: id });
    expect(outcome).toMatchObject({ requestId: id, outcome: 'sent', messageId: expect.any(String) });
    const posts = bg.posts();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe(`/v25.0/${ACME.id}/messages`);
    expect(posts[0]!.body).toEqual({
      recipient: { id: PSID.humanAgent },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Hi Bruno, the replacement ships today.' },
    });
    const [attempt] = await storedAttempts(bg);
    expect(attempt).toMatchObject({ requestId: id, status: 'sent', messageId: outcome.messageId, route: 'HUMAN_AGENT', contentKind: 'text' });
    // One reactivation per thread per 24 h, counted from the attempt.
    expect(outcome.nextAttemptAt).toBe(attempt!.at + DAY);
  });

  it('reserves the attempt as pending before the HTTP call', async () => {
    let seenDuringSend: string[] = [];
    bg = await startBackground({
      wrapGraph: (client) => ({
        ...client,
        send: async (...args) => {
          seenDuringSend = (await bg.services.store.getThread(ACME.id, PSID.humanAgent))!.attempts.map((attempt) => attempt.status);
          return client.send(...args);
        },
      }),
    });
    await send(bg);
    expect(seenDuringSend).toEqual(['pending']);
  });

  it('counts the attempt as replied once a fresh read shows the customer wrote after it', async () => {
    bg = await startBackground();
    await send(bg);
    bg.sim.clock.advance(2 * HOUR);
    bg.sim.addCustomerMessage(PSID.humanAgent, 'Thanks, got it!');
    const before = await bg.ask({ type: 'summary.get' });
    expect(before.ok && before.value.counts.replied).toBe(0);
    // The send invalidated the cache: the next thread switch reads Meta again.
    bg.clear();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null });
    expect(bg.graphRequests()).toHaveLength(1);
    expect(view.status === 'resolved' && view.facts.customerLastMessageAt).toBe(bg.sim.clock.now());
    const after = await bg.ask({ type: 'summary.get' });
    expect(after.ok && after.value.counts.replied).toBe(1);
  });
});

describe('reopen.send blocks by policy without reaching Meta', () => {
  const cases: { name: string; psid: string; request: ReturnType<typeof humanAgentText>; reason: string }[] = [
    { name: 'open window', psid: PSID.open, request: humanAgentText(), reason: 'window_open' },
    { name: 'closed thread, tag past 7 days', psid: PSID.closed, request: humanAgentText(), reason: 'past_tag_limit' },
    { name: 'empty text', psid: PSID.humanAgent, request: humanAgentText('   '), reason: 'empty_text' },
    { name: 'unconfirmed promotion', psid: PSID.humanAgent, request: humanAgentText('Get a 20% discount coupon!'), reason: 'promo_unconfirmed' },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} → blocked (${testCase.reason}), recorded for the audit`, async () => {
      bg = await startBackground();
      const outcome = await send(bg, { psid: testCase.psid, request: testCase.request });
      expect(outcome).toMatchObject({ outcome: 'blocked', reason: testCase.reason });
      expect(bg.posts()).toHaveLength(0);
      expect(await storedAttempts(bg, testCase.psid)).toMatchObject([{ status: 'blocked', reason: testCase.reason }]);
    });
  }

  it('re-checks on fresh facts: a customer message since the last read blocks the send', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null });
    bg.sim.addCustomerMessage(PSID.humanAgent, 'I am here again');
    const outcome = await send(bg);
    expect(outcome).toMatchObject({ outcome: 'blocked', reason: 'window_open' });
    expect(bg.posts()).toHaveLength(0);
  });
});

describe('reopen.send maps every failure to the right stored status', () => {
  const cases: { name: string; fault: Fault; status: 'failed' | 'unknown'; outcome: ReopenOutcome['outcome']; kind: string; posts: number }[] = [
    {
      name: 'window closed (10/2018278)',
      fault: { kind: 'graph_error', status: 400, error: { code: 10, error_subcode: 2018278 }, match: { method: 'POST' } },
      status: 'failed',
      outcome: 'failed',
      kind: 'window_closed',
      posts: 1,
    },
    {
      name: 'person unavailable (551/1545041)',
      fault: { kind: 'graph_error', status: 400, error: { code: 551, error_subcode: 1545041 }, match: { method: 'POST' } },
      status: 'failed',
      outcome: 'failed',
      kind: 'person_unavailable',
      posts: 1,
    },
    {
      name: 'dropped connection',
      fault: { kind: 'drop', match: { method: 'POST' } },
      status: 'unknown',
      outcome: 'unknown',
      kind: 'network_unknown',
      posts: 1,
    },
    {
      name: '5xx without a Graph body',
      fault: { kind: 'http5xx', status: 502, match: { method: 'POST' } },
      status: 'unknown',
      outcome: 'unknown',
      kind: 'maybe_processed',
      posts: 1,
    },
    {
      name: 'a 200 that does not parse',
      fault: { kind: 'malformed', match: { method: 'POST' } },
      status: 'unknown',
      outcome: 'unknown',
      kind: 'malformed_response',
      posts: 1,
    },
    {
      name: '613 rate limit with a usage header (no wait estimate): one POST, refused',
      fault: {
        kind: 'graph_error',
        status: 400,
        error: { code: 613, error_subcode: 2534040, is_transient: true },
        headers: {
          'X-Business-Use-Case-Usage': JSON.stringify({
            [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 0 }],
          }),
        },
        count: 3,
        match: { method: 'POST' },
      },
      status: 'failed',
      outcome: 'failed',
      kind: 'rate_limited',
      posts: 1,
    },
  ];
  for (const testCase of cases) {
    it(`${testCase.name} → ${testCase.status}`, async () => {
      bg = await startBackground();
      bg.sim.injectFault(testCase.fault);
      const outcome = await send(bg);
      expect(outcome).toMatchObject({ outcome: testCase.outcome, error: { kind: testCase.kind } });
      expect(bg.posts()).toHaveLength(testCase.posts);
      expect(await storedAttempts(bg)).toMatchObject([{ status: testCase.status, error: { kind: testCase.kind } }]);
      if (testCase.status === 'unknown') {
        // It may have reached the customer: the cooldown holds and a second click does not send again.
        const again = await send(bg);
        expect(again).toMatchObject({ outcome: 'blocked', reason: 'cooldown' });
        expect(bg.posts()).toHaveLength(testCase.posts);
      }
    });
  }

  it('190 → failed, and the Page needs reconnecting', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 190, type: 'OAuthException' }, match: { method: 'POST' } });
    const outcome = await send(bg);
    expect(outcome).toMatchObject({ outcome: 'failed', error: { kind: 'token_invalid', code: 190 } });
    expect(await storedAttempts(bg)).toMatchObject([{ status: 'failed' }]);
    expect((await bg.services.pages.list())[0]!.status).toBe('needs_reconnect');
  });

  it('a refresh that fails before the send → failed, nothing POSTed', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 10 }, match: { method: 'GET' } });
    const outcome = await send(bg);
    expect(outcome).toMatchObject({ outcome: 'failed', error: { kind: 'permission_denied' } });
    expect(bg.posts()).toHaveLength(0);
  });
});

describe('reopen.send sends at most once', () => {
  it('two simultaneous sends for one thread (two tabs) → exactly one POST', async () => {
    bg = await startBackground();
    const [first, second] = await Promise.all([send(bg), send(bg)]);
    expect(bg.posts()).toHaveLength(1);
    expect([first.outcome, second.outcome].sort()).toEqual(['blocked', 'sent']);
    expect([first, second].find((outcome) => outcome.outcome === 'blocked')?.reason).toBe('cooldown');
  });

  it('a repeated request id (double click, message retry) → one POST and the same outcome', async () => {
    bg = await startBackground();
    const id = requestId();
    const [first, second] = await Promise.all([send(bg, { requestId: id }), send(bg, { requestId: id })]);
    const third = await send(bg, { requestId: id });
    expect(bg.posts()).toHaveLength(1);
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(await storedAttempts(bg)).toHaveLength(1);
  });

  it('a worker killed between reserve and commit: pending → unknown on restart, the cooldown holds, no resend', async () => {
    // The first worker's HTTP call never returns: the worker "dies" with the request in flight.
    const dying = dyingMidSend(false);
    bg = await startBackground({ wrapGraph: dying.wrapGraph });
    void send(bg);
    await dying.inFlight;
    expect(await storedAttempts(bg)).toMatchObject([{ status: 'pending' }]);

    const fresh = bg.restart();
    expect(await fresh.services.reopen.recoverPending()).toBe(1);
    expect(await storedAttempts(fresh)).toMatchObject([{ status: 'unknown', error: { kind: 'network_unknown' } }]);

    const view = await fresh.ask({ type: 'thread.get', pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null, refresh: true }, INBOX_TAB);
    expect(view.ok && view.value.facts.attempts).toMatchObject([{ status: 'unknown' }]);
    const again = await send(fresh);
    const [interrupted] = await storedAttempts(fresh);
    expect(again).toMatchObject({ outcome: 'blocked', reason: 'cooldown', nextAttemptAt: interrupted!.at + DAY });
    expect(bg.posts()).toHaveLength(0);
  });
});
