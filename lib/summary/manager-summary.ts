import { stopBlockHolds } from '../policy';
import type { SettingsService } from '../settings/service';
import { withStorageNotice } from '../storage/budget';
import type { ReopenStore } from '../storage/store';
import type { ThreadRecord } from '../storage/schema';
import { computeSummary } from './compute-summary';
import type { UrgencySource } from './urgency-counts';
import type { PageBlockRow, SummaryView } from './view';

// The popup's and dashboard's summary (summary.get): the figures over the ledger, plus what the manager should know
// about Reopen's own storage.

export interface ManagerSummaryDeps {
  store: Pick<ReopenStore, 'listThreads' | 'warnings' | 'usage' | 'listPageBlocks' | 'getPages'>;
  settings: Pick<SettingsService, 'effective'>;
  now: () => number;
  /** The conversations the toolbar counts too (lib/urgency/service.ts records: the Page's recent conversations and the
   *  resolved threads), so every screen counts the same ones; absent: the ledger alone, labelled 'opened'. */
  urgencyRecords?: () => Promise<{ records: ThreadRecord[]; source: UrgencySource }>;
}

export async function managerSummary(deps: ManagerSummaryDeps): Promise<SummaryView> {
  const [{ records: threads, source }, settings, warnings, blocks] = await Promise.all([
    deps.urgencyRecords ? deps.urgencyRecords() : deps.store.listThreads().then((records) => ({ records, source: 'opened' as const })),
    deps.settings.effective(),
    deps.store.warnings(),
    deps.store.listPageBlocks(),
  ]);
  const now = deps.now();
  const summary = computeSummary(threads, now, { closesSoonMinutes: settings.closesSoonMinutes, source });
  // Unreadable stored values that were moved aside (kept in the settings export), whether the extension storage
  // is near or at its quota, and the Pages Meta restricted (only their ids and names are read of the Page list).
  const holding = blocks.filter((block) => stopBlockHolds(block, now));
  const names = holding.length ? new Map((await deps.store.getPages()).map((page) => [page.id, page.name])) : new Map<string, string>();
  const pageBlocks: PageBlockRow[] = holding.map((block) => ({ ...block, pageName: names.get(block.pageId) ?? block.pageId }));
  return withStorageNotice({ ...summary, warnings, ...(pageBlocks.length ? { pageBlocks } : {}) }, deps.store.usage);
}
