import { describe, expect, test } from 'vitest';
import type { ThreadFacts } from '../policy/types';
import { nextDisplayChangeAt, threadStatus } from './status';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const C = Date.parse('2026-06-01T10:00:00Z');
const facts = (over: Partial<ThreadFacts> = {}): ThreadFacts => ({
  customerLastMessageAt: C,
  pageLastMessageAt: null,
  attempts: [],
  ...over,
});

describe('threadStatus', () => {
  test.each([
    ['just after the customer wrote', 5 * MIN, 'open', false],
    ['exactly at the closes-soon threshold (2 h left)', 22 * HOUR, 'open', true],
    ['one minute before the threshold', 22 * HOUR - MIN, 'open', false],
    ['exactly 24 h', DAY, 'human_agent', false],
    ['exactly 7 days', 7 * DAY, 'closed', false],
  ])('%s', (_name, elapsed, state, closingSoon) => {
    const status = threadStatus(facts(), C + elapsed, 120);
    expect(status.window.state).toBe(state);
    expect(status.closingSoon).toBe(closingSoon);
  });

  test('the closes-soon threshold is the agent setting', () => {
    expect(threadStatus(facts(), C + 23 * HOUR, 30).closingSoon).toBe(false);
    expect(threadStatus(facts(), C + 23 * HOUR + 31 * MIN, 30).closingSoon).toBe(true);
  });

  test('an attempt an hour ago puts the thread in cooldown', () => {
    const status = threadStatus(facts({ attempts: [{ at: C + 2 * DAY, status: 'sent' }] }), C + 2 * DAY + HOUR, 120);
    expect(status.cooldown.active).toBe(true);
    expect(status.cooldown.until).toBe(C + 3 * DAY);
  });
});

describe('nextDisplayChangeAt: one timer to the next visible change', () => {
  test.each([
    ['3 h 12 min 30 s left → when it drops to 3 h 11 min', 24 * HOUR - (3 * HOUR + 12 * MIN + 30_000), 30_001],
    ['exactly 5 min left → just below', 24 * HOUR - 5 * MIN, 1],
    ['45.5 s left → next second', 24 * HOUR - 45_500, 501],
    ['0.2 s left → at the boundary itself', 24 * HOUR - 200, 200],
  ])('%s', (_name, elapsed, delay) => {
    const now = C + elapsed;
    expect(nextDisplayChangeAt(threadStatus(facts(), now, 120), now)).toBe(now + delay);
  });

  test("a cooldown in its last seconds ticks every second, ahead of the window's minute", () => {
    const now = C + 2 * DAY + 30_000; // human_agent: the window's words change in 30 s + 1 ms
    const cooldownFacts = facts({ attempts: [{ at: now - DAY + 10_500, status: 'unknown' }] });
    expect(nextDisplayChangeAt(threadStatus(cooldownFacts, now, 120), now)).toBe(now + 501);
    expect(nextDisplayChangeAt(threadStatus(facts(), now, 120), now)).toBe(now + 30_001);
  });

  test('nothing left to count down once closed and not cooling down', () => {
    const now = C + 8 * DAY;
    expect(nextDisplayChangeAt(threadStatus(facts(), now, 120), now)).toBeNull();
    expect(nextDisplayChangeAt(threadStatus(facts({ customerLastMessageAt: null }), now, 120), now)).toBeNull();
  });
});
