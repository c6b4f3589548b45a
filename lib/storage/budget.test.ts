import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { BLOCKED_PER_THREAD, createUsageMonitor, isQuotaError, QUARANTINE_MAX_BYTES, QUARANTINE_MAX_ENTRIES, storedBytes, type StorageUsage } from './budget';
import { createHeldCommits } from './held-commits';
import { quarantineValue } from './quarantine';
import { freeSpace, pruneExpiredRecords } from './retention';
import type { StoredAttempt, ThreadRecord } from './schema';
import { createStore, emptyThread } from './store';

const NOW = Date.parse('2026-07-12T12:00:00Z');
const DAY = 86_400_000;
const store = () => createStore({ now: () => NOW });
const attempt = (at: number, status: StoredAttempt['status']): StoredAttempt => ({
  requestId: `r-${at}-${status}`,
  at,
  route: 'HUMAN_AGENT',
  status,
  contentKind: 'text',
  ...(status === 'blocked' ? { reason: 'cooldown' } : {}),
});
const thread = (psid: string, attempts: StoredAttempt[], updatedAt = NOW): ThreadRecord => ({ ...emptyThread('p1', psid, updatedAt), attempts });

beforeEach(() => fakeBrowser.reset());

describe('per-thread cap on blocked attempts', () => {
  it('201 blocked clicks keep the newest 20 and count the rest; the key stays small; a sent attempt is never dropped', async () => {
    const s = store();
    await s.updateThread('p1', 'a', () => thread('a', [attempt(NOW - DAY, 'sent')]));
    for (let index = 0; index < 201; index++) {
      await s.updateThread('p1', 'a', (current) => ({ ...current!, attempts: [...current!.attempts, attempt(NOW + index, 'blocked')] }));
    }
    const record = (await s.getThread('p1', 'a'))!;
    const blocked = record.attempts.filter((entry) => entry.status === 'blocked');
    expect(blocked).toHaveLength(BLOCKED_PER_THREAD);
    expect(blocked[0]!.at).toBe(NOW + 201 - BLOCKED_PER_THREAD);
    expect(record.blockedDropped).toBe(201 - BLOCKED_PER_THREAD);
    expect(record.attempts.filter((entry) => entry.status === 'sent')).toHaveLength(1);
    // Was 36 KB for 201 blocked attempts.
    expect(storedBytes('thread:p1:a', record)).toBeLessThan(4_000);
  });
});

describe('quarantine is bounded', () => {
  it(`keeps at most ${QUARANTINE_MAX_ENTRIES} copies, the newest`, async () => {
    for (let index = 0; index < 30; index++) await quarantineValue(`thread:p1:${index}`, { broken: index }, new Error('x'), 'default', NOW + index);
    const kept = (await store().quarantined()).map(({ key }) => key);
    expect(kept).toHaveLength(QUARANTINE_MAX_ENTRIES);
    expect(kept).toContain(`quarantine:thread:p1:29:${NOW + 29}`);
    expect(kept).not.toContain(`quarantine:thread:p1:0:${NOW}`);
  });

  it('a copy too large to keep is replaced by its size; all copies together stay under the byte budget', async () => {
    const huge = { attempts: Array.from({ length: 2_000 }, (_, index) => ({ requestId: `r${index}`, note: 'x'.repeat(40) })) };
    await quarantineValue('thread:p1:big', huge, new Error('x'), 'default', NOW);
    const [copy] = await store().quarantined();
    expect(copy!.value).toEqual({ omitted: 'too_large', bytes: expect.any(Number) });
    for (let index = 0; index < 10; index++) {
      await quarantineValue(`thread:p1:${index}`, { note: 'y'.repeat(30_000) }, new Error('x'), 'default', NOW + index + 1);
    }
    const total = (await store().quarantined()).reduce((sum, { key, value }) => sum + storedBytes(key, value), 0);
    expect(total).toBeLessThanOrEqual(QUARANTINE_MAX_BYTES);
  });
});

