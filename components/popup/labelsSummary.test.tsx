import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { formatInstant } from '../../lib/i18n';
import type { LabelsPageView } from '../../lib/labels/view';
import type { PageView } from '../../lib/pages/view';
import type { SettingsView } from '../../lib/settings/schema';
import type { SummaryView } from '../../lib/summary/view';
import { PopupApp } from './PopupApp';
import { sampleLabelsView } from '../../lib/labels/view.test-support';

// The dashboard's Labels in Business Suite (issue 22): each Page whose labels are on, with its customers per label,
// last sync, writes, last failure in words and Meta's wait; a line on where to switch them on when none is; nothing
// in the toolbar popup, nor when the read failed.
vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

const NOW = Date.parse('2026-05-05T10:00:00Z');
const pageOf = (id: string, name: string): PageView => ({ id, name, status: 'connected', checkedAt: NOW, managed: false });
const settings = (language: SettingsView['language']): SettingsView => ({
  graphVersion: 'v25.0',
  language,
  retentionDays: 90,
  promoTerms: [],
  closesSoonMinutes: 120,
  locked: [],
});
const summary: SummaryView = {
  now: NOW,
  counts: { open: 0, expired: 0, human_agent: 0, closed: 0, unknown: 0, cooling: 0, ready: 0, 'sent-today': 0, replied: 0 },
  failuresByKind: {},
  routes: [],
  readyNow: [],
  closingSoon: [],
  readyNowTotal: 0,
  closingSoonTotal: 0,
  closesSoonMinutes: 120,
  attemptsByDay: [],
};
const view = (over: Partial<LabelsPageView> = {}): LabelsPageView =>
  sampleLabelsView({ enabled: true, lastSyncAt: NOW, counts: { closing: 3, human_agent: 1, closed: 12, reactivated: 2, stop: 0 }, writesLast24h: 41, ...over });

function script(labels: LabelsPageView[] | null, language: SettingsView['language'] = 'en') {
  replies.handlers = {
    'settings.get': () => settings(language),
    'pages.list': () => ({ pages: [pageOf('111', 'Casa Luna'), pageOf('222', 'Sol')] }),
    'summary.get': () => summary,
    'overview.status': (r: { pageId: string }) => ({ pageId: r.pageId, state: 'idle', scanned: 0, limit: 0 }),
    ...(labels ? { 'labels.status': () => ({ pages: labels }) } : {}),
  };
}

const renderDashboard = (layout: 'dashboard' | 'popup' = 'dashboard') =>
  render(<PopupApp timeZone="UTC" pollMs={5} maxPolls={5} browserLanguage="en-US" layout={layout} />);
const ready = () => waitFor(() => expect(screen.getByTestId('summary').getAttribute('data-state')).toBe('ready'));
const labelsAsked = () => vi.mocked(ask).mock.calls.filter(([r]) => r.type === 'labels.status').length;

beforeEach(() => {
  vi.mocked(ask).mockClear();
});
afterEach(cleanup);

