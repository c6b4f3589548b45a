import { auditCsv, auditFilename } from '../../audit/csv';
import { withStorageNotice } from '../../storage/budget';
import { computeSummary } from '../../summary';
import type { BackgroundServices } from './services';
import type { HandlerMap } from './types';

/** Popup: the manager's figures over the ledger, plus any storage problem the manager should know about. */
export function summaryHandlers(services: Pick<BackgroundServices, 'store' | 'settings' | 'now'>): HandlerMap<
  'summary.get' | 'audit.export'
> {
  return {
    'summary.get': async () => {
      const [threads, settings, warnings] = await Promise.all([
        services.store.listThreads(),
        services.settings.effective(),
        services.store.warnings(),
      ]);
      const summary = computeSummary(threads, services.now(), { closesSoonMinutes: settings.closesSoonMinutes });
      // Additive field: unreadable stored values that were moved aside (kept in the settings export).
      // …and whether the extension storage is near or at its quota.
      return withStorageNotice({ ...summary, warnings }, services.store.usage);
    },
    'audit.export': async () => {
      const [threads, pages] = await Promise.all([services.store.listThreads(), services.store.getPages()]);
      const csv = auditCsv(
        threads,
        pages.map((page) => ({ id: page.id, name: page.name })),
      );
      return { csv, filename: auditFilename(services.now()) };
    },
  };
}
