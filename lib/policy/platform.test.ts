import { describe, expect, test } from 'vitest';
import { ROUTES } from './catalog';
import { preflight } from './preflight';
import { availableRoutes, nextAttemptAt } from './routes';
import type { BlockReason, Platform, ReopenRequest, RouteId, ThreadFacts } from './types';

// The platform dimension of the route catalog (DESIGN.md §1, reference/meta-messenger.md §7b): Instagram Direct threads
// have the same clock as Messenger ones, but Meta offers them HUMAN_AGENT only (within 7 days) — no feedback template,
// no utility message, no retired tag. After 7 days nothing at all can be sent on Instagram.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const C = Date.parse('2026-10-01T12:00:00Z'); // after the tag retirement (2026-04-27)
const BEFORE_RETIREMENT = Date.parse('2026-03-01T12:00:00Z');

const facts = (platform: Platform | undefined, over: Partial<ThreadFacts> = {}): ThreadFacts => ({
  customerLastMessageAt: C,
  pageLastMessageAt: null,
  attempts: [],
  ...(platform ? { platform } : {}),
  ...over,
});
const reasons = (threadFacts: ThreadFacts, now: number) =>
  Object.fromEntries(availableRoutes(threadFacts, now).map((entry) => [entry.route.id, entry.reason])) as Record<RouteId, BlockReason | null>;

describe('which routes each platform offers (catalog data)', () => {
  test('Instagram: only HUMAN_AGENT; Messenger: every route', () => {
    expect(ROUTES.filter((route) => route.platforms.includes('instagram')).map((route) => route.id)).toEqual(['HUMAN_AGENT']);
    expect(ROUTES.every((route) => route.platforms.includes('messenger'))).toBe(true);
  });
});

