import { describe, expect, test } from 'vitest';
import { availableRoutes, cooldownState, windowState } from '../policy';
import type { AttemptStatus, ThreadFacts } from '../policy/types';
import type { StoredAttempt, ThreadRecord } from '../storage/schema';
import { localDayStarts } from './days';
import { CHART_DAYS, computeSummary, isReadyToReopen } from './compute-summary';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
// A Tuesday mid-morning UTC, after the tag retirement date.
const NOW = Date.parse('2026-05-05T10:00:00Z');
const OPTIONS = { closesSoonMinutes: 120, timeZone: 'UTC' };

let seq = 0;
function attempt(at: number, status: AttemptStatus, over: Partial<StoredAttempt> = {}): StoredAttempt {
  return { requestId: `r${seq++}`, at, route: 'HUMAN_AGENT', status, contentKind: 'text', ...over };
}

function thread(customerAgo: number | null, over: Partial<ThreadRecord> = {}): ThreadRecord {
  const psid = `p${seq++}`;
  return {
    pageId: '111',
    psid,
    customerName: `Customer ${psid}`,
    selectedItemId: `s-${psid}`,
    conversationId: null,
    facts: {
      customerLastMessageAt: customerAgo === null ? null : NOW - customerAgo,
      pageLastMessageAt: null,
      checkedAt: NOW,
    },
    attempts: [],
    updatedAt: NOW,
    ...over,
  };
}

describe('window figures', () => {
  test.each([
    ['1 h ago', HOUR, 'open'],
    ['just under 24 h', DAY - 1, 'open'],
    ['exactly 24 h', DAY, 'human_agent'],
    ['3 days', 3 * DAY, 'human_agent'],
    ['exactly 7 days', 7 * DAY, 'closed'],
    ['40 days', 40 * DAY, 'closed'],
    ['not known', null, 'unknown'],
  ] as const)('a customer who wrote %s counts as %s', (_label, ago, state) => {
    const summary = computeSummary([thread(ago)], NOW, OPTIONS);
    expect(summary.counts[state]).toBe(1);
    const others = (['open', 'human_agent', 'closed', 'unknown'] as const).filter((s) => s !== state);
    for (const other of others) expect(summary.counts[other]).toBe(0);
    expect(summary.counts.expired).toBe(state === 'human_agent' || state === 'closed' ? 1 : 0);
  });

  test('a thread never read from Meta (facts null) is unknown', () => {
    const summary = computeSummary([thread(HOUR, { facts: null })], NOW, OPTIONS);
    expect(summary.counts.unknown).toBe(1);
    expect(summary.counts.open).toBe(0);
  });

  test('expired is human_agent + closed over a mixed ledger', () => {
    const threads = [thread(HOUR), thread(2 * DAY), thread(3 * DAY), thread(8 * DAY), thread(null)];
    const { counts } = computeSummary(threads, NOW, OPTIONS);
    expect(counts).toMatchObject({ open: 1, human_agent: 2, closed: 1, unknown: 1, expired: 3 });
  });
});

