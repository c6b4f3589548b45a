// The inbox store and the pane (issue 19): a person found by name is judged again when the pane changes, and the
// panel's send never leaves for a person not proven. The background is mocked at the `ask` boundary.
import { describe, expect, test, vi } from 'vitest';
import { storeWithPanel } from '../../tests/support/inbox-store';
import type { Ask } from '../messaging/client';
import type { RequestOf, RequestType } from '../messaging/protocol';
import type { PaneReading } from '../inbox/schema';
import type { RecipientView } from '../threads/view';
import { parseInboxUrl } from '../inbox/url';
import { C, DAY, facts, resolvedThread } from '../../tests/support/inbox';

const URL_A = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&selected_item_id=100029016673099&thread_type=FB_MESSAGE';
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
const pane = (...texts: string[]): PaneReading => ({ status: 'read', readAt: C, messages: texts.map((text) => ({ text })) });

function setup(recipient: RecipientView) {
  const calls: RequestOf<RequestType>[] = [];
  const ask = vi.fn(async (request: RequestOf<RequestType>) => {
    calls.push(request);
    if (request.type === 'thread.get') return resolvedThread(facts(), { recipient });
    return { requestId: 'x', outcome: 'sent', at: C };
  }) as unknown as Ask;
  const store = storeWithPanel({
    ask,
    now: () => C + 3 * DAY,
    newRequestId: () => '00000000-0000-4000-8000-000000000001',
    browserLanguage: 'en-US',
  });
  const of = <T extends RequestType>(type: T) => calls.filter((call) => call.type === type) as RequestOf<T>[];
  return { store, of };
}

const send = { route: 'HUMAN_AGENT', content: { kind: 'text', text: 'We found your parcel.' }, promoConfirmed: false } as const;

describe('the pane and the recipient in the inbox store', () => {
  test('new visible messages re-ask for a person found by name, with the pane; the same messages do not', async () => {
    const { store, of } = setup({ proof: 'pane' });
    store.actions.showPane(pane('Any news?'));
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get')).toHaveLength(1);
    store.actions.showPane(pane('Any news?'));
    await flush();
    expect(of('thread.get')).toHaveLength(1);
    store.actions.showPane(pane('Any news?', 'Hello?'));
    await flush();
    expect(of('thread.get')).toHaveLength(2);
    expect(of('thread.get')[1]!.pane).toEqual(pane('Any news?', 'Hello?'));
  });

  test('a person proven by the page’s id is not asked about again when the pane changes', async () => {
    const { store, of } = setup({ proof: 'psid' });
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    store.actions.showPane(pane('Hello?'));
    await flush();
    expect(of('thread.get')).toHaveLength(1);
  });

  test('the pane reported before the conversation goes with its first ask', async () => {
    const { store, of } = setup({ proof: 'pane' });
    store.actions.showPane(pane('Any news?'));
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    expect(of('thread.get')).toEqual([expect.objectContaining({ pane: pane('Any news?') })]);
  });

  test('a switch whose pane already shows the new conversation asks once, with that pane, not with the previous one', async () => {
    const URL_B = URL_A.replace('100029016673099', '100029016673100');
    const { store, of } = setup({ proof: 'pane' });
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez', undefined, pane('Any news?'));
    await flush();
    expect(of('thread.get')).toHaveLength(1);
    store.actions.showConversation(parseInboxUrl(URL_B), 'Bruno Diaz', undefined, pane('Is my order ready?'));
    await flush();
    expect(of('thread.get')).toHaveLength(2);
    expect(of('thread.get')[1]).toMatchObject({ selectedItemId: '100029016673100', displayName: 'Bruno Diaz', pane: pane('Is my order ready?') });
    // The pane not rendered yet (null) goes too: no messages of the previous conversation are sent with the new one.
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez', undefined, null);
    await flush();
    expect(of('thread.get')).toHaveLength(3);
    expect(of('thread.get')[2]!.pane).toBeUndefined();
  });

  test('an unproven person: the send is refused before anything leaves the tab', async () => {
    const { store, of } = setup({ proof: 'none' });
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    await store.actions.send(send);
    expect(of('reopen.send')).toEqual([]);
    expect(store.getState().result).toMatchObject({ outcome: 'blocked', decidedBy: 'preflight', reason: 'recipient_unproven' });
  });

  test('a proven person: the send names the conversation it comes from', async () => {
    const { store, of } = setup({ proof: 'chosen' });
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    await store.actions.send(send);
    expect(of('reopen.send')).toEqual([expect.objectContaining({ psid: '7001', selectedItemId: '100029016673099' })]);
  });

  test('the agent’s choice wins over a read the pane asked for while the choice was on its way', async () => {
    let release: (value: unknown) => void = () => undefined;
    const asks: string[] = [];
    const ask = vi.fn(async (request: RequestOf<RequestType>) => {
      asks.push(request.type);
      if (request.type === 'thread.choose') return resolvedThread(facts(), { recipient: { proof: 'chosen' } });
      // The second read (asked by the pane) answers late, with what the background knew before the choice.
      if (asks.filter((type) => type === 'thread.get').length === 2) return new Promise((resolve) => (release = resolve));
      return resolvedThread(facts(), { recipient: { proof: 'none' } });
    }) as unknown as Ask;
    const store = storeWithPanel({
      ask,
      now: () => C + 3 * DAY,
      newRequestId: () => '00000000-0000-4000-8000-000000000001',
      browserLanguage: 'en-US',
    });
    store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
    await flush();
    store.actions.showPane(pane('Hello?'));
    await store.actions.choose('7001');
    release(resolvedThread(facts(), { recipient: { proof: 'none' } }));
    await flush();
    expect(store.getState().thread).toMatchObject({ recipient: { proof: 'chosen' } });
  });
});
