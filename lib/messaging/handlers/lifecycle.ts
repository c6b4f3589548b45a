import { pruneExpiredRecords, type PruneReport } from '../../storage/retention';
import type { BackgroundServices } from './services';

// What the worker does outside of messages: on every start, settle sends a dead worker left `pending`, apply the
// administrator's presets; once a day, prune the ledger to the retention period.

export const RETENTION_ALARM = 'reopen-retention';
export const RETENTION_PERIOD_MINUTES = 24 * 60;

/** Storage areas whose content scripts must not read them (the Page token lives in local). */
export interface AccessLevelArea {
  setAccessLevel?: (options: { accessLevel: 'TRUSTED_CONTEXTS' | 'TRUSTED_AND_UNTRUSTED_CONTEXTS' }) => Promise<void>;
}

/** Chrome lets local storage be closed to content scripts; Firefox supports this for session only and rejects. */
export async function restrictToTrustedContexts(area: AccessLevelArea | undefined): Promise<boolean> {
  if (!area?.setAccessLevel) return false;
  try {
    await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
    return true;
  } catch {
    return false;
  }
}

export interface WorkerStartReport {
  recoveredPending: number;
}

/** Runs at the top of every worker start (an MV3 worker restarts often; onStartup alone is browser start). */
export async function onWorkerStart(services: Pick<BackgroundServices, 'reopen' | 'pages'>): Promise<WorkerStartReport> {
  const recoveredPending = await services.reopen.recoverPending();
  try {
    await services.pages.syncManaged();
  } catch {
    // A policy we cannot apply now is applied at the next start; it must not block recovery or messages.
  }
  return { recoveredPending };
}

export async function onRetentionAlarm(services: Pick<BackgroundServices, 'store' | 'settings' | 'now'>): Promise<PruneReport> {
  const { retentionDays } = await services.settings.effective();
  return pruneExpiredRecords(services.store, services.now(), retentionDays);
}

export interface AlarmsArea {
  get(name: string): Promise<unknown>;
  create(name: string, info: { periodInMinutes: number; delayInMinutes?: number }): unknown;
}

/** Creates the daily alarm once (re-creating it at each start would push it back forever). */
export async function ensureRetentionAlarm(alarms: AlarmsArea): Promise<void> {
  if (await alarms.get(RETENTION_ALARM)) return;
  await alarms.create(RETENTION_ALARM, { periodInMinutes: RETENTION_PERIOD_MINUTES, delayInMinutes: 1 });
}
