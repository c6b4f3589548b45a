// @vitest-environment node
// Instagram Direct in the simulator, and the Graph client against it (reference/meta-messenger.md §7b): the
// Conversations API with platform=instagram (participants and senders carry `username`; the Page's side speaks as
// its linked Instagram professional account), and the Send API's Instagram-only rules: HUMAN_AGENT within 7 days,
// nothing else, 10/2534022 outside the windows.
import { afterEach, describe, expect, it } from 'vitest';
import { createGraphClient } from '../../lib/graph/client';
import { customerFacts } from '../../lib/graph/facts';
import type { ReopenRequest } from '../../lib/policy/types';
import { ACME, BETA, DAY, IGSID, IG_ACCOUNT, PSID, START, getJson, postJson, startFixed, textMessage, withInstagram } from './harness';
import type { Simulator } from './simulator';

let sim: Simulator;
afterEach(async () => {
  await sim?.close();
});

const SEND = `/v25.0/${ACME.id}/messages`;
const CONVERSATIONS = `/v25.0/${ACME.id}/conversations`;
const FIELDS = encodeURIComponent('participants,updated_time,messages.limit(20){created_time,from,message}');
const igPageMessages = (igsid: string) =>
  sim
    .state()
    .conversations.find((c) => c.psid === igsid)!
    .messages.filter((m) => m.from === 'page');

describe('Conversations API, platform=instagram', () => {
  it('lists only Instagram conversations, with usernames and the Instagram account as the Page side', async () => {
    sim = await startFixed(withInstagram);
    const { status, body } = await getJson(sim, `${CONVERSATIONS}?platform=instagram&fields=${FIELDS}`);
    expect(status).toBe(200);
    expect(body.data.map((c: { id: string }) => c.id).sort()).toEqual(['t_ig_late', 't_ig_recent']);
    const recent = body.data.find((c: { id: string }) => c.id === 't_ig_recent');
    expect(recent.participants.data).toEqual([
      { id: IGSID.recent, username: 'insta.shopper' },
      { id: IG_ACCOUNT.id, username: IG_ACCOUNT.username },
    ]);
    expect(recent.messages.data[0].from).toEqual({ id: IG_ACCOUNT.id, username: IG_ACCOUNT.username });
    expect(recent.messages.data[1].from).toEqual({ id: IGSID.recent, username: 'insta.shopper' });

    // Messenger's listing (named or not) does not show them.
    for (const query of ['platform=messenger&', '']) {
      const messenger = await getJson(sim, `${CONVERSATIONS}?${query}fields=id`);
      expect(messenger.body.data.map((c: { id: string }) => c.id)).not.toContain('t_ig_recent');
    }
  });

  it('finds one Instagram conversation by IGSID with user_id, and none on Messenger', async () => {
    sim = await startFixed(withInstagram);
    const found = await getJson(sim, `${CONVERSATIONS}?platform=instagram&user_id=${IGSID.recent}&fields=id`);
    expect(found.body.data).toEqual([{ id: 't_ig_recent' }]);
    const messenger = await getJson(sim, `${CONVERSATIONS}?platform=messenger&user_id=${IGSID.recent}&fields=id`);
    expect(messenger.body.data).toEqual([]);
  });

  it('says which Instagram account is linked to the Page (left out when none is)', async () => {
    sim = await startFixed(withInstagram);
    expect((await getJson(sim, `/v25.0/${ACME.id}?fields=instagram_business_account`)).body).toEqual({
      id: ACME.id,
      instagram_business_account: { id: IG_ACCOUNT.id },
    });
    expect((await getJson(sim, `/v25.0/${BETA.id}?fields=instagram_business_account`, BETA.token)).body).toEqual({ id: BETA.id });
  });

  it('refuses a scenario with an Instagram conversation on a Page without an Instagram account, or without a username', async () => {
    await expect(
      startFixed((scenario) => {
        withInstagram(scenario);
        scenario.pages[0]!.instagram = undefined;
      }),
    ).rejects.toThrow(/has no Instagram account linked/);
    await expect(
      startFixed((scenario) => {
        withInstagram(scenario);
        scenario.conversations.at(-1)!.username = undefined;
      }),
    ).rejects.toThrow(/carry a username/);
  });
});

