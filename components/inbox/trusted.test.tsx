import { cleanup, fireEvent, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { RecipientView } from '../../lib/threads/view';
import { CandidateList } from './CandidateList';
import { ExpiryBanner } from './ExpiryBanner';
import type { ReopenPanelProps } from './ReopenPanel';
import { openPanel } from '../../tests/support/panel';
import { C, DAY, facts, installBothCatalogs } from '../../tests/support/inbox';
import { untrustedCheck, untrustedClick } from '../../tests/support/untrusted';

// Issue 19: the inbox UI is in open shadow roots, so a script of the host page can reach it. A send and every
// confirmation that leads to one act only on the agent's own input (an event the browser marks trusted); the same
// control still works for a real click (fireEvent here stands for one: tests/setup-dom-events.ts).

installBothCatalogs();
afterEach(cleanup);

const NOW = C + 3 * DAY;

const open = (over: Partial<ReopenPanelProps> = {}) => openPanel(NOW, over);

const type = (element: Element, value: string) => fireEvent.input(element, { target: { value } });

describe('a page script cannot drive a send', () => {
  test('a synthetic click on Send sends nothing; the agent’s click sends once', () => {
    const { onSend } = open();
    type(screen.getByTestId('reopen-text'), 'Your refund was approved today.');
    untrustedClick(screen.getByTestId('reopen-send'));
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend).toHaveBeenCalledOnce();
  });

  test('a synthetic tick of the promotion confirmation confirms nothing, and the box does not stay ticked', () => {
    const { onSend } = open();
    type(screen.getByTestId('reopen-text'), 'Here is a discount code for you');
    const confirm = screen.getByRole<HTMLInputElement>('checkbox');
    untrustedCheck(confirm);
    expect(confirm.checked).toBe(false);
    fireEvent.click(screen.getByTestId('reopen-send'));
    expect(onSend.mock.calls[0]![0].promoConfirmed).toBe(false);
  });

  test('"send again" and its confirmation ignore synthetic clicks', () => {
    const sentAt = NOW - 20 * 60_000;
    const { onSend } = open({
      facts: facts({ attempts: [{ at: sentAt, status: 'unknown', requestId: 'first', resendable: true }] }),
      attempts: [
        {
          requestId: 'first',
          at: sentAt,
          route: 'HUMAN_AGENT',
          status: 'unknown',
          reconciliation: { state: 'not_found', reads: 5, lastReadAfterMs: 3_600_000 },
        },
      ],
    });
    type(screen.getByTestId('reopen-text'), 'Hi again.');
    untrustedClick(screen.getByTestId('reopen-send-again'));
    expect(screen.queryByTestId('reopen-send-again-confirm')).toBeNull();
    fireEvent.click(screen.getByTestId('reopen-send-again'));
    const yes = within(screen.getByTestId('reopen-send-again-confirm')).getByTestId('reopen-send-again-yes');
    untrustedClick(yes);
    expect(onSend).not.toHaveBeenCalled();
    fireEvent.click(yes);
    expect(onSend).toHaveBeenCalledOnce();
  });
});

describe('a page script cannot pick the person', () => {
  const unproven: RecipientView = {
    proof: 'none',
    lastCustomerText: 'Perfect, see you then',
    customerLastMessageAt: C,
    candidates: [{ psid: '7002', name: 'Ana Ruiz', lastCustomerText: 'Perfect, see you then', customerLastMessageAt: C }],
  };

  test('in the panel: a synthetic click on "Yes, message …" chooses nobody', () => {
    const onChoose = vi.fn();
    open({ recipient: { psid: '7002', name: 'Ana Ruiz', view: unproven, choosing: false, onChoose } });
    const candidate = screen.getByTestId('reopen-candidate');
    untrustedClick(candidate);
    expect(onChoose).not.toHaveBeenCalled();
    fireEvent.click(candidate);
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('7002');
  });

  test('in the banner: a synthetic click on a candidate chooses nobody', () => {
    const onChoose = vi.fn();
    render(
      <ExpiryBanner
        locale="en"
        now={C}
        model={{ kind: 'unresolved', reason: 'ambiguous', candidates: [{ psid: '7001', name: 'Maria Lopez' }] }}
        floating={false}
        panelOpen={false}
        choosing={false}
        timeZone="UTC"
        onOpenPanel={vi.fn()}
        onRetry={vi.fn()}
        onOpenOptions={vi.fn()}
        onChoose={onChoose}
        candidateList={CandidateList}
      />,
    );
    const candidate = screen.getByTestId('reopen-candidate');
    untrustedClick(candidate);
    expect(onChoose).not.toHaveBeenCalled();
    fireEvent.click(candidate);
    expect(onChoose).toHaveBeenCalledExactlyOnceWith('7001');
  });
});
