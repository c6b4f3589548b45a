import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { storeWithPanel } from '../../tests/support/inbox-store';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { StopBlock } from '../../lib/storage/schema';
import type { SendResult } from '../../lib/conversation/inbox-store';
import { parseInboxUrl } from '../../lib/inbox/url';
import type { Ask } from '../../lib/messaging/client';
import type { RequestOf, RequestType } from '../../lib/messaging/protocol';
import type { ReopenPanelProps } from './ReopenPanel';
import { ReopenResult } from './ReopenResult';
import { openPanel } from '../../tests/support/panel';
import { C, DAY, HOUR, facts, installBothCatalogs, resolvedThread, stringsAnswer } from '../../tests/support/inbox';

// Refusals that mean stop, as the agent sees them in the inbox: the panel shows the block as soon as it opens, Send is
// marked unavailable yet still answers `blocked` if clicked (the background refuses it before any Graph call), and the
// outcome carries
// data-outcome="blocked" data-block="person|page" with why and until when, in English and Spanish. The background
// decides on the stored blocks (shared by every tab), so a block cleared since the tab read the thread does not hold.

installBothCatalogs();
afterEach(cleanup);

const NOW = C + 3 * DAY;
const PAGE_BLOCK: StopBlock = {
  scope: 'page',
  code: 10,
  subcode: 1893063,
  kind: 'page_restricted',
  metaMessage: 'You are temporarily restricted from sending messages.',
  since: NOW - HOUR,
  requestId: 'r1',
};
const PERSON_BLOCK: StopBlock = {
  scope: 'person',
  code: 613,
  subcode: 2018338,
  kind: 'tag_rate_abuse',
  metaMessage: 'Abusive tag rate',
  since: NOW - HOUR,
  requestId: 'r2',
};

const open = (over: Partial<ReopenPanelProps> = {}) => openPanel(NOW, over);

const resultOf = () => screen.getByTestId('reopen-result');

describe('the panel on a blocked conversation', () => {
  test("a Page block shows at once, with Meta's words and since when; Send is marked unavailable but still answers", () => {
    const { onSend } = open({ block: PAGE_BLOCK });
    const notice = screen.getByTestId('reopen-stop');
    expect(notice.dataset.block).toBe('page');
    expect(notice.textContent).toContain('Meta restricted this Page from sending');
    expect(notice.textContent).toContain("nothing can be sent from it until a manager clears the block in Reopen's popup");
    expect(notice.textContent).toContain('“You are temporarily restricted from sending messages.” (error 10/1893063)');
    const send = screen.getByTestId('reopen-send');
    expect(send.getAttribute('aria-disabled')).toBe('true');
    expect(send.getAttribute('aria-describedby')).toBe('reopen-stop-why');
    fireEvent.input(screen.getByTestId('reopen-text'), { target: { value: 'Hi, your order shipped.' } });
    fireEvent.click(send);
    expect(onSend).toHaveBeenCalledTimes(1);
  });

  test("a person's block with Meta's time says until when (Spanish)", () => {
    open({ locale: 'es', block: { ...PERSON_BLOCK, until: Date.parse('2026-06-04T12:00:00Z') } });
    const notice = screen.getByTestId('reopen-stop');
    expect(notice.dataset.block).toBe('person');
    expect(notice.textContent).toContain('Meta pidió dejar de escribir a esta persona');
    expect(notice.textContent).toContain('espera a que vuelva a escribir a la página, o hasta el');
    expect(notice.textContent).toContain('(error 613/2018338)');
  });

  test('no block: no notice, Send as usual', () => {
    open();
    expect(screen.queryByTestId('reopen-stop')).toBeNull();
    expect(screen.getByTestId('reopen-send').getAttribute('aria-disabled')).toBeNull();
  });
});

