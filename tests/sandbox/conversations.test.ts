// @vitest-environment node
// Conversations API, templates, pacing and the usage header, over loopback HTTP against the
// reference's shapes (§4, §5, §9).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFields } from './fields';
import type { Scenario, Simulator } from './simulator';
import { ACME, BETA, HOUR, PSID, START, getJson, startFixed, useUnpacedSimulator } from './harness';

const LIST = `/v25.0/${ACME.id}/conversations?platform=messenger`;
const FULL_FIELDS = 'participants,updated_time,messages.limit(20){created_time,from,message}';

describe('fields= parser', () => {
  it('reads nested lists with modifiers and plain nested lists', () => {
    expect(parseFields('participants,messages.limit(20){created_time,from,message}')).toEqual([
      { name: 'participants', modifiers: {} },
      {
        name: 'messages',
        modifiers: { limit: '20' },
        subfields: [
          { name: 'created_time', modifiers: {} },
          { name: 'from', modifiers: {} },
          { name: 'message', modifiers: {} },
        ],
      },
    ]);
    expect(parseFields('messages{from}')).toEqual([{ name: 'messages', modifiers: {}, subfields: [{ name: 'from', modifiers: {} }] }]);
    expect(parseFields(undefined)).toEqual([]);
  });

  it.each(['messages{from', 'messages}', 'a,,b', 'messages.limit(20', 'x{y{z{a{b{c{d}}}}}}'])('rejects %s', (source) => {
    expect(() => parseFields(source)).toThrow(/Syntax error/);
  });
});

