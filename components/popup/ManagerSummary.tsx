import { formatDuration, translator, type Locale } from '../../lib/i18n';
import { ActionList } from './ActionList';
import { Charts, Failures, RouteTable } from './Activity';
import { Figures } from './Figures';
import { Health, storageText } from './Health';
import { LabelsSummary } from './LabelsSummary';
import { Overview } from './Overview';
import { PageBlocks } from './PageBlocks';
import { Unconfirmed } from './Unconfirmed';
import type { PopupState } from '../../lib/extension-pages/popup-state';

export interface ManagerSummaryProps {
  state: PopupState;
  locale: Locale;
  /** Fixed in tests so instants render the same everywhere; the browser's zone otherwise. */
  timeZone?: string;
  onOpenOptions: () => void;
  onScan: (pageId: string) => void;
  onCancelScan: (pageId: string) => void;
  onExport: () => void;
  /** "Copy layout report" in the health section. */
  onCopyLayoutReport?: () => void;
  /** `popup`: the figures and the two action lists, to fit the toolbar popup's 600 px; `dashboard` (default): everything. */
  layout?: SummaryLayout;
  /** The popup's link to the dashboard page. */
  onOpenDashboard?: () => void;
  /** A manager clears a Page's block (Meta restricted the Page), having read why. */
  onClearPageBlock?: (pageId: string, since: number) => void;
}

export type SummaryLayout = 'popup' | 'dashboard';

/** Rows of each action list the popup shows; the dashboard shows every row the summary keeps. */
export const POPUP_LIST_ROWS = 3;

/** The whole popup as a pure function of its view state. The root always carries data-testid="summary". */
export function ManagerSummary(props: ManagerSummaryProps) {
  const { state, locale } = props;
  const t = translator(locale);
  const { load, summary } = state;
  const compact = props.layout === 'popup';

  const header = (
    <header class="popup-header">
      <h1>{t(compact ? 'popup.title' : 'dashboard.title')}</h1>
      <span class="header-links">
        {compact && props.onOpenDashboard && (
          <button type="button" class="link" data-testid="open-dashboard" onClick={props.onOpenDashboard}>
            {t('popup.openDashboard')}
          </button>
        )}
        <button type="button" class="link" data-testid="open-options" onClick={props.onOpenOptions}>
          {t('popup.openOptions')}
        </button>
      </span>
    </header>
  );
  const listRows = <T,>(rows: T[]) => (compact ? rows.slice(0, POPUP_LIST_ROWS) : rows);

  if (load.status === 'loading') {
    return (
      <main data-testid="summary" data-state="loading" lang={locale} aria-busy="true">
        {header}
        <p class="muted">{t('common.loading')}</p>
      </main>
    );
  }
  if (load.status === 'failed') {
    return (
      <main data-testid="summary" data-state="failed" lang={locale}>
        {header}
        <p role="alert">{t('popup.loadFailed', { detail: load.detail })}</p>
      </main>
    );
  }
  if (state.pages.length === 0) {
    return (
      <main data-testid="summary" data-state="empty" lang={locale}>
        {header}
        <section class="empty" data-testid="summary-empty">
          <h2>{t('popup.empty.title')}</h2>
          <p>{t('popup.empty.body')}</p>
          <button type="button" class="primary" data-testid="empty-open-options" onClick={props.onOpenOptions}>
            {t('popup.empty.action')}
          </button>
        </section>
      </main>
    );
  }

  return (
    <main data-testid="summary" data-state="ready" data-layout={compact ? 'popup' : 'dashboard'} lang={locale}>
      {header}
      {compact && summary?.storage && (
        // A full storage stops sends: the popup says so too, not only the dashboard's health section.
        <p role="alert" class="warning" data-testid="storage-usage" data-level={summary.storage.level}>
          {storageText(summary.storage, locale)}
        </p>
      )}
      {summary?.pageBlocks?.length ? (
        // Meta restricted a Page: the first thing a manager sees, in the popup and the dashboard.
        <PageBlocks
          blocks={summary.pageBlocks}
          locale={locale}
          timeZone={props.timeZone}
          onClear={(pageId, since) => props.onClearPageBlock?.(pageId, since)}
          clearing={state.blockClearing}
          clearFailed={state.blockClearFailed}
        />
      ) : null}
      {summary && (
        <>
          <Figures counts={summary.counts} locale={locale} source={summary.source} />
          <ActionList
            testId="summary-ready-list"
            heading={t('popup.ready.heading')}
            emptyText={t('popup.ready.empty')}
            rows={listRows(summary.readyNow)}
            total={summary.readyNowTotal}
            now={summary.now}
            locale={locale}
          />
          <ActionList
            testId="summary-closing-list"
            heading={t('popup.closing.heading', {
              duration: formatDuration(summary.closesSoonMinutes * 60_000, locale),
            })}
            emptyText={t('popup.closing.empty')}
            rows={listRows(summary.closingSoon)}
            total={summary.closingSoonTotal}
            now={summary.now}
            locale={locale}
          />
          {!compact && (
            <>
              <Unconfirmed rows={summary.unconfirmed ?? []} total={summary.unconfirmedTotal ?? 0} now={summary.now} locale={locale} />
              <Failures failuresByKind={summary.failuresByKind} locale={locale} />
              <RouteTable routes={summary.routes} locale={locale} />
              <Charts summary={summary} locale={locale} timeZone={props.timeZone} />
            </>
          )}
        </>
      )}
      {!compact && <DashboardSections {...props} />}
    </main>
  );
}

/** The dashboard's own sections: the whole-Page overview, the labels in Business Suite, health with the layout
 *  report, the audit export. */
function DashboardSections(props: ManagerSummaryProps) {
  const { state, locale } = props;
  const t = translator(locale);
  const { summary, exportState } = state;
  return (
    <>
      <Overview
        pages={state.pages}
        overviews={state.overviews}
        stalled={state.overviewStalled}
        locale={locale}
        timeZone={props.timeZone}
        onScan={props.onScan}
        onCancel={props.onCancelScan}
      />
      <LabelsSummary labels={state.labels} locale={locale} timeZone={props.timeZone} />
      <Health
        pages={state.pages}
        health={state.health}
        warnings={summary?.warnings ?? []}
        {...(summary?.storage ? { storage: summary.storage } : {})}
        locale={locale}
        timeZone={props.timeZone}
        onOpenOptions={props.onOpenOptions}
        reportState={state.reportState}
        {...(props.onCopyLayoutReport ? { onCopyLayoutReport: props.onCopyLayoutReport } : {})}
      />
      <section class="export" aria-labelledby="export-heading">
        <h2 id="export-heading" class="visually-hidden">
          {t('popup.export')}
        </h2>
        <button
          type="button"
          data-testid="export-csv"
          disabled={exportState.status === 'working'}
          aria-busy={exportState.status === 'working'}
          onClick={props.onExport}
        >
          {t('popup.export')}
        </button>
        <p class="muted">{t('popup.export.note')}</p>
        <p aria-live="polite" data-testid="export-status" data-state={exportState.status}>
          {exportState.status === 'done' && t('popup.export.done', { filename: exportState.filename })}
          {exportState.status === 'failed' && t('popup.export.failed', { detail: exportState.detail })}
        </p>
      </section>
    </>
  );
}
