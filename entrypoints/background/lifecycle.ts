import { pruneExpiredRecords, type PruneReport } from '../../lib/storage/retention';
import { RECONCILE_ALARM } from '../../lib/send/reconcile';
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
  /** Page tokens an older version kept in storage.local, moved to the vault at this start. */
  tokensMoved: number;
}

/** Runs at the top of every worker start (an MV3 worker restarts often; onStartup alone is browser start). */
export async function onWorkerStart(services: Pick<BackgroundServices, 'reopen' | 'pages' | 'reconciler' | 'store'>): Promise<WorkerStartReport> {
  // Tokens at rest first: no token stays in storage.local (content scripts can read it on Firefox).
  let tokensMoved = 0;
  try {
    tokensMoved = (await services.store.secureAtRest()).tokensMoved;
  } catch {
    // Every read of the Page list tries again (the old list keeps its tokens until the vault has them).
  }
  const recoveredPending = await services.reopen.recoverPending();
  // Reads a dead worker left due are done now (recoverPending handed every attempt still being checked back).
  void services.reconciler.runDue().catch(() => {});
  try {
    await services.pages.syncManaged();
  } catch {
    // A policy we cannot apply now is applied at the next start; it must not block recovery or messages.
  }
  return { recoveredPending, tokensMoved };
}

export async function onRetentionAlarm(services: Pick<BackgroundServices, 'store' | 'settings' | 'now'>): Promise<PruneReport> {
  const { retentionDays } = await services.settings.effective();
  const report = await pruneExpiredRecords(services.store, services.now(), retentionDays);
  // Measured after pruning (near the quota, the measurement evicts caches: see lib/storage/retention.ts).
  await services.store.checkUsage().catch(() => null);
  return report;
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

/** The label sync's wake-up at a Page's next transition (issue 22). */
export const LABELS_ALARM = 'labels';

/** Chrome runs alarms no sooner than 30 s after they are set: the timer covers the early reads of a living worker. */
const ALARM_MIN_DELAY_MS = 30_000;

export interface ReconcileWakeDeps {
  alarms: { create(name: string, info: { when: number }): unknown };
  now: () => number;
  run: () => void;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
  /** The alarm's name (default: the reconciler's). */
  alarm?: string;
  /** Several callers share the waker (the label sync's Pages): a later time never pushes back an earlier one
   *  pending. Default: the newest time asked replaces the one pending. */
  keepEarliest?: boolean;
}

/**
 * How the reconciler is woken for its next read: a timer while this worker lives, and an alarm so a worker that
 * was stopped in between is started again for it (the attempt keeps what is due; see lib/send/reconcile.ts).
 */
export function reconcileWaker(deps: ReconcileWakeDeps): (at: number) => void {
  const setTimer = deps.setTimer ?? ((run, ms) => setTimeout(run, ms));
  const clearTimer = deps.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  let timer: unknown = null;
  let pendingAt = Infinity;
  return (at) => {
    if (deps.keepEarliest && timer !== null && pendingAt <= at) return;
    if (timer !== null) clearTimer(timer);
    pendingAt = at;
    timer = setTimer(
      () => {
        timer = null;
        pendingAt = Infinity;
        deps.run();
      },
      Math.max(0, at - deps.now()),
    );
    void deps.alarms.create(deps.alarm ?? RECONCILE_ALARM, { when: Math.max(at, deps.now() + ALARM_MIN_DELAY_MS) });
  };
}
