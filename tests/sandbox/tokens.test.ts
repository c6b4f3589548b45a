// @vitest-environment node
// Whose token it is, as Meta answers it (Meta Graph API, Access tokens / Pages API docs, as recorded
// 2026): `/me?metadata=1` names a Page or a person, a person's `/me/accounts` lists their Pages with each Page's own
// token and their tasks, a Page's edges need a Page token (210), an app token has no `/me` (2500), an expired token
// answers 190/463 and an invalidated one 190/467, and a Page token without pages_messaging (or the MESSAGING task) is
// refused on the Conversations and Send APIs.
import { describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from './simulator';
import { ACME, BETA, PSID, TOKENS, fixedScenario, getJson, postJson, textMessage, useUnpacedSimulator } from './harness';

const ME = '/v25.0/me?metadata=1&fields=id,name,metadata%7Btype%7D';
const CONVERSATIONS = (pageId: string) => `/v25.0/${pageId}/conversations?platform=messenger&fields=id&limit=1`;
const SEND = `/v25.0/${ACME.id}/messages`;

describe('whose token it is', () => {
  let sim: Simulator;
  useUnpacedSimulator((started) => (sim = started));

  it("`/me?metadata=1` names a Page token's Page and a person's token's person", async () => {
    expect(await getJson(sim, ME, ACME.token)).toMatchObject({ status: 200, body: { id: ACME.id, name: 'Acme Store', metadata: { type: 'page' } } });
    expect(await getJson(sim, ME, TOKENS.person)).toMatchObject({
      status: 200,
      body: { id: TOKENS.personId, name: 'Dana Ruiz', metadata: { type: 'user' } },
    });
    // The Page token Meta gave the person for a Page speaks for that Page.
    expect((await getJson(sim, ME, TOKENS.personBeta)).body).toEqual({ id: BETA.id, name: 'Beta Shop', metadata: { type: 'page' } });
  });

  it('`metadata=1` adds the metadata whatever the fields; asking for the field without it is an unknown field', async () => {
    expect((await getJson(sim, '/v25.0/me?metadata=1', TOKENS.person)).body).toEqual({
      id: TOKENS.personId,
      name: 'Dana Ruiz',
      metadata: { type: 'user' },
    });
    expect((await getJson(sim, '/v25.0/me?fields=id,metadata%7Btype%7D', ACME.token)).body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (metadata) on node type (Page)',
    });
    expect((await getJson(sim, '/v25.0/me?fields=id,email', TOKENS.person)).body.error).toMatchObject({ code: 100 });
  });

  it("an app's token has no current user: 2500", async () => {
    const answer = await getJson(sim, ME, TOKENS.app);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({
      code: 2500,
      type: 'OAuthException',
      message: 'An active access token must be used to query information about the current user.',
    });
    expect(answer.body.error.error_subcode).toBeUndefined();
    // Nor any Page's data.
    expect((await getJson(sim, CONVERSATIONS(ACME.id), TOKENS.app)).body.error).toMatchObject({ code: 210 });
  });

  it('an expired token answers 190/463 with the times Meta states; an invalidated one 190/467', async () => {
    const expired = await getJson(sim, ME, TOKENS.expired);
    expect(expired.status).toBe(400);
    expect(expired.body.error).toMatchObject({ code: 190, error_subcode: 463, type: 'OAuthException' });
    // 2026-07-12T12:00:00Z is 05:00 in California (PDT): the session ended an hour before.
    expect(expired.body.error.message).toBe(
      'Error validating access token: Session has expired on Sunday, 12-Jul-26 04:00:00 PDT. The current time is Sunday, 12-Jul-26 05:00:00 PDT.',
    );
    const revoked = await getJson(sim, CONVERSATIONS(ACME.id), TOKENS.revoked);
    expect(revoked.body.error).toMatchObject({
      code: 190,
      error_subcode: 467,
      message: 'Error validating access token: The session is invalid because the user logged out.',
    });
    // An unknown token stays a bare 190.
    expect((await getJson(sim, ME, 'EAAB-never-issued')).body.error).toMatchObject({ code: 190, message: 'Invalid OAuth access token.' });
  });
});