describe('Conversations API (pacing off)', () => {
  let sim: Simulator;
  useUnpacedSimulator((started) => (sim = started));

  it("lists the Page's conversations newest-updated first with id and updated_time by default", async () => {
    const { status, body } = await getJson(sim, LIST);
    expect(status).toBe(200);
    expect(body.data.map((c: { id: string }) => c.id)).toEqual(['t_1005', 't_1001', 't_1004', 't_1002', 't_1003']);
    for (const conversation of body.data) expect(Object.keys(conversation).sort()).toEqual(['id', 'updated_time']);
    // t_1001: the Page replied 30 minutes before the fixed start.
    expect(body.data[1].updated_time).toBe('2026-07-12T11:30:00+0000');
    expect(body.paging.next).toBeUndefined();
  });

  it('returns exactly the requested fields, participants naming customer and Page, messages newest first', async () => {
    const { body } = await getJson(sim, `${LIST}&fields=${encodeURIComponent(FULL_FIELDS)}&user_id=${PSID.open}`);
    expect(body.data).toHaveLength(1);
    const [conversation] = body.data;
    expect(Object.keys(conversation).sort()).toEqual(['id', 'messages', 'participants', 'updated_time']);
    expect(conversation.participants).toEqual({
      data: [
        { id: PSID.open, name: 'Ana López' },
        { id: ACME.id, name: 'Acme Store' },
      ],
    });
    expect(conversation.messages.data).toEqual([
      { id: expect.stringMatching(/^m_/), created_time: '2026-07-12T11:30:00+0000', from: { id: ACME.id, name: 'Acme Store' }, message: 'Let me check.' },
      {
        id: expect.stringMatching(/^m_/),
        created_time: '2026-07-12T11:00:00+0000',
        from: { id: PSID.open, name: 'Ana López' },
        message: 'Hi, where is my order?',
      },
    ]);
  });

  it('understands messages{…} without a limit and reads only the named subfields', async () => {
    const { body } = await getJson(sim, `/v25.0/t_1002?fields=${encodeURIComponent('messages{from}')}`);
    expect(body.id).toBe('t_1002');
    expect(body.messages.data).toEqual([
      { id: expect.any(String), from: { id: ACME.id, name: 'Acme Store' } },
      { id: expect.any(String), from: { id: PSID.humanAgent, name: 'Bruno Díaz' } },
    ]);
  });

  it('?fields=messages lists ids and created_time', async () => {
    const { body } = await getJson(sim, '/v25.0/t_1003?fields=messages');
    expect(body.messages.data).toEqual([{ id: expect.stringMatching(/^m_/), created_time: '2026-07-02T12:00:00+0000' }]);
  });

  it('gives details of the 20 most recent messages only, even when asked for more', async () => {
    const { body } = await getJson(sim, `/v25.0/t_1005?fields=${encodeURIComponent('messages.limit(50){message,created_time}')}`);
    const texts = body.messages.data.map((m: { message: string }) => m.message);
    expect(texts).toHaveLength(20);
    expect(texts[0]).toBe('Message 25 of 25');
    expect(texts[19]).toBe('Message 6 of 25');
    expect(body.messages.paging.next).toBeUndefined();

    const state = sim.state().conversations.find((c) => c.id === 't_1005');
    const oldest = state?.messages[0]?.id as string;
    const newest = state?.messages.at(-1)?.id as string;
    const old = await getJson(sim, `/v25.0/${oldest}?fields=message`);
    expect(old.status).toBe(400);
    expect(old.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    const recent = await getJson(sim, `/v25.0/${newest}?fields=id,created_time,from,to,message`);
    expect(recent.body).toEqual({
      id: newest,
      created_time: '2026-07-12T11:50:00+0000',
      from: { id: PSID.long, name: 'Elena Martín' },
      to: { data: [{ id: ACME.id, name: 'Acme Store' }] },
      message: 'Message 25 of 25',
    });
  });

  it('pages nested messages with a next link that returns the rest of the 20', async () => {
    const first = await getJson(sim, `/v25.0/t_1005?fields=${encodeURIComponent('messages.limit(15){message}')}`);
    expect(first.body.messages.data).toHaveLength(15);
    const next = new URL(first.body.messages.paging.next);
    const second = await getJson(sim, `${next.pathname}${next.search}`);
    expect(second.body.data.map((m: { message: string }) => m.message)).toEqual([
      'Message 10 of 25',
      'Message 9 of 25',
      'Message 8 of 25',
      'Message 7 of 25',
      'Message 6 of 25',
    ]);
    expect(second.body.paging.next).toBeUndefined();
  });

  it('user_id with no conversation gives empty data', async () => {
    const { status, body } = await getJson(sim, `${LIST}&user_id=7999999999999999`);
    expect(status).toBe(200);
    expect(body).toEqual({ data: [] });
  });

  it("does not list another Page's conversation for its PSID", async () => {
    const { body } = await getJson(sim, `${LIST}&user_id=${PSID.beta}`);
    expect(body.data).toEqual([]);
  });

  it.each([
    ["another Page's conversation list", `/v25.0/${BETA.id}/conversations?platform=messenger`],
    ["another Page's conversation", '/v25.0/t_2001?fields=messages'],
    ["another Page's templates", `/v25.0/${BETA.id}/message_templates`],
  ])('a valid token of another Page reading %s gets 403 (#200) Permissions error', async (_name, path) => {
    const { status, body } = await getJson(sim, path);
    expect(status).toBe(403);
    expect(body.error).toMatchObject({ code: 200, type: 'OAuthException', message: '(#200) Permissions error' });
  });

  it.each([
    [
      'an unknown field',
      `${LIST}&fields=participants,colour`,
      { code: 100, message: '(#100) Tried accessing nonexisting field (colour) on node type (Conversation)' },
    ],
    [
      'an unknown message field',
      `${LIST}&fields=messages{mood}`,
      { code: 100, message: '(#100) Tried accessing nonexisting field (mood) on node type (Message)' },
    ],
    ['a fields syntax error', `${LIST}&fields=messages{from`, { code: 2500 }],
    ['an unknown object', '/v25.0/t_9999', { code: 100, error_subcode: 33, type: 'GraphMethodException' }],
    ['an unknown edge', `/v25.0/${ACME.id}/photos`, { code: 2500, message: 'Unknown path components: /photos' }],
    ['a bad limit', `${LIST}&limit=-1`, { code: 100 }],
    ['a bad cursor', `${LIST}&after=bm9wZQ`, { code: 100 }],
  ])('%s is a Graph error', async (_name, path, expected) => {
    const { status, body } = await getJson(sim, path);
    expect(status).toBe(400);
    expect(body.error).toMatchObject(expected);
    expect(typeof body.error.fbtrace_id).toBe('string');
  });

  it("/me and the Page node give the token's Page id and name", async () => {
    expect((await getJson(sim, '/v25.0/me')).body).toEqual({ id: ACME.id, name: ACME.name });
    expect((await getJson(sim, `/v25.0/${ACME.id}?fields=name`)).body).toEqual({ name: ACME.name, id: ACME.id });
    expect((await getJson(sim, '/v25.0/me?access_token=EAAB-test-beta', null)).body.id).toBe(BETA.id);
  });
});

describe('cursor paging over many conversations', () => {
  let sim: Simulator;
  const manyConversations = (scenario: Scenario) => {
    scenario.pacing = false;
    scenario.conversations = Array.from({ length: 30 }, (_, index) => ({
      id: `t_${3000 + index}`,
      pageId: ACME.id,
      psid: String(8000000000000000 + index),
      customerName: `Customer ${index}`,
      selectedItemId: String(100029016690000 + index),
      // Customer 0 wrote most recently.
      messages: [{ from: 'customer' as const, text: `hello ${index}`, ageMinutes: index + 1 }],
    }));
  };
  beforeEach(async () => {
    sim = await startFixed(manyConversations, 'https://graph.facebook.com');
  });
  afterEach(async () => {
    await sim.close();
  });

  it('returns 25 by default, then the rest through paging.next built on the public base URL', async () => {
    const first = await getJson(sim, LIST);
    expect(first.body.data).toHaveLength(25);
    expect(first.body.data[0].id).toBe('t_3000');
    expect(first.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    const next = new URL(first.body.paging.next);
    expect(next.origin).toBe('https://graph.facebook.com');
    expect(next.pathname).toBe(`/v25.0/${ACME.id}/conversations`);
    expect(next.searchParams.get('after')).toBe(first.body.paging.cursors.after);
    expect(next.searchParams.get('platform')).toBe('messenger');

    const second = await getJson(sim, `${next.pathname}${next.search}`);
    expect(second.body.data.map((c: { id: string }) => c.id)).toEqual(['t_3025', 't_3026', 't_3027', 't_3028', 't_3029']);
    expect(second.body.paging.next).toBeUndefined();
    expect(second.body.paging.previous).toEqual(expect.stringContaining('before='));
  });

  it('walks every conversation exactly once with a small limit', async () => {
    const seen: string[] = [];
    let path: string | undefined = `${LIST}&limit=7`;
    for (let pageNumber = 0; pageNumber < 10 && path; pageNumber += 1) {
      const { body } = await getJson(sim, path);
      seen.push(...body.data.map((c: { id: string }) => c.id));
      path = body.paging.next ? new URL(body.paging.next).pathname + new URL(body.paging.next).search : undefined;
    }
    expect(path).toBeUndefined();
    expect(seen).toEqual(Array.from({ length: 30 }, (_, index) => `t_${3000 + index}`));
  });

  it("paging.next falls back to the request's own origin without a public base URL", async () => {
    const local = await startFixed(manyConversations);
    try {
      const { body } = await getJson(local, LIST);
      expect(new URL(body.paging.next).origin).toBe(local.url);
    } finally {
      await local.close();
    }
  });
});

describe('Conversations API pacing (2 calls/s per Page, fixed clock)', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startFixed();
  });
  afterEach(async () => {
    await sim.close();
  });

  it('answers 80006 to the third call within one second', async () => {
    expect((await getJson(sim, LIST)).status).toBe(200);
    expect((await getJson(sim, '/v25.0/t_1001?fields=messages')).status).toBe(200);
    const third = await getJson(sim, `${LIST}&user_id=${PSID.open}`);
    expect(third.status).toBe(400);
    expect(third.body.error).toEqual({
      message: '(#80006) There have been too many messenger api calls to this Page account. Wait a while and try again.',
      type: 'OAuthException',
      code: 80006,
      is_transient: true,
      fbtrace_id: expect.any(String),
    });
    sim.clock.advance(1000);
    expect((await getJson(sim, LIST)).status).toBe(200);
  });

  it('never answers 80006 when calls are 500 ms apart', async () => {
    for (let call = 0; call < 8; call += 1) {
      const { status } = await getJson(sim, LIST);
      expect(status).toBe(200);
      sim.clock.advance(500);
    }
  });

  it('paces each Page separately and leaves sends and templates alone', async () => {
    await getJson(sim, LIST);
    await getJson(sim, LIST);
    expect((await getJson(sim, `/v25.0/${BETA.id}/conversations?platform=messenger`, BETA.token)).status).toBe(200);
    expect((await getJson(sim, `/v25.0/${ACME.id}/message_templates`)).status).toBe(200);
    expect((await getJson(sim, LIST)).body.error.code).toBe(80006);
  });

  it('"pacing": false in the scenario turns it off', async () => {
    const unpaced = await startFixed((scenario) => {
      scenario.pacing = false;
    });
    try {
      for (let call = 0; call < 5; call += 1) expect((await getJson(unpaced, LIST)).status).toBe(200);
    } finally {
      await unpaced.close();
    }
  });
});

