import { describe, expect, test } from 'vitest';
import { fillCounts } from './plural';

// Counted words in both languages: Intl.PluralRules picks the form, Intl.NumberFormat writes the number.

describe('fillCounts', () => {
  test('plain placeholders are filled as by fill', () => {
    expect(fillCounts('Closes in {left}, {missing} stays', { left: '3 hr' }, 'en')).toBe('Closes in 3 hr, {missing} stays');
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
    expect(fillCounts(conversations, { n }, locale)).toBe(expected);
  });

  test.each([
    [0, '0 conversaciones'],
    [1, '1 conversación'],
    [2, '2 conversaciones'],
    // Spanish does not group four-digit numbers
    [1234, '1234 conversaciones'],
    [12345, '12.345 conversaciones'],
  ] as const)('%d in es', (n, expected) => {
    expect(fillCounts('{n, plural, one {# conversación} other {# conversaciones}}', { n }, 'es')).toBe(expected);
  });

  test('an exact =N branch wins over the category; placeholders inside a branch are filled', () => {
    const template = '{n, plural, =0 {nothing for {who}} one {one for {who}} other {# for {who}}}';
    expect(fillCounts(template, { n: 0, who: 'Ana' }, 'en')).toBe('nothing for Ana');
    expect(fillCounts(template, { n: 1, who: 'Ana' }, 'en')).toBe('one for Ana');
    expect(fillCounts(template, { n: 3, who: 'Ana' }, 'en')).toBe('3 for Ana');
  });

  test('a count given as text takes `other`; a missing count or a malformed choice stays visible', () => {
    const template = '{n, plural, one {# item} other {# items}}';
    expect(fillCounts(template, { n: '1,234' }, 'en')).toBe('1,234 items');
    expect(fillCounts(template, {}, 'en')).toBe(template);
    expect(fillCounts('{n, plural, one {# item}', { n: 1 }, 'en')).toBe('{n, plural, one {# item}');
    expect(fillCounts('{n, plural, one {# item}}', { n: 2 }, 'en')).toBe('{n, plural, one {# item}}');
    expect(fillCounts('{n, plural, lots {# items}}', { n: 2 }, 'en')).toBe('{n, plural, lots {# items}}');
  });
});
