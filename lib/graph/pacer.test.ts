import { describe, expect, it } from 'vitest';
import { createPagePacer, type PacerOptions, type PacerTicket } from './pacer';

/** A clock that only moves when told to, or when the pacer sleeps. */
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
  return createPagePacer({
    now: time.now,
    sleep: time.sleep,
    minIntervalMs: 500,
    maxWaitMs: 10_000,
    highUsagePercent: 90,
    highUsageDelayMs: 5000,
    ...overrides,
  });
}

function granted(ticket: PacerTicket) {
  if (!ticket.ok) throw new Error(`refused, retry after ${ticket.retryAfterMs} ms`);
  return ticket;
}

describe('createPagePacer', () => {
  it('starts the next call for a Page 500 ms after the previous one was answered', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const first = granted(await pacer.acquire('p'));
    expect(first.waitedMs).toBe(0);
    time.advance(300); // the call takes 300 ms
    first.done();
    const second = granted(await pacer.acquire('p'));
    expect(second.waitedMs).toBe(500);
    expect(time.sleeps).toEqual([500]);
  });

  it('runs a burst for one Page one call at a time, each 500 ms after the last answer', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const starts: number[] = [];
    await Promise.all(
      [1, 2, 3, 4, 5].map(async () => {
        const ticket = granted(await pacer.acquire('p'));
        starts.push(time.now());
        await Promise.resolve();
        time.advance(100); // each call takes 100 ms
        ticket.done();
      }),
    );
    const start = starts[0]!;
    expect(starts.map((at) => at - start)).toEqual([0, 600, 1200, 1800, 2400]);
  });

  it('does not make one Page wait for another', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    granted(await pacer.acquire('page-1'));
    expect(granted(await pacer.acquire('page-2')).waitedMs).toBe(0);
  });

  it('lets a call through at once when the last answer is long past', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    granted(await pacer.acquire('p')).done();
    time.advance(2000);
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(0);
  });

  it('slows down after Meta reports 90 % usage or more, and speeds up again when usage drops', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const first = granted(await pacer.acquire('p'));
    pacer.recordUsage('p', { maxPercent: 92, regainAccessMinutes: 0 });
    first.done();
    const second = granted(await pacer.acquire('p'));
    expect(second.waitedMs).toBe(5000);
    pacer.recordUsage('p', { maxPercent: 40, regainAccessMinutes: 0 });
    second.done();
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(500);
  });

  it("uses the Page's own figures when Meta reports several objects", async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', {
      maxPercent: 99,
      regainAccessMinutes: 0,
      objects: { p: { maxPercent: 10, regainAccessMinutes: 0 }, other: { maxPercent: 99, regainAccessMinutes: 0 } },
    });
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(0);
  });

  it('refuses instead of sleeping for minutes when Meta gives a time to regain access', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', { maxPercent: 100, regainAccessMinutes: 3 });
    expect(await pacer.acquire('p')).toEqual({ ok: false, retryAfterMs: 180_000 });
    expect(time.sleeps).toEqual([]);
    time.advance(180_000);
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(0);
  });

  it('refuses when the queue for a Page is longer than the longest wait', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time, { maxWaitMs: 1000 });
    const tickets = [pacer.acquire('p'), pacer.acquire('p'), pacer.acquire('p'), pacer.acquire('p')];
    expect(await tickets[3]).toEqual({ ok: false, retryAfterMs: 1500 });
    // The three admitted calls still run in turn.
    for (const ticket of tickets.slice(0, 3)) granted(await ticket).done();
  });

  it('an urgent call (the read before a send) goes next, ahead of background reads already queued, then they run in order', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const order: string[] = [];
    const run = async (name: string, urgent = false) => {
      const ticket = granted(await pacer.acquire('p', { urgent }));
      order.push(name);
      await Promise.resolve();
      time.advance(100);
      ticket.done();
    };
    const holder = granted(await pacer.acquire('p'));
    const calls = [run('listing-1'), run('listing-2'), run('listing-3'), run('before-send', true), run('listing-4')];
    holder.done();
    await Promise.all(calls);
    expect(order).toEqual(['before-send', 'listing-1', 'listing-2', 'listing-3', 'listing-4']);
  });

  it('an urgent call is not refused for a long queue of background reads: only urgent calls ahead count', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time, { maxWaitMs: 1000 });
    const background = [pacer.acquire('p'), pacer.acquire('p'), pacer.acquire('p')];
    expect(await pacer.acquire('p')).toEqual({ ok: false, retryAfterMs: 1500 });
    const urgent = pacer.acquire('p', { urgent: true });
    granted(await background[0]!).done();
    const ticket = granted(await urgent);
    expect(ticket.waitedMs).toBe(500);
    ticket.done();
    for (const queued of background.slice(1)) granted(await queued).done();
  });

  it('a label-sync call (background) waits behind every switch and send queued, even ones that came after it', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const order: string[] = [];
    const run = async (name: string, priority: 'urgent' | 'normal' | 'background') => {
      const ticket = granted(await pacer.acquire('p', { priority }));
      order.push(name);
      await Promise.resolve();
      time.advance(100);
      ticket.done();
    };
    const holder = granted(await pacer.acquire('p'));
    const calls = [run('label-1', 'background'), run('label-2', 'background'), run('switch', 'normal'), run('before-send', 'urgent'), run('badges', 'normal')];
    holder.done();
    await Promise.all(calls);
    expect(order).toEqual(['before-send', 'switch', 'badges', 'label-1', 'label-2']);
  });

  it('a switch is not refused for a queue of label-sync calls: only calls of its rank or above count ahead', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time, { maxWaitMs: 1000 });
    const labels = [0, 1, 2, 3].map(() => pacer.acquire('p', { priority: 'background' }));
    const aSwitch = pacer.acquire('p');
    granted(await labels[0]!).done();
    const ticket = granted(await aSwitch);
    expect(ticket.waitedMs).toBe(500);
    ticket.done();
    for (const queued of labels.slice(1)) {
      const result = await queued;
      if (result.ok) result.done();
    }
  });

  it('gives the turn on when Meta reports a long hold while a call is queued', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const first = granted(await pacer.acquire('p'));
    const queued = pacer.acquire('p');
    pacer.recordUsage('p', { maxPercent: 100, regainAccessMinutes: 2 });
    first.done();
    expect(await queued).toEqual({ ok: false, retryAfterMs: 120_000 });
    time.advance(120_000);
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(0);
  });

  it('frees the Page only once even if done is called twice', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    const first = granted(await pacer.acquire('p'));
    const second = pacer.acquire('p');
    const third = pacer.acquire('p');
    first.done();
    first.done();
    const secondTicket = granted(await second);
    let thirdSettled = false;
    void third.then(() => (thirdSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(thirdSettled).toBe(false);
    secondTicket.done();
    granted(await third);
  });

  it('ignores an answer without usage headers', async () => {
    const time = fakeTime();
    const pacer = pacerWith(time);
    pacer.recordUsage('p', { maxPercent: 95, regainAccessMinutes: 0 });
    pacer.recordUsage('p', null);
    expect(granted(await pacer.acquire('p')).waitedMs).toBe(5000);
  });

  it('a clock moved back does not lock the Page out: holds set "in the future" are dropped', async () => {
    const time = fakeTime(10 * 3_600_000);
    const pacer = pacerWith(time);
    granted(await pacer.acquire('p1')).done();
    // Meta asked for 5 minutes: calls are refused meanwhile.
    pacer.recordUsage('p1', { maxPercent: 100, regainAccessMinutes: 5 });
    expect((await pacer.acquire('p1')).ok).toBe(false);
    // The agent's clock goes back two hours (set by hand): the hold would last 2 h 5 min by this clock.
    time.advance(-2 * 3_600_000);
    const ticket = granted(await pacer.acquire('p1'));
    expect(ticket.waitedMs).toBe(0);
    ticket.done();
    // Pacing itself goes on from the new clock: the next call waits its 500 ms, not two hours.
    const next = granted(await pacer.acquire('p1'));
    expect(next.waitedMs).toBe(500);
  });
});