describe('X-Business-Use-Case-Usage', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startFixed((scenario) => {
      scenario.pacing = false;
      scenario.usageBudgetPerHour = 10;
    });
  });
  afterEach(async () => {
    await sim.close();
  });

  const usageOf = (headers: Headers) => JSON.parse(headers.get('x-business-use-case-usage') ?? 'null');

  it("reports the Page's messenger usage in percent, growing with its calls in the simulated hour", async () => {
    sim.clock.set(START + 5 * 60_000);
    const first = usageOf((await getJson(sim, LIST)).headers);
    expect(first).toEqual({
      [ACME.id]: [{ type: 'messenger', call_count: 10, total_cputime: 5, total_time: 5, estimated_time_to_regain_access: 0 }],
    });
    await getJson(sim, '/v25.0/me');
    // Errors count as calls too.
    const third = usageOf((await getJson(sim, '/v25.0/t_9999')).headers);
    expect(third[ACME.id][0].call_count).toBe(30);

    sim.clock.advance(HOUR);
    expect(usageOf((await getJson(sim, LIST)).headers)[ACME.id][0].call_count).toBe(10);
  });

  it('is capped at 100 and absent for an invalid token', async () => {
    let last: Headers | undefined;
    for (let call = 0; call < 12; call += 1) last = (await getJson(sim, '/v25.0/me')).headers;
    expect(usageOf(last as Headers)[ACME.id][0].call_count).toBe(100);
    expect((await getJson(sim, '/v25.0/me', 'EAAB-nope')).headers.get('x-business-use-case-usage')).toBeNull();
  });
});

