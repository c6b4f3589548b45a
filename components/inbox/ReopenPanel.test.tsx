import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { DEFAULT_PROMO_TERMS } from '../../lib/policy';
import type { UtilityTemplate } from '../../lib/policy/types';
import { ReopenPanel, type ReopenPanelProps } from './ReopenPanel';
import { C, C_BEFORE_RETIREMENT, DAY, HOUR, facts, installBothCatalogs } from '../../tests/support/inbox';

installBothCatalogs();
afterEach(cleanup);

const ROUTE_ORDER = ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK', 'UTILITY', 'ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'];

function open(over: Partial<ReopenPanelProps> = {}) {
  const callbacks = { onSend: vi.fn(), onClose: vi.fn(), onNeedTemplates: vi.fn() };
  const props: ReopenPanelProps = {
    locale: 'en',
    now: C + 3 * DAY,
    facts: facts(),
    templates: { status: 'idle' },
    promoTerms: DEFAULT_PROMO_TERMS,
    sending: false,
    result: null,
    timeZone: 'UTC',
    ...callbacks,
    ...over,
  };
  render(<ReopenPanel {...props} />);
  return callbacks;
}

const tag = (id: string) => screen.getAllByTestId('reopen-tag').find((button) => button.dataset.tag === id)! as HTMLButtonElement;
const tagBox = (id: string) => tag(id).parentElement!;
const type = (element: Element, value: string) => fireEvent.input(element, { target: { value } });

describe('tag picker', () => {
  test('human_agent: every catalog route in order, HUMAN_AGENT preselected, retired tags disabled with the date', () => {
    open();
    expect(screen.getByTestId('reopen-panel')).toBeTruthy();
    expect(screen.getAllByTestId('reopen-tag').map((button) => button.dataset.tag)).toEqual(ROUTE_ORDER);
    expect(tag('HUMAN_AGENT').getAttribute('aria-pressed')).toBe('true');
    expect(tagBox('HUMAN_AGENT').textContent).toContain('Recommended');
    expect(tag('HUMAN_AGENT').textContent).toBe('Human agent Recommended');
    for (const id of ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK', 'UTILITY']) {
      expect(tag(id).disabled, id).toBe(false);
      expect(tag(id).getAttribute('aria-disabled'), id).toBe('false');
    }
    for (const id of ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE']) {
      expect(tag(id).disabled, id).toBe(true);
      expect(tag(id).getAttribute('aria-disabled'), id).toBe('true');
      expect(tagBox(id).textContent, id).toContain('Retired by Meta on April 27, 2026');
    }
    // the HUMAN_AGENT limit, uses and what it must never carry
    expect(tagBox('HUMAN_AGENT').textContent).toContain('Available until Jun 8, 2026, 10:00 AM');
    expect(tagBox('HUMAN_AGENT').textContent).toContain("Your own answer, as a person, to the customer's open question or issue");
    expect(screen.getByTestId('reopen-text')).toBeTruthy();
  });

  test('closed: the usable route comes first; unavailable ones are one line with the reason, details on request', () => {
    open({ now: C + 9 * DAY });
    expect(screen.getAllByTestId('reopen-tag').map((button) => button.dataset.tag)).toEqual([
      'UTILITY',
      'HUMAN_AGENT',
      'CUSTOMER_FEEDBACK',
      'ACCOUNT_UPDATE',
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
    ]);
    // The usable route shows what it may carry; an unavailable one only its reason until asked.
    expect(document.getElementById('reopen-tag-detail-UTILITY')!.hidden).toBe(false);
    const reason = document.getElementById('reopen-tag-reason-ACCOUNT_UPDATE')!;
    expect(reason.textContent).toBe('Retired by Meta on April 27, 2026 — use a utility message instead');
    const detail = document.getElementById('reopen-tag-detail-ACCOUNT_UPDATE')!;
    expect(detail.hidden).toBe(true);
    const toggle = within(tagBox('ACCOUNT_UPDATE')).getByRole('button', { name: 'Details of Account update' });
    expect(toggle.textContent).toBe('Details');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(toggle.getAttribute('aria-controls')).toBe('reopen-tag-detail-ACCOUNT_UPDATE');
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(detail.hidden).toBe(false);
    expect(detail.textContent).toContain("What it's for");
    fireEvent.click(toggle);
    expect(detail.hidden).toBe(true);
  });

  test('before 27 April 2026 the retired tags were still usable', () => {
    open({ facts: facts({ customerLastMessageAt: C_BEFORE_RETIREMENT }), now: C_BEFORE_RETIREMENT + 9 * DAY });
    expect(tag('POST_PURCHASE_UPDATE').disabled).toBe(false);
    expect(tag('HUMAN_AGENT').disabled).toBe(true);
    expect(tagBox('HUMAN_AGENT').textContent).toContain("7 days have passed since the customer's last message");
  });

  test('closed: the 7-day tags are disabled and the utility route is preselected (templates are asked for)', () => {
    const { onNeedTemplates } = open({ now: C + 9 * DAY });
    expect(tag('HUMAN_AGENT').disabled).toBe(true);
    expect(tag('CUSTOMER_FEEDBACK').disabled).toBe(true);
    expect(tag('UTILITY').getAttribute('aria-pressed')).toBe('true');
    expect(onNeedTemplates).toHaveBeenCalled();
    expect(screen.getByText("Loading the Page's approved templates…")).toBeTruthy();
  });

  test('cooling down: every route disabled with when it ends', () => {
    const now = C + 3 * DAY;
    open({ now, facts: facts({ attempts: [{ at: now - 2 * HOUR, status: 'unknown' }] }) });
    for (const id of ROUTE_ORDER.slice(0, 3)) {
      expect(tag(id).disabled, id).toBe(true);
      expect(tagBox(id).textContent, id).toContain('Next one possible Jun 5, 2026, 8:00 AM');
    }
    expect(screen.getByTestId<HTMLButtonElement>('reopen-send').disabled).toBe(true);
  });

  test('in Spanish', () => {
    open({ locale: 'es' });
    expect(within(tagBox('HUMAN_AGENT')).getByText('Recomendada')).toBeTruthy();
    expect(tagBox('ACCOUNT_UPDATE').textContent).toContain('27 de abril de 2026');
    expect(screen.getByLabelText('Mensaje para el cliente')).toBeTruthy();
    expect(screen.getByTestId('reopen-send').textContent).toBe('Enviar');
  });
});

