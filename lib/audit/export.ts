import type { ReopenStore } from '../storage/store';
import { auditCsv, auditFilename } from './csv';

// The audit CSV as the popup downloads it (audit.export): every attempt of every thread, with the Pages' names, and
// every stored Page block (Meta restricted the Page).

export interface AuditExportDeps {
  store: Pick<ReopenStore, 'listThreads' | 'getPages' | 'listPageBlocks'>;
  now: () => number;
}

export async function exportAudit(deps: AuditExportDeps): Promise<{ csv: string; filename: string }> {
  const [threads, pages, pageBlocks] = await Promise.all([deps.store.listThreads(), deps.store.getPages(), deps.store.listPageBlocks()]);
  const csv = auditCsv(
    threads,
    pages.map((page) => ({ id: page.id, name: page.name })),
    pageBlocks,
  );
  return { csv, filename: auditFilename(deps.now()) };
}
