import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import type { StorageNotice } from './notice';
import type { ThreadRecord } from './schema';

// The storage budget (DESIGN.md §3 "Storage budget"): every key family is bounded, and the bytes in use are
// watched so a full quota is explained to the agent instead of surfacing as a generic failure.
//
//   thread:<page>:<psid>     retention (settings.retentionDays) + at most BLOCKED_PER_THREAD blocked attempts,
//                            the dropped ones counted in `blockedDropped`
//   psidmap:<page>:<item>    retention on the mapping's `at`
//   quarantine:<key>:<ts>    retention + at most QUARANTINE_MAX_ENTRIES copies and QUARANTINE_MAX_BYTES in all;
//                            one copy larger than QUARANTINE_COPY_MAX_BYTES keeps only its size
//   storageWarnings          50 entries (quarantine.ts)
//   overview:<page>          one per Page; settings, pages, inboxHealth: one each
//   pageblock:<page>         one per Page (Meta restricted it: 10/1893063); pruned by retention once it no longer
//                            holds (cleared or past Meta's time). A person's block is one field of its thread record.
//
// Near the quota, threads with no attempt (caches of Meta's facts, read again on the next visit) are evicted,
// oldest first (lib/storage/retention.ts freeSpace); only the ledger of attempts is never evicted.

/** Blocked attempts never reached Meta; past this many per thread only the newest are kept. */
export const BLOCKED_PER_THREAD = 20;
export const QUARANTINE_MAX_ENTRIES = 20;
export const QUARANTINE_MAX_BYTES = 200_000;
export const QUARANTINE_COPY_MAX_BYTES = 50_000;

/** Chrome's storage.local quota without `unlimitedStorage` (chrome.storage.local.QUOTA_BYTES). */
export const DEFAULT_QUOTA_BYTES = 10_485_760;
/** From this share of the quota on, the banner and the popup warn before writes start failing. */
export const NEAR_FULL_RATIO = 0.8;
/** The bytes are measured at most this often after writes (the retention alarm always measures). */
export const USAGE_CHECK_INTERVAL_MS = 60_000;

/** Keeps the newest BLOCKED_PER_THREAD blocked attempts; the others are dropped and counted. */
export function capBlockedAttempts(record: ThreadRecord): ThreadRecord {
  const blocked = record.attempts.filter((attempt) => attempt.status === 'blocked');
  if (blocked.length <= BLOCKED_PER_THREAD) return record;
  const drop = new Set([...blocked].sort((a, b) => a.at - b.at).slice(0, blocked.length - BLOCKED_PER_THREAD));
  return {
    ...record,
    attempts: record.attempts.filter((attempt) => !drop.has(attempt)),
    blockedDropped: (record.blockedDropped ?? 0) + drop.size,
  };
}

/** Size of a value as storage.local counts it (the JSON of key and value, in UTF-8 bytes). */
export function storedBytes(key: string, value: unknown): number {
  return new TextEncoder().encode(key + JSON.stringify(value ?? null)).length;
}

/** A write refused because the storage quota is reached. The router answers `storage_full`, not `internal`. */
export class StorageFullError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('Extension storage is full.', options);
    this.name = 'StorageFullError';
  }
}

/** Chrome: "QUOTA_BYTES quota exceeded"; Firefox: a QuotaExceededError (DOMException) or a message saying quota. */
export function isQuotaError(error: unknown): boolean {
  if (error instanceof StorageFullError) return true;
  if (!error || typeof error !== 'object') return typeof error === 'string' && /quota/i.test(error);
  const { name, message } = error as { name?: unknown; message?: unknown };
  return name === 'QuotaExceededError' || (typeof message === 'string' && /quota/i.test(message));
}

/** Runs a storage write; a quota refusal becomes a StorageFullError (and is told to `onFull`). */
export async function guardWrite<T>(write: () => Promise<T>, onFull?: () => void): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isQuotaError(error)) throw error;
    onFull?.();
    throw error instanceof StorageFullError ? error : new StorageFullError({ cause: error });
  }
}

