// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACME, BETA, POPUP, PSID, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import { TOKENS } from '../../tests/sandbox/harness';
import type { Scenario } from '../../tests/sandbox/simulator';
import { createTokenVault } from '../storage/vault';
import { PERSON_PAGES_TTL_MS } from './service';

let bg: TestBackground;
afterEach(async () => bg?.close());

/** Every Graph call the simulator saw since the last clear, as `METHOD path` (queries are checked where they matter). */
const calls = (b: TestBackground) => b.graphRequests().map((request) => `${request.method} ${request.path}`);

/** Everything this browser keeps: the Page list, every storage.local key (quarantine included) and the token vault. */
async function everythingStored(b: TestBackground): Promise<string> {
  const vault = await createTokenVault().all();
  return JSON.stringify([await b.services.store.getPages(), await fakeBrowser.storage.local.get(null), [...vault]]);
}

/** Dana Ruiz (TOKENS.person) manages no Page. */
const personWithoutPages = (scenario: Scenario) => {
  const person = scenario.tokens?.find((token) => token.kind === 'user');
  if (person?.kind === 'user') person.accounts = [];
};

describe('Connect with a Page token', () => {
  it('checks whose token it is and that it can read the conversations, then connects; reconnecting replaces the token', async () => {
    bg = await startBackground({ connect: [] });
    const connected = await bg.ask({ type: 'pages.connect', token: `  ${ACME.token}  ` }, POPUP);
    expect(connected).toMatchObject({ ok: true, value: { page: { id: ACME.id, name: 'Acme Store', status: 'connected', managed: false } } });
    // Two calls: who the token speaks for, and one conversation's id (what pages_messaging and MESSAGING allow).
    const [owner, messaging] = bg.graphRequests();
    expect(calls(bg)).toEqual(['GET /v25.0/me', `GET /v25.0/${ACME.id}/conversations`]);
    expect(owner!.query).toEqual({ metadata: '1', fields: 'id,name,metadata{type}' });
    expect(messaging!.query).toEqual({ platform: 'messenger', fields: 'id', limit: '1' });
    for (const request of bg.graphRequests()) {
      expect(request.headers.authorization).toBe(`Bearer ${ACME.token}`);
      expect(request.query.access_token).toBeUndefined();
    }
    expect((await bg.services.store.getPages())[0]!.token).toBe(ACME.token);

    await bg.services.pages.markNeedsReconnect(ACME.id);
    await bg.ask({ type: 'pages.connect', token: ACME.token }, POPUP);
    const listed = await bg.ask({ type: 'pages.list' }, POPUP);
    expect(listed).toEqual({
      ok: true,
      value: { pages: [{ id: ACME.id, name: 'Acme Store', status: 'connected', checkedAt: expect.any(Number), managed: false }] },
    });
  });

  // Each refusal: Connect's kind (its words say what to do), Meta's code when Meta gave one, the calls it took — and
  // nothing stored anywhere, the token included.
  it.each([
    { name: 'an unknown token', token: 'EAAB-not-a-token', error: { kind: 'connect_token_invalid', code: 190 }, calls: 1 },
    { name: 'an expired token', token: TOKENS.expired, error: { kind: 'connect_token_expired', code: 190, subcode: 463 }, calls: 1 },
    { name: 'a token whose session ended', token: TOKENS.revoked, error: { kind: 'connect_token_invalid', code: 190, subcode: 467 }, calls: 1 },
    { name: "an app's token", token: TOKENS.app, error: { kind: 'connect_app_token', code: 2500 }, calls: 1 },
    { name: 'a Page token without pages_messaging', token: TOKENS.noMessaging, error: { kind: 'connect_cannot_message', code: 200 }, calls: 2 },
    { name: 'a token that cannot travel in a header', token: 'EAAB token with spaces', error: { kind: 'connect_token_invalid' }, calls: 0 },
  ])('refuses $name and stores nothing', async ({ token, error, calls: callCount }) => {
    bg = await startBackground({ connect: [] });
    const reply = await bg.ask({ type: 'pages.connect', token }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { error: { ...error, retryable: false } } });
    expect(bg.graphRequests()).toHaveLength(callCount);
    expect(await bg.services.store.getPages()).toEqual([]);
    expect(await everythingStored(bg)).not.toContain(token);
    expect(JSON.stringify(reply)).not.toContain(token);
  });

  it('a person whose token lists no Page is refused; the person is not connected', async () => {
    bg = await startBackground({ connect: [], edit: personWithoutPages });
    const reply = await bg.ask({ type: 'pages.connect', token: TOKENS.person }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { error: { kind: 'connect_person_no_pages' } } });
    expect(calls(bg)).toEqual(['GET /v25.0/me', 'GET /v25.0/me/accounts']);
    expect(await bg.services.store.getPages()).toEqual([]);
    expect(await everythingStored(bg)).not.toContain(TOKENS.person);
  });

  it.each([
    { fault: { kind: 'malformed' as const }, kind: 'connect_unreadable' },
    { fault: { kind: 'drop' as const }, kind: 'connect_unreachable' },
  ])("Meta's $fault.kind answer is a clear refusal, and nothing is stored", async ({ fault, kind }) => {
    bg = await startBackground({ connect: [] });
    bg.sim.injectFault({ ...fault, match: { pathIncludes: '/me' } });
    const reply = await bg.ask({ type: 'pages.connect', token: ACME.token }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { error: { kind, retryable: true } } });
    expect(await everythingStored(bg)).not.toContain(ACME.token);
  });

  it("a refusal Connect has no words of its own for keeps the catalog's kind and Meta's code, and connects nothing", async () => {
    bg = await startBackground({ connect: [] });
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 100, message: 'x' }, match: { pathIncludes: 'conversations' } });
    const reply = await bg.services.pages.connect(ACME.token);
    expect(reply).toMatchObject({ error: { kind: 'invalid_parameter', code: 100 } });
    expect(await bg.services.store.getPages()).toEqual([]);
  });

  it("Meta's words echoing the token come back without it", async () => {
    bg = await startBackground({ connect: [] });
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 190, message: `Bad token ${TOKENS.expired} here` } });
    const reply = await bg.services.pages.connect(TOKENS.expired);
    expect(reply).toMatchObject({ error: { kind: 'connect_token_invalid', metaMessage: 'Bad token [token] here' } });
  });
});

