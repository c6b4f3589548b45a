import { describe, expect, test } from 'vitest';
import en from '../../locales/en';
import es from '../../locales/es';
import { inboxStrings } from './areas';
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
    // {name} and {name, plural, …} alike (the words inside a plural's branches are the translator's)
    const names = (s: string) => [...s.matchAll(/\{(\w+)(?:\}|,\s*plural,)/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(names(es[key]), key).toEqual(names(en[key]));
    }
  });

  test('every plural message has an `other` branch in both languages (Intl.PluralRules falls back to it)', () => {
    for (const [key, value] of [...Object.entries(en), ...Object.entries(es)]) {
      const plurals = value.match(/\{\w+,\s*plural,/g)?.length ?? 0;
      const others = value.match(/\bother\s*\{/g)?.length ?? 0;
      expect(others, key).toBeGreaterThanOrEqual(plurals);
    }
  });

  test("the inbox's words have no plural choices: the content script fills without them (lib/i18n/plural.ts)", () => {
    for (const locale of ['en', 'es'] as const) {
      for (const [key, value] of Object.entries(inboxStrings(locale))) expect(value, key).not.toMatch(/\{\w+,\s*plural,/);
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

describe('counts in both languages (Intl.PluralRules)', () => {
  test.each([
    ['en', 0, 'Scanned 0 conversations, today'],
    ['en', 1, 'Scanned 1 conversation, today'],
    ['en', 2, 'Scanned 2 conversations, today'],
    ['en', 1200, 'Scanned 1,200 conversations, today'],
    ['es', 0, '0 conversaciones revisadas, today'],
    ['es', 1, '1 conversación revisada, today'],
    ['es', 2, '2 conversaciones revisadas, today'],
  ] as const)('%s: %d scanned', (locale, scanned, expected) => {
    expect(t(locale, 'popup.overview.doneAt', { scanned, time: 'today' })).toBe(expected);
  });

  test.each([
    ['en', 0, 0, 'Stacked bars by outcome: 0 attempts in 14 days, 0 of them sent.'],
    ['en', 1, 1, 'Stacked bars by outcome: 1 attempt in 14 days, 1 of them sent.'],
    ['en', 2, 1, 'Stacked bars by outcome: 2 attempts in 14 days, 1 of them sent.'],
    ['es', 0, 0, 'Barras apiladas por resultado: 0 intentos en 14 días, 0 de ellos enviados.'],
    ['es', 1, 1, 'Barras apiladas por resultado: 1 intento en 14 días, 1 de ellos enviado.'],
    ['es', 2, 2, 'Barras apiladas por resultado: 2 intentos en 14 días, 2 de ellos enviados.'],
  ] as const)('%s: %d attempts, %d sent', (locale, total, sent, expected) => {
    expect(t(locale, 'popup.chart.attempts.desc', { total, sent })).toBe(expected);
  });

  test('Spanish agrees each count with its own noun in one message', () => {
    expect(t('es', 'popup.overview.counts', { open: 1, human_agent: 2, closed: 0, unknown: 1 })).toBe(
      '1 abierta · 2 agente humano · 0 cerradas · 1 desconocida',
    );
    expect(t('es', 'popup.routes.cell', { sent: 1, replies: 2, rate: '50 %' })).toBe('1 enviada, 2 respondidas (50 %)');
  });
});