export type StorageLevel = 'ok' | 'near_full' | 'full';

export interface StorageUsage {
  level: StorageLevel;
  bytesInUse: number;
  /** null when the browser sets no quota (unlimitedStorage, or Firefox's local area). */
  quotaBytes: number | null;
  checkedAt: number;
}

export interface UsageMonitorDeps {
  /** storage.local.getBytesInUse(null), or an estimate where the browser has none. */
  bytesInUse: () => Promise<number>;
  quotaBytes: number | null;
  now: () => number;
  intervalMs?: number;
  /** Told when a measurement finds the storage near full or full (e.g. to evict caches). */
  onPressure?: (usage: StorageUsage) => void;
}

export interface UsageMonitor {
  /** The last measurement (null before the first). */
  current(): StorageUsage | null;
  /** Measures now. */
  check(): Promise<StorageUsage>;
  /** After a write: measures if the last measurement is older than the interval. Never throws. */
  afterWrite(): void;
  /** A write was refused for quota: `full` until a measurement says otherwise. */
  reportFull(): void;
}

export function levelOf(bytesInUse: number, quotaBytes: number | null): StorageLevel {
  if (quotaBytes === null || quotaBytes <= 0) return 'ok';
  if (bytesInUse >= quotaBytes) return 'full';
  return bytesInUse >= quotaBytes * NEAR_FULL_RATIO ? 'near_full' : 'ok';
}

export function createUsageMonitor(deps: UsageMonitorDeps): UsageMonitor {
  const interval = deps.intervalMs ?? USAGE_CHECK_INTERVAL_MS;
  let last: StorageUsage | null = null;
  let running: Promise<StorageUsage> | null = null;

  function check(): Promise<StorageUsage> {
    running ??= (async () => {
      try {
        const bytesInUse = await deps.bytesInUse();
        const measured: StorageUsage = { level: levelOf(bytesInUse, deps.quotaBytes), bytesInUse, quotaBytes: deps.quotaBytes, checkedAt: deps.now() };
        last = measured;
        if (measured.level !== 'ok') deps.onPressure?.(measured);
        return measured;
      } finally {
        running = null;
      }
    })();
    return running;
  }

  return {
    current: () => last,
    check,
    afterWrite() {
      if (last && deps.now() - last.checkedAt < interval) return;
      check().catch(() => {});
    },
    reportFull() {
      last = { level: 'full', bytesInUse: last?.bytesInUse ?? deps.quotaBytes ?? 0, quotaBytes: deps.quotaBytes, checkedAt: deps.now() };
    },
  };
}

/** Where the bytes come from in the extension: getBytesInUse where the browser has it (Chrome), else the size of
 *  a snapshot (Firefox's local area has neither getBytesInUse nor a fixed quota). */
export function browserUsageSource(): Pick<UsageMonitorDeps, 'bytesInUse' | 'quotaBytes'> {
  const local = browser.storage.local as unknown as { getBytesInUse?: (keys: null) => Promise<number>; QUOTA_BYTES?: number };
  const quota = typeof local.QUOTA_BYTES === 'number' ? local.QUOTA_BYTES : null;
  return {
    quotaBytes: quota,
    bytesInUse: async () => {
      if (typeof local.getBytesInUse === 'function') return local.getBytesInUse(null);
      const all = await storage.snapshot('local');
      return Object.entries(all).reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);
    },
  };
}

/** What the banner and the popup are told: nothing while there is room. */
export function storageNotice(usage: StorageUsage | null): StorageNotice | undefined {
  if (!usage || usage.level === 'ok') return undefined;
  return { level: usage.level, bytesInUse: usage.bytesInUse, quotaBytes: usage.quotaBytes };
}

/** Adds the storage notice to a reply when there is one (an additive field). */
export async function withStorageNotice<T extends object>(reply: T, usage: () => Promise<StorageUsage | null>): Promise<T & { storage?: StorageNotice }> {
  const notice = storageNotice(await usage().catch(() => null));
  return notice ? { ...reply, storage: notice } : reply;
}
