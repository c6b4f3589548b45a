// @vitest-environment node
// The simulator's Send API against the reference's payloads: every error the contract lists, with
// Meta's exact code/subcode/type/message, the window boundaries and the success body.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Simulator } from './simulator';
import { ACME, BETA, DAY, PSID, feedbackMessage, getJson, postJson, startFixed, textMessage, utilityMessage } from './harness';

let sim: Simulator;
beforeEach(async () => {
  sim = await startFixed();
});
afterEach(async () => {
  await sim.close();
});

const SEND = `/v25.0/${ACME.id}/messages`;
const customerAt = (psid: string) => sim.state().conversations.find((c) => c.psid === psid)?.customerLastMessageAt as number;
const pageMessages = (psid: string) =>
  sim
    .state()
    .conversations.find((c) => c.psid === psid)
    ?.messages.filter((m) => m.from === 'page') ?? [];

interface ExpectedError {
  status?: number;
  code: number;
  subcode?: number;
  type?: string;
  message: string | RegExp;
}

async function expectGraphError(answer: Promise<{ status: number; headers: Headers; body: any }>, expected: ExpectedError) {
  const { status, headers, body } = await answer;
  expect(status).toBe(expected.status ?? 400);
  expect(body.error.code).toBe(expected.code);
  expect(body.error.error_subcode).toBe(expected.subcode);
  expect(body.error.type).toBe(expected.type ?? 'OAuthException');
  if (typeof expected.message === 'string') expect(body.error.message).toBe(expected.message);
  else expect(body.error.message).toMatch(expected.message);
  expect(body.error.fbtrace_id).toMatch(/^[A-Za-z0-9+/]{11}$/);
  expect(headers.get('x-fb-trace-id')).toBe(body.error.fbtrace_id);
}

