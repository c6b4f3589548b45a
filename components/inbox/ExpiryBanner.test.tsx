import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { Locale } from '../../lib/i18n';
import { threadStatus } from '../../lib/inbox/status';
import { ExpiryBanner, type BannerModel, type ExpiryBannerProps } from './ExpiryBanner';
import { CandidateList } from './CandidateList';
import { C, DAY, HOUR, MIN, facts, installBothCatalogs } from '../../tests/support/inbox';

installBothCatalogs();
afterEach(cleanup);

function show(model: BannerModel, now: number, over: Partial<ExpiryBannerProps> = {}) {
  const callbacks = { onOpenPanel: vi.fn(), onRetry: vi.fn(), onOpenOptions: vi.fn(), onChoose: vi.fn() };
  const candidateList = CandidateList;
  const view = render(
    <ExpiryBanner
      locale="en"
      now={now}
      model={model}
      floating={false}
      panelOpen={false}
      choosing={false}
      timeZone="UTC"
      candidateList={candidateList}
      {...callbacks}
      {...over}
    />,
  );
  return { ...callbacks, banner: screen.getByTestId('reopen-banner'), view };
}

const resolved = (now: number, threadFacts = facts(), closesSoonMinutes = 120): BannerModel => ({
  kind: 'resolved',
  status: threadStatus(threadFacts, now, closesSoonMinutes),
});

