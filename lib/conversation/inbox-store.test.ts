// The inbox view store with the background mocked at the `ask` boundary.
import { describe, expect, test, vi } from 'vitest';
import { storeWithPanel } from '../../tests/support/inbox-store';
import { ProtocolFailure } from '../messaging/client';
import type { RequestOf, RequestType } from '../messaging/protocol';
import type { ReopenOutcome } from '../send/view';
import type { SettingsView } from '../settings/schema';
import type { ThreadView } from '../threads/view';
import type { ReopenRequest } from '../policy/types';
import { parseInboxUrl } from '../inbox/url';
import { t } from '../i18n/inbox-strings';
import type { Ask } from '../messaging/client';
import { sameShownState } from './inbox-store';
import { C, DAY, HOUR, facts, resolvedThread, stringsAnswer } from '../../tests/support/inbox';

const URL_A = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&selected_item_id=100029016673099&thread_type=FB_MESSAGE';
const URL_B = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&selected_item_id=61584041913037&thread_type=FB_MESSAGE';
const at = (url: string) => parseInboxUrl(url)!;

type Handler = (request: RequestOf<RequestType>) => unknown;

function setup(handler: Handler, now = C + 3 * DAY) {
  const calls: RequestOf<RequestType>[] = [];
  const ask = vi.fn(async (request: RequestOf<RequestType>) => {
    calls.push(request);
    return handler(request);
  }) as unknown as Ask;
  let ids = 0;
  const store = storeWithPanel({
    ask,
    now: () => now,
    newRequestId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
    browserLanguage: 'en-US',
  });
  const of = <T extends RequestType>(type: T) => calls.filter((call) => call.type === type) as RequestOf<T>[];
  return { store, calls, of };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (value: string): ReopenRequest => ({ route: 'HUMAN_AGENT', content: { kind: 'text', text: value }, promoConfirmed: false });

describe('which conversation, and stale answers', () => {
  test('asks the background for the conversation in the URL, with the header name', async () => {
    const { store, of } = setup(() => resolvedThread());
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get')).toEqual([
      { type: 'thread.get', pageId: '1045', selectedItemId: '100029016673099', platform: 'messenger', displayName: 'Maria Lopez' },
    ]);
    expect(store.getState().thread?.status).toBe('resolved');
  });

  test('a slow answer for the previous conversation never paints the current one', async () => {
    let release: (view: ThreadView) => void = () => undefined;
    const { store } = setup((request) =>
      request.type === 'thread.get' && request.selectedItemId === '100029016673099'
        ? new Promise<ThreadView>((resolve) => (release = resolve))
        : { status: 'unresolved', pageId: '1045', reason: 'not_found' },
    );
    store.actions.showConversation(at(URL_A), null);
    store.actions.showConversation(at(URL_B), null);
    await flush();
    release(resolvedThread());
    await flush();
    expect(store.getState().thread).toEqual({ status: 'unresolved', pageId: '1045', reason: 'not_found' });
  });

  test('the name arriving after the URL re-asks while unresolved, and not once resolved', async () => {
    const { store, of } = setup((request) =>
      request.type === 'thread.get' && request.displayName ? resolvedThread() : { status: 'unresolved', pageId: '1045', reason: 'ambiguous', candidates: [] },
    );
    store.actions.showConversation(at(URL_A), null);
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get').map((call) => call.displayName)).toEqual([null, 'Maria Lopez']);
    expect(store.getState().thread?.status).toBe('resolved');
    store.actions.showConversation(at(URL_A), 'Maria L.');
    await flush();
    expect(of('thread.get')).toHaveLength(2);
  });

  test('a rejected title says the name is expected (awaitingName); the real name then resolves', async () => {
    const { store, of } = setup((request) =>
      request.type === 'thread.get' && request.displayName ? resolvedThread() : { status: 'unresolved', pageId: '1045', reason: 'awaiting_name' },
    );
    store.actions.showConversation(at(URL_A), null, { status: 'waiting', conflicting: [] });
    await flush();
    expect(of('thread.get')[0]).toMatchObject({ displayName: null, awaitingName: true });
    store.actions.showConversation(at(URL_A), 'Maria Lopez', { status: 'trusted', conflicting: [] });
    await flush();
    expect(of('thread.get')[1]).toMatchObject({ displayName: 'Maria Lopez' });
    expect(of('thread.get')[1]).not.toHaveProperty('awaitingName');
    expect(store.getState().thread?.status).toBe('resolved');
  });

  test('signals that disagree send their names for the agent to pick from, and asking again when they start to disagree', async () => {
    const { store, of } = setup(() => ({ status: 'unresolved', pageId: '1045', reason: 'awaiting_name' }));
    store.actions.showConversation(at(URL_A), null, { status: 'waiting', conflicting: [] });
    store.actions.showConversation(at(URL_A), null, { status: 'conflict', conflicting: ['Maria Lopez', 'John Carter'] });
    await flush();
    expect(of('thread.get').at(-1)).toMatchObject({ displayName: null, conflictingNames: ['Maria Lopez', 'John Carter'] });
    expect(of('thread.get').at(-1)).not.toHaveProperty('awaitingName');
  });

  test('Instagram conversations are asked about as Instagram ones (the background reads platform=instagram)', async () => {
    const { store, of } = setup(() => resolvedThread());
    store.actions.showConversation(parseInboxUrl(`${URL_A.replace('FB_MESSAGE', 'IG_MESSAGE')}`), 'insta.shopper');
    await flush();
    expect(of('thread.get')).toEqual([
      { type: 'thread.get', pageId: '1045', selectedItemId: '100029016673099', platform: 'instagram', displayName: 'insta.shopper' },
    ]);
    expect(store.getState().thread?.status).toBe('resolved');
  });

  test('other thread types (comments, WhatsApp…) are not asked about', async () => {
    const { store, calls } = setup(() => resolvedThread());
    store.actions.showConversation(parseInboxUrl(`${URL_A.replace('FB_MESSAGE', 'FB_COMMENT')}`), 'someone');
    await flush();
    expect(calls).toHaveLength(0);
  });

  test('choosing a candidate sends thread.choose and shows the answer', async () => {
    const { store, of } = setup((request) =>
      request.type === 'thread.choose'
        ? resolvedThread()
        : { status: 'unresolved', pageId: '1045', reason: 'ambiguous', candidates: [{ psid: '7001', name: 'Maria' }] },
    );
    store.actions.showConversation(at(URL_A), 'Maria');
    await flush();
    await store.actions.choose('7001');
    expect(of('thread.choose')).toEqual([{ type: 'thread.choose', pageId: '1045', selectedItemId: '100029016673099', platform: 'messenger', psid: '7001' }]);
    expect(store.getState().thread?.status).toBe('resolved');
  });

  test('a background that does not answer becomes a failure the banner can explain', async () => {
    const { store } = setup(() => Promise.reject(new ProtocolFailure('no_reply', 'silent')));
    store.actions.showConversation(at(URL_A), null);
    await flush();
    expect(store.getState().failure).toBe('no_reply');
  });
});

