import { describe, expect, it } from 'vitest';
import type { ReopenRequest } from '../policy/types';
import { createGraphClient, type GraphClientOptions } from './client';

const TOKEN = 'EAAGsecretPAGEtoken123';
const PAGE = '104857600000001';
const PSID = '7000000000000002';
const BEFORE_RETIREMENT = Date.UTC(2026, 3, 20);
const AFTER_RETIREMENT = Date.UTC(2026, 6, 12);

type Reply = { status?: number; body?: unknown; raw?: string; headers?: Record<string, string> } | 'network' | 'hang';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A fetch that answers from a script, one reply per call, and records what it was asked. */
function scriptedFetch(replies: Reply[], networkErrorMessage = 'fetch failed') {
  const calls: Call[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]));
    calls.push({
      url: input instanceof Request ? input.url : input.toString(),
      method: init?.method ?? 'GET',
      headers,
      body: init?.body ? JSON.parse(init.body as string) : undefined,
    });
    const reply = replies.shift();
    if (reply === undefined) throw new Error('test script ran out of replies');
    if (reply === 'network') throw new TypeError(networkErrorMessage);
    if (reply === 'hang') {
      return new Promise<Response>((_, reject) => {
        init?.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      });
    }
    const text = reply.raw ?? JSON.stringify(reply.body ?? {});
    return new Response(text, { status: reply.status ?? 200, headers: reply.headers });
  }) as typeof globalThis.fetch;
  return { fetch, calls };
}

function client(replies: Reply[], options: Partial<GraphClientOptions> = {}, networkErrorMessage?: string) {
  const scripted = scriptedFetch(replies, networkErrorMessage);
  const sleeps: number[] = [];
  const graph = createGraphClient({
    version: 'v25.0',
    baseUrl: 'https://graph.example/',
    fetch: scripted.fetch,
    now: () => AFTER_RETIREMENT,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    ...options,
  });
  return { graph, calls: scripted.calls, sleeps };
}

const humanAgent: ReopenRequest = { route: 'HUMAN_AGENT', content: { kind: 'text', text: 'We found your parcel.' }, promoConfirmed: false };
const metaError = (code: number, subcode?: number, extra: Record<string, unknown> = {}) => ({
  status: 400,
  body: { error: { message: 'error', type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'Tr4ce', ...extra } },
});
const sent = { body: { recipient_id: PSID, message_id: 'm_1' } };