describe('a route that stops being available while selected', () => {
  /** The panel as InboxRoot draws it: the same panel, re-rendered with the facts of each re-read. */
  function openThenRerender(first: Partial<ReopenPanelProps>, then: Partial<ReopenPanelProps>) {
    const callbacks = { onSend: vi.fn(), onClose: vi.fn(), onNeedTemplates: vi.fn() };
    const base: ReopenPanelProps = {
      locale: 'en',
      now: C + 3 * DAY,
      facts: facts(),
      templates: { status: 'idle' },
      promoTerms: DEFAULT_PROMO_TERMS,
      sending: false,
      result: null,
      timeZone: 'UTC',
      ...callbacks,
    };
    const view = render(<ReopenPanel {...base} {...first} />);
    return { ...callbacks, rerender: () => view.rerender(<ReopenPanel {...base} {...then} />) };
  }
  const send = () => screen.getByTestId<HTMLButtonElement>('reopen-send');

  test('a cooldown starts (the send just went out): nothing selected, Send off, and why', () => {
    const now = C + 3 * DAY;
    const sent = { outcome: 'sent' as const, decidedBy: 'background' as const, nextAttemptAt: now + DAY };
    const { onSend, rerender } = openThenRerender({ now }, { now, facts: facts({ attempts: [{ at: now, status: 'sent' }] }), result: sent });
    type(screen.getByTestId('reopen-text'), 'Your parcel left today.');
    expect(send().disabled).toBe(false);
    rerender();
    expect(tag('HUMAN_AGENT').disabled).toBe(true);
    expect(screen.getAllByTestId('reopen-tag').filter((button) => button.getAttribute('aria-pressed') === 'true')).toEqual([]);
    expect(send().disabled).toBe(true);
    const why = document.getElementById(send().getAttribute('aria-describedby')!)!;
    expect(why.textContent).toBe('Nothing can be sent now: One reactivation per conversation every 24 hours. Next one possible Jun 5, 2026, 10:00 AM.');
    fireEvent.click(send());
    expect(onSend).not.toHaveBeenCalled();
    // The outcome of the send is still there.
    expect(screen.getByTestId('reopen-result').dataset.outcome).toBe('sent');
  });

  test('7 days pass with the survey selected: the recommended route (utility) is selected instead', () => {
    const { rerender } = openThenRerender({ now: C + 7 * DAY - HOUR }, { now: C + 7 * DAY });
    fireEvent.click(tag('CUSTOMER_FEEDBACK'));
    expect(tag('CUSTOMER_FEEDBACK').getAttribute('aria-pressed')).toBe('true');
    rerender();
    expect(tag('CUSTOMER_FEEDBACK').disabled).toBe(true);
    expect(tag('UTILITY').getAttribute('aria-pressed')).toBe('true');
    expect(tag('CUSTOMER_FEEDBACK').getAttribute('aria-pressed')).toBe('false');
    expect(send().disabled).toBe(false);
    expect(send().hasAttribute('aria-describedby')).toBe(false);
  });

  test('in Spanish', () => {
    const now = C + 3 * DAY;
    open({ locale: 'es', now, facts: facts({ attempts: [{ at: now - HOUR, status: 'sent' }] }) });
    expect(screen.getByText(/^No se puede enviar nada ahora: /)).toBeTruthy();
  });
});

