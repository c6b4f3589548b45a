import type { Locale } from '../../lib/i18n';

// Number formats the popup needs beyond lib/i18n's durations and instants.

export function formatPercent(rate: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(rate);
}

export function formatCount(value: number, locale: Locale): string {
  return new Intl.NumberFormat(locale).format(value);
}

/** "5 May" / "5 may": the chart's day labels. */
export function formatDay(instant: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone }).format(instant);
}
