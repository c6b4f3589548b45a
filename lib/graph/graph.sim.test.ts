// @vitest-environment node
// The Graph client against the local Meta simulator over real loopback HTTP: the bodies Meta
// receives, the errors it answers, retries, maybe-sent sends and pacing, end to end.
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, BETA, PSID, START, TOKENS, fixedScenario } from '../../tests/sandbox/harness';
import { startSimulator, type LoggedRequest, type Scenario, type Simulator } from '../../tests/sandbox/simulator';
import type { ReopenRequest } from '../policy/types';
import { createGraphClient, type GraphClientOptions } from './client';
import { ERROR_CATALOG } from './errors';
import { customerFacts } from './facts';

const MINUTE = 60_000;
let running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.map((sim) => sim.close()));
  running = [];
});

/** A simulator on the fixed scenario (clock stopped at START) and a client pointed at it. */
async function world(options: { edit?: (scenario: Scenario) => void; client?: Partial<GraphClientOptions> } = {}) {
  const scenario = fixedScenario();
  // The stopped clock would count every read in the same second; pacing gets its own test on a real clock.
  scenario.pacing = false;
  options.edit?.(scenario);
  const sim = await startSimulator({ scenario });
  running.push(sim);
  const graph = createGraphClient({
    version: 'v25.0',
    baseUrl: sim.url,
    now: () => sim.clock.now(),
    sleep: async () => {},
    conversationsMinIntervalMs: 0,
    ...options.client,
  });
  return { sim, graph };
}

const posts = (sim: Simulator) => sim.requests().filter((request) => request.method === 'POST');
const pageMessages = (sim: Simulator, psid: string) =>
  sim
    .state()
    .conversations.find((conversation) => conversation.psid === psid)!
    .messages.filter((message) => message.from === 'page');

function expectTokenOnlyInHeader(requests: LoggedRequest[], token: string) {
  for (const request of requests) {
    expect(request.headers.authorization).toBe(`Bearer ${token}`);
    expect(request.query.access_token).toBeUndefined();
    expect(request.path).not.toContain(token);
    expect(JSON.stringify(request.query)).not.toContain(token);
  }
}

const tagged = (route: ReopenRequest['route'], text: string): ReopenRequest => ({ route, content: { kind: 'text', text }, promoConfirmed: false });
const survey: ReopenRequest = {
  route: 'CUSTOMER_FEEDBACK',
  content: {
    kind: 'feedback',
    template: {
      title: 'Rate your experience with Acme Store',
      buttonTitle: 'Rate Experience',
      question: { id: 'support_q1', type: 'csat', followUpPlaceholder: 'Give additional feedback' },
      privacyUrl: 'https://acme.example/privacy',
      expiresInDays: 3,
    },
  },
  promoConfirmed: false,
};
const utility = (templateName: string, language: string, parameters: string[]): ReopenRequest => ({
  route: 'UTILITY',
  content: { kind: 'utility', templateName, language, parameters },
  promoConfirmed: false,
});

