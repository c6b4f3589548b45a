import { describe, expect, it } from 'vitest';
import { createPagePacer, type PacerOptions } from './pacer';

/** A clock that only moves when the pacer sleeps. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

function pacerWith(time: ReturnType<typeof fakeTime>, overrides: Partial<PacerOptions> = {}) {
  return createPagePacer({ now: time.now, sleep: time.sleep, minIntervalMs: 500, maxWaitMs: 10_000, highUsagePercent: 90, highUsageDelayMs: 5000, ...overrides });
}

describe('createPagePacer', () => {
  it('spaces calls for one Page by at least 500 ms, even when they are made at the same moment', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    // A real clock does not move while sleeps overlap; here each sleep moves it, so start times are queued reservations.
    const starts: number[] = [];
    for (let call = 0; call < 5; call++) {
      await pacer.acquire('page-1');
      starts.push(time.now());
    }
    for (let index = 1; index < starts.length; index++) expect(starts[index]! - starts[index - 1]!).toBeGreaterThanOrEqual(500);
  });

  it('queues concurrent calls behind each other', async () => {
    const time = { now: () => 0, sleep: async () => {} };
    const pacer = createPagePacer({ ...time, minIntervalMs: 500, maxWaitMs: 10_000, highUsagePercent: 90, highUsageDelayMs: 5000 });
    const tickets = await Promise.all([1, 2, 3, 4, 5].map(() => pacer.acquire('p')));
    expect(tickets.map((ticket) => (ticket.ok ? ticket.waitedMs : -1))).toEqual([0, 500, 1000, 1500, 2000]);
  });

  it('does not make one Page wait for another', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    await pacer.acquire('page-1');
    expect(await pacer.acquire('page-2')).toEqual({ ok: true, waitedMs: 0 });
  });

  it('lets a call through at once when the last one is long past', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    await pacer.acquire('p');
    time.advance(2000);
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 0 });
  });

  it('slows down after Meta reports 90 % usage or more, and speeds up again when usage drops', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    await pacer.acquire('p');
    pacer.recordUsage('p', { maxPercent: 92, regainAccessMinutes: 0 });
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 5000 });
    pacer.recordUsage('p', { maxPercent: 40, regainAccessMinutes: 0 });
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 500 });
  });

  it("uses the Page's own figures when Meta reports several objects", async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', { maxPercent: 99, regainAccessMinutes: 0, objects: { p: { maxPercent: 10, regainAccessMinutes: 0 }, other: { maxPercent: 99, regainAccessMinutes: 0 } } });
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 0 });
  });

  it('refuses instead of sleeping for minutes when Meta gives a time to regain access', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', { maxPercent: 100, regainAccessMinutes: 3 });
    expect(await pacer.acquire('p')).toEqual({ ok: false, retryAfterMs: 180_000 });
    expect(time.sleeps).toEqual([]);
    time.advance(180_000);
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 0 });
  });

  it('refuses when the queue for a Page is longer than the longest wait', async () => {
    const time = { now: () => 0, sleep: async () => {} };
    const pacer = createPagePacer({ ...time, minIntervalMs: 500, maxWaitMs: 1000, highUsagePercent: 90, highUsageDelayMs: 5000 });
    const tickets = await Promise.all([1, 2, 3, 4].map(() => pacer.acquire('p')));
    expect(tickets).toEqual([
      { ok: true, waitedMs: 0 },
      { ok: true, waitedMs: 500 },
      { ok: true, waitedMs: 1000 },
      { ok: false, retryAfterMs: 1500 },
    ]);
  });

  it('ignores an answer without usage headers', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', { maxPercent: 95, regainAccessMinutes: 0 });
    pacer.recordUsage('p', null);
    expect(await pacer.acquire('p')).toEqual({ ok: true, waitedMs: 5000 });
  });
});