describe('Send API on Instagram', () => {
  it('accepts HUMAN_AGENT within 7 days, to the IGSID, as MESSAGE_TAG', async () => {
    sim = await startFixed(withInstagram);
    const { status, body } = await postJson(sim, SEND, textMessage(IGSID.recent, 'It is back: size M is reserved for you', 'MESSAGE_TAG', 'HUMAN_AGENT'));
    expect(status).toBe(200);
    expect(body).toEqual({ recipient_id: IGSID.recent, message_id: expect.stringMatching(/^m_/) });
    expect(igPageMessages(IGSID.recent).at(-1)).toMatchObject({ text: 'It is back: size M is reserved for you', tag: 'HUMAN_AGENT' });
  });

  const refusals: Array<[name: string, body: unknown, code: number, subcode: number | undefined, message: RegExp]> = [
    [
      'CUSTOMER_FEEDBACK',
      textMessage(IGSID.recent, 'Rate us', 'MESSAGE_TAG', 'CUSTOMER_FEEDBACK'),
      100,
      undefined,
      /CUSTOMER_FEEDBACK tag is not available for Instagram/,
    ],
    [
      'a retired tag',
      textMessage(IGSID.recent, 'Your order shipped', 'MESSAGE_TAG', 'POST_PURCHASE_UPDATE'),
      100,
      undefined,
      /POST_PURCHASE_UPDATE tag is not available for Instagram/,
    ],
    ['ACCOUNT_UPDATE', textMessage(IGSID.recent, 'Account', 'MESSAGE_TAG', 'ACCOUNT_UPDATE'), 100, undefined, /not available for Instagram/],
    [
      'a utility message',
      { recipient: { id: IGSID.recent }, messaging_type: 'UTILITY', message: { template: { name: 'order_update', language: { code: 'en' } } } },
      100,
      undefined,
      /Utility messages are not available for Instagram/,
    ],
    ['a free reply after 24 h', textMessage(IGSID.recent, 'hi'), 10, 2534022, /outside of allowed window/],
    ['HUMAN_AGENT after 7 days', textMessage(IGSID.late, 'Sorry for the wait', 'MESSAGE_TAG', 'HUMAN_AGENT'), 10, 2534022, /outside of allowed window/],
  ];

  it.each(refusals)("refuses %s with Meta's error, delivering nothing", async (_name, body, code, subcode, message) => {
    sim = await startFixed(withInstagram);
    const before = sim.state().conversations.map((c) => c.messages.length);
    const answer = await postJson(sim, SEND, body);
    expect(answer.status).toBe(400);
    expect(answer.body.error.code).toBe(code);
    expect(answer.body.error.error_subcode).toBe(subcode);
    expect(answer.body.error.message).toMatch(message);
    expect(sim.state().conversations.map((c) => c.messages.length)).toEqual(before);
  });

  it('HUMAN_AGENT at 6 days 23 hours is the last moment; 7 days exactly is refused', async () => {
    sim = await startFixed(withInstagram);
    sim.clock.set(START + 5 * DAY - 1); // recent: customer wrote 2 days before START → 6 d 23:59:59.999
    expect((await postJson(sim, SEND, textMessage(IGSID.recent, 'Last call', 'MESSAGE_TAG', 'HUMAN_AGENT'))).status).toBe(200);
    sim.clock.set(START + 5 * DAY);
    const refused = await postJson(sim, SEND, textMessage(IGSID.recent, 'Too late', 'MESSAGE_TAG', 'HUMAN_AGENT'));
    expect(refused.body.error).toMatchObject({ code: 10, error_subcode: 2534022 });
  });
});

