import type { SettingsService } from '../settings/service';
import { withStorageNotice } from '../storage/budget';
import type { ReopenStore } from '../storage/store';
import { computeSummary } from './compute-summary';
import type { SummaryView } from './view';

// The popup's and dashboard's summary (summary.get): the figures over the ledger, plus what the manager should know
// about Reopen's own storage.

export interface ManagerSummaryDeps {
  store: Pick<ReopenStore, 'listThreads' | 'warnings' | 'usage'>;
  settings: Pick<SettingsService, 'effective'>;
  now: () => number;
}

export async function managerSummary(deps: ManagerSummaryDeps): Promise<SummaryView> {
  const [threads, settings, warnings] = await Promise.all([deps.store.listThreads(), deps.settings.effective(), deps.store.warnings()]);
  const summary = computeSummary(threads, deps.now(), { closesSoonMinutes: settings.closesSoonMinutes });
  // Unreadable stored values that were moved aside (kept in the settings export), and whether the extension storage
  // is near or at its quota.
  return withStorageNotice({ ...summary, warnings }, deps.store.usage);
}
