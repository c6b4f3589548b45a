import { formatInstant, t as translate, translator, type Locale } from '../../lib/i18n';
import type { LayoutHealth } from '../../lib/inbox/layout-health';
import type { PageView } from '../../lib/pages/view';
import type { StorageNotice } from '../../lib/storage/notice';
import type { SummaryWarning } from '../../lib/summary/view';
import { storagePercent } from '../../lib/storage/notice';
import type { ReportState } from '../../lib/extension-pages/popup-state';
import { LayoutHealthView } from './LayoutHealthView';

export interface HealthProps {
  pages: PageView[];
  health: LayoutHealth | null;
  warnings: SummaryWarning[];
  /** Only when Reopen's storage is near or at its quota. */
  storage?: StorageNotice;
  locale: Locale;
  timeZone?: string;
  onOpenOptions: () => void;
  reportState?: ReportState;
  /** "Copy layout report" (the inbox tab's skeleton, without the customers' words). */
  onCopyLayoutReport?: () => void;
}

function warningText(warning: SummaryWarning, locale: Locale, timeZone?: string): string {
  const key = warning.recovery === 'salvaged' ? 'popup.warning.salvaged' : 'popup.warning.default';
  return translate(locale, key, { key: warning.key, time: formatInstant(warning.at, locale, timeZone) });
}

const megabytes = (bytes: number, locale: Locale) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / 1_048_576)} MB`;

/** Storage near or at its quota, in words: what happens when full and what to do (lib/storage/budget.ts). */
export function storageText(notice: StorageNotice, locale: Locale): string {
  const percent = storagePercent(notice);
  return translate(locale, notice.level === 'full' ? 'popup.storage.full' : 'popup.storage.near_full', {
    percent,
    used: megabytes(notice.bytesInUse, locale),
    quota: notice.quotaBytes ? megabytes(notice.quotaBytes, locale) : '',
  });
}

export function Health(props: HealthProps) {
  const { locale, health } = props;
  const t = translator(locale);
  return (
    <section aria-labelledby="health-heading" data-testid="summary-health">
      <h2 id="health-heading">{t('popup.health.heading')}</h2>
      {props.storage ? (
        <p role="alert" class="warning" data-testid="storage-usage" data-level={props.storage.level}>
          {storageText(props.storage, locale)}{' '}
          <button type="button" class="link" onClick={props.onOpenOptions}>
            {t('popup.openOptions')}
          </button>
        </p>
      ) : null}
      {props.warnings.map((warning, index) => (
        <p key={index} role="alert" class="warning" data-testid="storage-warning" data-recovery={warning.recovery}>
          {warningText(warning, locale, props.timeZone)}
        </p>
      ))}
      <h3>{t('popup.health.pages')}</h3>
      <ul class="page-health">
        {props.pages.map((page) => (
          <li key={page.id} data-testid="page-health" data-page-id={page.id} data-status={page.status}>
            <strong>{page.name}</strong>{' '}
            {page.status === 'connected' ? (
              <span class="ok">{t('popup.health.connected')}</span>
            ) : (
              <>
                <span class="bad">{t('popup.health.needsReconnect')}</span>{' '}
                <button type="button" class="link" data-testid="page-reconnect" onClick={props.onOpenOptions}>
                  {t('popup.health.reconnect')}
                </button>
              </>
            )}
            <span class="muted">
              {' · '}
              {t('popup.health.checkedAt', { time: formatInstant(page.checkedAt, locale, props.timeZone) })}
            </span>
          </li>
        ))}
      </ul>
      <LayoutHealthView
        health={health}
        reportState={props.reportState ?? { status: 'idle' }}
        locale={locale}
        {...(props.timeZone ? { timeZone: props.timeZone } : {})}
        onCopyReport={props.onCopyLayoutReport ?? (() => undefined)}
      />
    </section>
  );
}
