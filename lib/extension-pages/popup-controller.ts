// The popup's and the dashboard's controller: it reads everything through typed messages into a per-popup store
// (./popup-state.ts), follows a running whole-Page scan, and carries out the manager's actions. The view
// (components/popup/PopupApp.tsx) renders the store and calls these actions.
import type { Ask } from '../messaging/client';
import type { OverviewStatus } from '../overview/view';
import { downloadText } from './download';
import { errorDetail } from './error-detail';
import type { LayoutReportAnswer } from './layout-report-request';
import { createPopupStore, type PopupStore } from './popup-state';

export interface PopupControllerDeps {
  ask: Ask;
  /** Only the dashboard shows (and so reads) the whole-Page overviews and the Pages' label sync. */
  layout: 'popup' | 'dashboard';
  /** How often a running overview scan is polled, and at most how many times per popup opening. */
  pollMs: number;
  maxPolls: number;
  /** Builds the layout report in the inbox tab (./layout-report-request.ts with the browser's APIs). */
  requestLayoutReport(): Promise<LayoutReportAnswer>;
  writeClipboard(text: string): Promise<void>;
}

export interface PopupController {
  store: PopupStore;
  /** Reads the settings, the Pages, the summary (and, on the dashboard, each Page's overview and label sync). */
  open: () => Promise<void>;
  /** The popup closed: no answer or poll lands after this. */
  close: () => void;
  scan: (pageId: string) => Promise<void>;
  cancelScan: (pageId: string) => Promise<void>;
  copyLayoutReport: () => Promise<void>;
  exportAudit: () => Promise<void>;
  /** A manager clears a Page's block (Meta restricted the Page) after reading why; the summary is read again. */
  clearPageBlock: (pageId: string, since: number) => Promise<void>;
}

export function createPopupController(deps: PopupControllerDeps): PopupController {
  const { ask } = deps;
  const store = createPopupStore();
  // Polls started by this popup; none outlives it.
  let alive = true;
  const polling = new Set<string>();

  const setOverview = (status: OverviewStatus) => store.setState((s) => ({ overviews: { ...s.overviews, [status.pageId]: status } }));

  const failedOverview = (pageId: string, error: unknown): OverviewStatus => ({
    pageId,
    state: 'failed',
    scanned: store.getState().overviews[pageId]?.scanned ?? 0,
    limit: store.getState().overviews[pageId]?.limit ?? 0,
    error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) },
  });

  const pollOverview = (pageId: string) => {
    if (polling.has(pageId)) return;
    polling.add(pageId);
    let polls = 0;
    const tick = async () => {
      if (!alive) return;
      if (polls >= deps.maxPolls) {
        polling.delete(pageId);
        store.setState((s) => ({ overviewStalled: { ...s.overviewStalled, [pageId]: true } }));
        return;
      }
      polls++;
      try {
        const status = await ask({ type: 'overview.status', pageId });
        if (!alive) return;
        setOverview(status);
        if (status.state === 'running') {
          setTimeout(() => void tick(), deps.pollMs);
          return;
        }
      } catch (error) {
        if (alive) setOverview(failedOverview(pageId, error));
      }
      polling.delete(pageId);
    };
    setTimeout(() => void tick(), deps.pollMs);
  };

  return {
    store,
    async open() {
      alive = true;
      const settings = await ask({ type: 'settings.get' }).catch(() => null);
      if (settings) store.setState({ language: settings.language });
      try {
        const [pagesReply, summary] = await Promise.all([ask({ type: 'pages.list' }), ask({ type: 'summary.get' })]);
        if (!alive) return;
        store.setState({
          load: { status: 'ready' },
          pages: pagesReply.pages,
          health: pagesReply.health ?? null,
          summary,
        });
        for (const page of deps.layout === 'dashboard' ? pagesReply.pages : []) {
          ask({ type: 'overview.status', pageId: page.id })
            .then((status) => {
              if (!alive) return;
              setOverview(status);
              if (status.state === 'running') pollOverview(page.id);
            })
            .catch(() => undefined); // no overview yet is not an error worth showing
        }
        if (deps.layout === 'dashboard') {
          ask({ type: 'labels.status' })
            .then(({ pages }) => {
              if (alive) store.setState({ labels: { pages, readAt: Date.now() } });
            })
            .catch(() => undefined); // no label sync to show: the dashboard leaves the section out
        }
      } catch (error) {
        if (alive) store.setState({ load: { status: 'failed', detail: errorDetail(error) } });
      }
    },
    close() {
      alive = false;
    },
    async scan(pageId) {
      store.setState((s) => ({ overviewStalled: { ...s.overviewStalled, [pageId]: false } }));
      try {
        const status = await ask({ type: 'overview.scan', pageId });
        setOverview(status);
        if (status.state === 'running') pollOverview(pageId);
      } catch (error) {
        setOverview(failedOverview(pageId, error));
      }
    },
    async cancelScan(pageId) {
      try {
        setOverview(await ask({ type: 'overview.cancel', pageId }));
      } catch (error) {
        setOverview(failedOverview(pageId, error));
      }
    },
    async copyLayoutReport() {
      store.setState({ reportState: { status: 'working' } });
      const answer = await deps.requestLayoutReport().catch(() => null);
      if (!answer?.ok) {
        store.setState({ reportState: { status: 'failed', reason: answer?.reason ?? 'unreachable' } });
        return;
      }
      const json = JSON.stringify(answer.report, null, 1);
      try {
        await deps.writeClipboard(json);
        store.setState({ reportState: { status: 'copied' } });
      } catch {
        // The clipboard can refuse (the popup lost focus while the tab answered): the report is saved instead.
        const filename = 'reopen-layout-report.json';
        downloadText(json, filename, 'application/json');
        store.setState({ reportState: { status: 'downloaded', filename } });
      }
    },
    async clearPageBlock(pageId, since) {
      const without = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).filter(([id]) => id !== pageId));
      store.setState((s) => ({ blockClearing: { ...s.blockClearing, [pageId]: true }, blockClearFailed: without(s.blockClearFailed) }));
      try {
        await ask({ type: 'pageblock.clear', pageId, since });
        // Cleared, or already gone (cleared elsewhere, or a newer block replaced it): the summary says which.
        const summary = await ask({ type: 'summary.get' });
        if (alive) store.setState({ summary });
      } catch (error) {
        if (alive) store.setState((s) => ({ blockClearFailed: { ...s.blockClearFailed, [pageId]: errorDetail(error) } }));
      } finally {
        if (alive) store.setState((s) => ({ blockClearing: without(s.blockClearing) }));
      }
    },
    async exportAudit() {
      store.setState({ exportState: { status: 'working' } });
      try {
        const { csv, filename } = await ask({ type: 'audit.export' });
        // A byte-order mark so spreadsheet programs read accented names as UTF-8.
        downloadText(`\uFEFF${csv}`, filename, 'text/csv;charset=utf-8');
        store.setState({ exportState: { status: 'done', filename } });
      } catch (error) {
        store.setState({ exportState: { status: 'failed', detail: errorDetail(error) } });
      }
    },
  };
}
