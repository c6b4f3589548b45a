import { describe, expect, it, vi } from 'vitest';
import { RECONCILE_ALARM } from '../../lib/send/reconcile';
import { createUsageMonitor } from '../../lib/storage/budget';
import { createStore, DEFAULT_SETTINGS } from '../../lib/storage/store';
import { ensureRetentionAlarm, onRetentionAlarm, reconcileWaker, restrictToTrustedContexts, RETENTION_ALARM } from './lifecycle';

describe('worker lifecycle', () => {
  it('closes local storage to content scripts where the browser allows it', async () => {
    const setAccessLevel = vi.fn(async () => {});
    expect(await restrictToTrustedContexts({ setAccessLevel })).toBe(true);
    expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    // Firefox rejects it for local storage; Chrome before 102 has no such method.
    expect(await restrictToTrustedContexts({ setAccessLevel: () => Promise.reject(new Error('unsupported')) })).toBe(false);
    expect(await restrictToTrustedContexts({})).toBe(false);
  });

  it('creates the daily retention alarm once', async () => {
    const alarms = new Map<string, unknown>();
    const area = {
      get: async (name: string) => alarms.get(name),
      create: vi.fn((name: string, info: { periodInMinutes: number }) => void alarms.set(name, info)),
    };
    await ensureRetentionAlarm(area);
    await ensureRetentionAlarm(area);
    expect(area.create).toHaveBeenCalledTimes(1);
    expect(alarms.get(RETENTION_ALARM)).toMatchObject({ periodInMinutes: 1440 });
  });

  it('wakes the reconciler with one timer while the worker lives and an alarm (at least 30 s away) for its successor', () => {
    let now = 1_000_000;
    const timers = new Map<number, { ms: number; run: () => void }>();
    let nextTimer = 1;
    const alarms = { create: vi.fn() };
    const run = vi.fn();
    const wake = reconcileWaker({
      alarms,
      now: () => now,
      run,
      setTimer: (handler, ms) => {
        const id = nextTimer++;
        timers.set(id, { ms, run: handler });
        return id;
      },
      clearTimer: (id) => void timers.delete(id as number),
    });
    wake(now + 5_000);
    wake(now + 4_000);
    // One timer at a time: the later wake-up replaced the earlier one.
    expect([...timers.values()].map((timer) => timer.ms)).toEqual([4_000]);
    expect(alarms.create).toHaveBeenLastCalledWith(RECONCILE_ALARM, { when: now + 30_000 });
    wake(now + 120_000);
    expect(alarms.create).toHaveBeenLastCalledWith(RECONCILE_ALARM, { when: now + 120_000 });
    now += 120_000;
    [...timers.values()][0]!.run();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('the daily retention alarm prunes, then measures the storage (the popup and banner learn how full it is)', async () => {
    const now = () => Date.parse('2026-07-12T12:00:00Z');
    const usage = createUsageMonitor({ bytesInUse: async () => 9_000_000, quotaBytes: 10_485_760, now });
    const store = createStore({ now, usage });
    await onRetentionAlarm({ store, now, settings: { effective: async () => DEFAULT_SETTINGS } as never });
    expect(usage.current()).toMatchObject({ level: 'near_full', bytesInUse: 9_000_000 });
  });
});
