import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Locale } from '../../lib/i18n';
import type { LabelsPageView, LabelsRefusalKind, LabelsSetReply } from '../../lib/labels/view';
import type { PageView } from '../../lib/pages/view';
import type { SettingsView } from '../../lib/settings/schema';
import { OptionsApp } from './OptionsApp';
import { sampleLabelsView } from '../../lib/labels/view.test-support';

// Labels in Business Suite (issue 22) on the options page: each connected Page's switch, what it says it writes and
// needs, what it sends, how it waits, and every refusal in words — against a scripted background.
vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

const NOW = Date.parse('2026-05-05T10:00:00Z');
const page = (over: Partial<PageView> = {}): PageView => ({ id: '111', name: 'Casa Luna', status: 'connected', checkedAt: NOW, managed: false, ...over });
const settings = (language: SettingsView['language'] = 'en'): SettingsView => ({
  graphVersion: 'v25.0',
  language,
  retentionDays: 90,
  promoTerms: [],
  closesSoonMinutes: 120,
  locked: [],
});
const view = sampleLabelsView;

/** A deferred answer, so a test can look at the page while the background works. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

function background(options: { pages?: PageView[]; labels?: LabelsPageView[] | (() => LabelsPageView[]); language?: SettingsView['language'] } = {}) {
  const state = { pages: options.pages ?? [page()] };
  replies.handlers = {
    'pages.list': () => ({ pages: state.pages }),
    'settings.get': () => settings(options.language),
    'labels.status': () => ({ pages: typeof options.labels === 'function' ? options.labels() : (options.labels ?? [view()]) }),
    'pages.disconnect': (r: { pageId: string }) => {
      state.pages = state.pages.filter((p) => p.id !== r.pageId);
      return { pages: state.pages };
    },
  };
  return state;
}

const renderOptions = (browserLanguage = 'en-US') => render(<OptionsApp timeZone="UTC" browserLanguage={browserLanguage} labelsPollMs={5} />);
const ready = () => waitFor(() => expect(screen.getByTestId('options').getAttribute('data-state')).toBe('ready'));
const theSwitch = () => screen.findByRole<HTMLInputElement>('checkbox', { name: 'Labels in Business Suite' });
const calls = (type: string) =>
  vi
    .mocked(ask)
    .mock.calls.map(([r]) => r)
    .filter((r) => r.type === type);

beforeEach(() => {
  vi.mocked(ask).mockClear();
});
afterEach(cleanup);

describe('the labels switch of a connected Page', () => {
  test('sits in its Page, as a labelled checkbox that shows whether labels are on', async () => {
    background({ pages: [page(), page({ id: '222', name: 'Sol' })], labels: [view(), view({ pageId: '222', pageName: 'Sol', enabled: true })] });
    renderOptions();
    await ready();
    const [luna, sol] = screen.getAllByTestId('page-item');
    const off = await within(luna!).findByRole<HTMLInputElement>('checkbox', { name: 'Labels in Business Suite' });
    const on = within(sol!).getByRole<HTMLInputElement>('checkbox', { name: 'Labels in Business Suite' });
    expect(off.dataset.testid).toBe('labels-sync');
    expect(off.checked).toBe(false);
    expect(on.checked).toBe(true);
    expect(off.disabled).toBe(false);
  });

  test('says what it writes, what Meta needs, that it is Messenger only, and what switching off does', async () => {
    background();
    renderOptions();
    await ready();
    const about = (await screen.findByTestId('labels-about')).textContent ?? '';
    for (const words of [
      'Closes within 2 h',
      'Human agent only',
      'Closed',
      'Reactivated, awaiting reply',
      'Stop (a block from Meta)',
      'Labels your team added are never touched',
      'pages_manage_metadata',
      'MESSAGING',
      'Page Contact Terms',
      'Messenger only',
      'Instagram conversations get no label',
      "deletes Reopen's labels",
    ]) {
      expect(about).toContain(words);
    }
    // The words describe the switch to a screen reader too.
    expect((await theSwitch()).getAttribute('aria-describedby')).toContain(screen.getByTestId('labels-about').id);
  });

  test('switching on sends the Page, on, and the language picked; waits busy and disabled; then shows it on', async () => {
    background();
    const answer = later<LabelsSetReply>();
    replies.handlers['labels.set'] = () => answer.promise;
    renderOptions();
    await ready();
    const box = await theSwitch();
    const language = screen.getByLabelText<HTMLSelectElement>("Language of the labels' names");
    expect(language.value).toBe('en');
    language.value = 'es';
    fireEvent.change(language);
    fireEvent.click(box);

    await waitFor(() => expect(box.disabled).toBe(true));
    expect(box.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('labels-busy').textContent).toBe('Switching on…');
    expect(calls('labels.set')).toEqual([{ type: 'labels.set', pageId: '111', enabled: true, language: 'es' }]);

    answer.resolve({ page: view({ enabled: true, language: 'es' }) });
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(true);
    expect(box.getAttribute('aria-busy')).toBe('false');
    expect(screen.queryByTestId('labels-busy')).toBeNull();
    expect(screen.queryByTestId('labels-refusal')).toBeNull();
    // Its language was chosen when switching on: it cannot change while on.
    expect(language.disabled).toBe(true);
    expect(language.value).toBe('es');
  });

  test('switching off says it is removing the labels, then when every Reopen label was removed', async () => {
    background({ labels: [view({ enabled: true, language: 'es' })] });
    const answer = later<LabelsSetReply>();
    replies.handlers['labels.set'] = () => answer.promise;
    renderOptions();
    await ready();
    const box = await theSwitch();
    expect(box.checked).toBe(true);
    expect(screen.queryByTestId('labels-cleared')).toBeNull();
    fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('labels-busy').textContent).toBe("Removing Reopen's labels…"));
    expect(box.disabled).toBe(true);
    expect(calls('labels.set')).toEqual([{ type: 'labels.set', pageId: '111', enabled: false, language: 'es' }]);

    answer.resolve({ page: view({ enabled: false, language: 'es', clearedAt: NOW }) });
    const cleared = await screen.findByTestId('labels-cleared');
    expect(cleared.textContent).toBe('Done: every Reopen label was removed (May 5, 2026, 10:00 AM)');
    expect(box.checked).toBe(false);
    expect(box.disabled).toBe(false);
  });

  const refusals: [LabelsRefusalKind, string, { code?: number; subcode?: number }][] = [
    ['permission', 'pages_manage_metadata', { code: 200 }],
    ['terms', 'Page Contact Terms', { code: 2, subcode: 2018344 }],
    ['task', 'MESSAGING task', {}],
    ['token', 'Reconnect the Page', { code: 190 }],
    ['rate_limited', 'Wait a few minutes', { code: 4 }],
    ['managed', 'Ask your administrator', {}],
    ['not_connected', 'Reconnect it above', {}],
    ['failed', 'Try again', { code: 1 }],
  ];
  test.each(refusals)('a %s refusal is said in words with what to do, and the switch stays off', async (kind, words, codes) => {
    background();
    replies.handlers['labels.set'] = () => ({
      page: view(),
      refusal: { kind, ...(codes.code !== undefined ? { error: { kind: 'unknown_error', retryable: false, metaMessage: 'Meta said no', ...codes } } : {}) },
    });
    renderOptions();
    await ready();
    const box = await theSwitch();
    fireEvent.click(box);
    const refusal = await screen.findByTestId('labels-refusal');
    expect(refusal.getAttribute('role')).toBe('alert');
    expect(refusal.dataset.kind).toBe(kind);
    expect(refusal.textContent).toContain(words);
    if (codes.code !== undefined) {
      expect(refusal.dataset.errorCode).toBe(String(codes.code));
      expect(refusal.textContent).toContain(`Meta error code ${[codes.code, codes.subcode].filter((n) => n !== undefined).join('/')}`);
    } else {
      expect(refusal.textContent).not.toContain('Meta error code');
    }
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    expect(screen.queryByTestId('labels-cleared')).toBeNull();
  });

  test('a refused switch-off leaves the labels on, and a failed one says what Meta answered', async () => {
    background({ labels: [view({ enabled: true })] });
    replies.handlers['labels.set'] = () => ({
      page: view({ enabled: true }),
      refusal: { kind: 'failed', error: { kind: 'unknown_error', retryable: true, code: 1, metaMessage: 'An unknown error occurred' } },
    });
    renderOptions();
    await ready();
    const box = await theSwitch();
    fireEvent.click(box);
    const refusal = await screen.findByTestId('labels-refusal');
    expect(refusal.textContent).toContain('Reopen could not change it');
    expect(refusal.textContent).toContain('An unknown error occurred');
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(true);
  });

  test('the background not answering is a failed refusal, with the switch as it was', async () => {
    background();
    replies.handlers['labels.set'] = () => {
      throw new Error('The background did not answer.');
    };
    renderOptions();
    await ready();
    const box = await theSwitch();
    fireEvent.click(box);
    const refusal = await screen.findByTestId('labels-refusal');
    expect(refusal.dataset.kind).toBe('failed');
    expect(refusal.textContent).toContain('The background did not answer.');
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
  });

  test('a new try clears the last refusal', async () => {
    background();
    let refuse = true;
    replies.handlers['labels.set'] = () => (refuse ? { page: view(), refusal: { kind: 'terms' } } : { page: view({ enabled: true }) });
    renderOptions();
    await ready();
    const box = await theSwitch();
    fireEvent.click(box);
    await screen.findByTestId('labels-refusal');
    refuse = false;
    await waitFor(() => expect(box.disabled).toBe(false));
    fireEvent.click(box);
    await waitFor(() => expect(box.checked).toBe(true));
    expect(screen.queryByTestId('labels-refusal')).toBeNull();
  });

  test('set by the administrator: shown, disabled, and says so', async () => {
    background({ labels: [view({ enabled: true, managed: true })] });
    renderOptions();
    await ready();
    const box = await theSwitch();
    expect(box.checked).toBe(true);
    expect(box.disabled).toBe(true);
    expect(screen.getByTestId('labels-managed').textContent).toBe('Set by your administrator');
    expect(box.getAttribute('aria-describedby')).toContain(screen.getByTestId('labels-managed').id);
    fireEvent.click(box);
    expect(calls('labels.set')).toEqual([]);
  });

  test('being switched in another window: disabled and busy, then the outcome once it is done', async () => {
    let status: LabelsPageView = view({ pending: 'enabling' });
    background({ labels: () => [status] });
    renderOptions();
    await ready();
    const box = await theSwitch();
    expect(box.disabled).toBe(true);
    expect(box.getAttribute('aria-busy')).toBe('true');
    expect(screen.getByTestId('labels-busy').textContent).toBe('Switching on…');
    status = view({ enabled: true });
    await waitFor(() => expect(box.checked).toBe(true));
    expect(box.disabled).toBe(false);
    expect(screen.queryByTestId('labels-busy')).toBeNull();
  });

  test('no labels view for a Page (its read failed): no switch, and the rest of the page works', async () => {
    background();
    replies.handlers['labels.status'] = () => {
      throw new Error('no reply');
    };
    renderOptions();
    await ready();
    await waitFor(() => expect(calls('labels.status')).toHaveLength(1));
    expect(screen.getByTestId('page-item').textContent).toContain('Casa Luna');
    expect(screen.queryByTestId('labels-sync')).toBeNull();
    fireEvent.click(screen.getByTestId('page-disconnect'));
    fireEvent.click(screen.getByTestId('page-disconnect-confirm'));
    await waitFor(() => expect(screen.queryByTestId('page-item')).toBeNull());
  });

  test('a Page connected later gets its switch: the views are read again when the Pages change', async () => {
    const state = background({ pages: [], labels: () => state.pages.map((p) => view({ pageId: p.id, pageName: p.name })) });
    replies.handlers['pages.connect'] = () => {
      state.pages = [page()];
      return { page: state.pages[0] };
    };
    renderOptions();
    await ready();
    expect(screen.queryByTestId('labels-sync')).toBeNull();
    const token = screen.getByTestId<HTMLInputElement>('page-token');
    token.value = 'EAAB-page';
    fireEvent.input(token);
    fireEvent.click(screen.getByTestId('page-connect'));
    const box = await theSwitch();
    expect(box.checked).toBe(false);
    expect(calls('labels.status').length).toBeGreaterThanOrEqual(2);
  });
});

describe('in Spanish', () => {
  const es = (language: Locale | 'browser', browserLanguage: string) => {
    background({ language });
    return renderOptions(browserLanguage);
  };

  test('every word is Spanish, and the labels are offered in Spanish first', async () => {
    es('es', 'en-US');
    const answer = later<LabelsSetReply>();
    replies.handlers['labels.set'] = () => answer.promise;
    await ready();
    const box = await screen.findByRole<HTMLInputElement>('checkbox', { name: 'Etiquetas en Business Suite' });
    const about = screen.getByTestId('labels-about').textContent ?? '';
    for (const words of [
      'Cierra en menos de 2 h',
      'Solo agente humano',
      'Cerrada',
      'Reactivada, esperando respuesta',
      'Alto (bloqueo de Meta)',
      'Solo Messenger',
    ]) {
      expect(about).toContain(words);
    }
    expect(screen.getByLabelText<HTMLSelectElement>('Idioma de los nombres de las etiquetas').value).toBe('es');
    fireEvent.click(box);
    await waitFor(() => expect(screen.getByTestId('labels-busy').textContent).toBe('Activando…'));
    expect(calls('labels.set')).toEqual([{ type: 'labels.set', pageId: '111', enabled: true, language: 'es' }]);
    answer.resolve({ page: view(), refusal: { kind: 'terms', error: { kind: 'unknown_error', retryable: false, code: 2, subcode: 2018344 } } });
    const refusal = await screen.findByTestId('labels-refusal');
    expect(refusal.textContent).toContain('Condiciones de contacto de la página');
    expect(refusal.textContent).toContain('Código de error de Meta 2/2018344');
  });

  test('switching off and the cleared line, in Spanish', async () => {
    background({ language: 'es', labels: [view({ enabled: true })] });
    const answer = later<LabelsSetReply>();
    replies.handlers['labels.set'] = () => answer.promise;
    renderOptions();
    await ready();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Etiquetas en Business Suite' }));
    await waitFor(() => expect(screen.getByTestId('labels-busy').textContent).toBe('Quitando las etiquetas de Reopen…'));
    answer.resolve({ page: view({ clearedAt: NOW }) });
    expect((await screen.findByTestId('labels-cleared')).textContent).toMatch(/^Listo: se quitaron todas las etiquetas de Reopen \(5 may 2026/);
  });

  test('set by the administrator, in Spanish', async () => {
    background({ language: 'es', labels: [view({ managed: true })] });
    renderOptions();
    await ready();
    expect((await screen.findByTestId('labels-managed')).textContent).toBe('Definido por tu administrador');
  });
});
