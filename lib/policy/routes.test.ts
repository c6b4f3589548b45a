import { describe, expect, test } from 'vitest';
import { ROUTES, TAG_RETIREMENT_AT, type RouteDefinition } from './catalog';
import { availableRoutes, nextAttemptAt } from './routes';
import type { BlockReason, RouteId, ThreadFacts } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const AFTER_RETIREMENT = Date.parse('2026-05-10T12:00:00Z');
const BEFORE_RETIREMENT = Date.parse('2026-04-01T12:00:00Z');

function facts(C: number | null, partial: Partial<ThreadFacts> = {}): ThreadFacts {
  return { customerLastMessageAt: C, pageLastMessageAt: null, attempts: [], ...partial };
}

/** route id → reason (null = available), for readable tables. */
function reasons(f: ThreadFacts, now: number): Record<RouteId, BlockReason | null> {
  return Object.fromEntries(availableRoutes(f, now).map((entry) => [entry.route.id, entry.reason])) as Record<RouteId, BlockReason | null>;
}
const entry = (f: ThreadFacts, now: number, id: RouteId) => availableRoutes(f, now).find((e) => e.route.id === id)!;

describe('availableRoutes', () => {
  const C = AFTER_RETIREMENT;

  test('one entry per catalog route, in catalog order', () => {
    expect(availableRoutes(facts(C), C + 2 * DAY).map((e) => e.route)).toEqual([...ROUTES]);
  });

  test('unknown state blocks everything first', () => {
    expect(Object.values(reasons(facts(null), C))).toEqual(Array(6).fill('state_unknown'));
  });

  test('an open window blocks everything (reply in Business Suite)', () => {
    expect(Object.values(reasons(facts(C), C + DAY - 1))).toEqual(Array(6).fill('window_open'));
  });

  test('24 h to 7 d, after the retirement: the 7-day tags and utility messages', () => {
    expect(reasons(facts(C), C + DAY)).toEqual({
      HUMAN_AGENT: null,
      CUSTOMER_FEEDBACK: null,
      UTILITY: null,
      ACCOUNT_UPDATE: 'tag_retired',
      CONFIRMED_EVENT_UPDATE: 'tag_retired',
      POST_PURCHASE_UPDATE: 'tag_retired',
    });
  });

  test.each([
    ['7 d minus 1 ms', C + 7 * DAY - 1, null],
    ['exactly 7 d', C + 7 * DAY, 'past_tag_limit'],
  ] as const)('HUMAN_AGENT and CUSTOMER_FEEDBACK at %s → %s', (_label, now, reason) => {
    expect(reasons(facts(C), now).HUMAN_AGENT).toBe(reason);
    expect(reasons(facts(C), now).CUSTOMER_FEEDBACK).toBe(reason);
    expect(reasons(facts(C), now).UTILITY).toBeNull();
  });

  test.each(['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'] as const)(
    '%s: available until 2026-04-26T23:59:59.999Z, retired from 2026-04-27T00:00:00Z, even past 7 days',
    (id) => {
      const old = facts(Date.parse('2026-03-01T00:00:00Z')); // closed long before the retirement
      const lastSecond = Date.parse('2026-04-26T23:59:59Z');
      expect(entry(old, lastSecond, id)).toMatchObject({ available: true, reason: null, availableUntil: TAG_RETIREMENT_AT });
      expect(entry(old, TAG_RETIREMENT_AT - 1, id).available).toBe(true);
      expect(entry(old, Date.parse('2026-04-27T00:00:00Z'), id)).toMatchObject({
        available: false,
        reason: 'tag_retired',
        availableUntil: null,
      });
    },
  );

  test('retirement is reported before the 7-day limit, and the limit before the cooldown', () => {
    const f = facts(C, { attempts: [{ at: C + 8 * DAY, status: 'sent' }] });
    expect(reasons(f, C + 8 * DAY + HOUR)).toEqual({
      HUMAN_AGENT: 'past_tag_limit',
      CUSTOMER_FEEDBACK: 'past_tag_limit',
      UTILITY: 'cooldown',
      ACCOUNT_UPDATE: 'tag_retired',
      CONFIRMED_EVENT_UPDATE: 'tag_retired',
      POST_PURCHASE_UPDATE: 'tag_retired',
    });
  });

  test('a cooldown blocks every route that would otherwise be available', () => {
    const f = facts(C, { attempts: [{ at: C + 2 * DAY, status: 'pending' }] });
    expect(reasons(f, C + 2 * DAY + HOUR)).toMatchObject({ HUMAN_AGENT: 'cooldown', CUSTOMER_FEEDBACK: 'cooldown', UTILITY: 'cooldown' });
    expect(reasons(f, C + 3 * DAY)).toMatchObject({ HUMAN_AGENT: null, UTILITY: null });
  });

  test('recommended: HUMAN_AGENT while 24 h…7 d, UTILITY once closed, none otherwise', () => {
    const recommended = (now: number, f = facts(C)) =>
      availableRoutes(f, now)
        .filter((e) => e.recommended)
        .map((e) => e.route.id);
    expect(recommended(C + HOUR)).toEqual([]);
    expect(recommended(C + DAY)).toEqual(['HUMAN_AGENT']);
    expect(recommended(C + 7 * DAY)).toEqual(['UTILITY']);
    expect(recommended(C, facts(null))).toEqual([]);
    // A cooldown does not change which route is the right one.
    expect(recommended(C + 2 * DAY + HOUR, facts(C, { attempts: [{ at: C + 2 * DAY, status: 'sent' }] }))).toEqual(['HUMAN_AGENT']);
  });

  test('availableUntil: the 7-day limit for the tags, none for utility messages', () => {
    const now = C + 2 * DAY;
    expect(entry(facts(C), now, 'HUMAN_AGENT').availableUntil).toBe(C + 7 * DAY);
    expect(entry(facts(C), now, 'CUSTOMER_FEEDBACK').availableUntil).toBe(C + 7 * DAY);
    expect(entry(facts(C), now, 'UTILITY').availableUntil).toBeNull();
  });

  test('before the retirement, the 7-day limit is earlier than the retirement date', () => {
    const early = Date.parse('2026-04-25T00:00:00Z');
    expect(entry(facts(early), early + DAY, 'HUMAN_AGENT').availableUntil).toBe(early + 7 * DAY);
    expect(entry(facts(BEFORE_RETIREMENT), BEFORE_RETIREMENT + DAY, 'POST_PURCHASE_UPDATE').availableUntil).toBe(TAG_RETIREMENT_AT);
  });
});

