import { formatInstant, translator, type Locale } from '../../lib/i18n';
import type { OverviewStatus } from '../../lib/overview/view';
import type { PageView } from '../../lib/pages/view';
import { explainError } from './explainError';
import { formatCount } from './format';

export interface OverviewProps {
  pages: PageView[];
  overviews: Record<string, OverviewStatus>;
  stalled: Record<string, boolean>;
  locale: Locale;
  timeZone?: string;
  onScan: (pageId: string) => void;
  onCancel: (pageId: string) => void;
}

function OverviewResult({ status, locale, timeZone }: { status: OverviewStatus; locale: Locale; timeZone?: string }) {
  const t = translator(locale);
  const time = status.finishedAt !== undefined ? formatInstant(status.finishedAt, locale, timeZone) : '';
  const counts = status.counts;
  return (
    <div data-testid="overview-result" data-state={status.state}>
      {counts && (
        <p
          data-open={String(counts.open)}
          data-human-agent={String(counts.human_agent)}
          data-closed={String(counts.closed)}
          data-unknown={String(counts.unknown)}
        >
          {t('popup.overview.counts', {
            open: counts.open,
            human_agent: counts.human_agent,
            closed: counts.closed,
            unknown: counts.unknown,
          })}
        </p>
      )}
      {status.platforms && (
        <p
          class="muted"
          data-testid="overview-platforms"
          data-messenger={String(status.platforms.messenger)}
          data-instagram={String(status.platforms.instagram)}
        >
          {t('popup.overview.platforms', {
            messenger: formatCount(status.platforms.messenger, locale),
            instagram: formatCount(status.platforms.instagram, locale),
          })}
        </p>
      )}
      {status.instagramSkipped && (
        <p class="muted" data-testid="overview-instagram-skipped" data-kind={status.instagramSkipped.kind}>
          {t('popup.overview.instagramSkipped', { reason: explainError(locale, status.instagramSkipped).explain })}
        </p>
      )}
      <p class="muted">
        {status.state === 'cancelled'
          ? t('popup.overview.cancelledAt', { scanned: status.scanned, time })
          : t('popup.overview.doneAt', { scanned: status.scanned, time })}
      </p>
    </div>
  );
}

function PageOverview(
  props: Omit<OverviewProps, 'pages' | 'overviews' | 'stalled'> & {
    page: PageView;
    status: OverviewStatus | undefined;
    stalled: boolean;
  },
) {
  const { page, status, locale } = props;
  const t = translator(locale);
  const running = status?.state === 'running';
  const canScan = page.status === 'connected';
  const scanText = status && status.state !== 'idle' ? t('popup.overview.rescan') : t('popup.overview.scan');
  return (
    <li data-testid="overview" data-page-id={page.id} data-state={status?.state ?? 'idle'}>
      <strong>{page.name}</strong>
      {running && status ? (
        <div class="overview-running">
          <progress
            data-testid="overview-progress"
            max={Math.max(1, status.limit)}
            value={status.scanned}
            aria-label={t('popup.overview.progress', { scanned: status.scanned, limit: status.limit })}
          />
          <span aria-live="polite">
            {t('popup.overview.progress', {
              scanned: formatCount(status.scanned, locale),
              limit: formatCount(status.limit, locale),
            })}
          </span>
          {props.stalled && <p class="muted">{t('popup.overview.stillRunning')}</p>}
          <button type="button" data-testid="overview-cancel" onClick={() => props.onCancel(page.id)}>
            {t('popup.overview.cancel')}
          </button>
        </div>
      ) : (
        <div>
          {(status?.state === 'done' || status?.state === 'cancelled') && <OverviewResult status={status} locale={locale} timeZone={props.timeZone} />}
          {status?.state === 'failed' && (
            <p role="alert" data-testid="overview-error">
              {t('popup.overview.failed')}
              {status.error ? `: ${explainError(locale, status.error).explain}` : ''}
            </p>
          )}
          {(!status || status.state === 'idle') && <p class="muted">{t('popup.overview.idle')}</p>}
          <button
            type="button"
            data-testid="overview-scan"
            disabled={!canScan}
            // The name starts with the visible words (WCAG 2.5.3, label in name) and adds which Page.
            aria-label={t('popup.overview.scanLabel', { action: scanText, page: page.name })}
            onClick={() => props.onScan(page.id)}
          >
            {scanText}
          </button>
        </div>
      )}
    </li>
  );
}

export function Overview(props: OverviewProps) {
  const t = translator(props.locale);
  return (
    <section aria-labelledby="overview-heading">
      <h2 id="overview-heading">{t('popup.overview.heading')}</h2>
      <p class="muted">{t('popup.overview.explain')}</p>
      <ul class="overviews">
        {props.pages.map((page) => (
          <PageOverview key={page.id} {...props} page={page} status={props.overviews[page.id]} stalled={props.stalled[page.id] ?? false} />
        ))}
      </ul>
    </section>
  );
}