describe('send', () => {
  it('posts the tagged body to /{version}/{page}/messages with the token only in the Authorization header', async () => {
    const { graph, calls } = client([sent]);
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toEqual({
      ok: true,
      messageId: 'm_1',
      recipientId: PSID,
      tries: 1,
      metaPostedAt: AFTER_RETIREMENT,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.url).toBe(`https://graph.example/v25.0/${PAGE}/messages`);
    expect(calls[0]!.method).toBe('POST');
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(calls[0]!.body).toEqual({ recipient: { id: PSID }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text: 'We found your parcel.' } });
  });

  it('accepts a success without recipient_id', async () => {
    const { graph } = client([{ body: { message_id: 'm_2' } }]);
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toEqual({
      ok: true,
      messageId: 'm_2',
      recipientId: null,
      tries: 1,
      metaPostedAt: AFTER_RETIREMENT,
    });
  });

  it('a rate-limit refusal is not tried again: one POST, the agent is told to wait', async () => {
    for (const refusal of [metaError(613, 2534040), metaError(80006, undefined, { is_transient: true }), metaError(17), metaError(4)]) {
      const { graph, calls, sleeps } = client([refusal, sent]);
      const result = await graph.send(PAGE, TOKEN, PSID, humanAgent);
      expect(result).toMatchObject({ ok: false, tries: 1, error: { delivery: 'not_sent', retryable: true } });
      expect(calls).toHaveLength(1);
      expect(sleeps).toEqual([]);
    }
  });

  it.each<[string, Reply]>([
    ['code 1', metaError(1)],
    ['code 2 (service temporarily unavailable)', metaError(2, undefined, { is_transient: true })],
    ['code 1200', metaError(1200)],
    ['a code Meta does not document', metaError(424242)],
    ['a refusal code flagged is_transient', metaError(100, undefined, { is_transient: true })],
    ['an error body with HTTP 500', { ...metaError(2), status: 500 }],
    // Every 5xx is `unknown`, whatever code its body carries (the README's fault table, row "5xx").
    ['a refusal code (551) with HTTP 503', { ...metaError(551, 1545041), status: 503 }],
    ['a refusal code (10/2018278) with HTTP 500', { ...metaError(10, 2018278), status: 500 }],
  ])('never repeats %s: Meta did not say whether it took the message (maybe sent)', async (_, reply) => {
    const { graph, calls, sleeps } = client([reply, sent, sent]);
    const result = await graph.send(PAGE, TOKEN, PSID, humanAgent);
    expect(result).toMatchObject({ ok: false, tries: 1, error: { kind: 'maybe_processed', retryable: false, delivery: 'maybe_sent', fbtraceId: 'Tr4ce' } });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("dates the POST on Meta's clock: the answer's Date header minus the exchange, else the last offset known", async () => {
    let local = AFTER_RETIREMENT;
    // The agent's clock is 5 minutes ahead of Meta's; each exchange takes 2 s of it.
    const metaDate = (ms: number) => ({ Date: new Date(ms).toUTCString() });
    const { fetch } = scriptedFetch([{ ...sent, headers: metaDate(AFTER_RETIREMENT - 5 * 60_000 + 2_000) }, 'network']);
    const graph = createGraphClient({
      version: 'v25.0',
      baseUrl: 'https://graph.example/',
      fetch: async (input, init) => {
        const answer = await fetch(input, init);
        local += 2_000;
        return answer;
      },
      now: () => local,
      sleep: async () => {},
    });
    expect(graph.metaOffsetMs()).toBeNull();
    const first = await graph.send(PAGE, TOKEN, PSID, humanAgent);
    // Meta's time at the answer is within the header's second: the offset is −5 min + half a second.
    expect(graph.metaOffsetMs()).toBe(-5 * 60_000 + 500);
    expect(first.metaPostedAt).toBe(AFTER_RETIREMENT - 5 * 60_000 + 500);
    // A dropped connection states no time: the POST is dated with the offset already known.
    const postedAt = local;
    const second = await graph.send(PAGE, TOKEN, PSID, humanAgent);
    expect(second).toMatchObject({ ok: false, error: { kind: 'network_unknown' } });
    expect(second.metaPostedAt).toBe(postedAt - 5 * 60_000 + 500);
  });

  it("does not try a send again when the usage headers give Meta's time to regain access", async () => {
    const appUsage = { 'X-App-Usage': JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 30, estimated_time_to_regain_access: 7 }) };
    const { graph, calls, sleeps } = client([{ ...metaError(4), headers: appUsage }, sent]);
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toMatchObject({
      ok: false,
      tries: 1,
      // An app-wide limit keeps its own explanation; the wait comes from Meta's estimate.
      error: { kind: 'app_rate_limited', code: 4, delivery: 'not_sent', retryAfterMs: 7 * 60_000 },
    });
    expect(calls).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('does not try again an answer Meta did not mark transient', async () => {
    const { graph, calls } = client([metaError(10, 2018278), sent]);
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toEqual({
      ok: false,
      tries: 1,
      metaPostedAt: AFTER_RETIREMENT,
      error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278, metaMessage: 'error', fbtraceId: 'Tr4ce', delivery: 'not_sent' },
    });
    expect(calls).toHaveLength(1);
  });

  it.each<[string, Reply, string]>([
    ['a network error', 'network', 'network_unknown'],
    ['a 502 page from a proxy', { status: 502, raw: '<html>Bad Gateway</html>' }, 'maybe_processed'],
    ['a 500 with an empty body', { status: 500, raw: '' }, 'maybe_processed'],
    ['a 400 that is not JSON', { status: 400, raw: 'Bad Request' }, 'malformed_response'],
    ['a 200 that is not JSON', { status: 200, raw: '{"recipient_id":"' }, 'malformed_response'],
    ['a 200 without message_id', { status: 200, body: { recipient_id: PSID } }, 'malformed_response'],
  ])('calls %s maybe sent and never sends again', async (_, reply, kind) => {
    const { graph, calls } = client([reply, sent, sent]);
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toEqual({
      ok: false,
      tries: 1,
      metaPostedAt: AFTER_RETIREMENT,
      error: { kind, retryable: false, delivery: 'maybe_sent' },
    });
    expect(calls).toHaveLength(1);
  });

  it('gives up after the send timeout and calls it maybe sent', async () => {
    const { graph, calls } = client(['hang', sent], { sendTimeoutMs: 20 });
    expect(await graph.send(PAGE, TOKEN, PSID, humanAgent)).toEqual({
      ok: false,
      tries: 1,
      metaPostedAt: AFTER_RETIREMENT,
      error: { kind: 'timeout', retryable: false, delivery: 'maybe_sent' },
    });
    expect(calls).toHaveLength(1);
  });

  it('refuses a retired tag before any request, from its retirement date on', async () => {
    const request: ReopenRequest = { route: 'POST_PURCHASE_UPDATE', content: { kind: 'text', text: 'Shipped' }, promoConfirmed: false };
    const after = client([sent]);
    expect(await after.graph.send(PAGE, TOKEN, PSID, request)).toEqual({
      ok: false,
      tries: 0,
      error: { kind: 'tag_retired', retryable: false, delivery: 'not_sent' },
    });
    expect(after.calls).toHaveLength(0);

    const before = client([sent], { now: () => BEFORE_RETIREMENT });
    expect(await before.graph.send(PAGE, TOKEN, PSID, request)).toMatchObject({ ok: true, tries: 1 });
    expect(before.calls).toHaveLength(1);
  });

  it("reads Meta's bare 100 on a retired tag as the retirement when the computer's clock is behind Meta's", async () => {
    const { graph } = client([metaError(100)], { now: () => Date.UTC(2026, 3, 27) - 60_000 });
    const request: ReopenRequest = { route: 'ACCOUNT_UPDATE', content: { kind: 'text', text: 'Status changed' }, promoConfirmed: false };
    expect(await graph.send(PAGE, TOKEN, PSID, request)).toMatchObject({
      ok: false,
      tries: 1,
      error: { kind: 'tag_retired', code: 100, delivery: 'not_sent' },
    });
  });

  it('refuses content that does not fit its route, and a token that cannot be a header, without a request', async () => {
    const mismatch = client([sent]);
    const request: ReopenRequest = { route: 'UTILITY', content: { kind: 'text', text: 'hi' }, promoConfirmed: false };
    expect(await mismatch.graph.send(PAGE, TOKEN, PSID, request)).toMatchObject({
      ok: false,
      tries: 0,
      error: { kind: 'invalid_parameter', delivery: 'not_sent' },
    });
    const badToken = client([sent]);
    expect(await badToken.graph.send(PAGE, 'abc\ndef', PSID, humanAgent)).toMatchObject({
      ok: false,
      tries: 0,
      error: { kind: 'token_invalid', delivery: 'not_sent' },
    });
    expect([...mismatch.calls, ...badToken.calls]).toHaveLength(0);
  });
});

describe('reads', () => {
  const conversation = {
    id: 't_1',
    updated_time: '2026-07-12T11:30:00+0000',
    snippet: 'Let me check.',
    participants: {
      data: [
        { id: PSID, name: 'Bruno Díaz' },
        { id: PAGE, name: 'Acme Store' },
      ],
    },
    messages: {
      data: [
        { id: 'm2', created_time: '2026-07-12T11:30:00+0000', from: { id: PAGE, name: 'Acme Store' }, message: 'Let me check.' },
        { id: 'm1', created_time: '2026-07-12T11:00:00+0000', from: { id: PSID, name: 'Bruno Díaz' }, message: 'Where is it?' },
      ],
    },
  };

  it('asks for one customer conversation with the documented fields and reads it', async () => {
    const { graph, calls } = client([{ body: { data: [conversation] } }]);
    const result = await graph.conversationForUser(PAGE, PSID, TOKEN);
    expect(result).toEqual({
      ok: true,
      usage: null,
      value: {
        id: 't_1',
        updatedTime: Date.UTC(2026, 6, 12, 11, 30),
        snippet: 'Let me check.',
        participants: [
          { id: PSID, name: 'Bruno Díaz' },
          { id: PAGE, name: 'Acme Store' },
        ],
        messages: [
          { id: 'm2', createdTime: Date.UTC(2026, 6, 12, 11, 30), fromId: PAGE, fromName: 'Acme Store', text: 'Let me check.' },
          { id: 'm1', createdTime: Date.UTC(2026, 6, 12, 11), fromId: PSID, fromName: 'Bruno Díaz', text: 'Where is it?' },
        ],
        // No Date header and no offset known yet: Meta's time of the answer is our clock's.
        metaNow: AFTER_RETIREMENT,
      },
    });
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe(`/v25.0/${PAGE}/conversations`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      platform: 'messenger',
      user_id: PSID,
      fields: 'participants,updated_time,snippet,messages.limit(20){created_time,from,message}',
    });
    expect(calls[0]!.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('answers null when the customer has no conversation with the Page', async () => {
    const { graph } = client([{ body: { data: [] } }]);
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toEqual({ ok: true, value: null, usage: null });
  });

  it('refuses an answer with an unreadable message time rather than guess the window', async () => {
    const broken = { ...conversation, messages: { data: [{ ...conversation.messages.data[1], created_time: 'yesterday' }] } };
    const { graph } = client([{ body: { data: [broken] } }]);
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toEqual({
      ok: false,
      error: { kind: 'malformed_response', retryable: false, delivery: 'not_sent' },
    });
  });

  it('returns the usage Meta reported with the answer', async () => {
    const headers = {
      'X-Business-Use-Case-Usage': JSON.stringify({
        [PAGE]: [{ type: 'messenger', call_count: 12, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 0 }],
      }),
    };
    const { graph } = client([{ body: { data: [] }, headers }]);
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toMatchObject({ ok: true, usage: { maxPercent: 12, regainAccessMinutes: 0 } });
  });

  it('pages recent conversations by cursor and says when there are no more', async () => {
    const { graph, calls } = client([
      { body: { data: [conversation], paging: { cursors: { before: 'b1', after: 'a1' }, next: 'https://graph.example/next?access_token=LEAK' } } },
      { body: { data: [conversation], paging: { cursors: { before: 'b2', after: 'a2' } } } },
    ]);
    const first = await graph.recentConversations(PAGE, TOKEN, { limit: 25 });
    expect(first).toMatchObject({ ok: true, value: { after: 'a1' } });
    const second = await graph.recentConversations(PAGE, TOKEN, { limit: 25, after: 'a1' });
    expect(second).toMatchObject({ ok: true, value: { after: null } });
    expect(new URL(calls[1]!.url).searchParams.get('after')).toBe('a1');
    expect(new URL(calls[1]!.url).searchParams.get('limit')).toBe('25');
  });

  it('does not repeat a read that failed on the network: it is an error the agent can retry', async () => {
    const { graph, calls } = client(['network', { body: { data: [] } }]);
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toEqual({
      ok: false,
      error: { kind: 'network_unknown', retryable: true, delivery: 'not_sent' },
    });
    expect(calls).toHaveLength(1);
  });

  it("tries a read again after Meta's rate-limit answer or a bare 5xx", async () => {
    const { graph, calls } = client([metaError(80006, undefined, { is_transient: true }), { status: 503, raw: 'busy' }, { body: { data: [] } }]);
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toMatchObject({ ok: true, value: null });
    expect(calls).toHaveLength(3);
  });

  it('stops at once when Meta says access comes back only in minutes, and holds the next read back', async () => {
    const headers = {
      'X-Business-Use-Case-Usage': JSON.stringify({
        [PAGE]: [{ type: 'messenger', call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: 4 }],
      }),
    };
    const { graph, calls } = client([{ ...metaError(80006), headers }, { body: { data: [] } }], { now: () => AFTER_RETIREMENT });
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', delivery: 'not_sent', retryAfterMs: 240_000 },
    });
    expect(await graph.conversationForUser(PAGE, PSID, TOKEN)).toMatchObject({ ok: false, error: { kind: 'rate_limited', retryAfterMs: 240_000 } });
    expect(calls).toHaveLength(1);
  });

  it('says whose token it is, from /me with metadata=1; an answer without metadata is not read as an owner', async () => {
    const { graph, calls } = client([{ body: { id: PAGE, name: 'Acme Store', metadata: { type: 'page' } } }, { body: { id: PAGE, name: 'Acme Store' } }]);
    expect(await graph.tokenOwner(TOKEN)).toEqual({ ok: true, value: { id: PAGE, name: 'Acme Store', type: 'page' }, usage: null });
    const url = new URL(calls[0]!.url);
    expect(url.pathname).toBe('/v25.0/me');
    expect(Object.fromEntries(url.searchParams)).toEqual({ metadata: '1', fields: 'id,name,metadata{type}' });
    expect(await graph.tokenOwner(TOKEN)).toMatchObject({ ok: false, error: { kind: 'malformed_response' } });
  });

  it("lists a person's Pages by cursor, never by following the next link (it carries the token)", async () => {
    const { graph, calls } = client([
      {
        body: {
          data: [{ id: '1', name: 'One', tasks: ['MESSAGING'], access_token: 'EAAB-one' }],
          paging: { cursors: { after: 'c1' }, next: 'https://graph.example/next?access_token=LEAK' },
        },
      },
      { body: { data: [{ id: '2', name: 'Two' }], paging: { cursors: { after: 'c2' } } } },
    ]);
    expect(await graph.personPages(TOKEN)).toEqual({
      ok: true,
      usage: null,
      value: [
        { id: '1', name: 'One', tasks: ['MESSAGING'], token: 'EAAB-one' },
        // Meta gave no token for this Page (and no tasks): it cannot be connected with this person's token.
        { id: '2', name: 'Two', tasks: [], token: null },
      ],
    });
    expect(calls.map((call) => new URL(call.url).searchParams.get('after'))).toEqual([null, 'c1']);
    expect(calls.every((call) => !call.url.includes('LEAK'))).toBe(true);
  });

  it('lists every template page by cursor, never by following the next link', async () => {
    const template = (name: string, status: string, text: string) => ({
      name,
      status,
      language: 'en',
      category: 'UTILITY',
      components: [{ type: 'BODY', text }],
    });
    const { graph, calls } = client([
      {
        body: {
          data: [template('order_update', 'APPROVED', 'Hi {{1}}, order {{2}} shipped. {{1}}')],
          paging: { cursors: { after: 'c1' }, next: 'https://graph.example/next?access_token=LEAK' },
        },
      },
      { body: { data: [template('reminder', 'PENDING', 'See you'), template('old', 'PAUSED', '{{name}}')], paging: { cursors: { after: 'c2' } } } },
    ]);
    const result = await graph.templates(PAGE, TOKEN);
    expect(result).toEqual({
      ok: true,
      usage: null,
      value: [
        { name: 'order_update', language: 'en', status: 'APPROVED', category: 'UTILITY', parameterCount: 2, bodyText: 'Hi {{1}}, order {{2}} shipped. {{1}}' },
        { name: 'reminder', language: 'en', status: 'PENDING', category: 'UTILITY', parameterCount: 0, bodyText: 'See you' },
        { name: 'old', language: 'en', status: 'REJECTED', category: 'UTILITY', parameterCount: 1, bodyText: '{{name}}' },
      ],
    });
    expect(calls.map((call) => new URL(call.url).searchParams.get('after'))).toEqual([null, 'c1']);
    expect(calls.every((call) => !call.url.includes('LEAK'))).toBe(true);
  });
});

describe('the Page token', () => {
  it('appears in no URL, error or result, whatever fails', async () => {
    // Meta and fetch may echo the token back in their messages; none of it may reach an ErrorView.
    const echo = { status: 400, body: { error: { message: `Invalid OAuth access token ${TOKEN}`, code: 190, fbtrace_id: `x${TOKEN}` } } };
    const scripts: Array<{ replies: Reply[]; options?: Partial<GraphClientOptions> }> = [
      { replies: [echo] },
      { replies: ['network'] },
      { replies: ['hang'], options: { sendTimeoutMs: 10, readTimeoutMs: 10 } },
      { replies: [{ status: 502, raw: `<html>${TOKEN}</html>` }] },
      { replies: [{ status: 200, raw: `{"token":"${TOKEN}"` }] },
      { replies: [{ ...metaError(424242), body: { error: { message: `unknown ${TOKEN}`, code: 424242 } } }] },
      { replies: [metaError(2), metaError(2), { status: 400, body: { error: { message: TOKEN, code: 2 } } }] },
    ];
    let failures = 0;
    for (const { replies, options } of scripts) {
      for (const operation of ['send', 'read', 'owner', 'accounts'] as const) {
        const { graph, calls } = client([...replies], options, `fetch failed for Bearer ${TOKEN}`);
        const result =
          operation === 'send'
            ? await graph.send(PAGE, TOKEN, PSID, humanAgent)
            : operation === 'read'
              ? await graph.conversationForUser(PAGE, PSID, TOKEN)
              : operation === 'owner'
                ? await graph.tokenOwner(TOKEN)
                : await graph.personPages(TOKEN);
        expect(result.ok).toBe(false);
        failures += 1;
        expect(JSON.stringify(result)).not.toContain(TOKEN);
        for (const call of calls) expect(call.url).not.toContain(TOKEN);
      }
    }
    expect(failures).toBe(scripts.length * 4);
  });
});

it('refuses a Graph version that is not one', () => {
  expect(() => createGraphClient({ version: '25' })).toThrow(RangeError);
  expect(() => createGraphClient({ version: 'v25.0/../x' })).toThrow(RangeError);
});