describe('reading Meta again (the background keeps facts 60 s for thread switches only)', () => {
  test('a switch uses the cache; refresh() (every minute, tab visible again, "Check again") asks Meta anew', async () => {
    const { store, of } = setup(() => resolvedThread());
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get')[0]).not.toHaveProperty('refresh');
    await store.actions.refresh();
    expect(of('thread.get')).toHaveLength(2);
    expect(of('thread.get')[1]).toMatchObject({ refresh: true });
  });

  test('the name arriving after the URL is still a switch: no refresh', async () => {
    const { store, of } = setup((request) =>
      request.type === 'thread.get' && request.displayName ? resolvedThread() : { status: 'unresolved', pageId: '1045', reason: 'not_found', candidates: [] },
    );
    store.actions.showConversation(at(URL_A), null);
    await flush();
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get').map((call) => call.refresh)).toEqual([undefined, undefined]);
  });

  test('a refresh while the switch is still being read asks Meta anyway, and the older cached answer never wins', async () => {
    const answers: ((view: ThreadView) => void)[] = [];
    const { store, of } = setup((request) => (request.type === 'thread.get' ? new Promise<ThreadView>((resolve) => answers.push(resolve)) : undefined));
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    const refreshed = store.actions.refresh();
    expect(of('thread.get').map((call) => call.refresh)).toEqual([undefined, true]);
    const fresh = resolvedThread(facts({ customerLastMessageAt: C + 2 * DAY }));
    answers[1]!(fresh);
    await refreshed;
    answers[0]!(resolvedThread(facts()));
    await flush();
    expect(store.getState().thread).toEqual(fresh);
  });

  test('two refreshes at once share one read', async () => {
    const { store, of } = setup(() => resolvedThread());
    store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    await Promise.all([store.actions.refresh(), store.actions.refresh()]);
    expect(of('thread.get')).toHaveLength(2);
  });
});

