import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';
import { exportAudit } from '../../../lib/audit/export';
import { clearPageBlock } from '../../../lib/send/blocks';
import { managerSummary } from '../../../lib/summary/manager-summary';

/** Popup: the manager's figures over the conversations the toolbar counts too (the Page's recent conversations and
 *  the resolved threads: one truth for urgency), plus any storage problem and Page block the manager should know
 *  about, the audit CSV (the label sync's transitions included), and the clear of a Page block (extension pages only:
 *  the router refuses it from the inbox). */
export function summaryHandlers(
  services: Pick<BackgroundServices, 'store' | 'settings' | 'now' | 'urgency' | 'labels'>,
): HandlerMap<'summary.get' | 'audit.export' | 'pageblock.clear'> {
  return {
    'summary.get': () => managerSummary({ ...services, urgencyRecords: () => services.urgency.records() }),
    // The label sync's transitions join the audit as data: the sync keeps them, the audit decides their rows.
    'audit.export': () => exportAudit({ ...services, labelTransitions: () => services.labels.transitions() }),
    'pageblock.clear': (request) => clearPageBlock(services.store, request.pageId, request.since, services.now()),
  };
}