describe('cooling and ready', () => {
  test.each([
    ['a sent reactivation 2 h ago', [attempt(NOW - 2 * HOUR, 'sent')], true],
    ['a pending one 2 h ago', [attempt(NOW - 2 * HOUR, 'pending')], true],
    ['an unknown one 23 h ago', [attempt(NOW - 23 * HOUR, 'unknown')], true],
    ['a failed one 2 h ago', [attempt(NOW - 2 * HOUR, 'failed')], false],
    ['a blocked one 2 h ago', [attempt(NOW - 2 * HOUR, 'blocked')], false],
    ['a sent one exactly 24 h ago', [attempt(NOW - DAY, 'sent')], false],
    ['no attempt', [], false],
  ])('an expired thread with %s: cooling=%s, ready otherwise', (_label, attempts, cooling) => {
    const { counts } = computeSummary([thread(3 * DAY, { attempts })], NOW, OPTIONS);
    expect(counts.cooling).toBe(cooling ? 1 : 0);
    expect(counts.ready).toBe(cooling ? 0 : 1);
  });

  test('a Page message sent after the window closed (another tool) cools the thread too', () => {
    const t = thread(3 * DAY);
    t.facts!.pageLastMessageAt = NOW - 3 * HOUR;
    const { counts } = computeSummary([t], NOW, OPTIONS);
    expect(counts).toMatchObject({ cooling: 1, ready: 0 });
  });

  test('open and unknown threads are never ready', () => {
    const { counts } = computeSummary([thread(HOUR), thread(null), thread(HOUR, { facts: null })], NOW, OPTIONS);
    expect(counts.ready).toBe(0);
  });

  test('ready agrees with lib/policy availableRoutes over generated threads', () => {
    // A fixed pseudo-random sequence: reproducible, and it crosses every boundary the rule has.
    let state = 42;
    const next = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const statuses: AttemptStatus[] = ['pending', 'sent', 'failed', 'unknown', 'blocked'];
    const nows = [Date.parse('2026-04-20T12:00:00Z'), NOW];
    let compared = 0;
    for (let i = 0; i < 3000; i++) {
      const now = nows[i % 2]!;
      const customerAt = next() < 0.1 ? null : now - Math.floor(next() * 12 * DAY);
      const pageAt = next() < 0.5 ? null : now - Math.floor(next() * 12 * DAY);
      const attempts = Array.from({ length: Math.floor(next() * 3) }, () => ({
        at: now - Math.floor(next() * 3 * DAY),
        status: statuses[Math.floor(next() * statuses.length)]!,
      }));
      // Every third thread an Instagram one: nothing is left to send there once closed.
      const platform = i % 3 === 0 ? 'instagram' : 'messenger';
      const facts: ThreadFacts = { customerLastMessageAt: customerAt, pageLastMessageAt: pageAt, attempts, platform };
      const expected = availableRoutes(facts, now).some((route) => route.available);
      const actual = isReadyToReopen(windowState(customerAt, now).state, cooldownState(facts, now).active, platform);
      expect(actual, JSON.stringify({ now, facts })).toBe(expected);
      compared++;
    }
    expect(compared).toBe(3000);
  });
});

describe('Instagram threads', () => {
  test('count in the window figures; a closed one is not ready (nothing can be sent there), a human_agent one is, with its platform', () => {
    const igOpen = thread(HOUR, { platform: 'instagram' });
    const igHuman = thread(3 * DAY, { platform: 'instagram' });
    const igClosed = thread(9 * DAY, { platform: 'instagram' });
    const messengerClosed = thread(9 * DAY);
    const summary = computeSummary([igOpen, igHuman, igClosed, messengerClosed], NOW, OPTIONS);
    expect(summary.counts).toMatchObject({ open: 1, human_agent: 1, closed: 2, expired: 3, ready: 2 });
    expect(summary.readyNow.map((row) => [row.psid, row.platform])).toEqual([
      [igHuman.psid, 'instagram'],
      [messengerClosed.psid, undefined],
    ]);
  });

  test('a cooling Instagram thread counts as cooling, and its unconfirmed send names the platform', () => {
    const ig = thread(2 * DAY, {
      platform: 'instagram',
      attempts: [attempt(NOW - HOUR, 'unknown', { reconciliation: { state: 'not_found', reads: 3 } })],
    });
    const summary = computeSummary([ig], NOW, OPTIONS);
    expect(summary.counts).toMatchObject({ cooling: 1, ready: 0 });
    expect(summary.unconfirmed).toEqual([expect.objectContaining({ psid: ig.psid, platform: 'instagram', state: 'not_found' })]);
  });
});