describe("Connect with a person's token", () => {
  it('offers their Pages (ids, names, tasks), never a token, never the person as a Page, and stores nothing', async () => {
    bg = await startBackground({ connect: [] });
    const reply = await bg.ask({ type: 'pages.connect', token: TOKENS.person }, POPUP);
    expect(reply).toEqual({
      ok: true,
      value: {
        offer: {
          personName: 'Dana Ruiz',
          pages: [
            {
              id: ACME.id,
              name: 'Acme Store',
              tasks: ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'],
              canMessage: true,
              connected: false,
              managed: false,
            },
            { id: BETA.id, name: 'Beta Shop', tasks: ['ADVERTISE', 'ANALYZE'], canMessage: false, connected: false, managed: false },
          ],
        },
      },
    });
    expect(calls(bg)).toEqual(['GET /v25.0/me', 'GET /v25.0/me/accounts']);
    expect(bg.graphRequests()[1]!.query).toEqual({ fields: 'id,name,tasks,access_token', limit: '100' });
    for (const token of [TOKENS.person, TOKENS.personAcme, TOKENS.personBeta]) expect(JSON.stringify(reply)).not.toContain(token);
    expect(await bg.services.store.getPages()).toEqual([]);
    expect(await everythingStored(bg)).not.toContain(TOKENS.person);
    expect(await bg.services.pages.list()).not.toContainEqual(expect.objectContaining({ id: TOKENS.personId }));
  });

  it('a picked Page is connected with ITS Page token (one read: the list is remembered); the person’s token is stored nowhere', async () => {
    bg = await startBackground({ connect: [] });
    await bg.ask({ type: 'pages.connect', token: TOKENS.person }, POPUP);
    bg.clear();
    const reply = await bg.ask({ type: 'pages.pick', token: TOKENS.person, pageIds: [ACME.id] }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { results: [{ pageId: ACME.id, page: { id: ACME.id, name: 'Acme Store', status: 'connected' } }] } });
    expect(calls(bg)).toEqual([`GET /v25.0/${ACME.id}/conversations`]);
    expect(bg.graphRequests()[0]!.headers.authorization).toBe(`Bearer ${TOKENS.personAcme}`);
    expect((await bg.services.store.getPages()).map((page) => [page.id, page.token])).toEqual([[ACME.id, TOKENS.personAcme]]);
    expect(await everythingStored(bg)).not.toContain(TOKENS.person);
    expect(JSON.stringify(reply)).not.toContain(TOKENS.personAcme);

    // And it works: a send goes out with that Page token.
    bg.clear();
    await bg.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() });
    expect(bg.posts().map((post) => post.headers.authorization)).toEqual([`Bearer ${TOKENS.personAcme}`]);
  });

  it('a Page without the MESSAGING task, or not on the list, is refused without a call; the others still connect', async () => {
    bg = await startBackground({ connect: [] });
    await bg.services.pages.connect(TOKENS.person);
    bg.clear();
    const results = await bg.services.pages.pick(TOKENS.person, [BETA.id, '104857600000099', ACME.id]);
    expect(results).toMatchObject([
      { pageId: BETA.id, error: { kind: 'connect_no_messaging_task' } },
      { pageId: '104857600000099', error: { kind: 'connect_not_offered' } },
      { pageId: ACME.id, page: { id: ACME.id } },
    ]);
    expect(calls(bg)).toEqual([`GET /v25.0/${ACME.id}/conversations`]);
    expect((await bg.services.store.getPages()).map((page) => page.id)).toEqual([ACME.id]);
  });

  it('after a worker restart (or once the list is old) the pick lists the Pages again with the token it carries', async () => {
    bg = await startBackground({ connect: [] });
    await bg.services.pages.connect(TOKENS.person);
    const restarted = bg.restart();
    restarted.clear();
    expect(await restarted.services.pages.pick(TOKENS.person, [ACME.id])).toMatchObject([{ page: { id: ACME.id } }]);
    expect(calls(restarted)).toEqual(['GET /v25.0/me/accounts', `GET /v25.0/${ACME.id}/conversations`]);

    restarted.sim.clock.advance(PERSON_PAGES_TTL_MS + 1);
    restarted.clear();
    await restarted.services.pages.pick(TOKENS.person, [ACME.id]);
    expect(calls(restarted)).toEqual(['GET /v25.0/me/accounts', `GET /v25.0/${ACME.id}/conversations`]);
  });

  it('a Page token from a person who did not grant pages_messaging is refused at the pick, and nothing is stored', async () => {
    bg = await startBackground({
      connect: [],
      edit: (scenario) => {
        const person = scenario.tokens?.find((token) => token.kind === 'user');
        if (person?.kind === 'user') person.permissions = ['pages_show_list', 'pages_read_engagement'];
      },
    });
    const offer = await bg.services.pages.connect(TOKENS.person);
    // The person's tasks allow messaging: the list cannot tell the missing permission; the pick's read does.
    expect(offer).toMatchObject({ offer: { pages: [{ id: ACME.id, canMessage: true }, { id: BETA.id }] } });
    const results = await bg.services.pages.pick(TOKENS.person, [ACME.id]);
    expect(results).toMatchObject([{ pageId: ACME.id, error: { kind: 'connect_cannot_message', code: 200 } }]);
    expect(JSON.stringify(results)).not.toContain(TOKENS.personAcme);
    expect(await bg.services.store.getPages()).toEqual([]);
    expect(await everythingStored(bg)).not.toContain(TOKENS.personAcme);
  });

  it('an expired person’s token is refused at the offer, and a pick with any other token is refused Page by Page', async () => {
    bg = await startBackground({
      connect: [],
      edit: (scenario) => {
        const person = scenario.tokens?.find((token) => token.kind === 'user');
        if (person?.kind === 'user') person.status = 'expired';
      },
    });
    expect(await bg.services.pages.connect(TOKENS.person)).toMatchObject({ error: { kind: 'connect_token_expired', code: 190, subcode: 463 } });
    // A Page token has no list of Pages: Meta answers 100 on /me/accounts.
    expect(await bg.services.pages.pick(ACME.token, [ACME.id])).toMatchObject([{ pageId: ACME.id, error: { code: 100 } }]);
    expect(await bg.services.store.getPages()).toEqual([]);
  });

  it('the offer says which Pages are already connected, and which an administrator set (those cannot be picked)', async () => {
    bg = await startBackground({ connect: [], managed: { pages: [{ id: BETA.id, token: BETA.token }], settings: {} } });
    await bg.services.pages.syncManaged();
    await bg.services.pages.connect(ACME.token);
    expect(await bg.services.pages.connect(TOKENS.person)).toMatchObject({
      offer: {
        pages: [
          { id: ACME.id, connected: true, managed: false },
          { id: BETA.id, connected: true, managed: true },
        ],
      },
    });
  });
});