describe('availableRoutes by platform and window', () => {
  // [platform, hours since C, expected reason per route]
  const table: [Platform | undefined, number, Partial<Record<RouteId, BlockReason | null>>][] = [
    // Messenger (absent = Messenger: records stored before Instagram support)
    [undefined, 30, { HUMAN_AGENT: null, CUSTOMER_FEEDBACK: null, UTILITY: null, ACCOUNT_UPDATE: 'tag_retired' }],
    ['messenger', 30, { HUMAN_AGENT: null, CUSTOMER_FEEDBACK: null, UTILITY: null, POST_PURCHASE_UPDATE: 'tag_retired' }],
    ['messenger', 8 * 24, { HUMAN_AGENT: 'past_tag_limit', CUSTOMER_FEEDBACK: 'past_tag_limit', UTILITY: null }],
    // Instagram: the platform reason comes first, whatever the window says
    [
      'instagram',
      2,
      {
        HUMAN_AGENT: 'window_open',
        CUSTOMER_FEEDBACK: 'not_on_platform',
        UTILITY: 'not_on_platform',
        ACCOUNT_UPDATE: 'not_on_platform',
        CONFIRMED_EVENT_UPDATE: 'not_on_platform',
        POST_PURCHASE_UPDATE: 'not_on_platform',
      },
    ],
    [
      'instagram',
      30,
      {
        HUMAN_AGENT: null,
        CUSTOMER_FEEDBACK: 'not_on_platform',
        UTILITY: 'not_on_platform',
        ACCOUNT_UPDATE: 'not_on_platform',
        CONFIRMED_EVENT_UPDATE: 'not_on_platform',
        POST_PURCHASE_UPDATE: 'not_on_platform',
      },
    ],
    ['instagram', 7 * 24 - 1, { HUMAN_AGENT: null, UTILITY: 'not_on_platform' }],
    ['instagram', 7 * 24, { HUMAN_AGENT: 'past_tag_limit', CUSTOMER_FEEDBACK: 'not_on_platform', UTILITY: 'not_on_platform' }],
    ['instagram', 30 * 24, { HUMAN_AGENT: 'past_tag_limit', UTILITY: 'not_on_platform', ACCOUNT_UPDATE: 'not_on_platform' }],
  ];

  test.each(table)('%s, %i h after the customer wrote', (platform, hours, expected) => {
    expect(reasons(facts(platform), C + hours * HOUR)).toMatchObject(expected);
  });

  test('Instagram before the retirement: the retired tags were never Instagram ones either', () => {
    const before = reasons(facts('instagram', { customerLastMessageAt: BEFORE_RETIREMENT }), BEFORE_RETIREMENT + 2 * DAY);
    expect(before.ACCOUNT_UPDATE).toBe('not_on_platform');
    expect(reasons(facts('messenger', { customerLastMessageAt: BEFORE_RETIREMENT }), BEFORE_RETIREMENT + 2 * DAY).ACCOUNT_UPDATE).toBeNull();
  });

  test('nothing is recommended on a closed Instagram thread (Messenger recommends the utility message)', () => {
    const closedAt = C + 8 * DAY;
    expect(availableRoutes(facts('instagram'), closedAt).filter((entry) => entry.recommended)).toEqual([]);
    expect(
      availableRoutes(facts('messenger'), closedAt)
        .filter((entry) => entry.recommended)
        .map((entry) => entry.route.id),
    ).toEqual(['UTILITY']);
    expect(
      availableRoutes(facts('instagram'), C + 2 * DAY)
        .filter((entry) => entry.recommended)
        .map((entry) => entry.route.id),
    ).toEqual(['HUMAN_AGENT']);
  });

  test('a cooling Instagram thread waits for the cooldown only while HUMAN_AGENT outlasts it', () => {
    const cooling = facts('instagram', { attempts: [{ at: C + 2 * DAY, status: 'sent' }] });
    expect(nextAttemptAt(cooling, C + 2 * DAY + HOUR)).toBe(C + 3 * DAY);
    // Sent on day 6.5: the cooldown ends after the 7 days, and on Instagram there is nothing after them.
    const late = facts('instagram', { attempts: [{ at: C + 6.5 * DAY, status: 'sent' }] });
    expect(nextAttemptAt(late, C + 6.5 * DAY + HOUR)).toBeNull();
    const lateMessenger = facts('messenger', { attempts: [{ at: C + 6.5 * DAY, status: 'sent' }] });
    expect(nextAttemptAt(lateMessenger, C + 6.5 * DAY + HOUR)).toBe(C + 7.5 * DAY);
  });
});

describe('preflight refuses on Instagram whatever Meta would refuse, before anything is sent', () => {
  const now = C + 2 * DAY;
  const ctx = (platform: Platform) => ({ facts: facts(platform), templates: [], promoTerms: [] });
  const text: ReopenRequest['content'] = { kind: 'text', text: 'Hello, about your order' };
  const requests: [RouteId, ReopenRequest['content']][] = [
    [
      'CUSTOMER_FEEDBACK',
      {
        kind: 'feedback',
        template: { title: 'How did we do?', buttonTitle: 'Rate', question: { id: 'q1', type: 'csat' }, privacyUrl: 'https://example.com/p' },
      },
    ],
    ['UTILITY', { kind: 'utility', templateName: 'order_update', language: 'en', parameters: [] }],
    ['ACCOUNT_UPDATE', text],
    ['CONFIRMED_EVENT_UPDATE', text],
    ['POST_PURCHASE_UPDATE', text],
  ];

  test.each(requests)('%s → not_on_platform', (route, content) => {
    expect(preflight({ route, content, promoConfirmed: true }, ctx('instagram'), now)).toEqual({ allowed: false, reason: 'not_on_platform' });
  });

  test('HUMAN_AGENT within 7 days is allowed, as on Messenger; after 7 days it is not', () => {
    expect(preflight({ route: 'HUMAN_AGENT', content: text, promoConfirmed: false }, ctx('instagram'), now)).toMatchObject({ allowed: true });
    expect(preflight({ route: 'HUMAN_AGENT', content: text, promoConfirmed: false }, ctx('instagram'), C + 7 * DAY)).toEqual({
      allowed: false,
      reason: 'past_tag_limit',
    });
  });
});