describe('reads against the simulator', () => {
  it("says whose token it is: a Page's or a person's; an app token is Meta's 2500, asked once", async () => {
    const { sim, graph } = await world();
    expect(await graph.tokenOwner(ACME.token)).toMatchObject({ ok: true, value: { id: ACME.id, name: ACME.name, type: 'page' } });
    expect(await graph.tokenOwner(TOKENS.person)).toMatchObject({ ok: true, value: { id: TOKENS.personId, name: 'Dana Ruiz', type: 'user' } });
    expect(sim.requests()[0]!.query).toEqual({ metadata: '1', fields: 'id,name,metadata{type}' });
    expectTokenOnlyInHeader(sim.requests().slice(0, 1), ACME.token);
    sim.clearLog();
    expect(await graph.tokenOwner(TOKENS.app)).toMatchObject({ ok: false, error: { code: 2500, retryable: false } });
    expect(sim.requests()).toHaveLength(1);
  });

  it("lists a person's Pages by cursor (never following Meta's next link), each with its tasks and token", async () => {
    const many = Array.from({ length: 130 }, (_, index) => ({ id: String(104857600001000 + index), name: `Store ${index}`, token: `EAAB-store-${index}` }));
    const { sim, graph } = await world({
      edit: (scenario) => {
        scenario.pages.push(...many);
        const person = scenario.tokens?.find((token) => token.kind === 'user');
        if (person?.kind === 'user') {
          person.accounts.push(...many.map((page, index) => ({ pageId: page.id, tasks: ['MESSAGING' as const], token: `EAAB-dana-store-${index}` })));
        }
      },
    });
    const listed = await graph.personPages(TOKENS.person);
    if (!listed.ok) throw new Error(JSON.stringify(listed.error));
    expect(listed.value).toHaveLength(132);
    expect(listed.value[0]).toEqual({ id: ACME.id, name: ACME.name, tasks: expect.arrayContaining(['MESSAGING']), token: TOKENS.personAcme });
    expect(listed.value[1]).toEqual({ id: BETA.id, name: 'Beta Shop', tasks: ['ADVERTISE', 'ANALYZE'], token: TOKENS.personBeta });
    expect(listed.value[131]).toEqual({ id: many[129]!.id, name: 'Store 129', tasks: ['MESSAGING'], token: 'EAAB-dana-store-129' });
    const [first, second] = sim.requests();
    expect(sim.requests()).toHaveLength(2);
    expect(first!.query).toEqual({ fields: 'id,name,tasks,access_token', limit: '100' });
    expect(second!.query).toEqual({ fields: 'id,name,tasks,access_token', limit: '100', after: expect.any(String) });
    expectTokenOnlyInHeader(sim.requests(), TOKENS.person);
  });

  it('reads one conversation id to prove a Page token may message; a token without pages_messaging is refused by Meta', async () => {
    const { sim, graph } = await world();
    expect(await graph.messagingRead(ACME.id, ACME.token)).toMatchObject({ ok: true, value: true });
    expect(sim.requests()[0]).toMatchObject({ path: `/v25.0/${ACME.id}/conversations`, query: { platform: 'messenger', fields: 'id', limit: '1' } });
    expect(await graph.messagingRead(ACME.id, TOKENS.noMessaging)).toMatchObject({
      ok: false,
      error: { code: 200, kind: 'needs_app_review', delivery: 'not_sent' },
    });
  });

  it("the proof read is a Conversations API call: paced with the Page's other reads", async () => {
    const slept: number[] = [];
    const { graph } = await world({ client: { conversationsMinIntervalMs: 500, sleep: async (ms) => void slept.push(ms) } });
    await graph.messagingRead(ACME.id, ACME.token);
    await graph.recentConversations(ACME.id, ACME.token, { limit: 5 });
    expect(slept).toEqual([500]);
  });

  it("answers Reopen cannot read are malformed, never taken for a token's owner", async () => {
    const { sim, graph } = await world();
    sim.injectFault({ kind: 'malformed', match: { pathIncludes: '/me' } });
    expect(await graph.tokenOwner(ACME.token)).toMatchObject({ ok: false, error: { kind: 'malformed_response' } });
  });

  it("finds one customer's conversation and the facts the windows are measured from", async () => {
    const { sim, graph } = await world();
    const result = await graph.conversationForUser(ACME.id, PSID.humanAgent, ACME.token);
    if (!result.ok || !result.value) throw new Error(`expected a conversation, got ${JSON.stringify(result)}`);
    expect(customerFacts(result.value, ACME.id)).toEqual({
      psid: PSID.humanAgent,
      customerName: 'Bruno Díaz',
      customerUsername: null,
      customerLastMessageAt: START - 2880 * MINUTE,
      pageLastMessageAt: START - 2870 * MINUTE,
    });
    expect(result.usage?.objects?.[ACME.id]).toBeDefined();
    const [request] = sim.requests();
    expect(request).toMatchObject({ method: 'GET', path: `/v25.0/${ACME.id}/conversations`, status: 200 });
    expect(request!.query).toMatchObject({ platform: 'messenger', user_id: PSID.humanAgent });
    expectTokenOnlyInHeader(sim.requests(), ACME.token);
  });

  it('sees only the 20 newest messages, and C among them', async () => {
    const { graph } = await world();
    const result = await graph.conversationForUser(ACME.id, PSID.long, ACME.token);
    if (!result.ok || !result.value) throw new Error('expected a conversation');
    expect(result.value.messages).toHaveLength(20);
    expect(customerFacts(result.value, ACME.id).customerLastMessageAt).toBe(START - 10 * MINUTE);
  });

  it('answers null for a PSID without a conversation', async () => {
    const { graph } = await world();
    expect(await graph.conversationForUser(ACME.id, '7999999999999999', ACME.token)).toMatchObject({ ok: true, value: null });
  });

  it("walks the Page's recent conversations by cursor to the end", async () => {
    const { graph } = await world();
    const ids: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await graph.recentConversations(ACME.id, ACME.token, { limit: 2, after });
      if (!result.ok) throw new Error(JSON.stringify(result.error));
      ids.push(...result.value.conversations.map((conversation) => conversation.id));
      if (!result.value.after) break;
      after = result.value.after;
    }
    expect([...ids].sort()).toEqual(['t_1001', 't_1002', 't_1003', 't_1004', 't_1005']);
  });

  it("lists the Page's templates in every status", async () => {
    const { graph } = await world();
    const result = await graph.templates(ACME.id, ACME.token);
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    expect(result.value.map((template) => `${template.name}/${template.language}/${template.status}/${template.parameterCount}`).sort()).toEqual([
      'account_notice/en/REJECTED/1',
      'appointment_reminder/en/PENDING/1',
      'order_update/en/APPROVED/2',
      'order_update/es/APPROVED/2',
    ]);
  });

  it('does not repeat a read whose connection dropped', async () => {
    const { sim, graph } = await world();
    sim.injectFault({ kind: 'drop', match: { method: 'GET' } });
    expect(await graph.conversationForUser(ACME.id, PSID.open, ACME.token)).toEqual({
      ok: false,
      error: { kind: 'network_unknown', retryable: true, delivery: 'not_sent' },
    });
    expect(sim.requests()).toHaveLength(1);
  });
});