describe('sent today and the day boundaries', () => {
  // 01:00 on 10 March in Mexico City (UTC−6 all year), 07:00 UTC.
  const now = Date.parse('2026-03-10T07:00:00Z');
  const sentAt = (iso: string, status: AttemptStatus = 'sent') => attempt(Date.parse(iso), status);
  const ledger = () => [
    thread(null, {
      attempts: [
        sentAt('2026-03-10T05:00:00Z'), // 23:00 the day before in Mexico City, today in UTC
        sentAt('2026-03-10T06:30:00Z'), // today in both
        sentAt('2026-03-10T06:40:00Z', 'failed'),
        sentAt('2026-03-10T06:50:00Z', 'pending'),
        sentAt('2026-03-09T23:00:00Z'),
      ],
    }),
  ];

  test.each([
    ['UTC', 2],
    ['America/Mexico_City', 1],
  ])('in %s, %i sent reactivations count as today', (timeZone, expected) => {
    const summary = computeSummary(ledger(), now, { closesSoonMinutes: 60, timeZone });
    expect(summary.counts['sent-today']).toBe(expected);
  });

  test('day starts follow daylight-saving changes (New York, 8 March 2026)', () => {
    const starts = localDayStarts(Date.parse('2026-03-09T15:00:00Z'), 3, 'America/New_York');
    expect(starts.map((s) => new Date(s).toISOString())).toEqual([
      '2026-03-07T05:00:00.000Z',
      '2026-03-08T05:00:00.000Z', // the short day starts in EST
      '2026-03-09T04:00:00.000Z', // the next one in EDT
    ]);
  });

  test('day starts cross a month end', () => {
    const starts = localDayStarts(Date.parse('2026-03-01T10:00:00Z'), 2, 'UTC');
    expect(starts).toEqual([Date.parse('2026-02-28T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z')]);
  });
});

describe('attempts per day for the chart', () => {
  test('14 local days, oldest first, each attempt in its day by outcome; older ones left out', () => {
    const day = (n: number, hour: number) => Date.parse('2026-05-05T00:00:00Z') - n * DAY + hour * HOUR;
    const t = thread(null, {
      attempts: [
        attempt(day(0, 9), 'sent'),
        attempt(day(0, 1), 'failed'),
        attempt(day(0, 0), 'pending'),
        attempt(day(1, 23), 'unknown'),
        attempt(day(13, 0), 'blocked'),
        attempt(day(14, 23), 'sent'), // 15 days back: outside the chart
      ],
    });
    const { attemptsByDay } = computeSummary([t], NOW, OPTIONS);
    expect(attemptsByDay).toHaveLength(CHART_DAYS);
    expect(attemptsByDay[0]).toEqual({ dayStart: day(13, 0), sent: 0, failed: 0, unknown: 0, blocked: 1 });
    expect(attemptsByDay[12]).toEqual({ dayStart: day(1, 0), sent: 0, failed: 0, unknown: 1, blocked: 0 });
    expect(attemptsByDay[13]).toEqual({ dayStart: day(0, 0), sent: 1, failed: 1, unknown: 1, blocked: 0 });
    const total = attemptsByDay.reduce((sum, d) => sum + d.sent + d.failed + d.unknown + d.blocked, 0);
    expect(total).toBe(5);
  });
});

