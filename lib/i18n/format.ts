import type { Locale } from './core';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type UnitName = 'day' | 'hour' | 'minute' | 'second';

// Building an Intl formatter costs far more than using one; the countdown and the popup format often.
const unitFormats = new Map<string, Intl.NumberFormat>();
function unit(locale: Locale, value: number, unitName: UnitName): string {
  const key = `${locale}:${unitName}`;
  let format = unitFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'unit', unit: unitName, unitDisplay: 'short' });
    unitFormats.set(key, format);
  }
  return format.format(value);
}

/**
 * A duration in at most two units, largest first: "2 days 4 hr" style via Intl ("2 d 4 h" in Spanish).
 * Rounds down so a countdown never promises more time than is left; under a minute shows seconds.
 */
export function formatDuration(ms: number, locale: Locale): string {
  const total = Math.max(0, Math.floor(ms));
  if (total < MINUTE) return unit(locale, Math.floor(total / 1000), 'second');
  const days = Math.floor(total / DAY);
  const hours = Math.floor((total % DAY) / HOUR);
  const minutes = Math.floor((total % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${unit(locale, days, 'day')} ${unit(locale, hours, 'hour')}` : unit(locale, days, 'day');
  if (hours > 0) return minutes > 0 ? `${unit(locale, hours, 'hour')} ${unit(locale, minutes, 'minute')}` : unit(locale, hours, 'hour');
  return unit(locale, minutes, 'minute');
}

/** An instant as a short local date and time. timeZone is a parameter so tests are stable. */
export function formatInstant(ms: number, locale: Locale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(ms);
}