describe('Send API errors', () => {
  const cases: Array<{ name: string; body: unknown; token?: string | null; path?: string } & ExpectedError> = [
    { name: 'unknown token', body: textMessage(PSID.open, 'hi'), token: 'EAAB-nope', code: 190, message: 'Invalid OAuth access token.' },
    { name: 'no token', body: textMessage(PSID.open, 'hi'), token: null, code: 104, message: 'An access token is required to request this resource.' },
    { name: "another Page's token", body: textMessage(PSID.open, 'hi'), token: BETA.token, status: 403, code: 200, message: '(#200) Permissions error' },
    { name: 'no recipient', body: { messaging_type: 'RESPONSE', message: { text: 'hi' } }, code: 100, message: '(#100) The parameter recipient is required' },
    {
      name: 'no message',
      body: { recipient: { id: PSID.open }, messaging_type: 'RESPONSE' },
      code: 100,
      message: '(#100) Must send either message or sender action',
    },
    { name: 'unknown messaging_type', body: textMessage(PSID.open, 'hi', 'PROMO'), code: 100, message: /messaging_type must be one of/ },
    { name: 'empty text', body: textMessage(PSID.open, ' '), code: 100, message: /Message cannot be empty/ },
    { name: 'unknown PSID', body: textMessage('7999999999999999', 'hi'), code: 100, subcode: 2018001, message: 'No matching user found' },
    { name: 'PSID of another Page', body: textMessage(PSID.beta, 'hi'), code: 100, subcode: 2018001, message: 'No matching user found' },
    { name: 'unavailable person', body: textMessage(PSID.unavailable, 'hi'), code: 551, subcode: 1545041, message: "This person isn't available right now." },
    {
      name: 'RESPONSE after 24 h',
      body: textMessage(PSID.humanAgent, 'hi'),
      code: 10,
      subcode: 2018278,
      message: 'This message is sent outside of allowed window.',
    },
    {
      name: 'UPDATE after 24 h',
      body: textMessage(PSID.closed, 'hi', 'UPDATE'),
      code: 10,
      subcode: 2018278,
      message: 'This message is sent outside of allowed window.',
    },
    {
      name: 'MESSAGE_TAG without tag',
      body: textMessage(PSID.humanAgent, 'hi', 'MESSAGE_TAG'),
      code: 100,
      message: '(#100) The parameter tag is required when messaging_type is MESSAGE_TAG',
    },
    { name: 'unknown tag', body: textMessage(PSID.humanAgent, 'hi', 'MESSAGE_TAG', 'SHIPPING_UPDATE'), code: 100, message: /Param tag must be one of/ },
    {
      name: 'retired ACCOUNT_UPDATE',
      body: textMessage(PSID.closed, 'hi', 'MESSAGE_TAG', 'ACCOUNT_UPDATE'),
      code: 100,
      message: /ACCOUNT_UPDATE tag is no longer supported/,
    },
    {
      name: 'retired CONFIRMED_EVENT_UPDATE',
      body: textMessage(PSID.closed, 'hi', 'MESSAGE_TAG', 'CONFIRMED_EVENT_UPDATE'),
      code: 100,
      message: /CONFIRMED_EVENT_UPDATE tag is no longer supported/,
    },
    {
      name: 'retired POST_PURCHASE_UPDATE',
      body: textMessage(PSID.closed, 'hi', 'MESSAGE_TAG', 'POST_PURCHASE_UPDATE'),
      code: 100,
      message: /POST_PURCHASE_UPDATE tag is no longer supported/,
    },
    {
      name: 'HUMAN_AGENT after 7 days',
      body: textMessage(PSID.closed, 'hi', 'MESSAGE_TAG', 'HUMAN_AGENT'),
      code: 10,
      subcode: 2018278,
      message: 'This message is sent outside of allowed window.',
    },
    {
      name: 'CUSTOMER_FEEDBACK after 7 days',
      body: feedbackMessage(PSID.closed),
      code: 10,
      subcode: 2018278,
      message: 'This message is sent outside of allowed window.',
    },
    {
      name: 'CUSTOMER_FEEDBACK with plain text',
      body: textMessage(PSID.humanAgent, 'How did we do?', 'MESSAGE_TAG', 'CUSTOMER_FEEDBACK'),
      code: 100,
      message: /only be used with the customer feedback template/,
    },
    {
      name: 'UTILITY unknown template',
      body: utilityMessage(PSID.closed, 'no_such_template', 'en', ['x']),
      code: 100,
      subcode: 2018415,
      message: /does not exist for this Page/,
    },
    {
      name: 'UTILITY PENDING template',
      body: utilityMessage(PSID.closed, 'appointment_reminder', 'en', ['Monday']),
      code: 100,
      subcode: 2018415,
      message: /is PENDING, not APPROVED/,
    },
    {
      name: 'UTILITY REJECTED template',
      body: utilityMessage(PSID.closed, 'account_notice', 'en', ['Ana']),
      code: 100,
      subcode: 2018415,
      message: /is REJECTED, not APPROVED/,
    },
    {
      name: 'UTILITY other language',
      body: utilityMessage(PSID.closed, 'order_update', 'fr', ['Ana', 'A-1']),
      code: 100,
      subcode: 2018415,
      message: /does not exist in the language fr/,
    },
    {
      name: "UTILITY another Page's template",
      body: utilityMessage(PSID.closed, 'beta_update', 'en', ['ready']),
      code: 100,
      subcode: 2018415,
      message: /does not exist for this Page/,
    },
    {
      name: 'UTILITY too few parameters',
      body: utilityMessage(PSID.closed, 'order_update', 'en', ['Ana']),
      code: 100,
      message: /Number of parameters \(1\) does not match the expected number of params \(2\)/,
    },
    {
      name: 'UTILITY too many parameters',
      body: utilityMessage(PSID.closed, 'order_update', 'en', ['Ana', 'A-1', 'x']),
      code: 100,
      message: /Number of parameters \(3\)/,
    },
    { name: 'UTILITY without template', body: textMessage(PSID.closed, 'hi', 'UTILITY'), code: 100, message: /message\[template\]\[name\] is required/ },
    { name: 'text of 2000 characters', body: textMessage(PSID.open, 'a'.repeat(2000)), code: 100, message: /less than 2000 characters/ },
    {
      name: 'text of 2000 emoji (code points, not UTF-16 units)',
      body: textMessage(PSID.open, '😀'.repeat(2000)),
      code: 100,
      message: /less than 2000 characters/,
    },
  ];

  it.each(cases)('$name → $code/$subcode', async ({ body, token, path, name: _name, ...expected }) => {
    const before = sim.state();
    await expectGraphError(postJson(sim, path ?? SEND, body, token === undefined ? ACME.token : token), expected);
    // A refused send changes nothing.
    expect(sim.state().conversations).toEqual(before.conversations);
  });

  it('a 190 answer carries the WWW-Authenticate header Meta sends with it', async () => {
    const { headers } = await postJson(sim, SEND, textMessage(PSID.open, 'hi'), 'EAAB-nope');
    expect(headers.get('www-authenticate')).toContain('invalid_token');
  });

  it('a body that is not JSON is a 100 about the missing recipient', async () => {
    const response = await fetch(`${sim.url}${SEND}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ACME.token}`, 'Content-Type': 'application/json' },
      body: '{"recipient": ',
    });
    const body = await response.json();
    expect(response.status).toBe(400);
    expect(body.error).toMatchObject({ code: 100, message: '(#100) The parameter recipient is required' });
  });
});

