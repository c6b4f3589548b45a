import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { t, type Locale } from '../../lib/i18n';
import type { MessageKey } from '../../lib/i18n';
import type { PageOffer, PageView, PickResult } from '../../lib/pages/view';
import type { SettingsView } from '../../lib/settings/schema';
import { OptionsApp } from './OptionsApp';

vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

const NOW = Date.parse('2026-05-05T10:00:00Z');
const page = (over: Partial<PageView> = {}): PageView => ({
  id: '111',
  name: 'Casa Luna',
  status: 'connected',
  checkedAt: NOW,
  managed: false,
  ...over,
});
const baseSettings = (over: Partial<SettingsView> = {}): SettingsView => ({
  graphVersion: 'v25.0',
  language: 'en',
  retentionDays: 90,
  promoTerms: ['descuento', 'coupon'],
  closesSoonMinutes: 120,
  locked: [],
  ...over,
});

/** A small in-memory background: enough state to see what the options page changed. */
function background(initial: { pages?: PageView[]; settings?: SettingsView } = {}) {
  const state = { pages: initial.pages ?? [], settings: initial.settings ?? baseSettings() };
  replies.handlers = {
    'pages.list': () => ({ pages: state.pages }),
    'settings.get': () => state.settings,
    'pages.disconnect': (r: { pageId: string }) => {
      state.pages = state.pages.filter((p) => p.id !== r.pageId);
      return { pages: state.pages };
    },
    'settings.set': (r: { patch: Partial<SettingsView> }) => {
      state.settings = { ...state.settings, ...r.patch };
      return state.settings;
    },
    'settings.export': () => ({ json: '{"graphVersion":"v25.0"}', filename: 'reopen-settings.json' }),
  };
  return state;
}

const PERSON_TOKEN = 'EAAB-person-of-dana';
/** Dana manages Casa Luna (she may message there) and Sol (she may not). */
const offer = (over: Partial<PageOffer> = {}): PageOffer => ({
  personName: 'Dana Ruiz',
  pages: [
    { id: '111', name: 'Casa Luna', tasks: ['MODERATE', 'MESSAGING'], canMessage: true, connected: false, managed: false },
    { id: '222', name: 'Sol', tasks: ['ANALYZE'], canMessage: false, connected: false, managed: false },
  ],
  ...over,
});
/** The catalog's words for a refusal, as the page must show them. */
const refusalWords = (locale: Locale, kind: string) => [t(locale, `errors.${kind}.explain` as MessageKey), t(locale, `errors.${kind}.next` as MessageKey)];

const words = {
  en: { title: 'Reopen settings', locked: 'Set by your administrator', tokenLabel: 'Page access token' },
  es: { title: 'Configuración de Reopen', locked: 'Definido por tu administrador', tokenLabel: 'Token de acceso de la página' },
} as const;

const renderOptions = () => render(<OptionsApp timeZone="UTC" browserLanguage="en-US" />);
const ready = () => waitFor(() => expect(screen.getByTestId('options').getAttribute('data-state')).toBe('ready'));
const calls = (type: string) =>
  vi
    .mocked(ask)
    .mock.calls.map(([r]) => r)
    .filter((r) => r.type === type);

function typeInto(element: HTMLElement, value: string) {
  (element as HTMLInputElement).value = value;
  fireEvent.input(element);
}

