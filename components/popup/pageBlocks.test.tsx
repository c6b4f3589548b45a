import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { PageView } from '../../lib/pages/view';
import type { SettingsView } from '../../lib/settings/schema';
import type { PageBlockRow, SummaryView } from '../../lib/summary/view';
import { PopupApp } from './PopupApp';

// The popup when Meta restricted a Page (10/1893063): the block with Meta's words and since/until when, and a
// manager's clear beside those words, behind a confirmation, usable by keyboard; the summary is read again after it.
vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

const NOW = Date.parse('2026-05-05T10:00:00Z');
const SINCE = NOW - 3_600_000;
const page: PageView = { id: '111', name: 'Casa Luna', status: 'connected', checkedAt: NOW, managed: false };
const settings = (language: SettingsView['language']): SettingsView => ({
  graphVersion: 'v25.0',
  language,
  retentionDays: 90,
  promoTerms: [],
  closesSoonMinutes: 120,
  locked: [],
});
const block = (over: Partial<PageBlockRow> = {}): PageBlockRow => ({
  pageId: '111',
  pageName: 'Casa Luna',
  scope: 'page',
  code: 10,
  subcode: 1893063,
  kind: 'page_restricted',
  metaMessage: 'You are temporarily restricted from sending messages.',
  since: SINCE,
  requestId: 'r1',
  ...over,
});
const summary = (pageBlocks?: PageBlockRow[]): SummaryView => ({
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
  ...(pageBlocks ? { pageBlocks } : {}),
});

let blocks: PageBlockRow[] | undefined;
function script(language: SettingsView['language'] = 'en', clear: (request: { pageId: string; since: number }) => unknown = () => ({ cleared: true })) {
  replies.handlers = {
    'settings.get': () => settings(language),
    'pages.list': () => ({ pages: [page] }),
    'summary.get': () => summary(blocks),
    'pageblock.clear': (request: { pageId: string; since: number }) => {
      const answer = clear(request);
      blocks = undefined;
      return answer;
    },
  };
}

const renderPopup = () => render(<PopupApp timeZone="UTC" pollMs={5} maxPolls={5} browserLanguage="en-US" layout="popup" />);
const ready = () => waitFor(() => expect(screen.getByTestId('summary').getAttribute('data-state')).toBe('ready'));

beforeEach(() => {
  vi.mocked(ask).mockClear();
  blocks = [block()];
});
afterEach(cleanup);

describe('a Page Meta restricted, in the toolbar popup', () => {
  test("shows Meta's words, since when, and that nothing is sent until a manager clears it", async () => {
    script();
    renderPopup();
    await ready();
    const shown = screen.getByTestId('page-block');
    expect(shown.dataset.pageId).toBe('111');
    expect(within(shown).getByRole('heading').textContent).toBe('Casa Luna: Meta restricted this Page from sending messages');
    expect(screen.getByTestId('page-block-meta').textContent).toContain(
      'Meta answered on May 5, 2026, 9:00 AM: “You are temporarily restricted from sending messages.” (error 10/1893063).',
    );
    expect(shown.textContent).toContain('Meta gave no end time');
  });

  test("with Meta's time, says until when (Spanish)", async () => {
    blocks = [block({ until: NOW + 2 * 3_600_000 })];
    script('es');
    renderPopup();
    await ready();
    expect(screen.getByTestId('page-block').textContent).toContain('Reopen no envía nada desde esta página, para ningún agente, hasta el');
    expect(screen.getByTestId('page-block-clear').textContent).toBe('Quitar este bloqueo…');
  });

  test('clearing needs a confirmation; Cancel takes the focus back and clears nothing', async () => {
    script();
    renderPopup();
    await ready();
    const clear = screen.getByTestId('page-block-clear');
    // The button sits beside Meta's words; its description names the Page (its name is its visible words).
    expect(screen.getByTestId('page-block-meta').contains(clear)).toBe(true);
    expect(document.getElementById(clear.getAttribute('aria-describedby')!)!.textContent).toContain('Casa Luna');
    fireEvent.click(clear);
    const confirm = screen.getByTestId('page-block-confirm');
    expect(screen.getByTestId('page-block-confirmation').textContent).toContain('sending while Meta restricts the Page can get it restricted for longer');
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    fireEvent.click(screen.getByTestId('page-block-cancel'));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('page-block-clear')));
    expect(vi.mocked(ask).mock.calls.filter(([request]) => request.type === 'pageblock.clear')).toEqual([]);
  });

  test('confirmed: the clear names the block read, and the block leaves the popup', async () => {
    const cleared = vi.fn(() => ({ cleared: true }));
    script('en', cleared);
    renderPopup();
    await ready();
    fireEvent.click(screen.getByTestId('page-block-clear'));
    fireEvent.click(screen.getByTestId('page-block-confirm'));
    await waitFor(() => expect(screen.queryByTestId('page-block')).toBeNull());
    expect(cleared).toHaveBeenCalledWith({ type: 'pageblock.clear', pageId: '111', since: SINCE });
  });

  test('a failed clear says so, and the block stays', async () => {
    script('en', () => {
      throw new Error('no reply');
    });
    renderPopup();
    await ready();
    fireEvent.click(screen.getByTestId('page-block-clear'));
    fireEvent.click(screen.getByTestId('page-block-confirm'));
    await waitFor(() => expect(screen.getByTestId('page-block').textContent).toContain('The block could not be cleared'));
  });

  test('no block: nothing shown', async () => {
    blocks = undefined;
    script();
    renderPopup();
    await ready();
    expect(screen.queryByTestId('page-block')).toBeNull();
  });
});