describe('sends against the simulator: the exact body Meta receives', () => {
  it('HUMAN_AGENT text', async () => {
    const { sim, graph } = await world();
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'Your replacement ships today.'));
    expect(result).toMatchObject({ ok: true, recipientId: PSID.humanAgent, tries: 1 });
    const [request] = posts(sim);
    expect(request).toMatchObject({ path: `/v25.0/${ACME.id}/messages`, status: 200 });
    expect(request!.body).toEqual({
      recipient: { id: PSID.humanAgent },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Your replacement ships today.' },
    });
    expectTokenOnlyInHeader(sim.requests(), ACME.token);
    expect(pageMessages(sim, PSID.humanAgent).map((message) => message.text)).toContain('Your replacement ships today.');
  });

  it('CUSTOMER_FEEDBACK template', async () => {
    const { sim, graph } = await world();
    expect(await graph.send(ACME.id, ACME.token, PSID.humanAgent, survey)).toMatchObject({ ok: true, tries: 1 });
    expect(posts(sim)[0]!.body).toEqual({
      recipient: { id: PSID.humanAgent },
      messaging_type: 'MESSAGE_TAG',
      tag: 'CUSTOMER_FEEDBACK',
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'customer_feedback',
            title: 'Rate your experience with Acme Store',
            button_title: 'Rate Experience',
            feedback_screens: [
              {
                questions: [
                  {
                    id: 'support_q1',
                    type: 'csat',
                    score_label: 'neg_pos',
                    score_option: 'five_stars',
                    follow_up: { type: 'free_form', placeholder: 'Give additional feedback' },
                  },
                ],
              },
            ],
            business_privacy: { url: 'https://acme.example/privacy' },
            expires_in_days: 3,
          },
        },
      },
    });
  });

  it('UTILITY template, more than 7 days after the customer wrote', async () => {
    const { sim, graph } = await world();
    expect(await graph.send(ACME.id, ACME.token, PSID.closed, utility('order_update', 'es', ['Carla', 'A-1003']))).toMatchObject({ ok: true, tries: 1 });
    expect(posts(sim)[0]!.body).toEqual({
      recipient: { id: PSID.closed },
      messaging_type: 'UTILITY',
      message: {
        template: {
          name: 'order_update',
          language: { code: 'es' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Carla' },
                { type: 'text', text: 'A-1003' },
              ],
            },
          ],
        },
      },
    });
  });
});

