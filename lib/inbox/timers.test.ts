import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createContextTimers } from './timers';

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
