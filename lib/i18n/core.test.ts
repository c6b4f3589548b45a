import { describe, expect, test } from 'vitest';
import { createTranslator, fill, lookup, type Catalogs } from './core';

// The one implementation of filling and fallback, shared by the popup/options (full catalogs) and the inbox
// (strings served at run time).

describe('fill', () => {
  test.each([
    ['Closes in {left}', { left: '3 hr' }, 'Closes in 3 hr'],
    ['{a} and {a}', { a: 1 }, '1 and 1'],
    ['Limit {limit}', { limit: 0 }, 'Limit 0'],
    ['Missing {name} stays', {}, 'Missing {name} stays'],
    ['Not a prototype member: {toString}', {}, 'Not a prototype member: {toString}'],
    ['No params', undefined, 'No params'],
  ] as const)('%s', (template, params, expected) => {
    expect(fill(template, params)).toBe(expected);
  });
});

describe('lookup and createTranslator', () => {
  test('the locale first, then English, then the key itself', () => {
    const catalogs: Catalogs = { en: { 'a.both': 'Both', 'a.enOnly': 'English only' }, es: { 'a.both': 'Ambos' } };
    const t = createTranslator<string>(catalogs);
    expect(t('es', 'a.both')).toBe('Ambos');
    expect(t('es', 'a.enOnly')).toBe('English only');
    expect(t('es', 'a.nowhere')).toBe('a.nowhere');
    expect(lookup(catalogs, 'es', 'a.nowhere')).toBeUndefined();
  });

  test('catalogs installed after the translator was made are used from then on', () => {
    const catalogs: Catalogs = {};
    const t = createTranslator<string>(catalogs);
    expect(t('es', 'banner.open', { left: '2 h' })).toBe('banner.open');
    catalogs.es = { 'banner.open': 'Se cierra en {left}' };
    expect(t('es', 'banner.open', { left: '2 h' })).toBe('Se cierra en 2 h');
  });

  test("a key named like an Object member finds nothing (error kinds are built from Meta's answers)", () => {
    expect(lookup({ en: {} }, 'en', 'constructor')).toBeUndefined();
    expect(lookup({ en: {}, es: {} }, 'es', 'toString')).toBeUndefined();
  });
});