describe('Pages', () => {
  it('disconnecting removes the token but keeps the ledger (audit and cooldowns)', async () => {
    bg = await startBackground({ connect: [{ token: ACME.token }, { token: BETA.token }] });
    await bg.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() });
    const reply = await bg.ask({ type: 'pages.disconnect', pageId: ACME.id }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { pages: [{ id: BETA.id }] } });
    expect(JSON.stringify(await bg.services.store.getPages())).not.toContain(ACME.token);
    expect((await bg.services.store.getThread(ACME.id, PSID.humanAgent))?.attempts).toHaveLength(1);
  });

  it('administrator presets are managed: connected at start, cannot be disconnected or replaced', async () => {
    bg = await startBackground({ connect: [], managed: { pages: [{ id: ACME.id, token: ACME.token }], settings: {} } });
    await bg.services.pages.syncManaged();
    expect(await bg.services.pages.list()).toMatchObject([{ id: ACME.id, name: 'Acme Store', status: 'connected', managed: true }]);
    bg.clear();
    await bg.services.pages.syncManaged();
    expect(bg.graphRequests()).toHaveLength(0); // an unchanged preset is not validated again
    expect(await bg.services.pages.disconnect(ACME.id)).toMatchObject([{ id: ACME.id, managed: true }]);
    expect(await bg.services.pages.connect(ACME.token)).toEqual({ error: { kind: 'page_managed', retryable: false } });
  });

  it.each([
    { name: "a person's token", token: TOKENS.person, reason: 'person_token' },
    { name: "an app's token", token: TOKENS.app, reason: 'not_page_token' },
    { name: "another Page's token", token: BETA.token, reason: 'other_page' },
    { name: 'a Page token without pages_messaging', token: TOKENS.noMessaging, reason: 'cannot_message' },
    { name: 'an expired token', token: TOKENS.expired, reason: undefined },
  ])('a preset with $name needs reconnecting, and says why', async ({ token, reason }) => {
    bg = await startBackground({ connect: [], managed: { pages: [{ id: ACME.id, token }], settings: {} } });
    await bg.services.pages.syncManaged();
    const [page] = await bg.services.pages.list();
    expect(page).toMatchObject({ id: ACME.id, status: 'needs_reconnect', managed: true });
    expect(page?.reconnectReason).toBe(reason);
    expect(await bg.services.pages.pageForUse(ACME.id)).toEqual({ ok: false, reason: 'page_needs_reconnect' });
  });
});