describe('text route', () => {
  test('live count in code points against 2000, and a warning at the limit', () => {
    open();
    const text = screen.getByTestId('reopen-text');
    type(text, 'héllo 👍');
    expect(screen.getByText('7 / 2000 characters')).toBeTruthy();
    type(text, 'x'.repeat(2000));
    expect(screen.getByText(/2000 \/ 2000 characters/).textContent).toContain('Too long: Meta accepts at most 1999 characters.');
    expect(text.getAttribute('aria-invalid')).toBe('true');
  });

  test('sends one typed request for the selected tag', () => {
    const { onSend } = open();
    type(screen.getByTestId('reopen-text'), 'Your refund was approved today.');
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend).toHaveBeenCalledExactlyOnceWith({
      route: 'HUMAN_AGENT',
      content: { kind: 'text', text: 'Your refund was approved today.' },
      promoConfirmed: false,
    });
  });

  test('promotional wording is highlighted and needs the confirmation, which is sent along', () => {
    const { onSend } = open();
    type(screen.getByTestId('reopen-text'), 'Here is a discount code for you');
    expect(screen.getByText('discount', { selector: 'mark' })).toBeTruthy();
    const confirm = screen.getByLabelText<HTMLInputElement>("It isn't a promotion — send anyway");
    expect(confirm.required).toBe(true);
    expect(confirm.checked).toBe(false);
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend.mock.calls[0]![0].promoConfirmed).toBe(false);
    fireEvent.click(confirm);
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend.mock.calls[1]![0].promoConfirmed).toBe(true);
  });

  test('new flagged wording after confirming needs a new confirmation', () => {
    open();
    const text = screen.getByTestId('reopen-text');
    type(text, 'a discount');
    fireEvent.click(screen.getByRole('checkbox'));
    expect(screen.getByRole<HTMLInputElement>('checkbox').checked).toBe(true);
    type(text, 'a discount and a coupon');
    expect(screen.getByRole<HTMLInputElement>('checkbox').checked).toBe(false);
  });

  test('the send button is disabled while a send is in flight and says so', () => {
    const { onSend } = open({ sending: true });
    const send = screen.getByTestId<HTMLButtonElement>('reopen-send');
    expect(send.disabled).toBe(true);
    expect(send.textContent).toBe('Sending…');
    fireEvent.click(send);
    expect(onSend).not.toHaveBeenCalled();
  });
});

