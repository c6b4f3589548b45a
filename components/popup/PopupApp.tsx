import { useEffect, useMemo, useRef } from 'preact/hooks';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { resolveLocale } from '../../lib/i18n';
import { ask } from '../../lib/messaging/client';
import type { OverviewStatus } from '../../lib/overview/service';
import { downloadText } from './download';
import { requestLayoutReport, type ReportApis } from '../../lib/messaging/layout-request';
import { ManagerSummary, type SummaryLayout } from './ManagerSummary';
import { createPopupStore } from './store';
import { errorDetail } from '../error-detail';

export interface PopupAppProps {
  /** How often a running overview scan is polled, and at most how many times per popup opening. */
  pollMs?: number;
  maxPolls?: number;
  timeZone?: string;
  browserLanguage?: string;
  /** The toolbar popup (default) or the dashboard page. */
  layout?: SummaryLayout;
}

/** The dashboard page's address (entrypoints/dashboard). */
export const DASHBOARD_PATH = '/dashboard.html';

/** The popup's container: reads everything through typed messages, keeps it in a per-popup store. */
export function PopupApp({ pollMs = 1000, maxPolls = 300, timeZone, browserLanguage, layout = 'popup' }: PopupAppProps) {
  const store = useMemo(() => createPopupStore(), []);
  const state = useStore(store);
  // Polls started by this popup; cleared on close so no timer outlives the view.
  const alive = useRef(true);
  const polling = useRef(new Set<string>());

  const setOverview = (status: OverviewStatus) =>
    store.setState((s) => ({ overviews: { ...s.overviews, [status.pageId]: status } }));

  const failedOverview = (pageId: string, error: unknown): OverviewStatus => ({
    pageId,
    state: 'failed',
    scanned: store.getState().overviews[pageId]?.scanned ?? 0,
    limit: store.getState().overviews[pageId]?.limit ?? 0,
    error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) },
  });

  const pollOverview = (pageId: string) => {
    if (polling.current.has(pageId)) return;
    polling.current.add(pageId);
    let polls = 0;
    const tick = async () => {
      if (!alive.current) return;
      if (polls >= maxPolls) {
        polling.current.delete(pageId);
        store.setState((s) => ({ overviewStalled: { ...s.overviewStalled, [pageId]: true } }));
        return;
      }
      polls++;
      try {
        const status = await ask({ type: 'overview.status', pageId });
        if (!alive.current) return;
        setOverview(status);
        if (status.state === 'running') {
          setTimeout(tick, pollMs);
          return;
        }
      } catch (error) {
        if (alive.current) setOverview(failedOverview(pageId, error));
      }
      polling.current.delete(pageId);
    };
    setTimeout(tick, pollMs);
  };

  useEffect(() => {
    alive.current = true;
    (async () => {
      const settings = await ask({ type: 'settings.get' }).catch(() => null);
      if (settings) store.setState({ language: settings.language });
      try {
        const [pagesReply, summary] = await Promise.all([ask({ type: 'pages.list' }), ask({ type: 'summary.get' })]);
        if (!alive.current) return;
        store.setState({
          load: { status: 'ready' },
          pages: pagesReply.pages,
          health: pagesReply.health ?? null,
          summary,
        });
        // Only the dashboard shows the whole-Page overviews.
        for (const page of layout === 'dashboard' ? pagesReply.pages : []) {
          ask({ type: 'overview.status', pageId: page.id })
            .then((status) => {
              if (!alive.current) return;
              setOverview(status);
              if (status.state === 'running') pollOverview(page.id);
            })
            .catch(() => undefined); // no overview yet is not an error worth showing
        }
      } catch (error) {
        if (alive.current) store.setState({ load: { status: 'failed', detail: errorDetail(error) } });
      }
    })();
    return () => {
      alive.current = false;
    };
  }, []);

  const locale = resolveLocale(state.language, browserLanguage ?? globalThis.navigator?.language);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  return (
    <ManagerSummary
      state={state}
      locale={locale}
      timeZone={timeZone}
      layout={layout}
      onOpenOptions={() => {
        void browser.runtime.openOptionsPage();
      }}
      onOpenDashboard={() => {
        void browser.tabs.create({ url: browser.runtime.getURL(DASHBOARD_PATH) });
      }}
      onScan={async (pageId) => {
        store.setState((s) => ({ overviewStalled: { ...s.overviewStalled, [pageId]: false } }));
        try {
          const status = await ask({ type: 'overview.scan', pageId });
          setOverview(status);
          if (status.state === 'running') pollOverview(pageId);
        } catch (error) {
          setOverview(failedOverview(pageId, error));
        }
      }}
      onCancelScan={async (pageId) => {
        try {
          setOverview(await ask({ type: 'overview.cancel', pageId }));
        } catch (error) {
          setOverview(failedOverview(pageId, error));
        }
      }}
      onCopyLayoutReport={async () => {
        store.setState({ reportState: { status: 'working' } });
        const answer = await requestLayoutReport(browser as unknown as ReportApis).catch(() => null);
        if (!answer?.ok) {
          store.setState({ reportState: { status: 'failed', reason: answer?.reason ?? 'unreachable' } });
          return;
        }
        const json = JSON.stringify(answer.report, null, 1);
        try {
          await navigator.clipboard.writeText(json);
          store.setState({ reportState: { status: 'copied' } });
        } catch {
          // The clipboard can refuse (the popup lost focus while the tab answered): the report is saved instead.
          const filename = 'reopen-layout-report.json';
          downloadText(json, filename, 'application/json');
          store.setState({ reportState: { status: 'downloaded', filename } });
        }
      }}
      onExport={async () => {
        store.setState({ exportState: { status: 'working' } });
        try {
          const { csv, filename } = await ask({ type: 'audit.export' });
          // A byte-order mark so spreadsheet programs read accented names as UTF-8.
          downloadText(`\uFEFF${csv}`, filename, 'text/csv;charset=utf-8');
          store.setState({ exportState: { status: 'done', filename } });
        } catch (error) {
          store.setState({ exportState: { status: 'failed', detail: errorDetail(error) } });
        }
      }}
    />
  );
}