describe('every error the simulator answers, explained', () => {
  const cases: Array<{
    name: string;
    send: (graph: Awaited<ReturnType<typeof world>>['graph']) => ReturnType<Awaited<ReturnType<typeof world>>['graph']['send']>;
    client?: Partial<GraphClientOptions>;
    expected: { kind: string; code: number; subcode?: number };
  }> = [
    {
      name: 'an unknown token',
      send: (g) => g.send(ACME.id, 'EAAB-not-a-token', PSID.humanAgent, tagged('HUMAN_AGENT', 'hi')),
      expected: { kind: 'token_invalid', code: 190 },
    },
    {
      name: 'an unknown PSID',
      send: (g) => g.send(ACME.id, ACME.token, '7999999999999999', tagged('HUMAN_AGENT', 'hi')),
      expected: { kind: 'no_matching_user', code: 100, subcode: 2018001 },
    },
    {
      name: 'a person who is not available',
      send: (g) => g.send(ACME.id, ACME.token, PSID.unavailable, tagged('HUMAN_AGENT', 'hi')),
      expected: { kind: 'person_unavailable', code: 551, subcode: 1545041 },
    },
    {
      name: 'HUMAN_AGENT after 7 days',
      send: (g) => g.send(ACME.id, ACME.token, PSID.closed, tagged('HUMAN_AGENT', 'hi')),
      expected: { kind: 'window_closed', code: 10, subcode: 2018278 },
    },
    {
      name: 'CUSTOMER_FEEDBACK after 7 days',
      send: (g) => g.send(ACME.id, ACME.token, PSID.closed, survey),
      expected: { kind: 'window_closed', code: 10, subcode: 2018278 },
    },
    {
      name: 'a retired tag Meta already refuses while our clock is behind',
      client: { now: () => Date.UTC(2026, 3, 26) },
      send: (g) => g.send(ACME.id, ACME.token, PSID.humanAgent, tagged('ACCOUNT_UPDATE', 'Your account changed')),
      expected: { kind: 'tag_retired', code: 100 },
    },
    {
      name: 'a template that is not approved',
      send: (g) => g.send(ACME.id, ACME.token, PSID.closed, utility('appointment_reminder', 'en', ['Monday'])),
      expected: { kind: 'template_rejected', code: 100, subcode: 2018415 },
    },
    {
      name: 'a template in another language',
      send: (g) => g.send(ACME.id, ACME.token, PSID.closed, utility('order_update', 'fr', ['a', 'b'])),
      expected: { kind: 'template_rejected', code: 100, subcode: 2018415 },
    },
    {
      name: 'a text of 2000 characters',
      send: (g) => g.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'x'.repeat(2000))),
      expected: { kind: 'invalid_parameter', code: 100 },
    },
    {
      name: "another Page's conversation",
      send: (g) => g.send(BETA.id, ACME.token, PSID.beta, tagged('HUMAN_AGENT', 'hi')),
      expected: { kind: 'needs_app_review', code: 200 },
    },
  ];

  it.each(cases)('$name → $expected.kind, not sent, asked once', async ({ send, client, expected }) => {
    const { sim, graph } = await world({ client });
    const result = await send(graph);
    expect(result).toMatchObject({ ok: false, tries: 1, error: { ...expected, retryable: false, delivery: 'not_sent' } });
    if (!result.ok) expect(result.error.fbtraceId).toMatch(/\S/);
    expect(posts(sim)).toHaveLength(1);
  });

  it("answers the Conversations API's 80006 when reads come too fast, and the client says rate_limited", async () => {
    const { sim, graph } = await world({ edit: (scenario) => (scenario.pacing = true) });
    // Unpaced client and a stopped clock: the third read in the same simulated second is refused, and stays refused.
    await graph.conversationForUser(ACME.id, PSID.open, ACME.token);
    await graph.conversationForUser(ACME.id, PSID.open, ACME.token);
    const third = await graph.conversationForUser(ACME.id, PSID.open, ACME.token);
    expect(third).toMatchObject({ ok: false, error: { kind: 'rate_limited', code: 80006, delivery: 'not_sent' } });
    expect(sim.requests().map((request) => request.status)).toEqual([200, 200, 400, 400, 400]);
  });

  // Instagram's own rows are checked on an Instagram thread (tests/sandbox/instagram.test.ts).
  it.each(ERROR_CATALOG.filter((entry) => !entry.platform).map((entry) => ({ ...entry, label: `${entry.code}/${entry.subcode ?? '-'}` })))(
    'Meta answering $label ($answer) → $kind',
    async ({ code, subcode, kind, retryable, answer }) => {
      const { sim, graph } = await world();
      sim.injectFault({ kind: 'graph_error', count: 3, match: { method: 'POST' }, error: { code, ...(subcode ? { error_subcode: subcode } : {}) } });
      const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
      // One POST whatever the answer: an answer that does not say whether Meta took the message is maybe sent and
      // never repeated; a refusal, rate limits included, is not sent.
      const tries = 1;
      const expected =
        answer === 'not_said' ? { kind: 'maybe_processed', code, retryable: false, delivery: 'maybe_sent' } : { kind, code, retryable, delivery: 'not_sent' };
      expect(result).toMatchObject({ ok: false, tries, error: expected });
      expect(posts(sim)).toHaveLength(tries);
      expect(pageMessages(sim, PSID.humanAgent)).toHaveLength(1);
    },
  );
});