describe('message_templates', () => {
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startFixed();
  });
  afterEach(async () => {
    await sim.close();
  });

  it("lists the Page's templates with Meta's fields and BODY components", async () => {
    const { status, body } = await getJson(sim, `/v25.0/${ACME.id}/message_templates`);
    expect(status).toBe(200);
    expect(body.data.map((t: { name: string; language: string; status: string }) => `${t.name}/${t.language}/${t.status}`)).toEqual([
      'order_update/en/APPROVED',
      'order_update/es/APPROVED',
      'appointment_reminder/en/PENDING',
      'account_notice/en/REJECTED',
    ]);
    expect(body.data[0]).toEqual({
      name: 'order_update',
      language: 'en',
      status: 'APPROVED',
      category: 'UTILITY',
      components: [{ type: 'BODY', text: 'Hi {{1}}, your order {{2}} has shipped.', example: { body_text: [['Ana', 'A-1001']] } }],
      id: expect.stringMatching(/^\d+$/),
    });
    expect(body.paging.cursors.after).toEqual(expect.any(String));
  });

  it('honours fields= and a status filter', async () => {
    const { body } = await getJson(sim, `/v25.0/${ACME.id}/message_templates?fields=name,status,parameter_format&status=APPROVED`);
    expect(body.data).toEqual([
      { name: 'order_update', status: 'APPROVED', parameter_format: 'POSITIONAL', id: expect.any(String) },
      { name: 'order_update', status: 'APPROVED', parameter_format: 'POSITIONAL', id: expect.any(String) },
    ]);
  });
});
