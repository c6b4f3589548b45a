import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { buildInboxUrl } from '../../lib/inbox/links';
import type { Locale } from '../../lib/i18n';
import type { LayoutHealth } from '../../lib/inbox/layout-health';
import type { OverviewStatus } from '../../lib/overview/view';
import type { PageView } from '../../lib/pages/view';
import type { SettingsView } from '../../lib/settings/schema';
import type { SummaryView } from '../../lib/summary/view';
import { PopupApp } from './PopupApp';

// The popup against a scripted background: `ask` is replaced by a table of replies per message type.
vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

const NOW = Date.parse('2026-05-05T10:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const page = (over: Partial<PageView> = {}): PageView => ({
  id: '111',
  name: 'Casa Luna',
  status: 'connected',
  checkedAt: NOW - HOUR,
  managed: false,
  ...over,
});

const settings = (language: SettingsView['language']): SettingsView => ({
  graphVersion: 'v25.0',
  language,
  retentionDays: 90,
  promoTerms: [],
  closesSoonMinutes: 120,
  locked: [],
});

function summaryFixture(): SummaryView {
  return {
    now: NOW,
    counts: {
      open: 4,
      expired: 11,
      human_agent: 7,
      closed: 4,
      unknown: 2,
      cooling: 3,
      ready: 8,
      'sent-today': 5,
      replied: 6,
    },
    failuresByKind: { token_invalid: 2, brand_new_kind: 1 },
    routes: [
      {
        route: 'HUMAN_AGENT',
        last7: { attempts: 4, sent: 4, replies: 1, replyRate: 0.25 },
        last30: { attempts: 10, sent: 8, replies: 4, replyRate: 0.5 },
      },
      {
        route: 'UTILITY',
        last7: { attempts: 0, sent: 0, replies: 0, replyRate: null },
        last30: { attempts: 1, sent: 0, replies: 0, replyRate: null },
      },
    ],
    readyNow: [
      {
        pageId: '111',
        psid: '9001',
        customerName: 'Ana Gómez',
        selectedItemId: '100029016673099',
        state: 'human_agent',
        customerLastMessageAt: NOW - 6 * DAY,
        deadline: NOW + DAY,
      },
      {
        pageId: '111',
        psid: '9002',
        customerName: null,
        selectedItemId: null,
        state: 'closed',
        customerLastMessageAt: NOW - 9 * DAY,
        deadline: null,
      },
    ],
    readyNowTotal: 8,
    closingSoon: [
      {
        pageId: '111',
        psid: '9003',
        customerName: 'Bruno',
        selectedItemId: '61584041913037',
        state: 'open',
        customerLastMessageAt: NOW - DAY + 30 * 60_000,
        deadline: NOW + 30 * 60_000,
      },
    ],
    closingSoonTotal: 1,
    closesSoonMinutes: 120,
    attemptsByDay: Array.from({ length: 14 }, (_, i) => ({
      dayStart: Date.parse('2026-04-22T00:00:00Z') + i * DAY,
      sent: i === 13 ? 5 : 1,
      failed: i === 13 ? 2 : 0,
      unknown: 0,
      blocked: 0,
    })),
  };
}

const health: LayoutHealth = {
  url: 'https://business.facebook.com/latest/inbox/messenger?asset_id=111',
  checkedAt: NOW - 2 * HOUR,
  anchors: { conversationHeader: 'aria-header', composer: null },
  floating: true,
};

function script(over: Partial<Record<string, (request: any) => unknown>> = {}, language: SettingsView['language'] = 'en') {
  replies.handlers = {
    'settings.get': () => settings(language),
    'pages.list': () => ({ pages: [page()], health }),
    'summary.get': () => summaryFixture(),
    'overview.status': (r: { pageId: string }): OverviewStatus => ({ pageId: r.pageId, state: 'idle', scanned: 0, limit: 0 }),
    ...over,
  } as Record<string, (request: any) => unknown>;
}

