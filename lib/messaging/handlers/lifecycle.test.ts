import { describe, expect, it, vi } from 'vitest';
import { ensureRetentionAlarm, restrictToTrustedContexts, RETENTION_ALARM } from './lifecycle';

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
});
