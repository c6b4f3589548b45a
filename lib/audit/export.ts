import type { ReopenStore } from '../storage/store';
import { auditCsv, auditFilename } from './csv';

// The audit CSV as the popup downloads it (audit.export): every attempt of every thread, with the Pages' names.

export interface AuditExportDeps {
  store: Pick<ReopenStore, 'listThreads' | 'getPages'>;
  now: () => number;
}

export async function exportAudit(deps: AuditExportDeps): Promise<{ csv: string; filename: string }> {
  const [threads, pages] = await Promise.all([deps.store.listThreads(), deps.store.getPages()]);
  const csv = auditCsv(
    threads,
    pages.map((page) => ({ id: page.id, name: page.name })),
  );
  return { csv, filename: auditFilename(deps.now()) };
}