describe('settings', () => {
  test('language and promotional terms come from the settings', async () => {
    const settings: SettingsView = { graphVersion: 'v25.0', language: 'es', retentionDays: 90, promoTerms: ['gratis'], closesSoonMinutes: 30, locked: [] };
    const { store } = setup((request) => (request.type === 'ui.strings' ? stringsAnswer(request.locale) : settings));
    expect(store.getState().locale).toBe('en');
    await store.actions.loadSettings();
    expect(store.getState()).toMatchObject({ locale: 'es', promoTerms: ['gratis'], closesSoonMinutes: 30 });
  });
});

describe('strings from the background', () => {
  const settingsIn = (language: SettingsView['language']): SettingsView => ({
    graphVersion: 'v25.0',
    language,
    retentionDays: 90,
    promoTerms: [],
    closesSoonMinutes: 120,
    locked: [],
  });

  test('loading until the strings of the settings language arrive; only that language is asked for', async () => {
    let release: () => void = () => undefined;
    const { store, of } = setup((request) => {
      if (request.type === 'settings.get') return settingsIn('es');
      if (request.type === 'ui.strings') return new Promise((resolve) => (release = () => resolve(stringsAnswer(request.locale))));
      return resolvedThread();
    });
    const loading = store.actions.loadSettings();
    await flush();
    expect(store.getState()).toMatchObject({ strings: 'loading', locale: 'en' });
    release();
    await loading;
    expect(of('ui.strings')).toEqual([{ type: 'ui.strings', locale: 'es' }]);
    expect(store.getState()).toMatchObject({ strings: 'ready', locale: 'es' });
    expect(t('es', 'common.retry')).toBe('Reintentar');
  });

  test('settings that do not answer: the browser language, still with its strings', async () => {
    const { store, of } = setup((request) =>
      request.type === 'ui.strings' ? stringsAnswer(request.locale) : Promise.reject(new ProtocolFailure('no_reply', 'silent')),
    );
    await store.actions.loadSettings();
    expect(of('ui.strings')).toEqual([{ type: 'ui.strings', locale: 'en' }]);
    expect(store.getState()).toMatchObject({ strings: 'ready', locale: 'en' });
  });

  test('strings already loaded are not asked for again when the settings are re-read', async () => {
    const { store, of } = setup((request) => (request.type === 'ui.strings' ? stringsAnswer(request.locale) : settingsIn('es')));
    await Promise.all([store.actions.loadSettings(), store.actions.loadSettings()]);
    await store.actions.loadSettings();
    expect(of('ui.strings')).toHaveLength(1);
  });

  test('one failure is retried once', async () => {
    let failures = 1;
    const { store, of } = setup((request) => {
      if (request.type !== 'ui.strings') return settingsIn('en');
      if (failures-- > 0) return Promise.reject(new ProtocolFailure('no_reply', 'worker starting'));
      return stringsAnswer(request.locale);
    });
    await store.actions.loadSettings();
    expect(of('ui.strings')).toHaveLength(2);
    expect(store.getState().strings).toBe('ready');
  });

  test.each([
    ['no reply', () => Promise.reject(new ProtocolFailure('no_reply', 'silent'))],
    ['a refusal', () => Promise.reject(new ProtocolFailure('forbidden_sender', 'no'))],
    ['an answer for another language', () => stringsAnswer('es')],
    ['an answer without strings', () => ({ locale: 'en' })],
  ])('%s twice: failed after exactly two asks; the next settings read tries again', async (_name, answer) => {
    let broken = true;
    const { store, of } = setup((request) => {
      if (request.type !== 'ui.strings') return settingsIn('en');
      return broken ? answer() : stringsAnswer(request.locale);
    });
    await store.actions.loadSettings();
    expect(of('ui.strings')).toHaveLength(2);
    expect(store.getState().strings).toBe('failed');
    broken = false;
    await store.actions.loadSettings();
    expect(store.getState()).toMatchObject({ strings: 'ready', locale: 'en' });
  });

  test('a switch of language whose strings fail keeps the language already shown', async () => {
    let language: SettingsView['language'] = 'en';
    const { store } = setup((request) => {
      if (request.type === 'settings.get') return settingsIn(language);
      if (request.type === 'ui.strings' && request.locale === 'en') return stringsAnswer('en');
      return Promise.reject(new ProtocolFailure('no_reply', 'silent'));
    });
    await store.actions.loadSettings();
    language = 'es';
    await store.actions.loadSettings();
    expect(store.getState()).toMatchObject({ strings: 'ready', locale: 'en' });
  });

  test('the latest language asked for wins, whichever strings arrive first', async () => {
    let language: SettingsView['language'] = 'es';
    let releaseSpanish: () => void = () => undefined;
    const { store } = setup((request) => {
      if (request.type === 'settings.get') return settingsIn(language);
      if (request.type === 'ui.strings' && request.locale === 'es') {
        return new Promise((resolve) => (releaseSpanish = () => resolve(stringsAnswer('es'))));
      }
      return stringsAnswer('en');
    });
    const first = store.actions.loadSettings();
    await flush();
    language = 'en';
    await store.actions.loadSettings();
    releaseSpanish();
    await first;
    expect(store.getState()).toMatchObject({ strings: 'ready', locale: 'en' });
  });
});

