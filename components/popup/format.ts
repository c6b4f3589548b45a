import type { Locale } from '../../lib/i18n';

// Number formats the popup needs beyond lib/i18n's durations and instants. Intl formatters are costly to
// build and the popup formats dozens of numbers, so each is built once per locale (and zone).

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, build: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = build();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatPercent(rate: number, locale: Locale): string {
  return cached(`percent:${locale}`, () => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })).format(rate);
}

export function formatCount(value: number, locale: Locale): string {
  return cached(`count:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** "5 May" / "5 may": the chart's day labels. */
export function formatDay(instant: number, locale: Locale, timeZone?: string): string {
  return cached(`day:${locale}:${timeZone ?? ''}`, () => new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', timeZone })).format(instant);
}
