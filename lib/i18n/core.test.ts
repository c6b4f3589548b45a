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

describe('fill with plural choices', () => {
  const conversations = '{n, plural, one {# conversation} other {# conversations}} left';
  test.each([
    [0, 'en', '0 conversations left'],
    [1, 'en', '1 conversation left'],
    [2, 'en', '2 conversations left'],
    [1234, 'en', '1,234 conversations left'],
  ] as const)('%d in %s', (n, locale, expected) => {
    expect(fill(conversations, { n }, locale)).toBe(expected);
  });

  test.each([
    [0, '0 conversaciones'],
    [1, '1 conversación'],
    [2, '2 conversaciones'],
    // Spanish does not group four-digit numbers
    [1234, '1234 conversaciones'],
    [12345, '12.345 conversaciones'],
  ] as const)('%d in es', (n, expected) => {
    expect(fill('{n, plural, one {# conversación} other {# conversaciones}}', { n }, 'es')).toBe(expected);
  });

  test('an exact =N branch wins over the category; placeholders inside a branch are filled', () => {
    const template = '{n, plural, =0 {nothing for {who}} one {one for {who}} other {# for {who}}}';
    expect(fill(template, { n: 0, who: 'Ana' }, 'en')).toBe('nothing for Ana');
    expect(fill(template, { n: 1, who: 'Ana' }, 'en')).toBe('one for Ana');
    expect(fill(template, { n: 3, who: 'Ana' }, 'en')).toBe('3 for Ana');
  });

  test('a count given as text takes `other`; a missing count or a malformed choice stays visible', () => {
    const template = '{n, plural, one {# item} other {# items}}';
    expect(fill(template, { n: '1,234' }, 'en')).toBe('1,234 items');
    expect(fill(template, {}, 'en')).toBe(template);
    expect(fill('{n, plural, one {# item}', { n: 1 }, 'en')).toBe('{n, plural, one {# item}');
    expect(fill('{n, plural, one {# item}}', { n: 2 }, 'en')).toBe('{n, plural, one {# item}}');
    expect(fill('{n, plural, lots {# items}}', { n: 2 }, 'en')).toBe('{n, plural, lots {# items}}');
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