describe('labels in Business Suite, on the dashboard', () => {
  test('a Page with labels on: customers per label, last sync and writes; a Page with them off is not listed', async () => {
    script([view(), view({ pageId: '222', pageName: 'Sol', enabled: false, counts: { closing: 9, human_agent: 9, closed: 9, reactivated: 9, stop: 9 } })]);
    renderDashboard();
    await ready();
    const section = await screen.findByTestId('labels-summary');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Labels in Business Suite');
    const blocks = within(section).getAllByTestId('labels-page');
    expect(blocks.map((block) => block.dataset.pageId)).toEqual(['111']);
    const block = blocks[0]!;
    expect(within(block).getByRole('heading').textContent).toBe('Casa Luna');
    const counts = within(block).getAllByTestId('labels-count');
    expect(counts.map((count) => [count.dataset.state, count.dataset.value, count.textContent])).toEqual([
      ['closing', '3', 'Closes within 2 h: 3'],
      ['human_agent', '1', 'Human agent only: 1'],
      ['closed', '12', 'Closed: 12'],
      ['reactivated', '2', 'Reactivated, awaiting reply: 2'],
      ['stop', '0', 'Stop (a block from Meta): 0'],
    ]);
    expect(within(block).getByTestId('labels-last-sync').textContent).toBe('Last sync: May 5, 2026, 10:00 AM');
    expect(within(block).getByTestId('labels-writes').textContent).toBe('41 label writes in the last 24 h');
    // No failure, no wait: nothing said about them.
    expect(within(block).queryByTestId('labels-error')).toBeNull();
    expect(within(block).queryByTestId('labels-backoff')).toBeNull();
    expect(screen.queryByTestId('labels-none')).toBeNull();
  });

  test("the last failure in the popup's error words, and Meta's wait while it lasts", async () => {
    const until = Date.now() + 3_600_000;
    script([
      view({
        lastSyncAt: null,
        writesLast24h: 1,
        lastError: { at: NOW, error: { kind: 'token_invalid', retryable: false, code: 190 } },
        backoffUntil: until,
      }),
      view({ pageId: '222', pageName: 'Sol', backoffUntil: NOW }),
    ]);
    renderDashboard();
    await ready();
    const [luna, sol] = await screen.findAllByTestId('labels-page');
    expect(within(luna!).getByTestId('labels-last-sync').textContent).toBe('Last sync: never');
    expect(within(luna!).getByTestId('labels-writes').textContent).toBe('1 label write in the last 24 h');
    const error = within(luna!).getByTestId('labels-error');
    expect(error.dataset.errorKind).toBe('token_invalid');
    expect(error.textContent).toMatch(/^The last sync failed \(May 5, 2026, 10:00 AM\): .*access token is no longer valid/);
    expect(within(luna!).getByTestId('labels-backoff').textContent).toBe(
      `Waiting for Meta until ${formatInstant(until, 'en', 'UTC')}: Meta asked Reopen to slow down.`,
    );
    // A wait that is over is not shown.
    expect(within(sol!).queryByTestId('labels-backoff')).toBeNull();
  });

  test('no Page with labels on: one line says where to switch them on', async () => {
    script([view({ enabled: false }), view({ pageId: '222', pageName: 'Sol', enabled: false })]);
    renderDashboard();
    await ready();
    expect((await screen.findByTestId('labels-none')).textContent).toBe(
      "No Page shows Reopen's labels in Business Suite yet. Switch them on for a Page in Reopen's settings.",
    );
    expect(screen.queryByTestId('labels-page')).toBeNull();
  });

  test('in Spanish', async () => {
    script([view({ lastSyncAt: null, counts: { closing: 1, human_agent: 0, closed: 0, reactivated: 4, stop: 1 } })], 'es');
    renderDashboard();
    await ready();
    const section = await screen.findByTestId('labels-summary');
    expect(within(section).getByRole('heading', { level: 2 }).textContent).toBe('Etiquetas en Business Suite');
    expect(
      within(section)
        .getAllByTestId('labels-count')
        .map((count) => count.textContent),
    ).toEqual(['Cierra en menos de 2 h: 1', 'Solo agente humano: 0', 'Cerrada: 0', 'Reactivada, esperando respuesta: 4', 'Alto (bloqueo de Meta): 1']);
    expect(screen.getByTestId('labels-last-sync').textContent).toBe('Última sincronización: nunca');
    expect(screen.getByTestId('labels-writes').textContent).toBe('41 escrituras de etiquetas en las últimas 24 h');
  });

  test('the label sync could not be read: the section is left out and the dashboard works', async () => {
    script(null);
    renderDashboard();
    await ready();
    await waitFor(() => expect(labelsAsked()).toBe(1));
    expect(screen.queryByTestId('labels-summary')).toBeNull();
    expect(screen.getByTestId('summary-open')).toBeTruthy();
  });

  test('the toolbar popup neither asks nor shows it', async () => {
    script([view()]);
    renderDashboard('popup');
    await ready();
    expect(screen.queryByTestId('labels-summary')).toBeNull();
    expect(labelsAsked()).toBe(0);
  });
});
