// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, BETA, POPUP, PSID, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';

let bg: TestBackground;
afterEach(async () => bg?.close());

describe('Pages', () => {
  it('connects by token (validated with /me), lists without the token, reconnecting replaces the token', async () => {
    bg = await startBackground({ connect: [] });
    const connected = await bg.ask({ type: 'pages.connect', token: `  ${ACME.token}  ` }, POPUP);
    expect(connected).toMatchObject({ ok: true, value: { page: { id: ACME.id, name: 'Acme Store', status: 'connected', managed: false } } });
    expect(bg.graphRequests().map((request) => request.path)).toEqual(['/v25.0/me']);
    expect((await bg.services.store.getPages())[0]!.token).toBe(ACME.token);

    await bg.services.pages.markNeedsReconnect(ACME.id);
    await bg.ask({ type: 'pages.connect', token: ACME.token }, POPUP);
    const listed = await bg.ask({ type: 'pages.list' }, POPUP);
    expect(listed).toEqual({
      ok: true,
      value: { pages: [{ id: ACME.id, name: 'Acme Store', status: 'connected', checkedAt: expect.any(Number), managed: false }] },
    });
  });

  it('a rejected token is an explained error and connects nothing', async () => {
    bg = await startBackground({ connect: [] });
    const reply = await bg.ask({ type: 'pages.connect', token: 'EAAB-not-a-token' }, POPUP);
    expect(reply).toMatchObject({ ok: true, value: { error: { kind: 'token_invalid', code: 190 } } });
    expect(await bg.services.store.getPages()).toEqual([]);
  });

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

  it('a preset whose token belongs to another Page needs reconnecting', async () => {
    bg = await startBackground({ connect: [], managed: { pages: [{ id: ACME.id, token: BETA.token }], settings: {} } });
    await bg.services.pages.syncManaged();
    expect(await bg.services.pages.list()).toMatchObject([{ id: ACME.id, status: 'needs_reconnect', managed: true }]);
  });
});
