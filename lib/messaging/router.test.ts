// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageHandler, createRouter } from './router';
import type { HandlerMap } from './router';
import { TOKENS } from '../../tests/sandbox/harness';
import {
  ACME,
  BETA,
  EXTENSION_ORIGIN,
  INBOX_TAB,
  POPUP,
  PSID,
  humanAgentText,
  requestId,
  startBackground,
  type TestBackground,
} from '../../tests/support/background';

// The router: only well-formed messages from the right senders reach a handler, and nothing that leaves the
// background carries the Page token.

const OPTIONS = { extensionId: 'test-extension-id', extensionOrigin: EXTENSION_ORIGIN };

function recordingHandlers(calls: string[], fail = false): HandlerMap {
  return new Proxy({} as HandlerMap, {
    get: (_target, type: string) => async () => {
      calls.push(type);
      if (fail) throw new Error(`boom with secret EAAB-test-acme`);
      return { handled: type };
    },
  });
}

describe('router validation and sender checks', () => {
  const calls: string[] = [];
  const handle = createMessageHandler(recordingHandlers(calls), OPTIONS);

  const table: { name: string; message: unknown; sender: object; code?: string }[] = [
    { name: 'popup asks for the summary', message: { type: 'summary.get' }, sender: POPUP },
    { name: 'options page opened in a tab', message: { type: 'pages.list' }, sender: { ...POPUP, tab: { id: 3 } } },
    { name: 'content script asks for a thread', message: { type: 'thread.get', pageId: '1', selectedItemId: null, displayName: 'A' }, sender: INBOX_TAB },
    { name: 'content script asks to open the options page', message: { type: 'options.open' }, sender: INBOX_TAB },
    { name: 'content script asks for its words', message: { type: 'ui.strings', locale: 'es' }, sender: INBOX_TAB },
    {
      name: 'content script asks for words in a language Reopen does not have',
      message: { type: 'ui.strings', locale: 'fr' },
      sender: INBOX_TAB,
      code: 'invalid_message',
    },
    {
      name: 'content script on another site asks for words',
      message: { type: 'ui.strings', locale: 'en' },
      sender: { ...INBOX_TAB, url: 'https://evil.example/', origin: 'https://evil.example' },
      code: 'forbidden_sender',
    },
    { name: 'unknown type', message: { type: 'pages.steal' }, sender: POPUP, code: 'invalid_message' },
    { name: 'not an object', message: 'summary.get', sender: POPUP, code: 'invalid_message' },
    {
      name: 'bad field',
      message: { type: 'reopen.send', requestId: 'not-a-uuid', pageId: '1', psid: '2', request: humanAgentText() },
      sender: INBOX_TAB,
      code: 'invalid_message',
    },
    { name: 'another extension', message: { type: 'summary.get' }, sender: { ...POPUP, id: 'other-extension' }, code: 'forbidden_sender' },
    {
      name: 'content script on another site',
      message: { type: 'thread.get', pageId: '1', selectedItemId: null, displayName: null },
      sender: { ...INBOX_TAB, url: 'https://evil.example/', origin: 'https://evil.example' },
      code: 'forbidden_sender',
    },
    { name: 'inbox content script asking for Pages (tokens live there)', message: { type: 'pages.list' }, sender: INBOX_TAB, code: 'forbidden_sender' },
    { name: 'inbox content script connecting a Page', message: { type: 'pages.connect', token: 'x' }, sender: INBOX_TAB, code: 'forbidden_sender' },
    { name: 'inbox content script exporting settings', message: { type: 'settings.export' }, sender: INBOX_TAB, code: 'forbidden_sender' },
    {
      name: 'a web page without a tab',
      message: { type: 'summary.get' },
      sender: { id: 'test-extension-id', url: 'https://business.facebook.com/' },
      code: 'forbidden_sender',
    },
  ];
  for (const row of table) {
    it(`${row.name} → ${row.code ?? 'handled'}`, async () => {
      calls.length = 0;
      const reply = await handle(row.message, row.sender);
      if (row.code) {
        expect(reply).toMatchObject({ ok: false, error: { code: row.code } });
        expect(calls).toEqual([]);
      } else {
        expect(reply).toEqual({ ok: true, value: { handled: (row.message as { type: string }).type } });
      }
    });
  }

  it('a handler that throws → internal, with a fixed message (no token, no detail)', async () => {
    const failing = createMessageHandler(recordingHandlers([], true), { ...OPTIONS, onInternalError: () => {} });
    const reply = await failing({ type: 'summary.get' }, POPUP);
    expect(reply).toEqual({ ok: false, error: { code: 'internal', message: 'Reopen could not complete this request.' } });
  });

  it('the listener answers through sendResponse and keeps the channel open', async () => {
    const listener = createRouter(recordingHandlers([]), OPTIONS);
    const reply = await new Promise((resolve) => expect(listener({ type: 'summary.get' }, POPUP, resolve)).toBe(true));
    expect(reply).toEqual({ ok: true, value: { handled: 'summary.get' } });
  });
});