describe('nextAttemptAt', () => {
  const C = AFTER_RETIREMENT;
  const sentAt = C + 2 * DAY;
  const cooling = facts(C, { attempts: [{ at: sentAt, status: 'sent' }] });

  test.each([
    ['unknown state', facts(null), C],
    ['open window', facts(C), C + HOUR],
    ['a route available now', facts(C), C + 2 * DAY],
    ['the cooldown is over', cooling, sentAt + DAY],
  ] as const)('null when there is nothing to wait for: %s', (_label, f, now) => {
    expect(nextAttemptAt(f, now)).toBeNull();
  });

  test('the end of the cooldown while cooling', () => {
    expect(nextAttemptAt(cooling, sentAt + HOUR)).toBe(sentAt + DAY);
    expect(nextAttemptAt(cooling, sentAt + DAY - 1)).toBe(sentAt + DAY);
  });

  test('the end of the cooldown even when the 7-day tags will have expired by then (utility remains)', () => {
    const late = facts(C, { attempts: [{ at: C + 6.5 * DAY, status: 'sent' }] });
    expect(nextAttemptAt(late, C + 6.5 * DAY + HOUR)).toBe(C + 7.5 * DAY);
  });

  test('null when the cooldown outlasts every route', () => {
    const tagsOnly: RouteDefinition[] = ROUTES.filter((route) => route.id === 'HUMAN_AGENT');
    const late = facts(C, { attempts: [{ at: C + 6.5 * DAY, status: 'sent' }] });
    const now = C + 6.5 * DAY + HOUR;
    expect(nextAttemptAt(late, now, tagsOnly)).toBeNull();
    expect(availableRoutes(late, now, tagsOnly)[0]?.reason).toBe('cooldown');
    expect(availableRoutes(late, C + 7.5 * DAY, tagsOnly)[0]?.reason).toBe('past_tag_limit');
  });
});