describe('sending', () => {
  async function resolvedStore(outcome: () => unknown, threadFacts = facts()) {
    const context = setup((request) => (request.type === 'reopen.send' ? outcome() : resolvedThread(threadFacts)));
    context.store.actions.showConversation(at(URL_A), 'Maria Lopez');
    await flush();
    return context;
  }

  test('preflight blocks locally: nothing is sent, the reason is shown', async () => {
    const { store, of } = await resolvedStore(() => ({}));
    await store.actions.send(text('   '));
    expect(of('reopen.send')).toHaveLength(0);
    expect(store.getState().result).toEqual({ outcome: 'blocked', decidedBy: 'preflight', reason: 'empty_text' });
  });

  test('a double click sends ONE request; the thread is re-read afterwards', async () => {
    const outcome: ReopenOutcome = { requestId: 'x', outcome: 'sent', at: C + 3 * DAY, nextAttemptAt: C + 4 * DAY };
    const { store, of } = await resolvedStore(() => outcome);
    const first = store.actions.send(text('Your refund is approved.'));
    const second = store.actions.send(text('Your refund is approved.'));
    expect(store.getState().sending).toBe(true);
    await Promise.all([first, second]);
    await flush();
    expect(of('reopen.send')).toHaveLength(1);
    expect(of('reopen.send')[0]).toMatchObject({ pageId: '104512345678901', psid: '7001', request: text('Your refund is approved.') });
    expect(store.getState().result).toEqual({ outcome: 'sent', requestId: 'x', decidedBy: 'background', nextAttemptAt: C + 4 * DAY });
    expect(of('thread.get').at(-1)).toMatchObject({ refresh: true });
  });

  test('after unknown, nothing is asked of the agent; "send again" names the first attempt and has a NEW request id', async () => {
    const notFound = facts({ customerLastMessageAt: C, attempts: [{ at: C + 3 * DAY - HOUR, status: 'unknown', requestId: 'x', resendable: true }] });
    let answer: 'unknown' | 'sent' = 'unknown';
    const { store, of } = await resolvedStore(() => ({ requestId: of('reopen.send').at(-1)!.requestId, outcome: answer, at: C }), notFound);
    await store.actions.send(text('Following up on your order.'), { retryOf: 'x' });
    expect(store.getState().result).toMatchObject({ outcome: 'unknown' });
    answer = 'sent';
    await store.actions.send(text('Following up on your order.'), { retryOf: 'x' });
    const calls = of('reopen.send');
    expect(calls.map((call) => call.retryOf)).toEqual(['x', 'x']);
    expect(calls[0]!.requestId).not.toBe(calls[1]!.requestId);
    expect(store.getState().result).toMatchObject({ outcome: 'sent', requestId: calls[1]!.requestId });
  });

  test('an ordinary send during the cooldown of an attempt not found is still blocked here', async () => {
    const notFound = facts({ customerLastMessageAt: C, attempts: [{ at: C + 3 * DAY - HOUR, status: 'unknown', requestId: 'x', resendable: true }] });
    const { store, of } = await resolvedStore(() => ({}), notFound);
    await store.actions.send(text('Following up on your order.'));
    expect(of('reopen.send')).toHaveLength(0);
    expect(store.getState().result).toMatchObject({ outcome: 'blocked', reason: 'cooldown' });
  });

  test('a refusal by the background before acting is failed (nothing sent); a lost reply is unknown', async () => {
    const refused = await resolvedStore(() => Promise.reject(new ProtocolFailure('invalid_message', 'bad request')));
    await refused.store.actions.send(text('Hello again'));
    expect(refused.store.getState().result).toEqual({ outcome: 'failed', decidedBy: 'background', rejected: 'bad request' });

    const lost = await resolvedStore(() => Promise.reject(new Error('Extension context invalidated.')));
    await lost.store.actions.send(text('Hello again'));
    expect(lost.store.getState().result).toEqual({ outcome: 'unknown', decidedBy: 'background' });
  });

  test("a Meta error is kept with its code for the result's data attributes", async () => {
    const error = { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 };
    const { store } = await resolvedStore(() => ({ requestId: 'x', outcome: 'failed', at: C, error }));
    await store.actions.send(text('Hello'));
    expect(store.getState().result).toEqual({ outcome: 'failed', requestId: 'x', decidedBy: 'background', error });
  });

  test('templates are listed once per request and errors kept', async () => {
    const context = setup((request) =>
      request.type === 'templates.list' ? { error: { kind: 'permission_denied', retryable: false, code: 10 } } : resolvedThread(),
    );
    context.store.actions.showConversation(at(URL_A), null);
    await flush();
    await context.store.actions.loadTemplates();
    expect(context.of('templates.list')).toEqual([{ type: 'templates.list', pageId: '104512345678901' }]);
    expect(context.store.getState().templates).toEqual({ status: 'error', error: { kind: 'permission_denied', retryable: false, code: 10 } });
  });
});

describe('what the view shows', () => {
  test('a new pane reading alone shows nothing new; any other change does', () => {
    const { store } = setup(() => resolvedThread());
    const before = store.getState();
    store.actions.showPane({ status: 'unreadable', why: 'no_region' });
    expect(store.getState()).not.toBe(before);
    expect(sameShownState(store.getState(), before)).toBe(true);
    store.actions.openPanel();
    expect(sameShownState(store.getState(), before)).toBe(false);
  });
});
