import type { LayoutReport } from '../inbox/layout-report';
import { BUSINESS_SUITE_ORIGIN } from '../inbox/links';
import { isBareMessage } from './bare-message';

// The popup's "Copy layout report": the popup asks the inbox tab's content script directly (only it has the page's
// DOM); the background is not involved. The request's shape is checked by hand (./bare-message.ts says why), its
// sender here.

export interface LayoutReportRequest {
  type: 'layout.report';
}

export const LAYOUT_REPORT_REQUEST: LayoutReportRequest = { type: 'layout.report' };

/** True only for the layout-report request from one of this extension's own pages (the popup, in a tab or not). */
export function isLayoutReportRequest(message: unknown, sender: { id?: string; url?: string }, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || !sender.url?.startsWith(`${extensionOrigin.replace(/\/+$/, '')}/`)) return false;
  return isBareMessage(message, LAYOUT_REPORT_REQUEST.type);
}

/** The fields of tabs.Tab the request reads. */
export interface ReportTab {
  id?: number;
  active?: boolean;
  lastAccessed?: number;
}

export interface ReportTabs {
  query(query: { url: string }): Promise<ReportTab[]>;
  sendMessage(tabId: number, message: LayoutReportRequest): Promise<unknown>;
}

export type LayoutReportAnswer = { ok: true; report: LayoutReport } | { ok: false; reason: 'no_inbox' | 'unreachable' };

const isReport = (value: unknown): value is LayoutReport =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'reopen-layout-report';

/** Asks the inbox tab on screen (else the one used last) for its layout report. */
export async function requestLayoutReport(tabs: ReportTabs): Promise<LayoutReportAnswer> {
  const inboxTabs = (await tabs.query({ url: `${BUSINESS_SUITE_ORIGIN}/latest/inbox/*` })).filter(
    (tab): tab is ReportTab & { id: number } => tab.id !== undefined,
  );
  const [target] = inboxTabs.sort((a, b) => Number(b.active ?? false) - Number(a.active ?? false) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  if (!target) return { ok: false, reason: 'no_inbox' };
  try {
    const answer = await tabs.sendMessage(target.id, LAYOUT_REPORT_REQUEST);
    return isReport(answer) ? { ok: true, report: answer } : { ok: false, reason: 'unreachable' };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}
