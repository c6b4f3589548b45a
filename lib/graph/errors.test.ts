import { describe, expect, it } from 'vitest';
import en from '../../locales/en/errors';
import es from '../../locales/es/errors';
import { ERROR_CATALOG, ERROR_KINDS, explainGraphError, explainSendError, stopScopeOf, type ErrorKind } from './errors';

const metaError = (code: number, subcode?: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `message for ${code}`, type: 'OAuthException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbC/trace', ...extra },
});

// Written from reference/meta-messenger.md §3 and §9, independently of the catalog's own rows.
const EXPECTED: Array<[code: number, subcode: number | undefined, kind: ErrorKind, retryable: boolean]> = [
  [10, 2018278, 'window_closed', false],
  [10, 2534022, 'window_closed', false],
  [10, 2018065, 'window_closed_news', false],
  [10, 2018108, 'recipient_cannot_receive', false],
  [10, 1893063, 'page_restricted', false],
  [10, undefined, 'permission_denied', false],
  [100, undefined, 'invalid_parameter', false],
  [100, 2018001, 'no_matching_user', false],
  [100, 2534037, 'not_thread_owner', false],
  [2018300, undefined, 'not_thread_owner', false],
  [100, 2018415, 'template_rejected', false],
  [100, 2018416, 'template_rejected', false],
  [190, undefined, 'token_invalid', false],
  [200, undefined, 'needs_app_review', false],
  [200, 1545041, 'person_unavailable', false],
  [551, 1545041, 'person_unavailable', false],
  [551, undefined, 'not_receiving', false],
  [613, 2534040, 'rate_limited', true],
  [613, 2018338, 'tag_rate_abuse', false],
  [613, undefined, 'rate_limited', true],
  [4, undefined, 'app_rate_limited', true],
  [17, undefined, 'rate_limited', true],
  [32, undefined, 'rate_limited', true],
  [80001, undefined, 'rate_limited', true],
  [80006, undefined, 'rate_limited', true],
  [341, undefined, 'rate_limited', true],
  [368, undefined, 'rate_limited', false],
  [1, undefined, 'transient', true],
  [2, undefined, 'transient', true],
  [2, 2018344, 'permission_denied', false],
  [1200, undefined, 'transient', true],
];

// Instagram conversations (reference §7b): the same codes explained for Instagram, where nothing but HUMAN_AGENT
// within 7 days can be sent and the app needs Instagram's own permissions.
const EXPECTED_INSTAGRAM: Array<[code: number, subcode: number | undefined, kind: ErrorKind, retryable: boolean]> = [
  [10, 2534022, 'instagram_window_closed', false],
  [10, 2018278, 'instagram_window_closed', false],
  [10, undefined, 'instagram_permission_denied', false],
  [200, undefined, 'instagram_permission_denied', false],
];

const rowKey = (entry: { code: number; subcode?: number; platform?: string }) =>
  `${entry.platform ? `${entry.platform}:` : ''}${entry.code}/${entry.subcode ?? '-'}`;

