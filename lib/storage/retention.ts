import { pruneQuarantine } from './quarantine';
import type { ReopenStore } from './store';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface PruneReport {
  attemptsRemoved: number;
  threadsRemoved: number;
  quarantineRemoved: number;
}

/**
 * Drops attempts older than the retention period, then threads with nothing left that were not touched within
 * it, plus old quarantined copies and warnings. Retention is at least one day, longer than the 24 h cooldown,
 * so pruning never shortens a cooldown.
 */
export async function pruneExpiredRecords(store: ReopenStore, now: number, retentionDays: number): Promise<PruneReport> {
  const horizon = now - Math.max(1, retentionDays) * DAY_MS;
  const report: PruneReport = { attemptsRemoved: 0, threadsRemoved: 0, quarantineRemoved: 0 };
  for (const thread of await store.listThreads()) {
    const hasOld = thread.attempts.some((attempt) => attempt.at < horizon);
    const stale = thread.updatedAt < horizon;
    if (!hasOld && !stale) continue;
    await store.updateThread(thread.pageId, thread.psid, (current) => {
      if (!current) return null;
      const attempts = current.attempts.filter((attempt) => attempt.at >= horizon);
      report.attemptsRemoved += current.attempts.length - attempts.length;
      if (!attempts.length && current.updatedAt < horizon) {
        report.threadsRemoved += 1;
        return null;
      }
      return { ...current, attempts };
    });
  }
  report.quarantineRemoved = await pruneQuarantine(horizon);
  return report;
}