describe('customer feedback route', () => {
  test("Meta's limits show live and the template is sent as typed", () => {
    const { onSend } = open();
    fireEvent.click(tag('CUSTOMER_FEEDBACK'));
    expect(screen.queryByTestId('reopen-text')).toBeNull();
    const title = screen.getByLabelText('Title');
    type(title, 'x'.repeat(66));
    expect(screen.getByText('66 / 65')).toBeTruthy();
    expect(screen.getByText('Title: 65 characters at most.')).toBeTruthy();
    expect(title.getAttribute('aria-invalid')).toBe('true');
    type(title, 'Rate your experience');
    type(screen.getByLabelText('Button text'), 'Rate');
    type(screen.getByLabelText('Subtitle (optional)'), 'See www.example.com');
    expect(screen.getByText("Subtitle: links aren't allowed here.")).toBeTruthy();
    type(screen.getByLabelText('Subtitle (optional)'), 'It takes a minute');
    fireEvent.change(screen.getByLabelText('Question'), { target: { value: 'nps' } });
    type(screen.getByLabelText('Follow-up placeholder (optional)'), 'Tell us more');
    type(screen.getByLabelText('Privacy policy address'), 'https://shop.example/privacy');
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend).toHaveBeenCalledExactlyOnceWith({
      route: 'CUSTOMER_FEEDBACK',
      content: {
        kind: 'feedback',
        template: {
          title: 'Rate your experience',
          subtitle: 'It takes a minute',
          buttonTitle: 'Rate',
          question: { id: 'q1', type: 'nps', followUpPlaceholder: 'Tell us more' },
          privacyUrl: 'https://shop.example/privacy',
          expiresInDays: 1,
        },
      },
      promoConfirmed: false,
    });
  });

  test('after a blocked send, required fields left empty are marked', () => {
    open({ result: { outcome: 'blocked', decidedBy: 'preflight', reason: 'invalid_feedback', feedbackProblems: [{ field: 'title', problem: 'empty' }] } });
    fireEvent.click(tag('CUSTOMER_FEEDBACK'));
    expect(screen.getByText('Title: fill this in.')).toBeTruthy();
    expect(screen.getByTestId('reopen-result').textContent).toContain('Fix the survey fields marked above.');
  });
});

describe('utility route', () => {
  const templates: UtilityTemplate[] = [
    { name: 'order_update', language: 'en', status: 'APPROVED', category: 'UTILITY', parameterCount: 2, bodyText: 'Your order {{1}} is {{2}}.' },
    { name: 'order_update', language: 'es', status: 'APPROVED', category: 'UTILITY', parameterCount: 2, bodyText: 'Tu pedido {{1}} está {{2}}.' },
    { name: 'draft_notice', language: 'en', status: 'PENDING', category: 'UTILITY', parameterCount: 0, bodyText: 'Pending' },
  ];

  test('lists only APPROVED templates and asks for their parameters', () => {
    const { onSend } = open({ now: C + 9 * DAY, templates: { status: 'ready', templates } });
    const select = screen.getByLabelText<HTMLSelectElement>('Approved template');
    expect([...select.options].map((option) => option.textContent)).toEqual(['Choose a template', 'order_update (en)', 'order_update (es)']);
    fireEvent.change(select, { target: { value: select.options[2]!.value } });
    expect(screen.getByText('Tu pedido {{1}} está {{2}}.')).toBeTruthy();
    type(screen.getByLabelText('Value for parameter 1'), '#123');
    type(screen.getByLabelText('Value for parameter 2'), 'shipped');
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend).toHaveBeenCalledExactlyOnceWith({
      route: 'UTILITY',
      content: { kind: 'utility', templateName: 'order_update', language: 'es', parameters: ['#123', 'shipped'] },
      promoConfirmed: false,
    });
  });

  test('no approved template: says how to get one, and reloads on request', () => {
    const { onNeedTemplates } = open({ now: C + 9 * DAY, templates: { status: 'ready', templates: [templates[2]!] } });
    expect(screen.getByText(/no approved utility templates yet/)).toBeTruthy();
    onNeedTemplates.mockClear();
    fireEvent.click(screen.getByRole('button', { name: 'Reload templates' }));
    expect(onNeedTemplates).toHaveBeenCalledOnce();
  });

  test('a listing error is explained', () => {
    open({ now: C + 9 * DAY, templates: { status: 'error', error: { kind: 'permission_denied', retryable: false, code: 10 } } });
    expect(screen.getByText(/lacks a permission it needs/)).toBeTruthy();
  });
});

