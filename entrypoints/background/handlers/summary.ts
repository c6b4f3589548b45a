import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';
import { exportAudit } from '../../../lib/audit/export';
import { managerSummary } from '../../../lib/summary/manager-summary';

/** Popup: the manager's figures over the ledger, plus any storage problem the manager should know about. */
export function summaryHandlers(services: Pick<BackgroundServices, 'store' | 'settings' | 'now'>): HandlerMap<'summary.get' | 'audit.export'> {
  return {
    'summary.get': () => managerSummary(services),
    'audit.export': () => exportAudit(services),
  };
}
