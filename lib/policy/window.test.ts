import { describe, expect, test } from 'vitest';
import { HUMAN_AGENT_LIMIT_MS, WINDOW_MS, windowState } from './window';

const C = Date.parse('2026-05-10T12:00:00Z');
const MS = 1;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('windowState', () => {
  test.each([
    ['just after the customer wrote', C, 'open'],
    ['customer message in the future (clock skew)', C - 5 * 60_000, 'open'],
    ['23:59:59.999 after C', C + DAY - MS, 'open'],
    ['exactly 24 h after C', C + DAY, 'human_agent'],
    ['3 days after C', C + 3 * DAY, 'human_agent'],
    ['7 days minus 1 ms after C', C + 7 * DAY - MS, 'human_agent'],
    ['exactly 7 days after C', C + 7 * DAY, 'closed'],
    ['30 days after C', C + 30 * DAY, 'closed'],
  ] as const)('%s → %s', (_label, now, expected) => {
    expect(windowState(C, now).state).toBe(expected);
  });

  test('unknown when the customer message time is not known', () => {
    expect(windowState(null, C)).toEqual({
      state: 'unknown',
      windowClosesAt: null,
      humanAgentUntil: null,
      nextChangeAt: null,
    });
  });

  test('the instants a countdown needs', () => {
    expect(windowState(C, C + HOUR)).toEqual({
      state: 'open',
      windowClosesAt: C + WINDOW_MS,
      humanAgentUntil: C + HUMAN_AGENT_LIMIT_MS,
      nextChangeAt: C + DAY,
    });
    expect(windowState(C, C + 2 * DAY).nextChangeAt).toBe(C + 7 * DAY);
    expect(windowState(C, C + 8 * DAY).nextChangeAt).toBeNull();
  });

  test('a future C still counts down from C itself', () => {
    const info = windowState(C, C - HOUR);
    expect(info.windowClosesAt).toBe(C + DAY);
  });
});