describe('replies, routes and failures', () => {
  test('a customer who wrote after a sent reactivation counts as replied, credited to that route', () => {
    const replied = thread(2 * HOUR, {
      attempts: [attempt(NOW - 30 * HOUR, 'sent', { route: 'HUMAN_AGENT' })],
    });
    const silent = thread(3 * DAY, {
      attempts: [attempt(NOW - 30 * HOUR, 'sent', { route: 'HUMAN_AGENT' })],
    });
    const failedOnly = thread(2 * HOUR, { attempts: [attempt(NOW - 30 * HOUR, 'failed')] });
    const summary = computeSummary([replied, silent, failedOnly], NOW, OPTIONS);
    expect(summary.counts.replied).toBe(1);
    expect(summary.routes).toEqual([
      {
        route: 'HUMAN_AGENT',
        last7: { attempts: 3, sent: 2, replies: 1, replyRate: 0.5 },
        last30: { attempts: 3, sent: 2, replies: 1, replyRate: 0.5 },
      },
    ]);
  });

  test('with two sent reactivations before the reply, only the later one is credited', () => {
    const t = thread(HOUR, {
      attempts: [attempt(NOW - 2 * DAY, 'sent', { route: 'UTILITY', contentKind: 'utility' }), attempt(NOW - 10 * DAY, 'sent', { route: 'HUMAN_AGENT' })],
    });
    const summary = computeSummary([t], NOW, OPTIONS);
    expect(summary.counts.replied).toBe(1);
    const byRoute = Object.fromEntries(summary.routes.map((r) => [r.route, r]));
    expect(byRoute.UTILITY!.last7).toEqual({ attempts: 1, sent: 1, replies: 1, replyRate: 1 });
    expect(byRoute.HUMAN_AGENT!.last7).toEqual({ attempts: 0, sent: 0, replies: 0, replyRate: null });
    expect(byRoute.HUMAN_AGENT!.last30).toEqual({ attempts: 1, sent: 1, replies: 0, replyRate: 0 });
    // catalog order: HUMAN_AGENT before UTILITY
    expect(summary.routes.map((r) => r.route)).toEqual(['HUMAN_AGENT', 'UTILITY']);
  });

  test('a reactivation sent after the customer last wrote is not a reply', () => {
    const t = thread(3 * DAY, { attempts: [attempt(NOW - DAY - HOUR, 'sent')] });
    expect(computeSummary([t], NOW, OPTIONS).counts.replied).toBe(0);
  });

  test('routes with nothing in 30 days are left out; blocked attempts are not attempts', () => {
    const t = thread(3 * DAY, {
      attempts: [attempt(NOW - 31 * DAY, 'sent', { route: 'CUSTOMER_FEEDBACK' }), attempt(NOW - HOUR, 'blocked', { route: 'HUMAN_AGENT' })],
    });
    expect(computeSummary([t], NOW, OPTIONS).routes).toEqual([]);
  });

  test('failures of the last 30 days are counted by error kind', () => {
    const t = thread(3 * DAY, {
      attempts: [
        attempt(NOW - HOUR, 'failed', { error: { kind: 'token_invalid', retryable: false, code: 190 } }),
        attempt(NOW - 2 * HOUR, 'failed', { error: { kind: 'token_invalid', retryable: false, code: 190 } }),
        attempt(NOW - 3 * HOUR, 'failed', { error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 } }),
        attempt(NOW - 4 * HOUR, 'failed'),
        attempt(NOW - 40 * DAY, 'failed', { error: { kind: 'rate_limited', retryable: true } }),
        attempt(NOW - 5 * HOUR, 'unknown', { error: { kind: 'timeout', retryable: false } }),
      ],
    });
    expect(computeSummary([t], NOW, OPTIONS).failuresByKind).toEqual({
      token_invalid: 2,
      window_closed: 1,
      unknown_error: 1,
    });
  });
});

