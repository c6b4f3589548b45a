import { describe, expect, test } from 'vitest';
import { DEFAULT_PROMO_TERMS, findPromoTerms } from './lint';
import { MAX_TEXT_CHARS, textLength } from './text';

/** The flagged slices of the original text: what the agent sees highlighted. */
const flagged = (text: string, terms: readonly string[] = DEFAULT_PROMO_TERMS) =>
  findPromoTerms(text, terms).map((match) => text.slice(match.start, match.end));

describe('findPromoTerms', () => {
  test.each([
    // accents and case
    ['Use this CUPON today', ['CUPON']],
    ['Tu cupón ya está activo', ['cupón']],
    ['Descuento especial para ti', ['Descuento']],
    ['PROMOCIÓN válida', ['PROMOCIÓN']],
    ['promocion valida', ['promocion']],
    ['Envio GRATIS en tu pedido', ['Envio GRATIS']],
    ['LIQUIDACION total', ['LIQUIDACION']],
    // whole words only
    ['Our salesman will call you', []],
    ['The sale ends Friday', ['sale']],
    ['We offered you a refund last week', []],
    ['Two new offers for you', ['offers']],
    ['Please find the discounted invoice', []],
    ['ofertas de la semana', ['ofertas']],
    ['Reofertar no aplica', []],
    ['Promo code inside', ['Promo code']],
    ['promocode SPRING', ['promocode']],
    ['Use the promo-code below', ['promo-code']],
    ['Compra 2x1 hoy', ['2x1']],
    ['Order 12x1000 ref', []],
    // percentages
    ['Get 20% off your next order', ['20% off']],
    ['Hoy 20 % de descuento', ['20 % de descuento']],
    ['30%OFF everything', ['30%OFF']],
    ['Now 12.5% off', ['12.5% off']],
    ['10% dto. en tienda', ['10% dto']],
    ['100% of your order has shipped', []],
    // nested and multiple
    ['A special offer and a coupon', ['special offer', 'coupon']],
    ['Your order has shipped and will arrive Tuesday.', []],
  ] as const)('%s → %j', (text, expected) => {
    expect(flagged(text)).toEqual(expected);
  });

  test('indices point into the original text when accents are written as combining marks', () => {
    const decomposed = 'Tu cupo\u0301n: 15 % de descuento';
    const matches = findPromoTerms(decomposed, DEFAULT_PROMO_TERMS);
    expect(matches.map((m) => decomposed.slice(m.start, m.end))).toEqual(['cupo\u0301n', '15 % de descuento']);
    expect(matches[0]).toEqual({ term: 'cupón', start: 3, end: 9 });
  });

  test('a highlight ending in a decomposed accent covers the accent too', () => {
    const text = 'Un cafe\u0301 gratis';
    expect(findPromoTerms(text, ['café'])).toEqual([{ term: 'café', start: 3, end: 8 }]);
  });

  test('indices stay right after emoji and full-width letters', () => {
    const text = '🎉🎉 ＳＡＬＥ and cupón';
    const matches = findPromoTerms(text, ['sale', 'cupon']);
    expect(matches).toEqual([
      { term: 'sale', start: 5, end: 9 },
      { term: 'cupon', start: 14, end: 19 },
    ]);
  });

  test('reports the configured term, and uses only the configured list', () => {
    expect(findPromoTerms('Gran REBAJA hoy', ['rebaja'])).toEqual([{ term: 'rebaja', start: 5, end: 11 }]);
    expect(findPromoTerms('Gran REBAJA hoy', ['oferta'])).toEqual([]);
    expect(findPromoTerms('Gran REBAJA hoy', [])).toEqual([]);
    expect(findPromoTerms('Gran REBAJA hoy', ['  ', '-'])).toEqual([]);
  });

  test('every occurrence is reported, in text order', () => {
    expect(findPromoTerms('deal, deal', ['deal'])).toEqual([
      { term: 'deal', start: 0, end: 4 },
      { term: 'deal', start: 6, end: 10 },
    ]);
  });

  test('terms with regex characters are taken literally', () => {
    expect(flagged('Save (today) now', ['(today)'])).toEqual(['(today)']);
    expect(flagged('Save today now', ['(today)'])).toEqual([]);
  });
});

describe('textLength', () => {
  test.each([
    ['', 0],
    ['hola', 4],
    ['🎉', 1],
    ['cupón', 5],
  ] as const)('%j has %d characters', (text, length) => {
    expect(textLength(text)).toBe(length);
  });

  test('counts an emoji once against the 2000-character limit', () => {
    expect(textLength('🎉'.repeat(MAX_TEXT_CHARS))).toBe(MAX_TEXT_CHARS);
  });
});