describe('no reply carries the Page token', () => {
  let bg: TestBackground;
  afterEach(async () => bg?.close());

  it('across connect, listing, threads, sends, summary, audit and export', async () => {
    bg = await startBackground({ connect: [] });
    const replies: unknown[] = [];
    const ask = async (message: unknown, sender = POPUP) => {
      const reply = await bg.ask(message, sender);
      replies.push(reply);
      return reply;
    };
    await ask({ type: 'pages.connect', token: ACME.token });
    await ask({ type: 'pages.connect', token: `${ACME.token}-wrong` });
    await ask({ type: 'pages.list' });
    await ask({ type: 'thread.get', pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null }, INBOX_TAB);
    await ask({ type: 'templates.list', pageId: ACME.id }, INBOX_TAB);
    await ask({ type: 'reopen.send', requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() }, INBOX_TAB);
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 190, message: `Invalid token ${ACME.token}` } });
    await ask(
      {
        type: 'reopen.send',
        requestId: requestId(),
        pageId: ACME.id,
        psid: PSID.closed,
        request: {
          route: 'UTILITY',
          content: { kind: 'utility', templateName: 'order_update', language: 'en', parameters: ['Carla', 'A-1'] },
          promoConfirmed: false,
        },
      },
      INBOX_TAB,
    );
    await ask({ type: 'summary.get' });
    await ask({ type: 'audit.export' });
    await ask({ type: 'settings.export' });
    await ask({ type: 'settings.get' });
    await ask({ type: 'overview.scan', pageId: ACME.id });
    await bg.services.overview.settled(ACME.id);
    await ask({ type: 'overview.status', pageId: ACME.id });
    // A person's token: the offer of their Pages and the pick carry neither it nor the Pages' own tokens.
    await ask({ type: 'pages.connect', token: TOKENS.person });
    await ask({ type: 'pages.pick', token: TOKENS.person, pageIds: [BETA.id, ACME.id] });
    await ask({ type: 'pages.connect', token: TOKENS.app });

    expect(replies.every((reply) => (reply as { ok: boolean }).ok)).toBe(true);
    const everything = JSON.stringify(replies);
    expect(everything).toContain(ACME.id);
    expect(everything).toContain('Dana Ruiz');
    for (const token of [ACME.token, TOKENS.person, TOKENS.personAcme, TOKENS.personBeta, TOKENS.app]) expect(everything).not.toContain(token);
  });

  it('a content script may not connect or pick Pages', async () => {
    bg = await startBackground({ connect: [] });
    const reply = await bg.ask({ type: 'pages.pick', token: TOKENS.person, pageIds: [ACME.id] }, INBOX_TAB);
    expect(reply).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    expect(bg.graphRequests()).toEqual([]);
  });
});
