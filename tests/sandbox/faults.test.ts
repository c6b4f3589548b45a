// @vitest-environment node
// Every fault kind, its matching and counting, and whether the faulted request was applied: the
// cases the send pipeline must survive without sending twice.
import { describe, expect, it } from 'vitest';
import type { Fault, Simulator } from './simulator';
import { ACME, PSID, getJson, postJson, useUnpacedSimulator, textMessage } from './harness';

let sim: Simulator;
useUnpacedSimulator((started) => (sim = started));

const SEND = `/v25.0/${ACME.id}/messages`;
const sentTexts = () =>
  sim
    .state()
    .conversations.find((c) => c.psid === PSID.open)
    ?.messages.filter((m) => m.from === 'page')
    .map((m) => m.text) ?? [];
const send = (text: string, init: RequestInit = {}) =>
  fetch(`${sim.url}${SEND}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${ACME.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(textMessage(PSID.open, text)),
    ...init,
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Sends, then gives up as soon as the simulator has read the request (no race with a wall-clock timeout). */
async function sendAndGiveUp(text: string): Promise<void> {
  const controller = new AbortController();
  const pending = send(text, { signal: controller.signal });
  for (let poll = 0; poll < 200 && sim.requests().length === 0; poll += 1) await sleep(10);
  expect(sim.requests()).toHaveLength(1);
  controller.abort();
  await expect(pending).rejects.toThrow();
}

describe('delay', () => {
  it('answers normally once the delay is over', async () => {
    sim.injectFault({ kind: 'delay', ms: 50 });
    const response = await send('late but fine');
    expect(response.status).toBe(200);
    expect((await response.json()).message_id).toMatch(/^m_/);
    expect(sim.requests()[0]).toMatchObject({ fault: 'delay', status: 200 });
  });

  it('applied (default): a client that gives up during the delay still finds the message sent', async () => {
    sim.injectFault({ kind: 'delay', ms: 5000 });
    await sendAndGiveUp('timed out');
    expect(sentTexts()).toContain('timed out');
  });

  it('applied: false: a client that gives up during the delay leaves nothing sent', async () => {
    sim.injectFault({ kind: 'delay', ms: 200, applied: false });
    await sendAndGiveUp('never applied');
    await sleep(400);
    expect(sentTexts()).not.toContain('never applied');
    expect(sim.requests()[0]?.status).toBe(0);
  });
});

describe('drop', () => {
  it('destroys the connection after applying the send (default: worst case for double sends)', async () => {
    sim.injectFault({ kind: 'drop' });
    await expect(send('sent but unanswered')).rejects.toThrow();
    expect(sentTexts()).toContain('sent but unanswered');
    expect(sim.requests()[0]).toMatchObject({ method: 'POST', fault: 'drop', status: 0 });
  });

  it('applied: false drops the request without applying it', async () => {
    sim.injectFault({ kind: 'drop', applied: false });
    await expect(send('lost')).rejects.toThrow();
    expect(sentTexts()).not.toContain('lost');
  });
});

describe('http5xx', () => {
  it.each([
    [undefined, 503],
    [502, 502],
  ])('status %s answers %s with a non-JSON page and applies nothing', async (status, expected) => {
    sim.injectFault({ kind: 'http5xx', ...(status === undefined ? {} : { status }) });
    const response = await send('gateway');
    expect(response.status).toBe(expected);
    expect(response.headers.get('content-type')).toContain('text/html');
    await expect(response.json()).rejects.toThrow();
    expect(sentTexts()).not.toContain('gateway');
  });

  it('applied: true fails the answer after Meta took the message (a proxy in front failed)', async () => {
    sim.injectFault({ kind: 'http5xx', status: 502, applied: true });
    const response = await send('gateway, but sent');
    expect(response.status).toBe(502);
    expect(sentTexts()).toContain('gateway, but sent');
  });
});

describe('malformed', () => {
  it('answers 200 with a body that is not JSON, after applying the send (default)', async () => {
    sim.injectFault({ kind: 'malformed' });
    const response = await send('garbled');
    expect(response.status).toBe(200);
    await expect(response.json()).rejects.toThrow();
    expect(sentTexts()).toContain('garbled');
  });

  it('applied: false garbles the answer without applying the send', async () => {
    sim.injectFault({ kind: 'malformed', applied: false });
    const response = await send('garbled, unsent');
    await expect(response.json()).rejects.toThrow();
    expect(sentTexts()).not.toContain('garbled, unsent');
  });
});

describe('graph_error', () => {
  it('answers the given Meta error with overriding headers and applies nothing', async () => {
    const usage = JSON.stringify({
      [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 5 }],
    });
    sim.injectFault({
      kind: 'graph_error',
      error: { code: 613, error_subcode: 2534040, is_transient: true },
      headers: { 'X-Business-Use-Case-Usage': usage },
    });
    const response = await send('rate limited');
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        message: 'Calls to this api have exceeded the rate limit.',
        type: 'OAuthException',
        code: 613,
        error_subcode: 2534040,
        is_transient: true,
        fbtrace_id: expect.any(String),
      },
    });
    expect(JSON.parse(response.headers.get('x-business-use-case-usage') ?? '{}')[ACME.id][0]).toMatchObject({
      call_count: 100,
      estimated_time_to_regain_access: 5,
    });
    expect(sentTexts()).not.toContain('rate limited');
  });

  it('takes a custom status, type and message and keeps the computed usage header otherwise', async () => {
    sim.injectFault({ kind: 'graph_error', status: 500, error: { code: 2, message: 'Service temporarily unavailable', type: 'FacebookApiException' } });
    const response = await send('x');
    expect(response.status).toBe(500);
    expect((await response.json()).error).toMatchObject({ code: 2, type: 'FacebookApiException', message: 'Service temporarily unavailable' });
    expect(response.headers.get('x-business-use-case-usage')).toContain('"messenger"');
  });

  it('applied: true answers the error after the message went out (Meta did not say it was refused)', async () => {
    sim.injectFault({ kind: 'graph_error', error: { code: 2, is_transient: true }, applied: true });
    const response = await send('code 2, but sent');
    expect(response.status).toBe(400);
    expect((await response.json()).error).toMatchObject({ code: 2, is_transient: true, fbtrace_id: expect.any(String) });
    expect(response.headers.get('x-fb-trace-id')).toMatch(/\S/);
    expect(sentTexts()).toContain('code 2, but sent');
  });
});

describe('fault queue', () => {
  it('applies a fault to the next `count` matching requests only', async () => {
    sim.injectFault({ kind: 'http5xx', count: 2 });
    expect((await send('a')).status).toBe(503);
    expect((await send('b')).status).toBe(503);
    expect((await send('c')).status).toBe(200);
    expect(sentTexts()).toEqual(['Let me check.', 'c']);
  });

  it('skips requests that do not match and consumes faults in injection order', async () => {
    const faults: Fault[] = [
      { kind: 'graph_error', error: { code: 1 }, match: { method: 'POST', pathIncludes: '/messages' } },
      { kind: 'http5xx', status: 502, match: { method: 'POST' } },
      { kind: 'malformed', match: { pathIncludes: 'user_id=' } },
    ];
    for (const fault of faults) sim.injectFault(fault);

    expect((await getJson(sim, `/v25.0/${ACME.id}/conversations?platform=messenger`)).status).toBe(200);
    const lookup = await fetch(`${sim.url}/v25.0/${ACME.id}/conversations?platform=messenger&user_id=${PSID.open}&access_token=${ACME.token}`);
    await expect(lookup.json()).rejects.toThrow();
    expect((await send('first')).status).toBe(400);
    expect((await send('second')).status).toBe(502);
    expect((await send('third')).status).toBe(200);
    expect(sim.requests().map((entry) => entry.fault)).toEqual([undefined, 'malformed', 'graph_error', 'http5xx', undefined]);
  });

  it('clearFaults drops everything queued', async () => {
    sim.injectFault({ kind: 'http5xx', count: 5 });
    sim.clearFaults();
    expect((await send('clean')).status).toBe(200);
  });

  it.each([
    { kind: 'delay' },
    { kind: 'delay', ms: -1 },
    { kind: 'explode' },
    { kind: 'graph_error' },
    { kind: 'http5xx', status: 404 },
    { kind: 'drop', count: 0 },
  ])('rejects the invalid fault %j', (fault) => {
    expect(() => sim.injectFault(fault as Fault)).toThrow();
  });
});

describe('graph_error defaults', () => {
  it("fills Meta's message for a known code and a generic one otherwise", async () => {
    sim.injectFault({ kind: 'graph_error', error: { code: 10, error_subcode: 1893063 } });
    sim.injectFault({ kind: 'graph_error', error: { code: 4242 } });
    expect((await postJson(sim, SEND, textMessage(PSID.open, 'x'))).body.error.message).toBe('You are temporarily restricted from sending messages.');
    expect((await postJson(sim, SEND, textMessage(PSID.open, 'x'))).body.error.message).toBe('(#4242) Simulated Graph error');
  });
});

describe("Meta's clock and messages shown late", () => {
  const listed = async () => {
    const answer = await getJson(sim, `/v25.0/${ACME.id}/conversations?platform=messenger&user_id=${PSID.open}&fields=messages{message,created_time}`);
    return (answer.body.data[0].messages.data as { message: string; created_time: string }[]).map((message) => message.message);
  };

  it('every answer carries a Date header that follows the simulator clock, not the wall clock', async () => {
    sim.clock.set(Date.parse('2031-01-02T03:04:05.600Z'));
    const answer = await getJson(sim, `/v25.0/${ACME.id}/conversations?platform=messenger`);
    expect(answer.headers.get('date')).toBe('Thu, 02 Jan 2031 03:04:05 GMT');
  });

  it('visibleAfterMs: a message Meta took keeps its created_time but is listed only once the simulator clock reaches it', async () => {
    const takenAt = sim.clock.now();
    sim.injectFault({ kind: 'http5xx', applied: true, visibleAfterMs: 180_000, match: { method: 'POST' } });
    expect((await send('shown late')).status).toBe(503);
    expect(sentTexts()).toContain('shown late');
    expect(await listed()).not.toContain('shown late');
    sim.clock.advance(179_999);
    expect(await listed()).not.toContain('shown late');
    sim.clock.advance(1);
    expect(await listed()).toContain('shown late');
    const shown = sim
      .state()
      .conversations.find((c) => c.psid === PSID.open)!
      .messages.find((m) => m.text === 'shown late')!;
    expect(shown.at).toBe(takenAt);
  });

  it('addPageMessage: a Page message sent from elsewhere (Business Suite) is listed as the Page', async () => {
    const id = sim.addPageMessage(PSID.open, 'Hello from Business Suite', sim.clock.now() - 30_000);
    expect(await listed()).toContain('Hello from Business Suite');
    expect(
      sim
        .state()
        .conversations.find((c) => c.psid === PSID.open)!
        .messages.find((m) => m.id === id),
    ).toMatchObject({ from: 'page' });
  });
});