describe('retries and maybe-sent sends', () => {
  it('a rate-limit answer is one POST, refused, with nothing stored: the agent sends again later', async () => {
    const { sim, graph } = await world();
    sim.injectFault({ kind: 'graph_error', count: 2, match: { method: 'POST' }, error: { code: 613, error_subcode: 2534040 } });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'Not now'));
    expect(result).toMatchObject({ ok: false, tries: 1, error: { kind: 'rate_limited', code: 613, delivery: 'not_sent' } });
    expect(posts(sim).map((request) => request.status)).toEqual([400]);
    expect(pageMessages(sim, PSID.humanAgent).filter((message) => message.text === 'Not now')).toHaveLength(0);
  });

  it.each([
    { name: 'code 1', error: { code: 1, is_transient: true } },
    { name: 'code 2', error: { code: 2, is_transient: true } },
    { name: 'code 1200', error: { code: 1200 } },
    { name: 'an unknown code', error: { code: 424242 } },
  ])('$name is maybe processed: one POST, never repeated (two clicks used to make 6)', async ({ error }) => {
    const sleeps: number[] = [];
    const { sim, graph } = await world({ client: { sleep: async (ms) => void sleeps.push(ms) } });
    sim.injectFault({ kind: 'graph_error', count: 5, match: { method: 'POST' }, error });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
    expect(result).toMatchObject({ ok: false, tries: 1, error: { kind: 'maybe_processed', code: error.code, delivery: 'maybe_sent' } });
    expect(posts(sim)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a dropped connection is maybe sent and never repeated (the simulator did store the message)', async () => {
    const { sim, graph } = await world();
    sim.injectFault({ kind: 'drop', match: { method: 'POST' } });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'Did this arrive?'));
    expect(result).toEqual({
      ok: false,
      tries: 1,
      metaPostedAt: expect.any(Number),
      error: { kind: 'network_unknown', retryable: false, delivery: 'maybe_sent' },
    });
    expect(posts(sim)).toHaveLength(1);
    expect(pageMessages(sim, PSID.humanAgent).filter((message) => message.text === 'Did this arrive?')).toHaveLength(1);
  });

  it('a late answer is a timeout, maybe sent, never repeated', async () => {
    const { sim, graph } = await world({ client: { sendTimeoutMs: 300 } });
    sim.injectFault({ kind: 'delay', ms: 3000, match: { method: 'POST' } });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'Slow'));
    expect(result).toEqual({ ok: false, tries: 1, metaPostedAt: expect.any(Number), error: { kind: 'timeout', retryable: false, delivery: 'maybe_sent' } });
    expect(posts(sim)).toHaveLength(1);
  });

  it.each([
    { name: 'a 5xx page', fault: { kind: 'http5xx' as const, status: 502 }, kind: 'maybe_processed' },
    { name: 'a 200 that is not JSON', fault: { kind: 'malformed' as const }, kind: 'malformed_response' },
  ])('$name is maybe sent, never repeated', async ({ fault, kind }) => {
    const { sim, graph } = await world();
    sim.injectFault({ ...fault, match: { method: 'POST' } });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
    expect(result).toEqual({ ok: false, tries: 1, metaPostedAt: expect.any(Number), error: { kind, retryable: false, delivery: 'maybe_sent' } });
    expect(posts(sim)).toHaveLength(1);
  });
});

