import { useEffect, useState } from 'preact/hooks';
import { useStore } from 'zustand';
import { browser } from 'wxt/browser';
import { requestLayoutReport, type ReportApis } from '../../lib/extension-pages/layout-report-request';
import { createPopupController } from '../../lib/extension-pages/popup-controller';
import { resolveLocale } from '../../lib/i18n';
import { ask } from '../../lib/messaging/client';
import { ManagerSummary, type SummaryLayout } from './ManagerSummary';

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

/** The popup's view: the controller (lib/extension-pages/popup-controller.ts) reads everything through typed messages
 *  into a per-popup store, which this renders. */
export function PopupApp({ pollMs = 1000, maxPolls = 300, timeZone, browserLanguage, layout = 'popup' }: PopupAppProps) {
  // One controller per popup opening: its settings are the props it opened with.
  const [controller] = useState(() =>
    createPopupController({
      ask,
      layout,
      pollMs,
      maxPolls,
      requestLayoutReport: () => requestLayoutReport(browser as unknown as ReportApis),
      writeClipboard: (text) => navigator.clipboard.writeText(text),
    }),
  );
  const state = useStore(controller.store);

  useEffect(() => {
    void controller.open();
    return controller.close;
  }, [controller]);

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
      onScan={(pageId) => void controller.scan(pageId)}
      onCancelScan={(pageId) => void controller.cancelScan(pageId)}
      onCopyLayoutReport={() => void controller.copyLayoutReport()}
      onExport={() => void controller.exportAudit()}
      onClearPageBlock={(pageId, since) => void controller.clearPageBlock(pageId, since)}
    />
  );
}