beforeEach(() => {
  vi.mocked(ask).mockClear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe.each(['en', 'es'] as const)('options page in %s', (locale: Locale) => {
  test('says what the Meta app needs for Instagram Direct threads', async () => {
    background({ settings: baseSettings({ language: locale }) });
    renderOptions();
    await ready();
    const note = screen.getByTestId('options-instagram').textContent ?? '';
    for (const needed of ['instagram_basic', 'instagram_manage_messages', 'Instagram', '7']) expect(note).toContain(needed);
    expect(note).toMatch(locale === 'en' ? /linked to the Instagram professional account/ : /vinculada a la cuenta profesional de Instagram/);
  });

  test('the token field is a labelled password input; connecting lists the Page and clears the field', async () => {
    const state = background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => {
      const connected = page();
      state.pages = [connected];
      return { page: connected };
    };
    renderOptions();
    await ready();
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(words[locale].title);
    const token = screen.getByTestId<HTMLInputElement>('page-token');
    expect(token.type).toBe('password');
    expect(screen.getByLabelText(words[locale].tokenLabel)).toBe(token);
    expect(screen.getByTestId('pages-empty')).toBeTruthy();

    typeInto(token, '  EAAB-secret  ');
    fireEvent.click(screen.getByTestId('page-connect'));
    const item = await screen.findByTestId('page-item');
    expect(item.getAttribute('data-page-id')).toBe('111');
    expect(item.textContent).toContain('Casa Luna');
    expect(item.textContent).toContain('111');
    expect(calls('pages.connect')).toEqual([{ type: 'pages.connect', token: 'EAAB-secret' }]);
    expect((await screen.findByTestId('connect-ok')).textContent).toContain('Casa Luna');
    expect(token.value).toBe('');
  });

  test('a refused token (190) is explained with its code, and nothing is listed', async () => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({
      error: { kind: 'token_invalid', retryable: false, code: 190, metaMessage: 'Invalid OAuth access token.' },
    });
    renderOptions();
    await ready();
    typeInto(screen.getByTestId('page-token'), 'bad-token');
    fireEvent.click(screen.getByTestId('page-connect'));
    const error = await screen.findByTestId('connect-error');
    expect(error.getAttribute('data-error-kind')).toBe('token_invalid');
    expect(error.getAttribute('data-error-code')).toBe('190');
    expect(error.textContent).toMatch(locale === 'en' ? /access token is no longer valid/ : /190/);
    expect(error.textContent).toContain('190');
    expect(screen.queryByTestId('page-item')).toBeNull();
    expect(screen.getByTestId<HTMLInputElement>('page-token').value).toBe('');
  });

  test.each([
    ['connect_app_token', { code: 2500 }, []],
    ['connect_token_expired', { code: 190, subcode: 463 }, []],
    ['connect_token_invalid', { code: 190, subcode: 467 }, []],
    ['connect_cannot_message', { code: 200 }, ['pages_messaging', 'MESSAGING']],
    ['connect_person_no_pages', {}, ['pages_show_list']],
  ] as const)('refusal %s says what happened and what to do, with Meta’s code; nothing is listed', async (kind, meta, mentions) => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({ error: { kind, retryable: false, ...meta } });
    renderOptions();
    await ready();
    typeInto(screen.getByTestId('page-token'), 'EAAB-refused');
    fireEvent.click(screen.getByTestId('page-connect'));
    const error = await screen.findByTestId('connect-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.getAttribute('data-error-kind')).toBe(kind);
    const [explain, next] = refusalWords(locale, kind);
    expect(explain).not.toContain('errors.');
    expect(error.textContent).toContain(explain);
    expect(error.textContent).toContain(next);
    for (const word of mentions) expect(error.textContent).toContain(word);
    if ('code' in meta) expect(error.textContent).toContain([meta.code, 'subcode' in meta ? meta.subcode : undefined].filter(Boolean).join('/'));
    expect(screen.queryByTestId('page-item')).toBeNull();
    expect(screen.queryByTestId('page-offers')).toBeNull();
  });

  test("a person's token offers their Pages: never listed as a Page, the one without MESSAGING disabled with why; the pick connects", async () => {
    const state = background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({ offer: offer() });
    replies.handlers['pages.pick'] = (request: { pageIds: string[] }) => {
      state.pages = [page()];
      return { results: request.pageIds.map((pageId): PickResult => ({ pageId, page: page() })) };
    };
    renderOptions();
    await ready();
    const field = screen.getByTestId<HTMLInputElement>('page-token');
    typeInto(field, PERSON_TOKEN);
    fireEvent.click(screen.getByTestId('page-connect'));
    const offered = await screen.findByTestId('page-offers');
    expect(field.value).toBe('');
    expect(offered.querySelector('legend')?.textContent).toContain('Dana Ruiz');
    expect(screen.queryByTestId('page-item')).toBeNull();
    expect(screen.getByTestId('pages-empty')).toBeTruthy();
    const [luna, sol] = screen.getAllByTestId('page-offer');
    expect([luna!.dataset.pageId, sol!.dataset.pageId]).toEqual(['111', '222']);
    expect([luna!.dataset.canMessage, sol!.dataset.canMessage]).toEqual(['true', 'false']);
    // Labelled checkboxes, the first one the agent can pick focused; the other disabled, with its reason read out.
    const lunaBox = screen.getByLabelText<HTMLInputElement>('Casa Luna');
    const solBox = screen.getByLabelText<HTMLInputElement>('Sol');
    expect(lunaBox.type).toBe('checkbox');
    await waitFor(() => expect(document.activeElement).toBe(lunaBox));
    expect(solBox.disabled).toBe(true);
    const solReason = within(sol!).getByTestId('page-offer-reason');
    expect(solReason.textContent).toBe(t(locale, 'options.offer.noMessaging'));
    expect(solReason.textContent).toContain('MESSAGING');
    expect(solBox.getAttribute('aria-describedby')).toContain(solReason.id);
    expect(within(luna!).getByTestId('page-offer-tasks').textContent).toContain('MODERATE, MESSAGING');

    // Nothing chosen: said, nothing asked.
    fireEvent.click(screen.getByTestId('page-offer-connect'));
    expect(screen.getByTestId('page-offer-problem').textContent).toBe(t(locale, 'options.offer.chooseOne'));
    expect(calls('pages.pick')).toEqual([]);

    fireEvent.click(lunaBox);
    fireEvent.click(screen.getByTestId('page-offer-connect'));
    const item = await screen.findByTestId('page-item');
    expect(item.getAttribute('data-page-id')).toBe('111');
    // The person's token went back once, with the pick, and is gone from the page afterwards.
    expect(calls('pages.pick')).toEqual([{ type: 'pages.pick', token: PERSON_TOKEN, pageIds: ['111'] }]);
    await waitFor(() => expect(luna!.dataset.outcome).toBe('connected'));
    expect(within(luna!).getByTestId('page-offer-result').textContent).toBe(t(locale, 'options.offer.done'));
    expect(screen.queryByTestId('page-offer-connect')).toBeNull();
    expect(screen.getByTestId('page-offer-again').textContent).toBe(t(locale, 'options.offer.again'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('page-offers')));
    expect(document.body.innerHTML).not.toContain(PERSON_TOKEN);
  });

  test('a picked Page Meta refuses shows its refusal in its row; nothing is listed', async () => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({ offer: offer() });
    replies.handlers['pages.pick'] = () => ({ results: [{ pageId: '111', error: { kind: 'connect_cannot_message', retryable: false, code: 200 } }] });
    renderOptions();
    await ready();
    typeInto(screen.getByTestId('page-token'), PERSON_TOKEN);
    fireEvent.click(screen.getByTestId('page-connect'));
    fireEvent.click(await screen.findByLabelText('Casa Luna'));
    fireEvent.click(screen.getByTestId('page-offer-connect'));
    const [luna] = screen.getAllByTestId('page-offer');
    const error = await within(luna!).findByTestId('page-offer-error');
    expect(error.getAttribute('data-error-kind')).toBe('connect_cannot_message');
    expect(error.textContent).toContain(refusalWords(locale, 'connect_cannot_message')[1]);
    expect(luna!.dataset.outcome).toBe('refused');
    expect(screen.queryByTestId('page-item')).toBeNull();
  });

  test('when none of the Pages can be connected with the token, the offer says so and has nothing to press', async () => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({
      offer: offer({ pages: [{ id: '222', name: 'Sol', tasks: [], canMessage: false, connected: false, managed: false }] }),
    });
    renderOptions();
    await ready();
    typeInto(screen.getByTestId('page-token'), PERSON_TOKEN);
    fireEvent.click(screen.getByTestId('page-connect'));
    expect((await screen.findByTestId('page-offer-none')).textContent).toBe(t(locale, 'options.offer.noneCanMessage'));
    expect(screen.queryByTestId('page-offer-connect')).toBeNull();
    expect(within(screen.getByTestId('page-offer')).getByTestId('page-offer-tasks').textContent).toBe(t(locale, 'options.offer.noTasks'));
    // The list itself takes the focus: there is no Page to pick.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('page-offers')));
  });

  test("reconnecting a Page with a person's token offers their Pages with that Page already chosen", async () => {
    const state = background({ pages: [page({ status: 'needs_reconnect' })], settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => ({ offer: offer({ pages: offer().pages.map((p) => (p.id === '111' ? { ...p, connected: false } : p)) }) });
    replies.handlers['pages.pick'] = () => {
      state.pages = [page({ status: 'connected', checkedAt: NOW + 1000 })];
      return { results: [{ pageId: '111', page: state.pages[0] }] };
    };
    renderOptions();
    await ready();
    const item = screen.getByTestId('page-item');
    fireEvent.click(within(item).getByTestId('page-reconnect'));
    typeInto(within(item).getByTestId('page-reconnect-token'), PERSON_TOKEN);
    fireEvent.click(within(item).getByTestId('page-reconnect-save'));
    const box = await within(item).findByLabelText<HTMLInputElement>('Casa Luna');
    expect(box.checked).toBe(true);
    fireEvent.click(within(item).getByTestId('page-offer-connect'));
    await waitFor(() => expect(screen.getByTestId('page-item').getAttribute('data-status')).toBe('connected'));
    expect(calls('pages.pick')).toEqual([{ type: 'pages.pick', token: PERSON_TOKEN, pageIds: ['111'] }]);
  });

  test('an empty token is refused before anything is sent', async () => {
    background({ settings: baseSettings({ language: locale }) });
    renderOptions();
    await ready();
    typeInto(screen.getByTestId('page-token'), '   ');
    fireEvent.click(screen.getByTestId('page-connect'));
    expect((await screen.findByTestId('connect-problem')).textContent).toBeTruthy();
    expect(calls('pages.connect')).toEqual([]);
  });

  test('disconnect asks for confirmation; cancelling keeps the Page', async () => {
    background({ pages: [page(), page({ id: '222', name: 'Sol' })], settings: baseSettings({ language: locale }) });
    renderOptions();
    await ready();
    const [first] = screen.getAllByTestId('page-item');
    fireEvent.click(within(first!).getByTestId('page-disconnect'));
    fireEvent.click(within(first!).getByTestId('page-disconnect-cancel'));
    expect(calls('pages.disconnect')).toEqual([]);

    fireEvent.click(within(first!).getByTestId('page-disconnect'));
    const confirm = within(first!).getByRole('alertdialog');
    expect(confirm.textContent).toContain('Casa Luna');
    fireEvent.click(within(first!).getByTestId('page-disconnect-confirm'));
    await waitFor(() => expect(screen.getAllByTestId('page-item')).toHaveLength(1));
    expect(screen.getByTestId('page-item').getAttribute('data-page-id')).toBe('222');
    expect(calls('pages.disconnect')).toEqual([{ type: 'pages.disconnect', pageId: '111' }]);
  });

  test('a Page needing a new token says so and is reconnected by pasting one', async () => {
    const state = background({ pages: [page({ status: 'needs_reconnect' })], settings: baseSettings({ language: locale }) });
    replies.handlers['pages.connect'] = () => {
      state.pages = [page({ status: 'connected', checkedAt: NOW + 1000 })];
      return { page: state.pages[0] };
    };
    renderOptions();
    await ready();
    const item = screen.getByTestId('page-item');
    expect(item.getAttribute('data-status')).toBe('needs_reconnect');
    expect(within(item).getByTestId('page-status').textContent).toContain(
      locale === 'en' ? 'Token expired — reconnect this Page' : 'Token caducado: vuelve a conectar esta página',
    );
    fireEvent.click(within(item).getByTestId('page-reconnect'));
    const input = within(item).getByTestId<HTMLInputElement>('page-reconnect-token');
    expect(input.type).toBe('password');
    typeInto(input, 'EAAB-new');
    fireEvent.click(within(item).getByTestId('page-reconnect-save'));
    await waitFor(() => expect(screen.getByTestId('page-item').getAttribute('data-status')).toBe('connected'));
    expect(calls('pages.connect')).toEqual([{ type: 'pages.connect', token: 'EAAB-new' }]);
  });

  test('a Page set by the administrator cannot be disconnected here', async () => {
    background({ pages: [page({ managed: true })], settings: baseSettings({ language: locale }) });
    renderOptions();
    await ready();
    const item = screen.getByTestId('page-item');
    expect(within(item).queryByTestId('page-disconnect')).toBeNull();
    expect(within(item).getByTestId('page-managed').textContent).toBe(words[locale].locked);
  });

  test('invalid settings show which field is wrong and save nothing; valid ones are saved', async () => {
    const state = background({ settings: baseSettings({ language: locale }) });
    renderOptions();
    await ready();
    const retention = within(screen.getByTestId('setting-retentionDays')).getByRole('spinbutton');
    typeInto(retention, '0');
    typeInto(within(screen.getByTestId('setting-graphVersion')).getByRole('textbox'), '25');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').getAttribute('data-state')).toBe('invalid'));
    expect(screen.getAllByTestId('setting-problem')).toHaveLength(2);
    expect(retention.getAttribute('aria-invalid')).toBe('true');
    expect(calls('settings.set')).toEqual([]);

    typeInto(retention, '30');
    typeInto(within(screen.getByTestId('setting-graphVersion')).getByRole('textbox'), 'v26.0');
    typeInto(within(screen.getByTestId('setting-promoTerms')).getByRole('textbox'), 'oferta\n\n2x1\n');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(screen.getByTestId('settings-status').getAttribute('data-state')).toBe('saved'));
    expect(calls('settings.set')).toEqual([
      {
        type: 'settings.set',
        patch: { graphVersion: 'v26.0', language: locale, retentionDays: 30, promoTerms: ['oferta', '2x1'], closesSoonMinutes: 120 },
      },
    ]);
    expect(state.settings.retentionDays).toBe(30);
    expect(screen.queryAllByTestId('setting-problem')).toHaveLength(0);
  });

  test('settings fixed by the administrator are disabled, say so, and are not sent', async () => {
    background({ settings: baseSettings({ language: locale, locked: ['graphVersion', 'retentionDays'] }) });
    renderOptions();
    await ready();
    const graph = screen.getByTestId('setting-graphVersion');
    expect(graph.getAttribute('data-locked')).toBe('true');
    const input = within(graph).getByRole<HTMLInputElement>('textbox');
    expect(input.disabled).toBe(true);
    expect(within(graph).getByTestId('setting-locked').textContent).toBe(words[locale].locked);
    expect(input.getAttribute('aria-describedby')).toContain(within(graph).getByTestId('setting-locked').id);
    expect(screen.getByTestId('setting-closesSoonMinutes').getAttribute('data-locked')).toBe('false');
    fireEvent.click(screen.getByTestId('settings-save'));
    await waitFor(() => expect(calls('settings.set')).toHaveLength(1));
    const patch = (calls('settings.set')[0] as { patch: Record<string, unknown> }).patch;
    expect(patch).not.toHaveProperty('graphVersion');
    expect(patch).not.toHaveProperty('retentionDays');
  });

  test.each([
    ['invalid_json', '{not json', { en: /not valid JSON/, es: /no es JSON válido/ }],
    ['invalid_settings', '{"retentionDays":-4}', { en: /retentionDays: too_small/, es: /retentionDays: too_small/ }],
  ] as const)('importing a bad file (%s) explains why and changes nothing', async (kind, content, message) => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['settings.import'] = () => ({ error: kind, detail: 'retentionDays: too_small' });
    renderOptions();
    await ready();
    const retention = within(screen.getByTestId('setting-retentionDays')).getByRole<HTMLInputElement>('spinbutton');
    const file = new File([content], 'settings.json', { type: 'application/json' });
    const input = screen.getByTestId('settings-import');
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    fireEvent.change(input);
    const status = screen.getByTestId('settings-transfer-status');
    await waitFor(() => expect(status.getAttribute('data-state')).toBe('error'));
    expect(status.textContent).toMatch(message[locale]);
    expect(calls('settings.import')).toEqual([{ type: 'settings.import', json: content }]);
    expect(retention.value).toBe('90');
  });

  test('a good import replaces the form; export downloads the JSON the background built', async () => {
    background({ settings: baseSettings({ language: locale }) });
    replies.handlers['settings.import'] = () => baseSettings({ language: locale, retentionDays: 45 });
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:settings');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderOptions();
    await ready();
    const input = screen.getByTestId('settings-import');
    Object.defineProperty(input, 'files', { value: [new File(['{}'], 's.json')], configurable: true });
    fireEvent.change(input);
    await waitFor(() => expect(within(screen.getByTestId('setting-retentionDays')).getByRole<HTMLInputElement>('spinbutton').value).toBe('45'));
    expect(screen.getByTestId('settings-transfer-status').getAttribute('data-state')).toBe('imported');

    fireEvent.click(screen.getByTestId('settings-export'));
    await waitFor(() => expect(screen.getByTestId('settings-transfer-status').getAttribute('data-state')).toBe('exported'));
    expect(click).toHaveBeenCalledTimes(1);
    expect(screen.getByTestId('settings-transfer-status').textContent).toContain('reopen-settings.json');
  });
});

test('choosing Spanish and saving switches the page to Spanish', async () => {
  background({ settings: baseSettings({ language: 'en' }) });
  renderOptions();
  await ready();
  expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(words.en.title);
  const select = within(screen.getByTestId('setting-language')).getByRole<HTMLSelectElement>('combobox');
  select.value = 'es';
  fireEvent.change(select);
  fireEvent.click(screen.getByTestId('settings-save'));
  await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe(words.es.title));
  expect(screen.getByTestId('options').getAttribute('lang')).toBe('es');
});

test('when the background does not answer the page says so', async () => {
  replies.handlers = {};
  renderOptions();
  await waitFor(() => expect(screen.getByTestId('options').getAttribute('data-state')).toBe('failed'));
  expect(screen.getByRole('alert').textContent).toContain('no reply scripted');
});