describe('usage and pacing', () => {
  it("reads the usage header of a 613 answer and stops until Meta's regain time", async () => {
    const { sim, graph } = await world();
    const usage = { [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 60, total_time: 70, estimated_time_to_regain_access: 3 }] };
    sim.injectFault({
      kind: 'graph_error',
      match: { method: 'GET' },
      error: { code: 613, error_subcode: 2534040 },
      headers: { 'X-Business-Use-Case-Usage': JSON.stringify(usage) },
    });
    expect(await graph.conversationForUser(ACME.id, PSID.open, ACME.token)).toMatchObject({
      ok: false,
      error: { kind: 'rate_limited', code: 613, subcode: 2534040, delivery: 'not_sent', retryAfterMs: 3 * MINUTE },
    });
    // The next read is refused here, without asking Meta, until the regain time has passed.
    expect(await graph.conversationForUser(ACME.id, PSID.open, ACME.token)).toMatchObject({ ok: false, error: { kind: 'rate_limited' } });
    expect(sim.requests()).toHaveLength(1);
  });

  it("sends once when a 613 comes with Meta's regain-access estimate: rate_limited with the wait, no retry", async () => {
    const { sim, graph } = await world();
    const usage = { [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 60, total_time: 70, estimated_time_to_regain_access: 5 }] };
    sim.injectFault({
      kind: 'graph_error',
      count: 3,
      match: { method: 'POST' },
      error: { code: 613, error_subcode: 2534040, message: 'Calls to this api have exceeded the rate limit.' },
      headers: { 'X-Business-Use-Case-Usage': JSON.stringify(usage) },
    });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'Not now'));
    expect(result).toMatchObject({
      ok: false,
      tries: 1,
      error: { kind: 'rate_limited', code: 613, subcode: 2534040, retryable: true, delivery: 'not_sent', retryAfterMs: 5 * MINUTE },
    });
    expect(posts(sim)).toHaveLength(1);
    expect(pageMessages(sim, PSID.humanAgent).filter((message) => message.text === 'Not now')).toHaveLength(0);
  });

  it('code 2 stays maybe processed even with an estimate; a 613 without one (estimate 0) is tried three times', async () => {
    const { sim, graph } = await world();
    const throttled = { [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: 2 }] };
    sim.injectFault({
      kind: 'graph_error',
      match: { method: 'POST' },
      error: { code: 2, is_transient: true },
      headers: { 'X-Business-Use-Case-Usage': JSON.stringify(throttled) },
    });
    // Code 2 is not a rate-limit code: whatever the usage says, Meta did not say the message was refused.
    expect(await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'))).toMatchObject({
      ok: false,
      tries: 1,
      error: { kind: 'maybe_processed', code: 2, delivery: 'maybe_sent' },
    });
    expect(posts(sim)).toHaveLength(1);

    sim.clearLog();
    // A high call count alone is no estimate: Meta's 613 stays a rate-limit refusal, one POST, no wait given.
    const busy = { [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 90, total_time: 90, estimated_time_to_regain_access: 0 }] };
    sim.injectFault({
      kind: 'graph_error',
      count: 3,
      match: { method: 'POST' },
      error: { code: 613, error_subcode: 2534040 },
      headers: { 'X-Business-Use-Case-Usage': JSON.stringify(busy) },
    });
    const result = await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
    expect(result).toMatchObject({ ok: false, tries: 1, error: { kind: 'rate_limited', code: 613, delivery: 'not_sent' } });
    if (!result.ok) expect(result.error.retryAfterMs).toBeUndefined();
    expect(posts(sim)).toHaveLength(1);
  });

  it('remembers when the last send to each Page settled, so cached listings can be dropped after it', async () => {
    const { sim, graph } = await world();
    expect(graph.lastSendAt(ACME.id)).toBeNull();
    sim.clock.advance(1000);
    await graph.send(ACME.id, ACME.token, PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
    expect(graph.lastSendAt(ACME.id)).toBe(sim.clock.now());
    expect(graph.lastSendAt(BETA.id)).toBeNull();
    // A send refused before any HTTP call changed nothing at Meta.
    const before = graph.lastSendAt(ACME.id);
    sim.clock.advance(1000);
    await graph.send(ACME.id, 'bad token with spaces', PSID.humanAgent, tagged('HUMAN_AGENT', 'hi'));
    expect(graph.lastSendAt(ACME.id)).toBe(before);
  });

  it('spaces a burst of conversation reads for one Page so Meta never answers 80006', async () => {
    const scenario = fixedScenario();
    scenario.clock = { mode: 'real' };
    scenario.pacing = true;
    const sim = await startSimulator({ scenario });
    running.push(sim);
    // Real clock and real sleeps: the default pacing of 2 calls per second per Page.
    const graph = createGraphClient({ version: 'v25.0', baseUrl: sim.url });
    const psids = [PSID.open, PSID.humanAgent, PSID.closed, PSID.unavailable, PSID.long];
    const results = await Promise.all(psids.map((psid) => graph.conversationForUser(ACME.id, psid, ACME.token)));
    expect(results.map((result) => result.ok)).toEqual([true, true, true, true, true]);
    const log = sim.requests();
    expect(log.map((request) => request.status)).toEqual([200, 200, 200, 200, 200]);
    const arrivals = log.map((request) => request.at).sort((a, b) => a - b);
    for (let index = 1; index < arrivals.length; index++) expect(arrivals[index]! - arrivals[index - 1]!).toBeGreaterThanOrEqual(450);
  });
});