describe('the outcome', () => {
  const show = (result: SendResult, locale: 'en' | 'es' = 'en') => render(<ReopenResult locale={locale} sending={false} result={result} timeZone="UTC" />);

  test('blocked by the Page block: data-outcome="blocked" data-block="page", why, and Meta’s words', () => {
    show({ outcome: 'blocked', decidedBy: 'background', reason: 'page_blocked', block: PAGE_BLOCK });
    expect(resultOf().dataset.outcome).toBe('blocked');
    expect(resultOf().dataset.block).toBe('page');
    expect(resultOf().textContent).toContain('Not sent: Meta has restricted this Page from sending messages');
    expect(resultOf().textContent).toContain('You are temporarily restricted from sending messages.');
  });

  test('blocked by a person block, in Spanish, with Meta’s time', () => {
    show(
      { outcome: 'blocked', decidedBy: 'background', reason: 'person_blocked', block: { ...PERSON_BLOCK, until: Date.parse('2026-06-04T12:00:00Z') } },
      'es',
    );
    expect(resultOf().dataset.block).toBe('person');
    expect(resultOf().textContent).toContain('No enviado: Meta pidió a esta página que deje de enviar mensajes con etiqueta a esta persona');
    expect(resultOf().textContent).toContain('o hasta el');
  });

  test('the refusal that starts a block says the block now holds', () => {
    show({
      outcome: 'failed',
      decidedBy: 'background',
      error: { kind: 'not_receiving', retryable: false, code: 551 },
      block: { ...PERSON_BLOCK, code: 551, subcode: undefined, kind: 'not_receiving' },
    });
    expect(resultOf().dataset.outcome).toBe('failed');
    expect(resultOf().dataset.block).toBe('person');
    expect(resultOf().textContent).toContain('Reopen will not send tagged messages to this person until they write to the Page again.');
  });

  test('a refusal that is not a stop carries no data-block', () => {
    show({ outcome: 'failed', decidedBy: 'background', error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 } });
    expect(resultOf().dataset.block).toBeUndefined();
  });
});

describe('the inbox store', () => {
  const URL = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&selected_item_id=100029016673099&thread_type=FB_MESSAGE';
  const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

  test("a block the thread view carries does not decide in the tab: the background's answer (on the stored blocks) is shown", async () => {
    const calls: RequestOf<RequestType>[] = [];
    let cleared = false;
    const ask = vi.fn(async (request: RequestOf<RequestType>) => {
      calls.push(request);
      if (request.type === 'ui.strings') return stringsAnswer('en');
      if (request.type === 'reopen.send') {
        return cleared
          ? { requestId: request.requestId, outcome: 'sent', at: NOW }
          : { requestId: request.requestId, outcome: 'blocked', at: NOW, reason: 'page_blocked', block: PAGE_BLOCK };
      }
      return resolvedThread(facts(), cleared ? {} : { pageBlock: PAGE_BLOCK });
    }) as unknown as Ask;
    let ids = 0;
    const store = storeWithPanel({
      ask,
      now: () => NOW,
      newRequestId: () => `00000000-0000-4000-8000-00000000000${++ids}`,
      browserLanguage: 'en-US',
    });
    store.actions.showConversation(parseInboxUrl(URL), 'Maria Lopez');
    await flush();
    await store.actions.send({ route: 'HUMAN_AGENT', content: { kind: 'text', text: 'Hola' }, promoConfirmed: false });
    expect(store.getState().result).toMatchObject({ outcome: 'blocked', reason: 'page_blocked', block: { scope: 'page', subcode: 1893063 } });
    // A manager cleared the block in the popup since this tab read the thread: the next click goes out at once.
    cleared = true;
    await store.actions.send({ route: 'HUMAN_AGENT', content: { kind: 'text', text: 'Hola' }, promoConfirmed: false });
    expect(store.getState().result).toMatchObject({ outcome: 'sent' });
    expect(calls.filter((call) => call.type === 'reopen.send')).toHaveLength(2);
  });
});