describe('psidmap retention', () => {
  it('drops selected_item_id → PSID mappings older than the retention period, keeps recent ones', async () => {
    const s = store();
    await s.setPsidMapping('p1', 'old', { psid: '1', source: 'proven', at: NOW - 100 * DAY });
    await s.setPsidMapping('p1', 'new', { psid: '2', source: 'chosen', at: NOW - DAY });
    const report = await pruneExpiredRecords(s, NOW, 90);
    expect(report.psidMappingsRemoved).toBe(1);
    expect(await s.getPsidMapping('p1', 'old')).toBeNull();
    expect(await s.getPsidMapping('p1', 'new')).toMatchObject({ psid: '2' });
    expect(Object.keys(await fakeBrowser.storage.local.get(null)).filter((key) => key.startsWith('psidmap:p1:old'))).toEqual([]);
  });
});

describe('usage watch', () => {
  it('says ok, near full from 80 %, full at the quota; measures after writes at most once per interval', async () => {
    let bytes = 1_000;
    let clock = NOW;
    let measured = 0;
    const pressure: StorageUsage[] = [];
    const monitor = createUsageMonitor({
      bytesInUse: async () => (measured++, bytes),
      quotaBytes: 10_000,
      now: () => clock,
      intervalMs: 60_000,
      onPressure: (usage) => pressure.push(usage),
    });
    expect((await monitor.check()).level).toBe('ok');
    bytes = 8_000;
    monitor.afterWrite(); // within the interval: no new measurement
    expect(measured).toBe(1);
    clock += 60_000;
    monitor.afterWrite();
    await Promise.resolve();
    await Promise.resolve();
    expect(monitor.current()).toMatchObject({ level: 'near_full', bytesInUse: 8_000 });
    bytes = 10_000;
    expect((await monitor.check()).level).toBe('full');
    expect(pressure.map((usage) => usage.level)).toEqual(['near_full', 'full']);
  });

  it('a write refused for quota marks the storage full and surfaces as StorageFullError', async () => {
    const monitor = createUsageMonitor({ bytesInUse: async () => 0, quotaBytes: null, now: () => NOW });
    const s = createStore({ now: () => NOW, usage: monitor });
    const realSet = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    fakeBrowser.storage.local.set = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    try {
      await expect(s.updateThread('p1', 'a', () => thread('a', []))).rejects.toMatchObject({ name: 'StorageFullError' });
    } finally {
      fakeBrowser.storage.local.set = realSet;
    }
    expect(monitor.current()?.level).toBe('full');
    expect(isQuotaError(new DOMException('x', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new Error('Network down'))).toBe(false);
  });

  it('near the quota, threads with no attempt (caches) are evicted oldest first; threads with attempts never', async () => {
    const s = store();
    await s.updateThread('p1', 'ledger', () => thread('ledger', [attempt(NOW - 80 * DAY, 'sent')], NOW - 80 * DAY));
    for (let index = 0; index < 10; index++) await s.updateThread('p1', `c${index}`, () => thread(`c${index}`, [], NOW - (10 - index) * DAY));
    const one = storedBytes('thread:p1:c0', thread('c0', [], NOW - 10 * DAY));
    // Quota of 10 caches' worth; usage 100 %: eviction frees down to 60 %.
    const evicted = await freeSpace(s, { level: 'full', bytesInUse: 10 * one, quotaBytes: 10 * one, checkedAt: NOW });
    expect(evicted).toBe(4);
    const left = (await s.listThreads()).map((record) => record.psid).sort();
    expect(left).toEqual(['c4', 'c5', 'c6', 'c7', 'c8', 'c9', 'ledger']);
  });
});

describe('held commits', () => {
  it('a refused commit is retried on schedule and by flush until written; bounded', async () => {
    const written: string[] = [];
    let refuse = true;
    const timers: (() => void)[] = [];
    const held = createHeldCommits({
      write: async ({ attempt: entry }) => {
        if (refuse) throw new Error('QUOTA_BYTES quota exceeded');
        written.push(entry.requestId);
      },
      schedule: (run) => void timers.push(run),
      delaysMs: [1, 2],
    });
    held.hold({ pageId: 'p1', psid: 'a', attempt: attempt(NOW, 'sent') });
    expect(await held.flush()).toBe(0);
    expect(held.held()).toHaveLength(1);
    refuse = false;
    timers.shift()!();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(written).toEqual([`r-${NOW}-sent`]);
    expect(held.held()).toHaveLength(0);
  });
});
