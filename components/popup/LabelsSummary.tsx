import { formatInstant, translator, type Locale } from '../../lib/i18n';
import type { LabelsPageView } from '../../lib/labels/view';
import { explainError } from './explainError';
import { formatCount } from './format';
import { labelStateWords } from './labelWords';

// The dashboard's Labels in Business Suite (issue 22): for each Page whose labels are on, how many customers carry
// each Reopen label, when the Page was last synced, the label writes of the last 24 h, the last failure in words and
// Meta's wait. With no Page's labels on, one line says where to switch them on. Left out when the read failed.

export interface LabelsSummaryProps {
  /** Every connected Page's label sync and when it was read (null: not read, or the read failed). */
  labels: { pages: LabelsPageView[]; readAt: number } | null;
  locale: Locale;
  timeZone?: string;
}

function LabelsPage({ view, readAt, locale, timeZone }: { view: LabelsPageView; readAt: number; locale: Locale; timeZone?: string }) {
  const t = translator(locale);
  const headingId = `labels-page-${view.pageId}`;
  const error = view.lastError;
  const explained = error ? explainError(locale, error.error) : null;
  return (
    <section class="labels-page" data-testid="labels-page" data-page-id={view.pageId} aria-labelledby={headingId}>
      <h3 id={headingId}>{view.pageName}</h3>
      {view.pending && (
        <p role="status" data-testid="labels-pending" data-pending={view.pending}>
          {t(view.pending === 'enabling' ? 'labels.busy.enabling' : 'labels.busy.disabling')}
        </p>
      )}
      <ul class="labels-counts" aria-label={t('labels.summary.counts')}>
        {labelStateWords(locale).map(({ state, words }) => (
          <li key={state} data-testid="labels-count" data-state={state} data-value={String(view.counts[state])}>
            {t('labels.summary.count', { label: words, count: formatCount(view.counts[state], locale) })}
          </li>
        ))}
      </ul>
      <p data-testid="labels-last-sync">
        {t('labels.summary.lastSync', {
          time: view.lastSyncAt === null ? t('labels.summary.never') : formatInstant(view.lastSyncAt, locale, timeZone),
        })}
      </p>
      <p class="muted" data-testid="labels-writes" data-value={String(view.writesLast24h)}>
        {t('labels.summary.writes', { count: view.writesLast24h })}
      </p>
      {error && explained && (
        <p
          class="bad"
          data-testid="labels-error"
          data-error-kind={error.error.kind}
          data-error-code={error.error.code === undefined ? undefined : String(error.error.code)}
        >
          {t('labels.summary.error', { time: formatInstant(error.at, locale, timeZone), explain: explained.explain })}
          {explained.next ? ` ${explained.next}` : ''}
        </p>
      )}
      {view.backoffUntil !== null && view.backoffUntil > readAt && (
        <p class="warning" data-testid="labels-backoff">
          {t('labels.summary.backoff', { time: formatInstant(view.backoffUntil, locale, timeZone) })}
        </p>
      )}
    </section>
  );
}

export function LabelsSummary({ labels, locale, timeZone }: LabelsSummaryProps) {
  if (!labels) return null;
  const t = translator(locale);
  const enabled = labels.pages.filter((view) => view.enabled);
  return (
    <section class="labels-summary" data-testid="labels-summary" aria-labelledby="labels-summary-heading">
      <h2 id="labels-summary-heading">{t('labels.summary.heading')}</h2>
      {enabled.length === 0 ? (
        <p class="muted" data-testid="labels-none">
          {t('labels.summary.none')}
        </p>
      ) : (
        enabled.map((view) => <LabelsPage key={view.pageId} view={view} readAt={labels.readAt} locale={locale} timeZone={timeZone} />)
      )}
    </section>
  );
}