// Most sections live on the dashboard page (the same container, layout="dashboard"); the toolbar popup's own
// layout is tested separately below.
const renderPopup = (props: Partial<Parameters<typeof PopupApp>[0]> = {}) =>
  render(<PopupApp timeZone="UTC" pollMs={5} maxPolls={50} browserLanguage="en-US" layout="dashboard" {...props} />);

const ready = async () => {
  await waitFor(() => expect(screen.getByTestId('summary').getAttribute('data-state')).not.toBe('loading'));
  return screen.getByTestId('summary');
};

beforeEach(() => {
  vi.mocked(ask).mockClear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const words = {
  en: { open: 'Open', ready: 'Ready to reopen', empty: 'No Page connected yet', chart: 'Reactivations per day, last 14 days' },
  es: { open: 'Abiertas', ready: 'Listas para reabrir', empty: 'Todavía no hay ninguna página conectada', chart: 'Reactivaciones por día, últimos 14 días' },
} as const;

describe.each(['en', 'es'] as const)('popup in %s', (locale: Locale) => {
  test('first run: no Page connected explains what to do and opens the options page', async () => {
    script({ 'pages.list': () => ({ pages: [] }) }, locale);
    const openOptions = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    renderPopup();
    const root = await ready();
    expect(root.getAttribute('data-state')).toBe('empty');
    const empty = screen.getByTestId('summary-empty');
    expect(within(empty).getByRole('heading').textContent).toBe(words[locale].empty);
    fireEvent.click(screen.getByTestId('empty-open-options'));
    expect(openOptions).toHaveBeenCalledTimes(1);
  });

  test('every figure carries its value and a label in the language', async () => {
    script({}, locale);
    renderPopup();
    await ready();
    const expected = { open: 4, expired: 11, human_agent: 7, closed: 4, unknown: 2, cooling: 3, ready: 8, 'sent-today': 5, replied: 6 };
    for (const [name, value] of Object.entries(expected)) {
      const figure = screen.getByTestId(`summary-${name}`);
      expect(figure.getAttribute('data-value'), name).toBe(String(value));
      expect(figure.querySelector('dd')!.textContent).toBe(String(value));
    }
    expect(screen.getByTestId('summary-open').querySelector('dt')!.textContent).toBe(words[locale].open);
    expect(screen.getByTestId('summary-ready').querySelector('dt')!.textContent).toBe(words[locale].ready);
  });

  test('the two action lists link each conversation into Business Suite in a new tab', async () => {
    script({}, locale);
    renderPopup();
    await ready();
    const readyList = screen.getByTestId('summary-ready-list');
    const links = within(readyList).getAllByTestId('summary-row');
    expect(links.map((a) => a.getAttribute('data-psid'))).toEqual(['9001', '9002']);
    expect(links[0]!.getAttribute('href')).toBe(buildInboxUrl({ pageId: '111', selectedItemId: '100029016673099' }));
    expect(links[1]!.getAttribute('href')).toBe(buildInboxUrl({ pageId: '111', selectedItemId: null }));
    for (const link of links) {
      expect(link.getAttribute('target')).toBe('_blank');
      expect(link.getAttribute('rel')).toContain('noopener');
    }
    // an unnamed customer is shown by PSID; the 7-day tag's remaining time is spelled out
    expect(links[1]!.textContent).toContain('9002');
    expect(links[0]!.textContent).toMatch(locale === 'en' ? /HUMAN_AGENT tag possible for 1 day/ : /HUMAN_AGENT posible durante 1 d/);
    // 8 ready, 2 listed
    expect(readyList.textContent).toContain(locale === 'en' ? 'and 6 more' : 'y 6 más');

    const closing = screen.getByTestId('summary-closing-list');
    expect(within(closing).getByRole('heading').textContent).toBe(locale === 'en' ? 'Window closes within 2 hr' : 'La ventana cierra en menos de 2 h');
    const [soon] = within(closing).getAllByTestId('summary-row');
    expect(soon!.textContent).toContain('Bruno');
    expect(soon!.textContent).toMatch(locale === 'en' ? /window closes in 30 min/ : /la ventana cierra en 30 min/);
  });

  test('the toolbar popup keeps the figures and the first rows of both lists, and links to the dashboard', async () => {
    const many = summaryFixture();
    many.readyNow = Array.from({ length: 6 }, (_, i) => ({ ...many.readyNow[0]!, psid: `70${i}` }));
    many.storage = { level: 'full', bytesInUse: 10_485_760, quotaBytes: 10_485_760 };
    script({ 'summary.get': () => many }, locale);
    const create = vi.spyOn(browser.tabs, 'create').mockResolvedValue({} as never);
    renderPopup({ layout: 'popup' });
    const root = await ready();
    expect(root.getAttribute('data-layout')).toBe('popup');
    expect(screen.getByTestId('summary-ready').getAttribute('data-value')).toBe('8');
    const readyList = screen.getByTestId('summary-ready-list');
    expect(within(readyList).getAllByTestId('summary-row')).toHaveLength(3);
    expect(readyList.textContent).toContain(locale === 'en' ? 'and 5 more' : 'y 5 más');
    // the charts, the overview, health and the export are on the dashboard only
    for (const moved of ['export-csv', 'layout-health', 'page-health']) expect(screen.queryByTestId(moved)).toBeNull();
    // A full storage stops sends: the popup still says so.
    expect(screen.getByTestId('storage-usage').getAttribute('data-level')).toBe('full');
    expect(screen.queryByRole('img')).toBeNull();
    const link = screen.getByTestId('open-dashboard');
    expect(link.textContent).toBe(locale === 'en' ? 'Open dashboard' : 'Abrir panel de control');
    fireEvent.click(link);
    expect(create).toHaveBeenCalledWith({ url: expect.stringMatching(/\/dashboard\.html$/) });
  });

  test('sends Meta did not confirm are listed with where their check stands, and the section is absent when none', async () => {
    const unconfirmed = [
      { pageId: '111', psid: '9005', customerName: 'Diego Ruiz', selectedItemId: '100029016673111', at: NOW - 10 * 60_000, state: 'checking' as const },
      { pageId: '111', psid: '9006', customerName: null, selectedItemId: null, at: NOW - 3 * HOUR, state: 'not_found' as const },
      { pageId: '111', psid: '9007', customerName: 'Elena Martín', selectedItemId: null, at: NOW - 4 * HOUR, state: 'double_delivered' as const },
    ];
    script({ 'summary.get': () => ({ ...summaryFixture(), unconfirmed, unconfirmedTotal: 3 }) }, locale);
    renderPopup();
    await ready();
    const section = screen.getByTestId('summary-unconfirmed');
    expect(within(section).getByRole('heading').textContent).toBe(locale === 'en' ? 'Sends Meta did not confirm' : 'Envíos que Meta no confirmó');
    const rows = within(section).getAllByTestId('unconfirmed-row');
    expect(rows.map((row) => row.dataset.state)).toEqual(['checking', 'not_found', 'double_delivered']);
    expect(rows[0]!.getAttribute('href')).toBe(buildInboxUrl({ pageId: '111', selectedItemId: '100029016673111' }));
    expect(rows[0]!.textContent).toContain(locale === 'en' ? 'Reopen is checking the conversation' : 'Reopen está revisando la conversación');
    expect(rows[1]!.textContent).toContain(locale === 'en' ? 'the agent can send it again' : 'el agente puede enviarlo de nuevo');
    expect(rows[2]!.textContent).toContain(locale === 'en' ? 'the customer got it twice' : 'el cliente lo recibió dos veces');
    cleanup();
    script({}, locale);
    renderPopup();
    await ready();
    expect(screen.queryByTestId('summary-unconfirmed')).toBeNull();
  });

  test('charts are named images with a table of the same numbers', async () => {
    script({}, locale);
    renderPopup();
    await ready();
    const chart = screen.getByTestId('chart-attempts');
    const image = within(chart).getByRole('img');
    const [titleId, descId] = image.getAttribute('aria-labelledby')!.split(' ');
    expect(document.getElementById(titleId!)!.textContent).toBe(words[locale].chart);
    // 13 days × 1 + today 7 = 20 attempts, 13 + 5 = 18 sent
    expect(document.getElementById(descId!)!.textContent).toMatch(/20.*18/);
    const rows = within(chart).getAllByRole('row', { hidden: true });
    expect(rows).toHaveLength(15); // header + 14 days
    expect(rows[14]!.textContent).toMatch(/5\s*2\s*0\s*0$|5200$/);

    const rate = screen.getByTestId('chart-reply-rate');
    const cells = within(rate)
      .getAllByRole('cell', { hidden: true })
      .map((c) => c.textContent);
    expect(cells[0]).toMatch(/50\s?%.*4.*8/);
    expect(cells[1]).toBe(locale === 'en' ? 'nothing sent' : 'nada enviado');
  });

  test('failures are explained by kind, with a fallback for a kind without words', async () => {
    script({}, locale);
    renderPopup();
    await ready();
    const failures = within(screen.getByTestId('summary-failures')).getAllByTestId('failure-kind');
    expect(failures.map((f) => [f.getAttribute('data-kind'), f.getAttribute('data-value')])).toEqual([
      ['token_invalid', '2'],
      ['brand_new_kind', '1'],
    ]);
    expect(failures[0]!.textContent).toMatch(locale === 'en' ? /access token is no longer valid/ : /token/i);
    expect(failures[1]!.textContent).toContain('brand_new_kind');
    const routeRows = screen.getAllByTestId('route-row');
    expect(routeRows.map((r) => r.getAttribute('data-route'))).toEqual(['HUMAN_AGENT', 'UTILITY']);
    expect(routeRows[0]!.textContent).toMatch(/25\s?%/);
  });

  test('a Page whose token expired says so and links to the options page', async () => {
    script({ 'pages.list': () => ({ pages: [page(), page({ id: '222', name: 'Sol', status: 'needs_reconnect' })], health }) }, locale);
    const openOptions = vi.spyOn(browser.runtime, 'openOptionsPage').mockResolvedValue(undefined);
    renderPopup();
    await ready();
    const [ok, broken] = screen.getAllByTestId('page-health');
    expect(ok!.getAttribute('data-status')).toBe('connected');
    expect(broken!.getAttribute('data-status')).toBe('needs_reconnect');
    expect(broken!.textContent).toContain(locale === 'en' ? 'token expired — reconnect this Page' : 'token caducado: vuelve a conectar esta página');
    fireEvent.click(within(broken!).getByTestId('page-reconnect'));
    expect(openOptions).toHaveBeenCalledTimes(1);
    // its overview cannot be started
    const overview = screen.getAllByTestId('overview').find((o) => o.getAttribute('data-page-id') === '222')!;
    expect(within(overview).getByTestId<HTMLButtonElement>('overview-scan').disabled).toBe(true);
  });

  test('inbox layout health lists anchors and explains the floating panel; storage warnings show', async () => {
    script(
      {
        'summary.get': () => ({
          ...summaryFixture(),
          warnings: [{ key: 'thread:111:9001', quarantineKey: 'quarantine:x', at: NOW - HOUR, issues: ['facts: invalid_type'], recovery: 'default' }],
        }),
      },
      locale,
    );
    renderPopup();
    await ready();
    const layout = screen.getByTestId('layout-health');
    expect(layout.getAttribute('data-state')).toBe('floating');
    expect(layout.textContent).toMatch(locale === 'en' ? /panel floats over the inbox/ : /el panel flota/);
    expect(layout.querySelector('[data-anchor="composer"]')!.getAttribute('data-found')).toBe('false');
    expect(layout.querySelector('[data-anchor="conversationHeader"]')!.getAttribute('data-found')).toBe('true');
    const warning = screen.getByTestId('storage-warning');
    expect(warning.textContent).toContain('thread:111:9001');
  });

  test("layout health says in words where the customer's name was read, and copies the layout report", async () => {
    script(
      {
        'pages.list': () => ({
          pages: [page()],
          health: {
            ...health,
            identity: {
              source: 'contactSidebar',
              status: 'trusted',
              verdicts: { paneHeading: 'generic', profileLink: 'missing', contactSidebar: 'trusted', selectedCard: 'missing' },
            },
          },
        }),
      },
      locale,
    );
    const report = { kind: 'reopen-layout-report', version: 1, nodes: [{ d: 0, tag: 'div', text: 15 }] };
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([{ id: 7, active: true }] as never);
    const executeScript = vi.fn(async (_injection: unknown) => [{ result: report }]);
    Object.defineProperty(browser, 'scripting', { value: { executeScript }, configurable: true });
    const writeText = vi.fn(async (_text: string) => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderPopup();
    await ready();
    const name = screen.getByTestId('name-health');
    expect(name.getAttribute('data-source')).toBe('contactSidebar');
    expect(name.textContent).toContain(locale === 'en' ? 'read from the contact details panel' : 'leído en el panel de detalles del contacto');
    expect(name.querySelector('[data-signal="paneHeading"]')!.textContent).toContain(
      locale === 'en' ? 'shows a title, ignored' : 'muestra un título, ignorado',
    );
    // Words, not the registry's ids.
    expect(screen.getByTestId('layout-health').textContent).not.toMatch(/contactSidebar|paneHeading|conversationHeader/);
    fireEvent.click(screen.getByTestId('layout-report'));
    await waitFor(() => expect(screen.getByTestId('layout-report-status').getAttribute('data-state')).toBe('copied'));
    expect(query).toHaveBeenCalledWith({ url: 'https://business.facebook.com/latest/inbox/*' });
    expect(executeScript).toHaveBeenCalledWith({ target: { tabId: 7 }, files: ['/layout-report.js'] });
    expect(JSON.parse(writeText.mock.calls[0]![0])).toEqual(report);
    query.mockRestore();
  });

  test('without an inbox tab the layout report says to open one', async () => {
    script({}, locale);
    const query = vi.spyOn(browser.tabs, 'query').mockResolvedValue([] as never);
    renderPopup();
    await ready();
    fireEvent.click(screen.getByTestId('layout-report'));
    await waitFor(() => expect(screen.getByTestId('layout-report-status').getAttribute('data-state')).toBe('failed'));
    expect(screen.getByTestId('layout-report-status').textContent).toContain(locale === 'en' ? "Open Business Suite's inbox" : 'Abre primero la bandeja');
    query.mockRestore();
  });

  test('a whole-Page overview starts, shows progress, polls to the result with its time', async () => {
    let polls = 0;
    script(
      {
        'overview.scan': (r: { pageId: string }) => ({ pageId: r.pageId, state: 'running', scanned: 0, limit: 200, startedAt: NOW }),
        'overview.status': (r: { pageId: string }): OverviewStatus => {
          polls++;
          if (polls <= 1) return { pageId: r.pageId, state: 'idle', scanned: 0, limit: 0 };
          if (polls < 4) return { pageId: r.pageId, state: 'running', scanned: 50 * polls, limit: 200, startedAt: NOW };
          return {
            pageId: r.pageId,
            state: 'done',
            scanned: 200,
            limit: 200,
            startedAt: NOW,
            finishedAt: NOW + 60_000,
            counts: { open: 20, human_agent: 30, closed: 140, unknown: 10 },
          };
        },
      },
      locale,
    );
    renderPopup();
    await ready();
    await waitFor(() => expect(polls).toBe(1));
    // The button's accessible name contains its visible words (axe: label-content-name-mismatch) in every state.
    const labelHasText = (button: HTMLElement) => expect(button.getAttribute('aria-label')).toContain(button.textContent);
    labelHasText(screen.getByTestId('overview-scan'));
    fireEvent.click(screen.getByTestId('overview-scan'));
    const progress = await screen.findByTestId('overview-progress');
    expect(progress.getAttribute('max')).toBe('200');
    const result = await screen.findByTestId('overview-result');
    expect(result.getAttribute('data-state')).toBe('done');
    expect(result.querySelector('[data-closed]')!.getAttribute('data-closed')).toBe('140');
    expect(result.textContent).toMatch(locale === 'en' ? /140 closed/ : /140 cerradas/);
    expect(result.textContent).toMatch(/2026|10:01/);
    const rescan = screen.getByTestId('overview-scan');
    expect(rescan.textContent).toBe(locale === 'en' ? 'Scan again' : 'Revisar de nuevo');
    labelHasText(rescan);
    expect(rescan.getAttribute('aria-label')).toContain('Casa Luna');
    const callsAfterDone = vi.mocked(ask).mock.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(vi.mocked(ask).mock.calls.length).toBe(callsAfterDone); // polling stopped
  });

  test('a running overview can be cancelled', async () => {
    script(
      {
        'overview.status': (r: { pageId: string }) => ({ pageId: r.pageId, state: 'running', scanned: 10, limit: 100 }),
        'overview.cancel': (r: { pageId: string }) => ({
          pageId: r.pageId,
          state: 'cancelled',
          scanned: 12,
          limit: 100,
          finishedAt: NOW,
          counts: { open: 1, human_agent: 2, closed: 9, unknown: 0 },
        }),
      },
      locale,
    );
    renderPopup();
    await ready();
    fireEvent.click(await screen.findByTestId('overview-cancel'));
    const result = await screen.findByTestId('overview-result');
    expect(result.getAttribute('data-state')).toBe('cancelled');
    expect(result.textContent).toContain('12');
    expect(vi.mocked(ask)).toHaveBeenCalledWith({ type: 'overview.cancel', pageId: '111' });
  });

  test('polling a scan that never finishes stops after the bound and says so', async () => {
    script({ 'overview.status': (r: { pageId: string }) => ({ pageId: r.pageId, state: 'running', scanned: 1, limit: 100 }) }, locale);
    renderPopup({ maxPolls: 3 });
    await ready();
    await waitFor(() => expect(screen.getByTestId('overview').textContent).toContain(locale === 'en' ? 'Still scanning' : 'Sigue revisando'));
    const statusCalls = () => vi.mocked(ask).mock.calls.filter(([r]) => r.type === 'overview.status').length;
    expect(statusCalls()).toBe(4); // the first read + 3 polls
  });

  test('export downloads exactly the CSV the background built, as a file', async () => {
    const csv = 'time,page_id\r\n2026-05-05T09:00:00.000Z,111\r\n';
    script({ 'audit.export': () => ({ csv, filename: 'reopen-audit-2026-05-05.csv' }) }, locale);
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:reopen/1';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    renderPopup();
    await ready();
    fireEvent.click(screen.getByTestId('export-csv'));
    await waitFor(() => expect(screen.getByTestId('export-status').getAttribute('data-state')).toBe('done'));
    expect(clicked).toHaveLength(1);
    expect(clicked[0]!.download).toBe('reopen-audit-2026-05-05.csv');
    expect(clicked[0]!.getAttribute('href')).toBe('blob:reopen/1');
    expect(blobs[0]!.type).toContain('text/csv');
    expect(await blobs[0]!.text()).toBe(`\uFEFF${csv}`);
    expect(screen.getByTestId('export-status').textContent).toContain('reopen-audit-2026-05-05.csv');
  });
});

test('when the background does not answer the popup says so instead of showing zeros', async () => {
  script({ 'summary.get': () => Promise.reject(new Error('no_reply')) });
  renderPopup();
  const root = await ready();
  expect(root.getAttribute('data-state')).toBe('failed');
  expect(screen.getByRole('alert').textContent).toContain('no_reply');
  expect(screen.queryByTestId('summary-open')).toBeNull();
});

test.each([
  ['browser', 'es-MX', 'es'],
  ['browser', 'en-GB', 'en'],
  ['es', 'en-US', 'es'],
  ['en', 'es-ES', 'en'],
] as const)('language setting %s with a %s browser shows the popup in %s', async (preference, browserLanguage, expected) => {
  script({}, preference);
  renderPopup({ browserLanguage });
  const root = await ready();
  expect(root.getAttribute('lang')).toBe(expected);
  expect(screen.getByTestId('summary-open').querySelector('dt')!.textContent).toBe(words[expected].open);
});