describe('outcomes', () => {
  test('sent: when the next attempt is possible', () => {
    open({ result: { outcome: 'sent', decidedBy: 'background', nextAttemptAt: C + 4 * DAY } });
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.outcome).toBe('sent');
    expect(result.textContent).toBe('Sent. Wait for the customer to reply; next attempt possible at Jun 5, 2026, 10:00 AM.');
  });

  test('blocked: why, with the time for a cooldown', () => {
    open({ result: { outcome: 'blocked', decidedBy: 'preflight', reason: 'cooldown', until: C + 4 * DAY } });
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.outcome).toBe('blocked');
    expect(result.textContent).toContain('Not sent: One reactivation per conversation every 24 hours. Next one possible Jun 5, 2026, 10:00 AM.');
  });

  test('failed: Meta error code and subcode as attributes, explanation and next step in words', () => {
    open({ result: { outcome: 'failed', decidedBy: 'background', error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 } } });
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.outcome).toBe('failed');
    expect(result.dataset.errorCode).toBe('10');
    expect(result.dataset.errorSubcode).toBe('2018278');
    expect(result.textContent).toContain('Not sent: Meta refused the message because the conversation is outside the time it allows');
    expect(result.textContent).toContain('Wait for the customer to write again');
  });

  test('failed without a subcode carries only the code', () => {
    open({ result: { outcome: 'failed', decidedBy: 'background', error: { kind: 'tag_retired', retryable: false, code: 100 } } });
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.errorCode).toBe('100');
    expect(result.hasAttribute('data-error-subcode')).toBe(false);
  });

  test('unknown: never "try again": Reopen will check the conversation', () => {
    open({ result: { outcome: 'unknown', decidedBy: 'background' } });
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.outcome).toBe('unknown');
    expect(result.textContent).toBe('Meta did not say whether it was delivered; Reopen will check the conversation.');
  });

  test('the outcome is announced: it lives in a polite status region', () => {
    open({ result: { outcome: 'sent', decidedBy: 'background' } });
    const live = screen.getByRole('status');
    expect(live.getAttribute('aria-live')).toBe('polite');
    expect(live.contains(screen.getByTestId('reopen-result'))).toBe(true);
  });

  test('in Spanish', () => {
    open({ locale: 'es', result: { outcome: 'unknown', decidedBy: 'background' } });
    expect(screen.getByTestId('reopen-result').textContent).toContain('Meta no dijo si se entregó; Reopen revisará la conversación.');
  });
});

describe('after a send', () => {
  function sendThen(result: ReopenPanelProps['result']) {
    const callbacks = { onSend: vi.fn(), onClose: vi.fn(), onNeedTemplates: vi.fn() };
    const base: ReopenPanelProps = {
      locale: 'en',
      now: C + 3 * DAY,
      facts: facts(),
      templates: { status: 'idle' },
      promoTerms: DEFAULT_PROMO_TERMS,
      sending: false,
      result: null,
      timeZone: 'UTC',
      ...callbacks,
    };
    const view = render(<ReopenPanel {...base} />);
    screen.getByTestId('reopen-send').focus();
    view.rerender(<ReopenPanel {...base} sending />);
    view.rerender(<ReopenPanel {...base} result={result} />);
  }

  test('the outcome is scrolled into view and, as Send was disabled meanwhile, takes the focus', () => {
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    try {
      sendThen({ outcome: 'failed', decidedBy: 'background', error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 } });
      const result = screen.getByTestId('reopen-result');
      expect(scrolled).toHaveBeenCalledWith({ block: 'nearest' });
      expect(scrolled.mock.contexts.at(-1)).toBe(result);
      expect(document.activeElement).toBe(result);
    } finally {
      scrolled.mockRestore();
    }
  });

  test('a panel opened again on an earlier outcome neither scrolls nor takes the focus from its title', () => {
    const scrolled = vi.spyOn(HTMLElement.prototype, 'scrollIntoView').mockImplementation(() => undefined);
    try {
      open({ result: { outcome: 'sent', decidedBy: 'background' } });
      expect(scrolled).not.toHaveBeenCalled();
      expect(document.activeElement?.textContent).toBe('Reopen this conversation');
    } finally {
      scrolled.mockRestore();
    }
  });
});

