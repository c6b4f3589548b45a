// The proof rule (./proof.ts): when the pane's messages prove that Meta's conversation is the one on screen.
import { describe, expect, test } from 'vitest';
import type { PaneMessage, PaneReading } from '../inbox/schema';
import { judgePane, paneTimes } from './proof';

const NOW = Date.UTC(2026, 11, 2, 12);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PAGE = '104512345678901';

/** Meta's messages, oldest first here for reading (the client lists them newest first; the rule sorts). */
function meta(...messages: [from: 'c' | 'p', text: string | null, ageMs: number][]) {
  return {
    messages: messages.map(([from, text, age], index) => ({
      id: `m${index}`,
      createdTime: NOW - age,
      fromId: from === 'c' ? '2650' : PAGE,
      fromName: null,
      text,
    })),
  };
}

function pane(...messages: (string | [text: string, ...labels: string[]] | PaneMessage)[]): PaneReading {
  return {
    status: 'read',
    readAt: NOW,
    messages: messages.map((message) =>
      typeof message === 'string' ? { text: message } : Array.isArray(message) ? { text: message[0], labels: message.slice(1) } : message,
    ),
  };
}

const anaOld = meta(
  ['c', 'Hi, is the green raincoat still in stock?', 6.5 * DAY],
  ['p', 'Yes, in sizes S and M.', 6.4 * DAY],
  ['c', 'Great, size M please.', 5.5 * DAY],
  ['c', 'Can you hold the order for me?', 5.4 * DAY],
);
const anaRecent = meta(['c', 'Do you ship to Canarias?', 7 * HOUR], ['p', 'We do!', 6.5 * HOUR], ['c', 'Perfect, see you then', 6 * HOUR]);

describe("the pane's time labels, read in the background", () => {
  test('own labels date a message to their resolution; separating labels bound it; unknown labels say nothing', () => {
    expect(paneTimes({ text: 'x', labels: ['5 d'] }, NOW)).toEqual({ earliest: NOW - 6 * DAY, latest: NOW - 5 * DAY });
    expect(paneTimes({ text: 'x', after: '6 h', before: '2 h' }, NOW)).toEqual({ earliest: NOW - 7 * HOUR, latest: NOW - 2 * HOUR });
    expect(paneTimes({ text: 'x', labels: ['a while back'] }, NOW)).toEqual({});
  });
});

describe('the proof rule', () => {
  test('agrees: the last texts in the same order, case, accents and spaces aside, times within their labels', () => {
    const shown = pane(['Yes, in sizes S  and M.', '6 d'], ['great, SIZE m please.', '5 d'], ['Can you hold the order for me?', '5 d']);
    expect(judgePane(shown, anaOld)).toEqual({ verdict: 'agrees', matched: 3 });
    expect(judgePane(pane('¿Tenéis la talla M en azul?'), meta(['c', '¿teneis la talla m en azul?', HOUR]))).toEqual({ verdict: 'agrees', matched: 1 });
  });

  test("disagrees: the namesake's conversation — other texts, and Meta's newest message far newer than the pane's", () => {
    const shown = pane(['Great, size M please.', '5 d'], ['Can you hold the order for me?', '5 d']);
    expect(judgePane(shown, anaRecent)).toMatchObject({ verdict: 'disagrees', why: 'times' });
    expect(judgePane(pane('Great, size M please.', 'Can you hold the order for me?'), anaRecent)).toEqual({ verdict: 'disagrees', why: 'texts', matched: 0 });
  });

  test('disagrees: the same texts in another order', () => {
    expect(judgePane(pane('Can you hold the order for me?', 'Great, size M please.'), anaOld)).toMatchObject({ verdict: 'disagrees', why: 'order' });
  });

  test('disagrees: a matching text whose own label does not allow Meta’s time', () => {
    const shown = pane('Great, size M please.', ['Can you hold the order for me?', '1 h']);
    expect(judgePane(shown, anaOld)).toMatchObject({ verdict: 'disagrees', why: 'times' });
    // "5 d" allows 5 to 6 days; a minute beyond it is within the slack for clocks, three minutes are not.
    const justBeyond = (extra: number) => meta(['c', 'Great, size M please.', 6.5 * DAY], ['c', 'Can you hold the order for me?', 6 * DAY + extra]);
    const edge = pane('Great, size M please.', ['Can you hold the order for me?', '5 d']);
    expect(judgePane(edge, justBeyond(60_000))).toEqual({ verdict: 'agrees', matched: 2 });
    expect(judgePane(edge, justBeyond(3 * 60_000))).toMatchObject({ verdict: 'disagrees', why: 'times' });
  });

  test('unknown: too few texts, or only short ones', () => {
    expect(judgePane(pane('Hello?'), meta(['c', 'Hello?', HOUR]))).toEqual({ verdict: 'unknown', why: 'too_few', matched: 1 });
    expect(judgePane(pane('Hi', 'Thanks'), meta(['c', 'Hi', 2 * HOUR], ['c', 'Thanks', HOUR]))).toEqual({ verdict: 'unknown', why: 'too_few', matched: 2 });
    // One text of a longer conversation is not the whole of it.
    expect(judgePane(pane('Can you hold the order for me?'), anaOld)).toEqual({ verdict: 'unknown', why: 'too_few', matched: 1 });
    expect(judgePane(pane('Something else'), anaOld)).toEqual({ verdict: 'unknown', why: 'too_few', matched: 0 });
  });

  test("unknown: the pane's newest text is not in Meta's read yet (a fresher read may have it)", () => {
    expect(judgePane(pane('Great, size M please.', 'Can you hold the order for me?', 'Are you there?'), anaOld)).toEqual({
      verdict: 'unknown',
      why: 'newest_missing',
      matched: 2,
    });
  });

  test('unknown: an unreadable or absent pane, or a conversation without texts — never proven', () => {
    expect(judgePane({ status: 'unreadable', why: 'no_region' }, anaOld)).toMatchObject({ verdict: 'unknown', why: 'unreadable' });
    expect(judgePane(undefined, anaOld)).toMatchObject({ verdict: 'unknown', why: 'no_pane' });
    expect(judgePane(pane('Great, size M please.'), meta(['c', null, HOUR]))).toMatchObject({ verdict: 'unknown', why: 'no_meta_texts' });
  });
});
