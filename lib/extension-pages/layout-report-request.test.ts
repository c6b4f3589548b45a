import { describe, expect, test } from 'vitest';
import { LAYOUT_REPORT_SCRIPT, requestLayoutReport, type ReportApis, type ReportTab } from './layout-report-request';

// The popup's "Copy layout report": which inbox tab is asked, and what the popup is told when none can answer.

describe('asking the inbox tab for its report', () => {
  test('injects the report script into the active inbox tab, else the one used last; says so when there is none or it fails', async () => {
    const injected: { tabId: number; files: string[] }[] = [];
    const report = { kind: 'reopen-layout-report' };
    const apisWith = (list: ReportTab[], ...results: unknown[]): ReportApis => ({
      tabs: { query: async () => list },
      scripting: {
        executeScript: async ({ target, files }) => {
          injected.push({ tabId: target.tabId, files });
          const result = results.length ? results[0] : report;
          if (result instanceof Error) throw result;
          return [{ result }];
        },
      },
    });
    expect(
      await requestLayoutReport(
        apisWith([
          { id: 1, lastAccessed: 5 },
          { id: 2, lastAccessed: 9 },
        ]),
      ),
    ).toEqual({ ok: true, report });
    expect(
      await requestLayoutReport(
        apisWith([
          { id: 3, lastAccessed: 9 },
          { id: 4, active: true, lastAccessed: 1 },
        ]),
      ),
    ).toMatchObject({ ok: true });
    expect(injected).toEqual([
      { tabId: 2, files: [LAYOUT_REPORT_SCRIPT] },
      { tabId: 4, files: [LAYOUT_REPORT_SCRIPT] },
    ]);
    expect(await requestLayoutReport(apisWith([]))).toEqual({ ok: false, reason: 'no_inbox' });
    expect(await requestLayoutReport(apisWith([{ id: 5 }], new Error('Cannot access contents of the page')))).toEqual({ ok: false, reason: 'unreachable' });
    expect(await requestLayoutReport(apisWith([{ id: 6 }], undefined))).toEqual({ ok: false, reason: 'unreachable' });
  });
});