describe('keyboard', () => {
  test('focus moves into the panel when it opens; Escape closes it', () => {
    const { onClose } = open();
    expect(document.activeElement?.textContent).toBe('Reopen this conversation');
    fireEvent.keyDown(screen.getByTestId('reopen-text'), { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  test('every control is labelled', () => {
    open();
    fireEvent.click(tag('CUSTOMER_FEEDBACK'));
    const panel = screen.getByTestId('reopen-panel');
    for (const control of panel.querySelectorAll('input, select, textarea')) {
      expect(control.id && panel.querySelector(`label[for="${control.id}"]`), control.outerHTML).toBeTruthy();
    }
    for (const button of panel.querySelectorAll('button')) {
      expect((button.getAttribute('aria-label') ?? button.textContent ?? '').trim(), button.outerHTML).not.toBe('');
    }
  });
});

describe('reconciling an unknown send', () => {
  const SENT_AT = C + 3 * DAY;
  const NOW = SENT_AT + 10 * 60_000;
  const unknownAttempt = (
    state: 'checking' | 'found' | 'not_found' | 'unchecked',
    reads: number,
    extra: { lastReadAfterMs?: number; lastReadFailed?: boolean; unrecognisable?: boolean } = {},
  ) => ({
    requestId: 'first',
    at: SENT_AT,
    route: 'HUMAN_AGENT' as const,
    status: state === 'found' ? ('sent' as const) : ('unknown' as const),
    reconciliation: { state, reads, ...extra },
  });
  const factsWith = (status: 'unknown' | 'sent', resendable: boolean) =>
    facts({ attempts: [{ at: SENT_AT, status, requestId: 'first', ...(resendable ? { resendable: true } : {}) }] });

  test('checking: says so with how many reads are done; Send stays off (the cooldown holds)', () => {
    open({ now: NOW, facts: factsWith('unknown', false), attempts: [unknownAttempt('checking', 1)] });
    const status = screen.getByTestId('reopen-reconcile');
    expect(status.dataset.state).toBe('checking');
    expect(status.textContent).toContain('Reopen is checking the conversation for your message (1 of 5 checks done; it checks until an hour after sending).');
    expect(screen.getByTestId<HTMLButtonElement>('reopen-send').disabled).toBe(true);
    expect(screen.queryByTestId('reopen-send-again')).toBeNull();
  });

  test('found: delivered, nothing to send again', () => {
    open({ now: NOW, facts: factsWith('sent', false), attempts: [unknownAttempt('found', 1)] });
    expect(screen.getByTestId('reopen-reconcile').textContent).toContain('Reopen found your message in the conversation: it was delivered.');
    expect(screen.queryByTestId('reopen-send-again')).toBeNull();
  });

  test('not found: the explicit "It did not arrive — send again", confirmed knowing the risk, sends a new attempt naming the first', () => {
    const { onSend } = open({ now: NOW, facts: factsWith('unknown', true), attempts: [unknownAttempt('not_found', 5, { lastReadAfterMs: 3_600_000 })] });
    expect(screen.getByTestId('reopen-reconcile').textContent).toContain('your message is not there: it did not arrive.');
    expect(screen.queryByTestId('reopen-send')).toBeNull();
    type(screen.getByTestId('reopen-text'), 'Hi again, as promised: your refund is on its way.');
    const again = screen.getByRole('button', { name: 'It did not arrive — send again' });
    expect(again.dataset.testid).toBe('reopen-send-again');
    fireEvent.click(again);
    // Nothing is sent yet: the panel names the risk and the focus moves to the confirmation.
    expect(onSend).not.toHaveBeenCalled();
    const confirm = screen.getByRole('group', { name: 'Your first message may still arrive late: if it does, the customer gets it twice. Send it again?' });
    const yes = within(confirm).getByRole('button', { name: 'Send again anyway' });
    expect(document.activeElement).toBe(yes);
    fireEvent.click(yes);
    expect(onSend).toHaveBeenCalledExactlyOnceWith(
      { route: 'HUMAN_AGENT', content: { kind: 'text', text: 'Hi again, as promised: your refund is on its way.' }, promoConfirmed: false },
      'first',
    );
  });

  test('the confirmation is keyboard-usable: Escape (or Cancel) sends nothing and gives the focus back', () => {
    const { onSend } = open({ now: NOW, facts: factsWith('unknown', true), attempts: [unknownAttempt('not_found', 5, { lastReadAfterMs: 3_600_000 })] });
    type(screen.getByTestId('reopen-text'), 'Hi again.');
    fireEvent.click(screen.getByTestId('reopen-send-again'));
    fireEvent.keyDown(screen.getByTestId('reopen-send-again-yes'), { key: 'Escape' });
    expect(screen.queryByTestId('reopen-send-again-confirm')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('reopen-send-again'));
    // Escape closed the confirmation, not the panel.
    expect(screen.getByTestId('reopen-reconcile')).toBeTruthy();
    fireEvent.click(screen.getByTestId('reopen-send-again'));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(document.activeElement).toBe(screen.getByTestId('reopen-send-again'));
    expect(onSend).not.toHaveBeenCalled();
  });

  test('still checking after the 10-minute read found nothing: says so, and offers the resend while the reads go on', () => {
    open({ now: NOW, facts: factsWith('unknown', true), attempts: [unknownAttempt('checking', 4, { lastReadAfterMs: 600_000 })] });
    expect(screen.getByTestId('reopen-reconcile').textContent).toContain(
      'Not in the conversation 10 minutes after sending (4 of 5 checks done). Meta sometimes shows a message late: Reopen keeps checking until an hour after sending.',
    );
    expect(screen.getByTestId('reopen-send-again')).toBeTruthy();
  });

  test('a first message that arrived after its resend is said plainly: the customer got it twice', () => {
    const resend = { requestId: 'again', at: SENT_AT + 11 * 60_000, route: 'HUMAN_AGENT' as const, status: 'sent' as const, retryOf: 'first' };
    const first = { ...unknownAttempt('found', 5, { lastReadAfterMs: 3_600_000 }), doubleDelivery: { messageId: 'm_1', foundAt: SENT_AT + 3_600_000 } };
    open({ now: SENT_AT + 3_600_000, facts: factsWith('sent', false), attempts: [resend, first] });
    expect(screen.getByTestId('reopen-double-delivery').textContent).toMatch(/arrived late, after it was sent again: the customer got it twice\.$/);
  });

  test('a survey Reopen cannot be sure to recognise: "look at the conversation first", never "it did not arrive"', () => {
    const survey = { ...unknownAttempt('unchecked', 5, { lastReadAfterMs: 3_600_000, unrecognisable: true }), route: 'CUSTOMER_FEEDBACK' as const };
    open({ now: NOW, facts: factsWith('unknown', true), attempts: [survey] });
    const words = screen.getByTestId('reopen-reconcile').textContent ?? '';
    expect(words).toContain('Look at the conversation in Business Suite before sending it again.');
    expect(words).not.toContain('it did not arrive');
  });

  test('in Spanish', () => {
    open({ locale: 'es', now: NOW, facts: factsWith('unknown', true), attempts: [unknownAttempt('unchecked', 5, { lastReadAfterMs: 3_600_000 })] });
    expect(screen.getByTestId('reopen-reconcile').textContent).toContain('Reopen no pudo leer la conversación para comprobarlo.');
    fireEvent.click(screen.getByRole('button', { name: 'No llegó — enviar de nuevo' }));
    expect(
      screen.getByRole('group', { name: 'Tu primer mensaje aún puede llegar tarde: si llega, el cliente lo recibe dos veces. ¿Enviarlo de nuevo?' }),
    ).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Enviar de nuevo de todos modos' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Cancelar' })).toBeTruthy();
  });
});