describe('customer feedback template limits (reference §2)', () => {
  const invalid: Array<[string, Record<string, unknown>, RegExp]> = [
    ['title of 66 characters', { title: 't'.repeat(66) }, /\[title\] must be at most 65 characters/],
    ['no title', { title: undefined }, /\[title\] is required/],
    ['subtitle of 81 characters', { subtitle: 's'.repeat(81) }, /\[subtitle\] must be at most 80 characters/],
    ['button_title of 21 characters', { button_title: 'b'.repeat(21) }, /\[button_title\] must be at most 20 characters/],
    ['a URL in the title', { title: 'Rate us at https://acme.example' }, /\[title\] must not contain URLs/],
    ['two screens', { feedback_screens: [{ questions: [{ id: 'a', type: 'csat' }] }, { questions: [{ id: 'b', type: 'csat' }] }] }, /exactly one screen/],
    [
      'two questions',
      {
        feedback_screens: [
          {
            questions: [
              { id: 'a', type: 'csat' },
              { id: 'b', type: 'nps' },
            ],
          },
        ],
      },
      /exactly one question/,
    ],
    ['a question id with a dash', { feedback_screens: [{ questions: [{ id: 'q-1', type: 'csat' }] }] }, /Question id must be 1 to 80/],
    ['a question id of 81 characters', { feedback_screens: [{ questions: [{ id: 'q'.repeat(81), type: 'csat' }] }] }, /Question id must be 1 to 80/],
    ['an unknown question type', { feedback_screens: [{ questions: [{ id: 'q1', type: 'stars' }] }] }, /Question type must be one of/],
    ['no privacy URL', { business_privacy: undefined }, /\[business_privacy\]\[url\]/],
    ['expires_in_days 0', { expires_in_days: 0 }, /between 1 and 7/],
    ['expires_in_days 8', { expires_in_days: 8 }, /between 1 and 7/],
  ];

  it.each(invalid)('%s → 100', async (_name, overrides, message) => {
    const { status, body } = await postJson(sim, SEND, feedbackMessage(PSID.humanAgent, overrides));
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 100, type: 'OAuthException' });
    expect(body.error.error_subcode).toBeUndefined();
    expect(body.error.message).toMatch(message);
  });

  it('accepts a survey at the exact limits and stores its title as the message', async () => {
    const title = 'T'.repeat(65);
    const { status, body } = await postJson(
      sim,
      SEND,
      feedbackMessage(PSID.humanAgent, {
        title,
        subtitle: 'S'.repeat(80),
        button_title: 'B'.repeat(20),
        expires_in_days: 7,
        feedback_screens: [{ questions: [{ id: 'q'.repeat(80), type: 'nps' }] }],
      }),
    );
    expect(status).toBe(200);
    expect(body.recipient_id).toBe(PSID.humanAgent);
    expect(pageMessages(PSID.humanAgent).at(-1)).toMatchObject({ text: title, tag: 'CUSTOMER_FEEDBACK', messagingType: 'MESSAGE_TAG' });
  });

  it('validates the template inside the 24 h window too (no tag needed there)', async () => {
    const inWindow = { ...feedbackMessage(PSID.open, { expires_in_days: 9 }), messaging_type: 'RESPONSE', tag: undefined };
    const { body } = await postJson(sim, SEND, inWindow);
    expect(body.error).toMatchObject({ code: 100 });
    const valid = { ...feedbackMessage(PSID.open), messaging_type: 'RESPONSE', tag: undefined };
    expect((await postJson(sim, SEND, valid)).status).toBe(200);
  });
});

