import { afterEach, beforeEach, describe, expect, it, test, vi } from 'vitest';
import { createContextTimers, pacedFrames } from './timers';

function fakeContext() {
  const listeners: (() => void)[] = [];
  return {
    isValid: true,
    onInvalidated: (callback: () => void) => listeners.push(callback),
    listeners,
    invalidate() {
      this.isValid = false;
      listeners.forEach((listener) => listener());
    },
  };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createContextTimers', () => {
  test('runs a timer once when due, and not one that was cleared', () => {
    const timers = createContextTimers(fakeContext());
    const due = vi.fn();
    const cleared = vi.fn();
    timers.setTimeout(due, 100);
    timers.clearTimeout(timers.setTimeout(cleared, 100));
    vi.advanceTimersByTime(99);
    expect(due).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(due).toHaveBeenCalledTimes(1);
    expect(cleared).not.toHaveBeenCalled();
  });

  test('after an extension update nothing pending runs', () => {
    const ctx = fakeContext();
    const timers = createContextTimers(ctx);
    const handler = vi.fn();
    timers.setTimeout(handler, 100);
    ctx.invalidate();
    vi.advanceTimersByTime(1000);
    expect(handler).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });

  test('a day of countdown ticks leaves one invalidation listener, not one per tick', () => {
    const ctx = fakeContext();
    const timers = createContextTimers(ctx);
    const tick = vi.fn();
    for (let second = 0; second < 3600; second++) {
      timers.setTimeout(tick, 1000);
      vi.advanceTimersByTime(1000);
    }
    expect(tick).toHaveBeenCalledTimes(3600);
    expect(ctx.listeners).toHaveLength(1);
  });
});

describe('pacedFrames: one badge pass per gap while the list churns', () => {
  function setUp() {
    const clock = { now: 1000 };
    const frames: (() => void)[] = [];
    const timers: { at: number; run: () => void }[] = [];
    const request = pacedFrames(100, {
      now: () => clock.now,
      frame: (run) => void frames.push(run),
      later: (run, ms) => void timers.push({ at: clock.now + ms, run }),
    });
    const passes: number[] = [];
    const pass = () => void passes.push(clock.now);
    /** Moves the clock on, running the timers due and then the frames asked for (a frame is 16 ms). */
    const advance = (ms: number) => {
      const until = clock.now + ms;
      for (let step = 0; step < 1000 && clock.now < until; step++) {
        clock.now = Math.min(until, clock.now + 16);
        for (const timer of timers.splice(0).filter((timer) => (timer.at <= clock.now ? (timer.run(), false) : true))) timers.push(timer);
        frames.splice(0).forEach((frame) => frame());
      }
    };
    return { clock, request, pass, passes, timers, advance };
  }

  it('a list re-rendered now and then gets its pass at the next frame', () => {
    const { request, pass, passes, timers, advance } = setUp();
    request(pass);
    // Due at once (a timer of 0 ms or less, then the frame).
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at).toBeLessThanOrEqual(1000);
    advance(16);
    request(pass);
    advance(300);
    request(pass);
    advance(16);
    // At once; then 100 ms after the first (the first timer-checked frame after it); then at once again.
    expect(passes).toEqual([1016, 1128, 1332]);
    expect(passes[1]! - passes[0]!).toBeGreaterThanOrEqual(100);
  });

  it('a list re-rendered every few milliseconds gets one pass per gap, not one per commit', () => {
    const { request, pass, passes, advance } = setUp();
    let pending = false;
    // 200 commits 5 ms apart (one second of churn); like the badges, one request at a time until its pass has run.
    for (let commit = 0; commit < 200; commit++) {
      if (!pending) {
        pending = true;
        request(() => ((pending = false), pass()));
      }
      advance(5);
    }
    advance(200);
    expect(passes.length).toBeGreaterThanOrEqual(8);
    expect(passes.length).toBeLessThanOrEqual(11);
    passes.slice(1).forEach((at, index) => expect(at - passes[index]!).toBeGreaterThanOrEqual(100));
  });
});
