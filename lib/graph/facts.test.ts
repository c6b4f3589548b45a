import { describe, expect, it } from 'vitest';
import { customerFacts, parseGraphTime } from './facts';
import type { ConversationSummary } from './types';

describe('parseGraphTime', () => {
  it.each([
    ['2022-07-12T19:11:07+0000', Date.UTC(2022, 6, 12, 19, 11, 7)],
    ['2022-07-12T19:11:07+00:00', Date.UTC(2022, 6, 12, 19, 11, 7)],
    ['2022-07-12T19:11:07Z', Date.UTC(2022, 6, 12, 19, 11, 7)],
    ['2022-07-12T21:11:07+0200', Date.UTC(2022, 6, 12, 19, 11, 7)],
    ['2022-07-12T14:41:07-0430', Date.UTC(2022, 6, 12, 19, 11, 7)],
    ['2026-04-26T23:59:59.250+0000', Date.UTC(2026, 3, 26, 23, 59, 59, 250)],
    ['2024-02-29T00:00:00+0000', Date.UTC(2024, 1, 29)],
  ])('reads %s', (text, expected) => {
    expect(parseGraphTime(text)).toBe(expected);
  });

  it.each([
    '',
    'yesterday',
    '2022-07-12',
    '2022-07-12 19:11:07+0000',
    '2022-13-01T00:00:00+0000',
    '2023-02-29T00:00:00+0000',
    '2022-07-12T19:11:07',
    '1657653067',
  ])('refuses %j', (text) => {
    expect(parseGraphTime(text)).toBeNull();
  });
});

const PAGE = '100200300';
const hour = 3_600_000;
const T = Date.UTC(2026, 5, 1, 12);

function conversation(
  messages: Array<[from: string, at: number]>,
  participants = [
    { id: '9001', name: 'Ana Pérez' },
    { id: PAGE, name: 'Acme' },
  ],
): ConversationSummary {
  return {
    id: 't_1',
    updatedTime: T,
    snippet: null,
    participants,
    messages: messages.map(([from, at], index) => ({
      id: `m${index}`,
      createdTime: at,
      fromId: from,
      fromName: from === PAGE ? 'Acme' : 'Ana Pérez',
      text: 'x',
    })),
  };
}

describe('customerFacts', () => {
  it("takes C from the customer's newest message and ignores the Page's later replies", () => {
    const facts = customerFacts(
      conversation([
        [PAGE, T],
        ['9001', T - 30 * hour],
        [PAGE, T - 31 * hour],
        ['9001', T - 40 * hour],
      ]),
      PAGE,
    );
    expect(facts).toEqual({ psid: '9001', customerName: 'Ana Pérez', customerUsername: null, customerLastMessageAt: T - 30 * hour, pageLastMessageAt: T });
  });

  it('does not depend on the order Meta lists the messages in', () => {
    const facts = customerFacts(
      conversation([
        ['9001', T - 40 * hour],
        [PAGE, T - 31 * hour],
        ['9001', T - 30 * hour],
        [PAGE, T],
      ]),
      PAGE,
    );
    expect(facts.customerLastMessageAt).toBe(T - 30 * hour);
    expect(facts.pageLastMessageAt).toBe(T);
  });

  it('finds the customer among the participants whatever their position', () => {
    const facts = customerFacts(
      conversation(
        [],
        [
          { id: PAGE, name: 'Acme' },
          { id: '42', name: 'Luis' },
        ],
      ),
      PAGE,
    );
    expect(facts).toEqual({ psid: '42', customerName: 'Luis', customerUsername: null, customerLastMessageAt: null, pageLastMessageAt: null });
  });

  it('has no C when only the Page wrote in the 20 newest messages', () => {
    expect(
      customerFacts(
        conversation([
          [PAGE, T],
          [PAGE, T - hour],
        ]),
        PAGE,
      ),
    ).toMatchObject({ customerLastMessageAt: null, pageLastMessageAt: T });
  });

  it('falls back to the messages when Meta sent no participants', () => {
    const facts = customerFacts(conversation([['9001', T - hour]], []), PAGE);
    expect(facts).toEqual({ psid: '9001', customerName: 'Ana Pérez', customerUsername: null, customerLastMessageAt: T - hour, pageLastMessageAt: null });
  });
});
