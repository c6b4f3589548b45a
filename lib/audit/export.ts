import type { ReopenStore } from '../storage/store';
import { auditCsv, auditFilename, type AuditLabelTransition } from './csv';

// The audit CSV as the popup downloads it (audit.export): every attempt of every thread, with the Pages' names, and
// every stored Page block (Meta restricted the Page), and every label transition the label sync kept (issue 22), given
// as data by the caller (the background wires the sync's `transitions()`).

export interface AuditExportDeps {
  store: Pick<ReopenStore, 'listThreads' | 'getPages' | 'listPageBlocks'>;
  now: () => number;
  /** Every Page's label transitions (none when absent). */
  labelTransitions?: () => Promise<readonly AuditLabelTransition[]>;
}

export async function exportAudit(deps: AuditExportDeps): Promise<{ csv: string; filename: string }> {
  const [threads, pages, pageBlocks, labelTransitions] = await Promise.all([
    deps.store.listThreads(),
    deps.store.getPages(),
    deps.store.listPageBlocks(),
    deps.labelTransitions?.() ?? [],
  ]);
  const csv = auditCsv(
    threads,
    pages.map((page) => ({ id: page.id, name: page.name })),
    pageBlocks,
    labelTransitions,
  );
  return { csv, filename: auditFilename(deps.now()) };
}
