import { describe, expect, it, vi } from 'vitest';
import { isRowsChangedMessage, ROWS_CHANGED_MESSAGE, tellInboxTabs } from '../messaging/rows-changed';
import { changesRowFacts, pagesWithLabelChanges } from './row-changes';

// The inbox tabs hear of a thread write only when it may change a row's badge: a send, a customer's new message.

const thread = (customerAt: number, attempts: { requestId: string; status: string; at: number }[] = []) => ({
  pageId: 'p',
  psid: '1',
  facts: { customerLastMessageAt: customerAt, pageLastMessageAt: null, checkedAt: 5 },
  attempts,
});

describe('changesRowFacts', () => {
  it('a send or a customer message changes a row; a read again with the same facts, or another key, does not', () => {
    const before = thread(1000);
    expect(changesRowFacts({ 'thread:p:1': { oldValue: before, newValue: { ...thread(1000), facts: { ...before.facts, checkedAt: 9 } } } })).toBe(false);
    expect(changesRowFacts({ 'thread:p:1': { oldValue: before, newValue: thread(1000, [{ requestId: 'r', status: 'pending', at: 2000 }]) } })).toBe(true);
    expect(
      changesRowFacts({
        'thread:p:1': {
          oldValue: thread(1000, [{ requestId: 'r', status: 'pending', at: 2000 }]),
          newValue: thread(1000, [{ requestId: 'r', status: 'sent', at: 2000 }]),
        },
      }),
    ).toBe(true);
    expect(changesRowFacts({ 'thread:p:1': { oldValue: before, newValue: thread(3000) } })).toBe(true);
    expect(changesRowFacts({ 'thread:p:2': { newValue: thread(3000) } })).toBe(true);
    expect(changesRowFacts({ settings: { oldValue: {}, newValue: { closesSoonMinutes: 30 } } })).toBe(false);
  });
});

describe('rows.changed', () => {
  it('is told to every Business Suite tab; a tab without the content script is no error', async () => {
    const sendMessage = vi.fn(async (id: number) => {
      if (id === 2) throw new Error('Could not establish connection');
    });
    const told = await tellInboxTabs({ query: async () => [{ id: 1 }, { id: 2 }, {}], sendMessage });
    expect(told).toBe(1);
    expect(sendMessage).toHaveBeenCalledWith(1, ROWS_CHANGED_MESSAGE);
  });

  it('is taken only from this extension’s background, in its exact shape', () => {
    expect(isRowsChangedMessage({ type: 'rows.changed' }, { id: 'ext' }, 'ext')).toBe(true);
    expect(isRowsChangedMessage({ type: 'rows.changed' }, { id: 'ext', tab: {} }, 'ext')).toBe(false);
    expect(isRowsChangedMessage({ type: 'rows.changed' }, { id: 'other' }, 'ext')).toBe(false);
    expect(isRowsChangedMessage({ type: 'rows.changed', extra: 1 }, { id: 'ext' }, 'ext')).toBe(false);
  });
});

describe('pagesWithLabelChanges', () => {
  it('wakes the label sync of a Page whose thread got a send, a customer message or a block; not for a read again', () => {
    const before = thread(1000);
    expect(pagesWithLabelChanges({ 'thread:p:1': { oldValue: before, newValue: { ...thread(1000), facts: { ...before.facts, checkedAt: 9 } } } })).toEqual(
      new Set(),
    );
    expect(pagesWithLabelChanges({ 'thread:p:1': { oldValue: before, newValue: thread(1000, [{ requestId: 'r', status: 'sent', at: 2000 }]) } })).toEqual(
      new Set(['p']),
    );
    expect(pagesWithLabelChanges({ 'thread:q:2': { oldValue: before, newValue: thread(3000) } })).toEqual(new Set(['q']));
    const blocked = { ...thread(1000), block: { scope: 'person', code: 551, kind: 'not_receiving', since: 1500 } };
    expect(pagesWithLabelChanges({ 'thread:p:1': { oldValue: before, newValue: blocked } })).toEqual(new Set(['p']));
    expect(pagesWithLabelChanges({ settings: { oldValue: 1, newValue: 2 }, 'pageblock:p': { newValue: {} } })).toEqual(new Set());
  });
});
