import type { LayoutReport } from '../inbox/layout-report';
import { BUSINESS_SUITE_ORIGIN } from '../inbox/links';

// The popup's "Copy layout report": the popup injects entrypoints/layout-report.ts into the inbox tab on demand
// (scripting.executeScript, host permission for business.facebook.com) and takes its result. Nothing of it runs in
// the inbox until a manager asks, and the background is not involved.

/** The script WXT builds from entrypoints/layout-report.ts. */
export const LAYOUT_REPORT_SCRIPT = '/layout-report.js';

/** The fields of tabs.Tab the request reads. */
export interface ReportTab {
  id?: number;
  active?: boolean;
  lastAccessed?: number;
}

/** The two browser APIs the request uses (browser.tabs and browser.scripting). */
export interface ReportApis {
  tabs: { query(query: { url: string }): Promise<ReportTab[]> };
  scripting: { executeScript(injection: { target: { tabId: number }; files: string[] }): Promise<{ result?: unknown }[]> };
}

export type LayoutReportAnswer = { ok: true; report: LayoutReport } | { ok: false; reason: 'no_inbox' | 'unreachable' };

const isReport = (value: unknown): value is LayoutReport =>
  typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === 'reopen-layout-report';

/** Builds the layout report in the inbox tab on screen (else the one used last). */
export async function requestLayoutReport(apis: ReportApis): Promise<LayoutReportAnswer> {
  const inboxTabs = (await apis.tabs.query({ url: `${BUSINESS_SUITE_ORIGIN}/latest/inbox/*` })).filter(
    (tab): tab is ReportTab & { id: number } => tab.id !== undefined,
  );
  const [target] = inboxTabs.sort((a, b) => Number(b.active ?? false) - Number(a.active ?? false) || (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0));
  if (!target) return { ok: false, reason: 'no_inbox' };
  try {
    const [frame] = await apis.scripting.executeScript({ target: { tabId: target.id }, files: [LAYOUT_REPORT_SCRIPT] });
    return isReport(frame?.result) ? { ok: true, report: frame.result } : { ok: false, reason: 'unreachable' };
  } catch {
    return { ok: false, reason: 'unreachable' };
  }
}