describe("a person's token", () => {
  let sim: Simulator;
  useUnpacedSimulator((started) => (sim = started));

  it('`/me/accounts` lists their Pages with id, name, tasks and each Page’s own token', async () => {
    const answer = await getJson(sim, '/v25.0/me/accounts', TOKENS.person);
    expect(answer.status).toBe(200);
    expect(answer.body.data).toEqual([
      {
        access_token: TOKENS.personAcme,
        name: 'Acme Store',
        id: ACME.id,
        tasks: ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'],
      },
      { access_token: TOKENS.personBeta, name: 'Beta Shop', id: BETA.id, tasks: ['ADVERTISE', 'ANALYZE'] },
    ]);
    expect(answer.body.paging.next).toBeUndefined();
    // No usage header: X-Business-Use-Case-Usage is for Page tokens.
    expect(answer.headers.get('x-business-use-case-usage')).toBeNull();
  });

  it('pages with cursors, and selects fields', async () => {
    const first = await getJson(sim, '/v25.0/me/accounts?fields=id,tasks&limit=1', TOKENS.person);
    expect(first.body.data).toEqual([{ id: ACME.id, tasks: expect.arrayContaining(['MESSAGING']) }]);
    expect(first.body.paging.next).toContain('after=');
    const second = await getJson(sim, `/v25.0/me/accounts?fields=id,tasks&limit=1&after=${first.body.paging.cursors.after}`, TOKENS.person);
    expect(second.body.data).toEqual([{ id: BETA.id, tasks: ['ADVERTISE', 'ANALYZE'] }]);
    expect(second.body.paging.next).toBeUndefined();
    expect((await getJson(sim, '/v25.0/me/accounts?fields=id,perms', TOKENS.person)).body.error).toMatchObject({ code: 100 });
  });

  it("a Page's edges answer (#210): a page access token is required; its public node answers", async () => {
    for (const [method, path] of [
      ['GET', CONVERSATIONS(ACME.id)],
      ['GET', `/v25.0/${ACME.id}/message_templates`],
      ['GET', '/v25.0/t_1001'],
      ['POST', SEND],
      ['POST', '/v25.0/me/messages'],
    ] as const) {
      const answer = method === 'GET' ? await getJson(sim, path, TOKENS.person) : await postJson(sim, path, textMessage(PSID.open, 'hi'), TOKENS.person);
      expect(answer.status, path).toBe(400);
      expect(answer.body.error, path).toMatchObject({
        code: 210,
        type: 'OAuthException',
        message: '(#210) A page access token is required to request this resource.',
      });
    }
    expect((await getJson(sim, `/v25.0/${ACME.id}`, TOKENS.person)).body).toEqual({ id: ACME.id, name: 'Acme Store' });
    expect(sim.state().conversations.find((conversation) => conversation.psid === PSID.open)?.messages).toHaveLength(2);
  });

  it('a Page token has no list of Pages', async () => {
    expect((await getJson(sim, '/v25.0/me/accounts', ACME.token)).body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (accounts) on node type (Page)',
    });
  });
});

describe('what a Page token may do', () => {
  let sim: Simulator;
  useUnpacedSimulator((started) => (sim = started));

  it('the Page token of a person with the MESSAGING task reads and sends, and counts in its Page’s usage', async () => {
    const read = await getJson(sim, CONVERSATIONS(ACME.id), TOKENS.personAcme);
    expect(read.status).toBe(200);
    expect(read.body.data).toHaveLength(1);
    expect(read.headers.get('x-business-use-case-usage')).toContain(ACME.id);
    expect((await postJson(sim, SEND, textMessage(PSID.open, 'Hi Ana'), TOKENS.personAcme)).status).toBe(200);
  });

  it.each([
    ['without pages_messaging', () => TOKENS.noMessaging, ACME.id],
    ['of a person without the MESSAGING task', () => TOKENS.personBeta, BETA.id],
  ])('one %s is refused on the Conversations and Send APIs (403, 200), and may still read its templates', async (_name, token, pageId) => {
    const read = await getJson(sim, CONVERSATIONS(pageId), token());
    expect(read.status).toBe(403);
    expect(read.body.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    const send = await postJson(sim, `/v25.0/${pageId}/messages`, textMessage(PSID.open, 'Hi'), token());
    expect(send.status).toBe(403);
    expect(send.body.error).toMatchObject({ code: 200 });
    expect((await getJson(sim, `/v25.0/${pageId}/message_templates`, token())).status).toBe(200);
    expect((await getJson(sim, ME, token())).body.metadata).toEqual({ type: 'page' });
  });
});

describe('scenario tokens', () => {
  it.each([
    [
      "a person's Page token used twice",
      (s: ReturnType<typeof fixedScenario>) => {
        const person = s.tokens?.find((token) => token.kind === 'user');
        if (person?.kind === 'user') person.accounts[1]!.token = ACME.token;
      },
      /used twice/,
    ],
    [
      'a Page token of an unknown Page',
      (s: ReturnType<typeof fixedScenario>) => {
        (s.tokens ??= []).push({ kind: 'page', token: 'EAAB-orphan', pageId: '999' });
      },
      /unknown Page 999/,
    ],
    [
      'a task Meta does not have',
      (s: ReturnType<typeof fixedScenario>) => {
        const person = s.tokens?.find((token) => token.kind === 'user');
        if (person?.kind === 'user') (person.accounts[0]!.tasks as string[]).push('MESSAGE');
      },
      /tasks/,
    ],
  ])('refuses %s with a clear message', async (_name, edit, message) => {
    const scenario = fixedScenario();
    edit(scenario);
    await expect(startSimulator({ scenario })).rejects.toThrow(message);
  });
});