describe('ERROR_CATALOG', () => {
  it.each(EXPECTED)('%i/%s → %s (retryable %s)', (code, subcode, kind, retryable) => {
    const view = explainGraphError(metaError(code, subcode));
    expect(view).toMatchObject({ kind, retryable, code });
    expect(view.subcode).toBe(subcode);
  });

  it('has exactly the rows of the reference table, each once', () => {
    const rows = ERROR_CATALOG.map(rowKey);
    expect(new Set(rows).size).toBe(rows.length);
    expect([...rows].sort()).toEqual(
      [
        ...EXPECTED.map(([code, subcode]) => rowKey({ code, subcode })),
        ...EXPECTED_INSTAGRAM.map(([code, subcode]) => rowKey({ code, subcode, platform: 'instagram' })),
      ].sort(),
    );
  });

  it.each(EXPECTED_INSTAGRAM)('on Instagram %i/%s → %s (retryable %s); on Messenger the general row', (code, subcode, kind, retryable) => {
    expect(explainGraphError(metaError(code, subcode), { platform: 'instagram' })).toMatchObject({ kind, retryable, code });
    expect(explainGraphError(metaError(code, subcode)).kind).not.toBe(kind);
    expect(explainGraphError(metaError(code, subcode), { platform: 'messenger' }).kind).not.toBe(kind);
  });

  it("on Instagram an exact general row still beats Instagram's bare code, and Instagram's refusals are never retried", () => {
    // 10/2018065 is Messenger's news-permission refusal: an exact pair, not Instagram's bare 10.
    expect(explainGraphError(metaError(10, 2018065), { platform: 'instagram' }).kind).toBe('window_closed_news');
    expect(explainGraphError(metaError(10, 9999999), { platform: 'instagram' }).kind).toBe('instagram_permission_denied');
    const sent = explainSendError(metaError(10, 2534022, { is_transient: true }), { platform: 'instagram', tag: 'HUMAN_AGENT' });
    expect(sent).toMatchObject({ answer: 'refused', view: { kind: 'instagram_window_closed', retryable: false } });
  });

  it('retries automatically exactly the codes the contract marks transient', () => {
    const retried = ERROR_CATALOG.filter((entry) => entry.retryable).map((entry) => `${entry.code}/${entry.subcode ?? '-'}`);
    expect(retried.sort()).toEqual(['1/-', '1200/-', '17/-', '2/-', '32/-', '341/-', '4/-', '613/-', '613/2534040', '80001/-', '80006/-'].sort());
  });

  it('says a send was refused only for the codes Meta documents as refusals (DESIGN.md §1)', () => {
    const answers = Object.fromEntries(
      ERROR_CATALOG.filter((entry) => !entry.platform).map((entry) => [`${entry.code}/${entry.subcode ?? '-'}`, entry.answer]),
    );
    for (const key of ['1/-', '2/-', '1200/-']) expect(answers[key], key).toBe('not_said');
    for (const key of ['613/-', '613/2534040', '4/-', '17/-', '32/-', '80006/-']) expect(answers[key], key).toBe('rate_limit');
    for (const key of ['10/-', '10/2018278', '100/-', '190/-', '200/-', '551/-', '613/2018338']) expect(answers[key], key).toBe('refused');
  });

  it('uses only kinds that the views can explain', () => {
    for (const entry of ERROR_CATALOG) expect(ERROR_KINDS).toContain(entry.kind);
  });
});

describe('explainGraphError', () => {
  it('prefers the code/subcode row and falls back to the bare code for an unlisted subcode', () => {
    expect(explainGraphError(metaError(10, 2018278)).kind).toBe('window_closed');
    expect(explainGraphError(metaError(10, 9999999)).kind).toBe('permission_denied');
    expect(explainGraphError(metaError(551, 1545041)).kind).toBe('person_unavailable');
    expect(explainGraphError(metaError(551, 1234)).kind).toBe('not_receiving');
  });

  it('does not take 1545041 alone for a closed window (the short table mislabels it)', () => {
    expect(explainGraphError(metaError(200, 1545041)).kind).toBe('person_unavailable');
  });

  it('reads a bare 100 on a retired tag as the tag retirement, from its date on', () => {
    const after = Date.UTC(2026, 3, 27);
    const before = after - 1;
    expect(explainGraphError(metaError(100), { tag: 'ACCOUNT_UPDATE', now: after }).kind).toBe('tag_retired');
    expect(explainGraphError(metaError(100), { tag: 'POST_PURCHASE_UPDATE' }).kind).toBe('tag_retired');
    expect(explainGraphError(metaError(100), { tag: 'CONFIRMED_EVENT_UPDATE', now: before }).kind).toBe('invalid_parameter');
    expect(explainGraphError(metaError(100), { tag: 'HUMAN_AGENT', now: after }).kind).toBe('invalid_parameter');
    // A subcode that names another cause still wins over the retirement guess.
    expect(explainGraphError(metaError(100, 2018001), { tag: 'ACCOUNT_UPDATE', now: after }).kind).toBe('no_matching_user');
  });

  it("keeps Meta's message and trace id for a code it does not know", () => {
    const view = explainGraphError({ error: { message: 'Something new', code: 424242, error_subcode: 7, fbtrace_id: 'Xy+z' } });
    expect(view).toEqual({ kind: 'unknown_error', retryable: false, code: 424242, subcode: 7, metaMessage: 'Something new', fbtraceId: 'Xy+z' });
  });

  it('trusts is_transient on unknown codes, but never to repeat a message Meta asked us to stop', () => {
    expect(explainGraphError(metaError(424242, undefined, { is_transient: true }))).toMatchObject({ kind: 'transient', retryable: true });
    expect(explainGraphError(metaError(2, 2018344, { is_transient: true }))).toMatchObject({ kind: 'permission_denied', retryable: true });
    expect(explainGraphError(metaError(613, 2018338, { is_transient: true }))).toMatchObject({ kind: 'tag_rate_abuse', retryable: false });
    expect(explainGraphError(metaError(10, 2018278, { is_transient: true }))).toMatchObject({ kind: 'window_closed', retryable: false });
  });

  it('explains a send answer that does not say whether Meta took the message as maybe processed', () => {
    expect(explainSendError(metaError(2))).toEqual({
      view: { kind: 'maybe_processed', retryable: false, code: 2, metaMessage: 'message for 2', fbtraceId: 'AbC/trace' },
      answer: 'not_said',
    });
    expect(explainSendError(metaError(424242))?.answer).toBe('not_said');
    expect(explainSendError(metaError(100, undefined, { is_transient: true }))?.view.kind).toBe('maybe_processed');
    expect(explainSendError(metaError(613, undefined, { is_transient: true }))).toMatchObject({ view: { kind: 'rate_limited' }, answer: 'rate_limit' });
    expect(explainSendError(metaError(10, 2018278, { is_transient: true }))).toMatchObject({ view: { kind: 'window_closed' }, answer: 'refused' });
    expect(explainSendError('Bad Gateway')).toBeNull();
  });

  it.each([null, undefined, 'Bad Gateway', {}, { error: 'x' }, { error: { message: 'no code' } }, { error: { code: '100' } }])(
    'calls %j a malformed answer',
    (body) => {
      expect(explainGraphError(body)).toEqual({ kind: 'malformed_response', retryable: false });
    },
  );
});

