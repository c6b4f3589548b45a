import { storage } from 'wxt/utils/storage';
import { stopBlockHolds } from '../policy';
import { storedBytes, type StorageUsage } from './budget';
import { pruneQuarantine } from './quarantine';
import { pageBlockRecordSchema, psidMappingSchema, threadKey, type ThreadRecord } from './schema';
import type { ReopenStore } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;
/** A person's block that holds keeps its thread at least this long, whatever the retention: past the 7 days in which
 *  a HUMAN_AGENT tag can reach anyone, so a short retention never reopens tagged sends Meta said to stop. */
export const PERSON_BLOCK_KEPT_MS = 8 * DAY_MS;

export interface PruneReport {
  attemptsRemoved: number;
  threadsRemoved: number;
  quarantineRemoved: number;
  psidMappingsRemoved: number;
  pageBlocksRemoved: number;
}

const PSIDMAP_PREFIX = 'psidmap:';

/** selected_item_id → PSID mappings not proven or chosen again within the retention period (or unreadable). */
export async function prunePsidMappings(olderThan: number): Promise<number> {
  const all = await storage.snapshot('local');
  const stale = Object.entries(all)
    .filter(([key]) => key.startsWith(PSIDMAP_PREFIX) && !key.endsWith('$'))
    .filter(([, value]) => {
      const parsed = psidMappingSchema.safeParse(value);
      return !parsed.success || parsed.data.at < olderThan;
    })
    .flatMap(([key]) => [`local:${key}` as const, `local:${key}$` as const]);
  if (stale.length) await storage.removeItems(stale);
  return stale.length / 2;
}

const PAGE_BLOCK_PREFIX = 'pageblock:';

/** Page blocks that no longer hold (cleared, or past Meta's time) and began before the horizon, or are unreadable.
 *  A block that still holds is never pruned: only Meta's time or a manager lifts it. */
export async function prunePageBlocks(olderThan: number, now: number): Promise<number> {
  const all = await storage.snapshot('local');
  const stale = Object.entries(all)
    .filter(([key]) => key.startsWith(PAGE_BLOCK_PREFIX))
    .filter(([, value]) => {
      const parsed = pageBlockRecordSchema.safeParse(value);
      if (!parsed.success) return true;
      const over = parsed.data.clearedAt !== undefined || (parsed.data.until !== undefined && parsed.data.until <= now);
      return over && parsed.data.since < olderThan;
    })
    .map(([key]) => `local:${key}` as const);
  if (stale.length) await storage.removeItems(stale);
  return stale.length;
}

/**
 * Drops attempts older than the retention period, then threads with nothing left that were not touched within
 * it, old quarantined copies and warnings, and old selected_item_id → PSID mappings. Retention is at least one day, longer than the 24 h cooldown,
 * so pruning never shortens a cooldown.
 */
export async function pruneExpiredRecords(store: ReopenStore, now: number, retentionDays: number): Promise<PruneReport> {
  const horizon = now - Math.max(1, retentionDays) * DAY_MS;
  const report: PruneReport = { attemptsRemoved: 0, threadsRemoved: 0, quarantineRemoved: 0, psidMappingsRemoved: 0, pageBlocksRemoved: 0 };
  /** A person's block that holds, within the retention period or PERSON_BLOCK_KEPT_MS, keeps the thread (and itself). */
  const keepsThread = (record: ThreadRecord) =>
    !!record.block &&
    record.block.since >= Math.min(horizon, now - PERSON_BLOCK_KEPT_MS) &&
    stopBlockHolds(record.block, now, record.facts?.customerLastMessageAt ?? null);
  for (const thread of await store.listThreads()) {
    const hasOld = thread.attempts.some((attempt) => attempt.at < horizon);
    const stale = thread.updatedAt < horizon;
    if (!hasOld && !stale) continue;
    await store.updateThread(thread.pageId, thread.psid, (current) => {
      if (!current) return null;
      const attempts = current.attempts.filter((attempt) => attempt.at >= horizon);
      report.attemptsRemoved += current.attempts.length - attempts.length;
      if (!attempts.length && current.updatedAt < horizon && !keepsThread(current)) {
        report.threadsRemoved += 1;
        return null;
      }
      return { ...current, attempts };
    });
  }
  report.quarantineRemoved = await pruneQuarantine(horizon);
  report.psidMappingsRemoved = await prunePsidMappings(horizon);
  report.pageBlocksRemoved = await prunePageBlocks(horizon, now);
  return report;
}

/** Where eviction stops: well under the near-full mark, so one eviction buys many conversations. */
export const EVICT_TO_RATIO = 0.6;

/**
 * Near the quota: threads with no attempt are only caches (name, facts, Business Suite id) that the next visit
 * reads from Meta again, so they go, least recently updated first, until the storage is back under
 * EVICT_TO_RATIO of the quota. Threads with attempts (the ledger, the cooldowns) or a person's block are never evicted.
 */
export async function freeSpace(store: ReopenStore, usage: StorageUsage): Promise<number> {
  if (usage.quotaBytes === null) return 0;
  let toFree = usage.bytesInUse - usage.quotaBytes * EVICT_TO_RATIO;
  if (toFree <= 0) return 0;
  // A thread carrying a person's block from Meta is not a cache: the block is kept (retention bounds it).
  const isCache = (thread: ThreadRecord) => thread.attempts.length === 0 && !thread.block;
  const caches = (await store.listThreads()).filter(isCache).sort((a, b) => a.updatedAt - b.updatedAt);
  let evicted = 0;
  for (const thread of caches) {
    if (toFree <= 0) break;
    const bytes = storedBytes(threadKey(thread.pageId, thread.psid), thread);
    await store.updateThread(thread.pageId, thread.psid, (current) => (current && isCache(current) ? null : current));
    toFree -= bytes;
    evicted += 1;
  }
  return evicted;
}
