import { describe, expect, test } from 'vitest';
import en from '../../locales/en';
import es from '../../locales/es';
import { formatDuration, resolveLocale, t } from './index';

describe('resolveLocale', () => {
  test.each([
    ['browser', 'es-AR', 'es'],
    ['browser', 'es', 'es'],
    ['browser', 'en-US', 'en'],
    ['browser', 'fr-FR', 'en'],
    ['browser', undefined, 'en'],
    ['es', 'en-US', 'es'],
    ['en', 'es-MX', 'en'],
  ] as const)('%s with browser %s → %s', (pref, browserLanguage, expected) => {
    expect(resolveLocale(pref, browserLanguage)).toBe(expected);
  });
});

describe('catalogs', () => {
  test('Spanish and English have the same keys and no empty message', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, value] of [...Object.entries(en), ...Object.entries(es)]) {
      expect(value.trim(), key).not.toBe('');
    }
  });

  test('Spanish and English use the same placeholders in every message', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(es[key]), key).toEqual(names(en[key]));
    }
  });

  test('t picks the language', () => {
    expect(t('es', 'common.retry')).toBe('Reintentar');
    expect(t('en', 'common.retry')).toBe('Retry');
  });
});

describe('formatDuration', () => {
  const MIN = 60_000;
  const H = 60 * MIN;
  test.each([
    [3 * H + 12 * MIN, 'en', '3 hr 12 min'],
    [3 * H + 12 * MIN, 'es', '3 h 12 min'],
    [2 * 24 * H + 4 * H + 59 * MIN, 'en', '2 days 4 hr'],
    [24 * H, 'es', '1 d'],
    [59 * MIN + 59_999, 'en', '59 min'],
    [45_000, 'en', '45 sec'],
    [-5, 'en', '0 sec'],
  ] as const)('%d ms in %s → %s', (ms, locale, expected) => {
    expect(formatDuration(ms, locale)).toBe(expected);
  });
});