describe('error strings', () => {
  const catalogs = { en: en as Record<string, string>, es: es as Record<string, string> };
  it.each(ERROR_KINDS)('%s has an explanation and a next step in English and Spanish', (kind) => {
    for (const [locale, strings] of Object.entries(catalogs)) {
      for (const part of ['explain', 'next']) {
        const text = strings[`errors.${kind}.${part}`];
        expect(text, `${locale} errors.${kind}.${part}`).toBeTruthy();
        expect(text!.length).toBeGreaterThan(10);
      }
    }
    expect(catalogs.es[`errors.${kind}.next`]).not.toBe(catalogs.en[`errors.${kind}.next`]);
  });

  it('tells the agent Reopen checks the conversation after a send that may have gone out', () => {
    for (const kind of ['network_unknown', 'timeout', 'malformed_response', 'maybe_processed'] as const) {
      expect(en[`errors.${kind}.next`]).toBe('Reopen will check the conversation; do not send it again until it says the message did not arrive.');
    }
    expect(en['errors.tag_retired.next']).toContain('27 April 2026');
    expect(en['errors.token_invalid.next']).toBe("Reconnect this Page in Reopen's options.");
  });
});

describe('refusals that mean stop (the catalog’s `stop` column)', () => {
  // Written from Meta's error-codes page (updated 2026-06-25) and DESIGN.md §1, independently of the catalog's rows.
  const STOPS: Array<[code: number, subcode: number | undefined, stop: 'person' | 'page' | undefined]> = [
    [613, 2018338, 'person'],
    [551, undefined, 'person'],
    [551, 1545041, 'person'],
    [200, 1545041, 'person'],
    [10, 2018108, 'person'],
    [10, 1893063, 'page'],
    // Not stops: the window, a bare permission refusal, app review, rate limits, the token.
    [10, 2018278, undefined],
    [10, undefined, undefined],
    [200, undefined, undefined],
    [613, 2534040, undefined],
    [613, undefined, undefined],
    [190, undefined, undefined],
    [2, undefined, undefined],
  ];

  it.each(STOPS)('%i/%s → %s', (code, subcode, stop) => {
    expect(stopScopeOf({ code, subcode })).toBe(stop);
  });

  it('every stop row is a refusal (failed, never retried), whatever is_transient says', () => {
    for (const entry of ERROR_CATALOG.filter((row) => row.stop)) {
      expect(entry.answer).toBe('refused');
      const explained = explainSendError(metaError(entry.code, entry.subcode, { is_transient: true }));
      expect(explained).toMatchObject({ answer: 'refused', view: { retryable: false } });
    }
  });

  it('200/1545041 on an Instagram thread still blocks the person (the general pair beats the platform’s bare code)', () => {
    expect(stopScopeOf({ code: 200, subcode: 1545041 }, 'instagram')).toBe('person');
    expect(stopScopeOf({ code: 200 }, 'instagram')).toBeUndefined();
  });
});