describe('successful sends', () => {
  it('answers {recipient_id, message_id} and appends the Page message the Conversations API then shows first', async () => {
    sim.clock.advance(90_000);
    const { status, body } = await postJson(sim, SEND, textMessage(PSID.open, 'Your parcel left today.'));
    expect(status).toBe(200);
    expect(Object.keys(body).sort()).toEqual(['message_id', 'recipient_id']);
    expect(body.recipient_id).toBe(PSID.open);
    expect(body.message_id).toMatch(/^m_[A-Za-z0-9_-]+$/);

    const stored = pageMessages(PSID.open).at(-1);
    expect(stored).toMatchObject({ id: body.message_id, text: 'Your parcel left today.', at: sim.clock.now(), messagingType: 'RESPONSE' });

    const thread = await getJson(sim, `/v25.0/t_1001?fields=messages.limit(1){created_time,from,message}`);
    expect(thread.body.messages.data).toEqual([
      { id: body.message_id, created_time: '2026-07-12T12:01:30+0000', from: { id: ACME.id, name: ACME.name }, message: 'Your parcel left today.' },
    ]);
  });

  it("/me/messages sends as the token's Page", async () => {
    const { status, body } = await postJson(sim, '/v25.0/me/messages', textMessage(PSID.humanAgent, 'Following up', 'MESSAGE_TAG', 'HUMAN_AGENT'));
    expect(status).toBe(200);
    expect(body.recipient_id).toBe(PSID.humanAgent);
    expect(pageMessages(PSID.humanAgent).at(-1)).toMatchObject({ tag: 'HUMAN_AGENT', text: 'Following up' });
  });

  it('accepts a form-encoded body whose values are JSON, as Graph does', async () => {
    const form = new URLSearchParams({
      recipient: JSON.stringify({ id: PSID.open }),
      messaging_type: 'RESPONSE',
      message: JSON.stringify({ text: 'form body' }),
      access_token: ACME.token,
    });
    const response = await fetch(`${sim.url}${SEND}`, { method: 'POST', body: form });
    expect(response.status).toBe(200);
    expect(pageMessages(PSID.open).at(-1)?.text).toBe('form body');
  });

  it('a UTILITY send renders the approved template body with the parameters', async () => {
    const { status, body } = await postJson(sim, SEND, utilityMessage(PSID.closed, 'order_update', 'es', ['Carla', 'A-77']));
    expect(status).toBe(200);
    expect(body.message_id).toMatch(/^m_/);
    expect(pageMessages(PSID.closed).at(-1)).toMatchObject({
      text: 'Hola Carla, tu pedido A-77 ha sido enviado.',
      messagingType: 'UTILITY',
      templateName: 'order_update',
    });
  });

  it('accepts text of 1999 characters', async () => {
    expect((await postJson(sim, SEND, textMessage(PSID.open, 'a'.repeat(1999)))).status).toBe(200);
  });

  it('a sender action answers only recipient_id and stores nothing', async () => {
    const before = pageMessages(PSID.open).length;
    const { status, body } = await postJson(sim, SEND, { recipient: { id: PSID.open }, sender_action: 'typing_on' });
    expect(status).toBe(200);
    expect(body).toEqual({ recipient_id: PSID.open });
    expect(pageMessages(PSID.open)).toHaveLength(before);
  });
});

describe('window boundaries on the simulator clock', () => {
  const table: Array<{ name: string; psid: string; since: number; type: string; tag?: string; ok: boolean }> = [
    { name: 'RESPONSE 1 s before 24 h', psid: PSID.open, since: DAY - 1000, type: 'RESPONSE', ok: true },
    { name: 'RESPONSE at exactly 24 h', psid: PSID.open, since: DAY, type: 'RESPONSE', ok: false },
    { name: 'HUMAN_AGENT at exactly 24 h', psid: PSID.open, since: DAY, type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', ok: true },
    { name: 'HUMAN_AGENT 1 s before 7 days', psid: PSID.open, since: 7 * DAY - 1000, type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', ok: true },
    { name: 'HUMAN_AGENT at exactly 7 days', psid: PSID.open, since: 7 * DAY, type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', ok: false },
  ];
  it.each(table)('$name → accepted: $ok', async ({ psid, since, type, tag, ok }) => {
    sim.clock.set(customerAt(psid) + since);
    const { status, body } = await postJson(sim, SEND, textMessage(psid, 'hello', type, tag));
    if (ok) expect(status).toBe(200);
    else expect(body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it('a new customer message reopens the 24 h window', async () => {
    expect((await postJson(sim, SEND, textMessage(PSID.closed, 'hi'))).status).toBe(400);
    sim.addCustomerMessage(PSID.closed, 'Hello again');
    expect((await postJson(sim, SEND, textMessage(PSID.closed, 'hi'))).status).toBe(200);
  });
});

describe('retired tags switch off at 2026-04-27T00:00:00Z', () => {
  let early: Simulator;
  beforeEach(async () => {
    early = await startFixed((scenario) => {
      scenario.clock = { mode: 'fixed', start: '2026-04-26T23:59:59Z' };
    });
  });
  afterEach(async () => {
    await early.close();
  });

  it.each(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'])(
    '%s is accepted at 23:59:59 (even 10 days after the customer wrote) and refused one second later',
    async (tag) => {
      const before = await postJson(early, SEND, textMessage(PSID.closed, 'Your order shipped', 'MESSAGE_TAG', tag));
      expect(before.status).toBe(200);
      expect(before.body.message_id).toMatch(/^m_/);
      early.clock.advance(1000);
      expect(new Date(early.clock.now()).toISOString()).toBe('2026-04-27T00:00:00.000Z');
      const after = await postJson(early, SEND, textMessage(PSID.closed, 'Your order shipped', 'MESSAGE_TAG', tag));
      expect(after.status).toBe(400);
      expect(after.body.error).toMatchObject({ code: 100, type: 'OAuthException' });
      expect(after.body.error.error_subcode).toBeUndefined();
    },
  );
});
