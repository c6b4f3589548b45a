import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_PROMO_TERMS } from '../../lib/policy';
import { threadStatus } from '../../lib/inbox/status';
import type { RecipientView } from '../../lib/threads/view';
import { ExpiryBanner, type BannerModel } from './ExpiryBanner';
import { CandidateList } from './CandidateList';
import { ReopenPanel, type ReopenPanelProps } from './ReopenPanel';
import { C, DAY, HOUR, facts, installBothCatalogs } from '../../tests/support/inbox';

// Issue 19: who gets the message. A person found by name only is named in the panel (name, Meta's last customer
// message and its time) for the agent to confirm or pick, and Send stays off until then; the banner says when its
// window is in doubt, in words (English and Spanish), keeping data-window.

installBothCatalogs();
afterEach(cleanup);

const NOW = C + 3 * DAY;
const unproven: RecipientView = {
  proof: 'none',
  lastCustomerText: 'Perfect, see you then',
  customerLastMessageAt: C,
  candidates: [
    { psid: '7002', name: 'Ana Ruiz', lastCustomerText: 'Perfect, see you then', customerLastMessageAt: C },
    { psid: '7001', name: 'Ana Ruiz', lastCustomerText: 'Can you hold the order for me?', customerLastMessageAt: C - 2 * DAY },
  ],
};

function panel(recipient: RecipientView, locale: 'en' | 'es' = 'en') {
  const onChoose = vi.fn();
  const props: ReopenPanelProps = {
    locale,
    now: NOW,
    facts: facts(),
    templates: { status: 'idle' },
    promoTerms: DEFAULT_PROMO_TERMS,
    sending: false,
    result: null,
    timeZone: 'UTC',
    onSend: vi.fn(),
    onClose: vi.fn(),
    onNeedTemplates: vi.fn(),
    recipient: { psid: '7002', name: 'Ana Ruiz', view: recipient, choosing: false, onChoose },
  };
  render(<ReopenPanel {...props} />);
  return { onChoose, onSend: props.onSend };
}

describe('the panel names who would get the message', () => {
  test('found by name only: the person with their last message and its time; confirm or pick; Send off until then', () => {
    const { onChoose, onSend } = panel(unproven);
    const candidates = screen.getAllByTestId('reopen-candidate');
    expect(candidates.map((button) => button.dataset.psid)).toEqual(['7002', '7001']);
    expect(candidates[0]!.textContent).toContain('Yes, message Ana Ruiz');
    expect(candidates[0]!.textContent).toContain('“Perfect, see you then”');
    expect(candidates[1]!.textContent).toContain('Message Ana Ruiz instead');
    expect(candidates[1]!.textContent).toContain('Can you hold the order for me?');
    // Labelled buttons, reachable by keyboard (no tabindex games), each saying whose message it is.
    expect(candidates[1]!.textContent).toContain('Message Ana Ruiz instead Last message from the customer: “Can you hold the order for me?”');
    expect(screen.getByTestId('reopen-recipient').getAttribute('aria-labelledby')).toBe('reopen-recipient-title');

    fireEvent.input(screen.getByTestId('reopen-text'), { target: { value: 'We kept the raincoat for you.' } });
    const send = screen.getByTestId<HTMLButtonElement>('reopen-send');
    expect(send.disabled).toBe(true);
    expect(screen.getByText(/found this person by name only/)).toBeTruthy();
    fireEvent.click(send);
    expect(onSend).not.toHaveBeenCalled();

    fireEvent.click(candidates[1]!);
    expect(onChoose).toHaveBeenCalledWith('7001');
  });

  test('in Spanish', () => {
    panel(unproven, 'es');
    expect(screen.getAllByTestId('reopen-candidate')[0]!.textContent).toContain('Sí, enviar a Ana Ruiz');
    expect(screen.getByText('¿Quién recibirá este mensaje?')).toBeTruthy();
  });

  test('proven (by the pane, the page’s id or the agent): no question, Send as usual', () => {
    panel({ proof: 'pane' });
    expect(screen.queryByTestId('reopen-recipient')).toBeNull();
    fireEvent.input(screen.getByTestId('reopen-text'), { target: { value: 'We kept the raincoat for you.' } });
    expect(screen.getByTestId<HTMLButtonElement>('reopen-send').disabled).toBe(false);
  });
});

describe('the banner says when its window is in doubt', () => {
  const model = (recipient?: RecipientView): BannerModel => ({
    kind: 'resolved',
    status: threadStatus(facts({ customerLastMessageAt: NOW - 6 * HOUR }), NOW, 120),
    ...(recipient ? { recipient, customerName: 'Ana Ruiz' } : {}),
  });
  const show = (bannerModel: BannerModel, locale: 'en' | 'es' = 'en') => {
    const callbacks = { onOpenPanel: vi.fn(), onRetry: vi.fn(), onOpenOptions: vi.fn(), onChoose: vi.fn() };
    render(
      <ExpiryBanner
        locale={locale}
        now={NOW}
        model={bannerModel}
        floating={false}
        panelOpen={false}
        choosing={false}
        timeZone="UTC"
        candidateList={CandidateList}
        {...callbacks}
      />,
    );
    return { banner: screen.getByTestId('reopen-banner'), ...callbacks };
  };

  test('the pane\'s times disagree with Meta\'s ("5 d" on screen, 6 h at Meta): doubtful in words, data-window kept', () => {
    const { banner } = show(model({ proof: 'none', doubt: 'times' }));
    expect(banner.dataset.window).toBe('open');
    expect(banner.dataset.doubt).toBe('true');
    expect(screen.getByTestId('reopen-doubt').textContent).toContain("the times on screen don't match Meta's for Ana Ruiz");
  });

  test('found by name only: not confirmed, and a way to the check even while the window is open', () => {
    const { banner, onOpenPanel } = show(model({ proof: 'none' }), 'es');
    expect(banner.dataset.doubt).toBe('true');
    expect(screen.getByTestId('reopen-doubt').textContent).toContain('Sin confirmar: Reopen encontró a Ana Ruiz solo por el nombre');
    const opener = screen.getByTestId('reopen-open');
    expect(opener.textContent).toBe('Comprobar quién es');
    fireEvent.click(opener);
    expect(onOpenPanel).toHaveBeenCalled();
  });

  test('proven: no doubt attribute, no doubt line', () => {
    const { banner } = show(model({ proof: 'pane' }));
    expect(banner.dataset.doubt).toBeUndefined();
    expect(screen.queryByTestId('reopen-doubt')).toBeNull();
  });
});