describe('the Graph client on Instagram', () => {
  const graphOf = (simulator: Simulator) =>
    createGraphClient({ version: 'v25.0', baseUrl: simulator.url, now: () => simulator.clock.now(), sleep: async () => {}, conversationsMinIntervalMs: 0 });
  const tagged = (route: ReopenRequest['route'], text: string): ReopenRequest => ({ route, content: { kind: 'text', text }, promoConfirmed: false });

  it('reads the conversation with platform=instagram and reports the Instagram account as the Page (C from the customer only)', async () => {
    sim = await startFixed(withInstagram);
    const graph = graphOf(sim);
    const read = await graph.conversationForUser(ACME.id, IGSID.recent, ACME.token, 'instagram');
    if (!read.ok || !read.value) throw new Error(`expected a conversation, got ${JSON.stringify(read)}`);
    expect(customerFacts(read.value, ACME.id)).toEqual({
      psid: IGSID.recent,
      customerName: 'insta.shopper',
      customerUsername: 'insta.shopper',
      customerLastMessageAt: START - 2 * DAY,
      pageLastMessageAt: START - 2 * DAY + 10 * 60_000,
    });
    const calls = sim.requests();
    expect(calls.map((call) => call.path)).toEqual([`/v25.0/${ACME.id}`, `/v25.0/${ACME.id}/conversations`]);
    expect(calls[1]!.query).toMatchObject({ platform: 'instagram', user_id: IGSID.recent });
    // The linked account is read once per client.
    await graph.recentConversations(ACME.id, ACME.token, { limit: 10, platform: 'instagram' });
    expect(sim.requests().filter((call) => call.path === `/v25.0/${ACME.id}`)).toHaveLength(1);
  });

  it('a Page with no Instagram account linked: instagram_not_linked, and no conversations call', async () => {
    sim = await startFixed(withInstagram);
    const graph = graphOf(sim);
    const read = await graph.recentConversations(BETA.id, BETA.token, { limit: 10, platform: 'instagram' });
    expect(read).toMatchObject({ ok: false, error: { kind: 'instagram_not_linked', delivery: 'not_sent' } });
    expect(sim.requests().filter((call) => call.path.endsWith('/conversations'))).toEqual([]);
  });

  it('sends HUMAN_AGENT to the IGSID with the Page token: the body Meta documents, once', async () => {
    sim = await startFixed(withInstagram);
    const result = await graphOf(sim).send(ACME.id, ACME.token, IGSID.recent, tagged('HUMAN_AGENT', 'Size M is yours'), 'instagram');
    expect(result).toMatchObject({ ok: true, recipientId: IGSID.recent, tries: 1 });
    const posts = sim.requests().filter((call) => call.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.path).toBe(SEND);
    expect(posts[0]!.headers.authorization).toBe(`Bearer ${ACME.token}`);
    expect(posts[0]!.body).toEqual({
      recipient: { id: IGSID.recent },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Size M is yours' },
    });
  });

  it.each(['CUSTOMER_FEEDBACK', 'POST_PURCHASE_UPDATE', 'UTILITY'] as const)('refuses %s on Instagram before any call', async (route) => {
    sim = await startFixed(withInstagram);
    const request: ReopenRequest =
      route === 'UTILITY'
        ? { route, content: { kind: 'utility', templateName: 'order_update', language: 'en', parameters: [] }, promoConfirmed: false }
        : tagged(route, 'hi');
    const result = await graphOf(sim).send(ACME.id, ACME.token, IGSID.recent, request, 'instagram');
    expect(result).toMatchObject({ ok: false, tries: 0, error: { kind: 'route_not_on_platform', delivery: 'not_sent' } });
    expect(sim.requests()).toEqual([]);
  });

  it("explains Meta's Instagram refusal after 7 days in Instagram's words (10/2534022), not sent, no retry", async () => {
    sim = await startFixed(withInstagram);
    const result = await graphOf(sim).send(ACME.id, ACME.token, IGSID.late, tagged('HUMAN_AGENT', 'Sorry for the wait'), 'instagram');
    expect(result).toMatchObject({
      ok: false,
      tries: 1,
      error: { kind: 'instagram_window_closed', code: 10, subcode: 2534022, retryable: false, delivery: 'not_sent' },
    });
  });

  it("explains a bare 10 on Instagram as the app's Instagram permissions", async () => {
    sim = await startFixed(withInstagram);
    sim.injectFault({ kind: 'graph_error', count: 1, match: { method: 'POST' }, error: { code: 10 } });
    const result = await graphOf(sim).send(ACME.id, ACME.token, IGSID.recent, tagged('HUMAN_AGENT', 'hi'), 'instagram');
    expect(result).toMatchObject({ ok: false, error: { kind: 'instagram_permission_denied', code: 10 } });
    expect(igPageMessages(IGSID.recent)).toHaveLength(1);
  });

  it('Messenger threads are untouched: no Instagram account read, same answers as before', async () => {
    sim = await startFixed(withInstagram);
    const read = await graphOf(sim).conversationForUser(ACME.id, PSID.humanAgent, ACME.token);
    expect(read.ok && read.value?.participants.map((p) => p.id)).toEqual([PSID.humanAgent, ACME.id]);
    expect(sim.requests().map((call) => call.query.platform)).toEqual(['messenger']);
  });
});
