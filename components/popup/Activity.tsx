import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { RoutePeriodStats, SummaryView } from '../../lib/summary/view';
import { RateBarChart } from '../charts/RateBarChart';
import { StackedBarChart, type ChartSeries } from '../charts/StackedBarChart';
import { explainError } from './explainError';
import { formatCount, formatDay, formatPercent } from './format';

// What reactivations achieved: failures explained, per-route results, and the two charts.

const OUTCOME_COLORS = { sent: '#2e7d5b', failed: '#c62828', unknown: '#d98e04', blocked: '#8a919c' } as const;

export function Failures({ failuresByKind, locale }: { failuresByKind: Record<string, number>; locale: Locale }) {
  const t = translator(locale);
  const kinds = Object.entries(failuresByKind).sort((a, b) => b[1] - a[1]);
  return (
    <section data-testid="summary-failures" aria-labelledby="failures-heading">
      <h2 id="failures-heading">{t('popup.failures.heading')}</h2>
      {kinds.length === 0 ? (
        <p class="muted">{t('popup.failures.none')}</p>
      ) : (
        <ul class="failures">
          {kinds.map(([kind, count]) => {
            const { explain, next } = explainError(locale, { kind });
            return (
              <li key={kind} data-testid="failure-kind" data-kind={kind} data-value={String(count)}>
                <strong>{t('popup.failures.count', { count: formatCount(count, locale) })}</strong> {explain}
                {next && <span class="muted"> {next}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function periodText(period: RoutePeriodStats, locale: Locale): string {
  const t = translator(locale);
  if (period.attempts === 0) return '—';
  return t('popup.routes.cell', {
    sent: period.sent,
    replies: period.replies,
    rate: period.replyRate === null ? t('popup.rate.none') : formatPercent(period.replyRate, locale),
  });
}

export function RouteTable({ routes, locale }: { routes: SummaryView['routes']; locale: Locale }) {
  const t = translator(locale);
  return (
    <section data-testid="summary-routes" aria-labelledby="routes-heading">
      <h2 id="routes-heading">{t('popup.routes.heading')}</h2>
      {routes.length === 0 ? (
        <p class="muted">{t('popup.routes.none')}</p>
      ) : (
        <table class="routes">
          <thead>
            <tr>
              <th scope="col">{t('popup.routes.route')}</th>
              <th scope="col">{t('popup.routes.last7')}</th>
              <th scope="col">{t('popup.routes.last30')}</th>
            </tr>
          </thead>
          <tbody>
            {routes.map((row) => (
              <tr key={row.route} data-testid="route-row" data-route={row.route}>
                <th scope="row">{t(`popup.route.${row.route}` as MessageKey)}</th>
                <td>{periodText(row.last7, locale)}</td>
                <td>{periodText(row.last30, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function Charts({ summary, locale, timeZone }: { summary: SummaryView; locale: Locale; timeZone?: string }) {
  const t = translator(locale);
  const series: ChartSeries[] = (['sent', 'failed', 'unknown', 'blocked'] as const).map((key) => ({
    key,
    label: t(`popup.outcome.${key}`),
    color: OUTCOME_COLORS[key],
  }));
  let total = 0;
  let sent = 0;
  const bars = summary.attemptsByDay.map((day) => {
    total += day.sent + day.failed + day.unknown + day.blocked;
    sent += day.sent;
    return {
      label: formatDay(day.dayStart, locale, timeZone),
      values: { sent: day.sent, failed: day.failed, unknown: day.unknown, blocked: day.blocked },
    };
  });
  return (
    <section class="charts">
      <StackedBarChart
        testId="chart-attempts"
        title={t('popup.chart.attempts.title')}
        description={t('popup.chart.attempts.desc', { total, sent })}
        categoryLabel={t('popup.chart.day')}
        tableLabel={t('popup.chart.table')}
        series={series}
        bars={bars}
      />
      {summary.routes.length > 0 && (
        <RateBarChart
          testId="chart-reply-rate"
          title={t('popup.chart.rate.title')}
          description={t('popup.chart.rate.desc')}
          categoryLabel={t('popup.routes.route')}
          valueLabel={t('popup.chart.rate.value')}
          tableLabel={t('popup.chart.table')}
          bars={summary.routes.map((row) => ({
            label: t(`popup.route.${row.route}` as MessageKey),
            rate: row.last30.replyRate,
            text:
              row.last30.replyRate === null
                ? t('popup.rate.none')
                : t('popup.chart.rate.text', {
                    rate: formatPercent(row.last30.replyRate, locale),
                    replies: formatCount(row.last30.replies, locale),
                    sent: formatCount(row.last30.sent, locale),
                  }),
          }))}
        />
      )}
    </section>
  );
}