describe('window states in words', () => {
  test.each<[string, Locale, number, string, string, boolean]>([
    ['open', 'en', 20 * HOUR + 48 * MIN, 'open', 'Window open — closes in 3 hr 12 min', false],
    ['open', 'es', 20 * HOUR + 48 * MIN, 'open', 'Ventana abierta: se cierra en 3 h 12 min', false],
    ['human_agent', 'en', 3 * DAY, 'human_agent', 'Expired 2 days ago — human-agent reply possible for 4 days more', true],
    ['human_agent', 'es', 3 * DAY, 'human_agent', 'Expiró hace 2 d: respuesta de agente humano posible durante 4 d más', true],
    ['closed', 'en', 9 * DAY, 'closed', "Closed: more than 7 days since the customer's last message", true],
    ['closed', 'es', 9 * DAY, 'closed', 'Cerrada: pasaron más de 7 días desde el último mensaje del cliente', true],
  ])('%s (%s)', (_state, locale, elapsed, dataWindow, text, canReopen) => {
    const { banner } = show(resolved(C + elapsed), C + elapsed, { locale });
    expect(banner.dataset.window).toBe(dataWindow);
    expect(banner.dataset.cooldown).toBe('none');
    expect(banner.textContent).toContain(text);
    const opener = screen.queryByTestId('reopen-open');
    expect(opener !== null).toBe(canReopen);
    if (opener) expect(opener.textContent).toBe(locale === 'es' ? 'Reabrir conversación expirada' : 'Reopen expired conversation');
  });

  test.each<[Locale, string]>([
    ['en', "Doubtful: Meta dated the customer's last message in the future."],
    ['es', 'Dudoso: Meta fechó el último mensaje del cliente en el futuro.'],
  ])('a customer message Meta dated in the future: the window is shown as doubtful, not a confident "open" (%s)', (locale, words) => {
    const { banner } = show(resolved(C + HOUR, facts({ customerTimeInFuture: C + 2 * DAY })), C + HOUR, { locale });
    expect(banner.dataset.window).toBe('open');
    expect(banner.dataset.timeDoubt).toBe('customer_time_in_future');
    expect(screen.getByTestId('reopen-time-doubt').textContent).toContain(words);
    cleanup();
    expect(show(resolved(C + HOUR), C + HOUR).banner.dataset.timeDoubt).toBeUndefined();
  });

  test('exactly 24 h after the customer wrote is already expired', () => {
    const { banner } = show(resolved(C + DAY), C + DAY);
    expect(banner.dataset.window).toBe('human_agent');
  });

  test('under the closes-soon threshold the banner is urgent; above it, not', () => {
    const soon = show(resolved(C + 22 * HOUR + 30 * MIN), C + 22 * HOUR + 30 * MIN);
    expect(soon.banner.textContent).toContain('Closing soon');
    // Read as two phrases, not "1 hr 30 minClosing soon".
    expect(soon.banner.textContent).toContain('closes in 1 hr 30 min Closing soon');
    expect(soon.banner.className).toContain('reopen-banner--urgent');
    soon.view.unmount();
    const later = show(resolved(C + 20 * HOUR), C + 20 * HOUR);
    expect(later.banner.textContent).not.toContain('Closing soon');
    expect(later.banner.className).not.toContain('urgent');
  });

  test('a cooldown shows when the next reactivation is possible', () => {
    const now = C + 3 * DAY;
    const cooling = facts({ attempts: [{ at: now - 7 * HOUR, status: 'sent' }] });
    const { banner } = show(resolved(now, cooling), now);
    expect(banner.dataset.cooldown).toBe('active');
    expect(banner.textContent).toContain('Next reactivation possible in 17 hr');
  });

  test('a conversation with no customer message found is unknown and offers a retry', () => {
    const { banner, onRetry } = show(resolved(C, facts({ customerLastMessageAt: null })), C);
    expect(banner.dataset.window).toBe('unknown');
    expect(banner.textContent).toContain('no message from the customer');
    expect(screen.getAllByRole('button', { name: /^Check again/ })).toHaveLength(1);
    fireEvent.click(screen.getByTestId('reopen-refresh'));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

describe('"Check again" on a known window: a customer\'s reply shows without waiting', () => {
  test.each<[string, number]>([
    ['open', 2 * HOUR],
    ['human_agent', 3 * DAY],
    ['closed', 9 * DAY],
  ])('%s: one labelled button that asks again', (_state, elapsed) => {
    const { onRetry } = show(resolved(C + elapsed), C + elapsed);
    const button = screen.getByTestId('reopen-refresh');
    expect(button.tagName).toBe('BUTTON');
    expect(button.textContent).toBe('Check again');
    expect(screen.getByRole('button', { name: 'Check again for new messages from the customer' })).toBe(button);
    fireEvent.click(button);
    expect(onRetry).toHaveBeenCalledOnce();
  });

  test('in Spanish, and busy while the answer is on its way', () => {
    show(resolved(C + 3 * DAY), C + 3 * DAY, { locale: 'es', checking: true });
    const button = screen.getByTestId('reopen-refresh');
    expect(button.textContent).toBe('Volver a revisar');
    expect(button.getAttribute('aria-label')).toBe('Volver a revisar si hay mensajes nuevos del cliente');
    expect(button.getAttribute('aria-busy')).toBe('true');
  });
});

describe('unknown: says why and offers the fix', () => {
  test('Page not connected → a button that opens the options page', () => {
    const { banner, onOpenOptions } = show({ kind: 'unresolved', reason: 'page_not_connected', candidates: [] }, C);
    expect(banner.dataset.window).toBe('unknown');
    expect(banner.textContent).toContain("this Page isn't connected to Reopen");
    fireEvent.click(screen.getByRole('button', { name: 'Connect this Page' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
    expect(screen.queryByTestId('reopen-open')).toBeNull();
  });

  test('Page token expired → reconnect (Spanish)', () => {
    show({ kind: 'unresolved', reason: 'page_needs_reconnect', candidates: [] }, C, { locale: 'es' });
    expect(screen.getByRole('button', { name: 'Volver a conectar esta página' })).toBeTruthy();
  });

  test('ambiguous → the candidates, each with its PSID, name, snippet and time', () => {
    const { onChoose } = show(
      {
        kind: 'unresolved',
        reason: 'ambiguous',
        candidates: [
          { psid: '7001', name: 'Maria Lopez', snippet: 'Any news on my order?', updatedAt: C },
          { psid: '7002', name: 'Maria Lopez', snippet: 'Hi!' },
        ],
      },
      C,
    );
    const items = screen.getAllByTestId('reopen-candidate');
    expect(items.map((item) => item.dataset.psid)).toEqual(['7001', '7002']);
    expect(items[0]!.textContent).toContain('Any news on my order?');
    expect(items[0]!.textContent).toContain('Jun 1, 2026, 10:00 AM');
    expect(items[1]!.getAttribute('aria-label')).toBe('This is Maria Lopez');
    fireEvent.click(items[1]!);
    expect(onChoose).toHaveBeenCalledWith('7002');
  });

  test.each<[Locale, string]>([
    ['en', "Window unknown: Reopen couldn't read the customer's name on this page. Choose the conversation below."],
    ['es', 'Ventana desconocida: Reopen no pudo leer el nombre del cliente en esta página. Elige la conversación abajo.'],
  ])('no name on the page (changed layout): says so, not "not among recent conversations", and lists the candidates (%s)', (locale, text) => {
    const { banner, onChoose } = show(
      {
        kind: 'unresolved',
        reason: 'not_found',
        nameUnread: true,
        candidates: [
          { psid: '7001', name: 'Noah Berg' },
          { psid: '7002', name: 'Ana Silva' },
        ],
      },
      C,
      { locale },
    );
    expect(banner.textContent).toContain(text);
    expect(banner.textContent).not.toMatch(/recent Messenger conversations|conversaciones recientes de Messenger/);
    const items = screen.getAllByTestId('reopen-candidate');
    expect(items.map((item) => item.dataset.psid)).toEqual(['7001', '7002']);
    fireEvent.click(items[0]!);
    expect(onChoose).toHaveBeenCalledWith('7001');
  });

  test('with a name read and nobody matching it, "not among the recent conversations" stands', () => {
    const { banner } = show({ kind: 'unresolved', reason: 'not_found', candidates: [{ psid: '7001', name: 'Noah Berg' }] }, C);
    expect(banner.textContent).toContain("this conversation isn't among the Page's recent Messenger conversations");
  });

  test('waiting for the name: says so, busy, with "Check again"', () => {
    const { banner, onRetry } = show({ kind: 'unresolved', reason: 'awaiting_name', candidates: [] }, C);
    expect(banner.dataset.window).toBe('unknown');
    expect(banner.textContent).toContain("Checking this conversation: waiting for the customer's name to show on the page…");
    fireEvent.click(screen.getByTestId('reopen-refresh'));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  test('candidates are disabled while a choice is being saved', () => {
    show({ kind: 'unresolved', reason: 'ambiguous', candidates: [{ psid: '7001', name: 'Ana' }] }, C, { choosing: true });
    expect(screen.getByTestId<HTMLButtonElement>('reopen-candidate').disabled).toBe(true);
  });

  test('a Graph error is explained with its next step, with a retry', () => {
    const { banner, onRetry } = show(
      { kind: 'unresolved', reason: 'graph_error', candidates: [], error: { kind: 'token_invalid', retryable: false, code: 190 } },
      C,
    );
    expect(banner.textContent).toContain("This Page's access token is no longer valid");
    expect(banner.textContent).toContain("Reconnect this Page in Reopen's options.");
    fireEvent.click(screen.getByRole('button', { name: 'Check again' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  test("an error kind without words falls back to Meta's message and code", () => {
    const { banner } = show(
      {
        kind: 'unresolved',
        reason: 'graph_error',
        candidates: [],
        error: { kind: 'brand_new_kind', retryable: false, code: 9, subcode: 77, metaMessage: 'Odd failure' },
      },
      C,
    );
    expect(banner.textContent).toContain('Meta error 9/77: Odd failure');
  });

  test('the background not answering is unknown with a retry', () => {
    const { banner } = show({ kind: 'failure', code: 'no_reply' }, C);
    expect(banner.dataset.window).toBe('unknown');
    expect(banner.textContent).toContain("Reopen isn't responding");
  });

  test('loading and no selection say so', () => {
    const loading = show({ kind: 'loading' }, C);
    expect(loading.banner.textContent).toContain('Checking this conversation');
    loading.view.unmount();
    const none = show({ kind: 'no_conversation' }, C, { locale: 'es' });
    expect(none.banner.textContent).toContain('Selecciona una conversación de Messenger');
  });
});

describe('floating fallback and the opener', () => {
  test('when floating, the banner says the layout changed and still offers the panel', () => {
    const { banner, onOpenPanel } = show(resolved(C + 3 * DAY), C + 3 * DAY, { floating: true });
    expect(banner.textContent).toContain("Business Suite's layout changed");
    const opener = screen.getByTestId('reopen-open');
    expect(opener.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(opener);
    expect(onOpenPanel).toHaveBeenCalledOnce();
  });

  test('the banner is a labelled region', () => {
    show(resolved(C), C);
    expect(screen.getByRole('region', { name: 'Reopen: messaging window of this conversation' })).toBeTruthy();
  });
});