describe('action lists', () => {
  test('"ready now": inside the 7 days first (nearest end first), then closed (latest customer first)', () => {
    const threads = [
      thread(10 * DAY, { psid: 'closed-10d' }),
      thread(2 * DAY, { psid: 'ha-2d' }),
      thread(6 * DAY, { psid: 'ha-6d' }),
      thread(8 * DAY, { psid: 'closed-8d' }),
      thread(3 * DAY, { psid: 'cooling', attempts: [attempt(NOW - HOUR, 'sent')] }),
      thread(HOUR, { psid: 'open' }),
    ];
    const summary = computeSummary(threads, NOW, OPTIONS);
    expect(summary.readyNow.map((r) => r.psid)).toEqual(['ha-6d', 'ha-2d', 'closed-8d', 'closed-10d']);
    expect(summary.readyNowTotal).toBe(4);
    expect(summary.readyNow[0]).toEqual({
      pageId: '111',
      psid: 'ha-6d',
      customerName: threads[2]!.customerName,
      selectedItemId: threads[2]!.selectedItemId,
      state: 'human_agent',
      customerLastMessageAt: NOW - 6 * DAY,
      deadline: NOW + DAY,
    });
    expect(summary.readyNow[2]!.deadline).toBeNull();
  });

  test('"closes soon": open windows closing within the threshold, soonest first', () => {
    const threads = [
      thread(DAY - 90 * MIN, { psid: 'in-90' }),
      thread(DAY - 10 * MIN, { psid: 'in-10' }),
      thread(DAY - 120 * MIN, { psid: 'in-120' }),
      thread(DAY - 121 * MIN, { psid: 'in-121' }),
      thread(2 * DAY, { psid: 'expired' }),
    ];
    const summary = computeSummary(threads, NOW, OPTIONS);
    expect(summary.closingSoon.map((r) => [r.psid, r.deadline! - NOW])).toEqual([
      ['in-10', 10 * MIN],
      ['in-90', 90 * MIN],
      ['in-120', 120 * MIN],
    ]);
    expect(summary.closingSoonTotal).toBe(3);
    expect(computeSummary(threads, NOW, { ...OPTIONS, closesSoonMinutes: 30 }).closingSoon.map((r) => r.psid)).toEqual(['in-10']);
  });

  test('lists are capped at listLimit, keeping the most urgent and the full total', () => {
    const threads = Array.from({ length: 50 }, (_, i) => thread(DAY - (i + 1) * MIN, { psid: `t${i}` })).reverse();
    const summary = computeSummary(threads, NOW, { ...OPTIONS, listLimit: 5 });
    expect(summary.closingSoon.map((r) => r.psid)).toEqual(['t0', 't1', 't2', 't3', 't4']);
    expect(summary.closingSoonTotal).toBe(50);
  });
});

test('an empty ledger gives zeros, empty lists and 14 empty days', () => {
  const summary = computeSummary([], NOW, OPTIONS);
  expect(Object.values(summary.counts).every((n) => n === 0)).toBe(true);
  expect(summary.readyNow).toEqual([]);
  expect(summary.closingSoon).toEqual([]);
  expect(summary.routes).toEqual([]);
  expect(summary.attemptsByDay).toHaveLength(14);
  expect(summary.now).toBe(NOW);
});

describe('sends Meta did not confirm', () => {
  test('lists unknown attempts being checked or not found while their cooldown runs, newest first; found ones are sent', () => {
    const checking = thread(3 * DAY, { attempts: [attempt(NOW - 10 * MIN, 'unknown', { reconciliation: { state: 'checking', reads: 1 } })] });
    const notFound = thread(3 * DAY, { attempts: [attempt(NOW - 2 * HOUR, 'unknown', { reconciliation: { state: 'not_found', reads: 3 } })] });
    const found = thread(3 * DAY, { attempts: [attempt(NOW - HOUR, 'sent', { reconciliation: { state: 'found', reads: 1 } })] });
    const old = thread(5 * DAY, { attempts: [attempt(NOW - 2 * DAY, 'unknown', { reconciliation: { state: 'not_found', reads: 3 } })] });
    const legacy = thread(3 * DAY, { attempts: [attempt(NOW - HOUR, 'unknown')] });
    const summary = computeSummary([checking, notFound, found, old, legacy], NOW, OPTIONS);
    expect(summary.unconfirmed?.map((row) => [row.psid, row.state])).toEqual([
      [checking.psid, 'checking'],
      [notFound.psid, 'not_found'],
    ]);
    expect(summary.unconfirmedTotal).toBe(2);
    expect(summary.counts['sent-today']).toBe(1);
  });

  test('a first message found after its resend is listed as a double delivery while its day lasts', () => {
    const doubled = thread(3 * DAY, {
      attempts: [
        attempt(NOW - 2 * HOUR, 'sent', {
          reconciliation: { state: 'found', reads: 5 },
          messageId: 'm_1',
          doubleDelivery: { messageId: 'm_1', foundAt: NOW - HOUR },
        }),
        attempt(NOW - 2 * HOUR + 11 * MIN, 'sent', { retryOf: 'x', messageId: 'm_2' }),
      ],
    });
    const summary = computeSummary([doubled], NOW, OPTIONS);
    expect(summary.unconfirmed?.map((row) => [row.psid, row.state])).toEqual([[doubled.psid, 'double_delivered']]);
  });
});
