// Message tags and utility messages must never carry promotions. We cannot judge intent, so we
// flag wording that usually means a promotion and let the agent confirm; the list is a setting.

/** Flagged by default, English then Spanish. Matching ignores case and accents, so one spelling is enough. */
export const DEFAULT_PROMO_TERMS: readonly string[] = [
  // English
  'discount',
  'discounts',
  'coupon',
  'coupons',
  'voucher',
  'vouchers',
  'promo',
  'promo code',
  'promotion',
  'promotions',
  '% off',
  'percent off',
  'sale',
  'on sale',
  'flash sale',
  'clearance',
  'deal',
  'deals',
  'offer',
  'offers',
  'special offer',
  'free shipping',
  'buy now',
  'shop now',
  'order now',
  'limited time',
  'bogo',
  'buy one get one',
  'black friday',
  'cyber monday',
  // Spanish
  'oferta',
  'ofertas',
  'cupón',
  'cupones',
  'descuento',
  'descuentos',
  'promoción',
  'promociones',
  'rebaja',
  'rebajas',
  'liquidación',
  'envío gratis',
  'envío sin costo',
  '2x1',
  '3x2',
  'código promocional',
  'código de descuento',
  '% de descuento',
  '% dto',
  'compra ya',
  'compra ahora',
  'por tiempo limitado',
  'precio especial',
  'meses sin intereses',
];

export interface PromoMatch {
  /** The configured term that matched, as written in the list. */
  term: string;
  /** Indices into the original text, [start, end), for highlighting. */
  start: number;
  end: number;
  /** Which part of a composed message it was found in, when not the message text ('title', 'parameters.0'…). */
  field?: string;
}

const COMBINING_MARKS = /\p{M}/gu;
const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Case- and accent-free form of a piece of text: "Cupón" → "cupon", "ＯＦＦ" → "off". */
function fold(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(COMBINING_MARKS, '');
}

/**
 * The folded text with, for each of its UTF-16 units, where it came from in the original. Folding
 * one code point at a time keeps the map exact even when folding changes lengths ("é" written as
 * e + U+0301, "½" → "1⁄2"); a combining mark that folds away extends the previous unit's end so a
 * highlight covers the whole visible letter.
 */
function foldWithMap(text: string): { folded: string; starts: number[]; ends: number[] } {
  let folded = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const codePoint of text) {
    const end = index + codePoint.length;
    const piece = fold(codePoint);
    if (piece === '' && ends.length > 0) ends[ends.length - 1] = end;
    for (let i = 0; i < piece.length; i++) {
      starts.push(index);
      ends.push(end);
    }
    folded += piece;
    index = end;
  }
  return { folded, starts, ends };
}

const WORD_START = '(?<![\\p{L}\\p{N}])';
const WORD_END = '(?![\\p{L}\\p{N}])';
/** "20", "12.5" or "12,5" and any spaces before a "%" term. */
const LEADING_NUMBER = `(?:${WORD_START}\\d+(?:[.,]\\d+)?\\s*)?`;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * A term as a pattern over folded text:
 * - words match whole words only: "sale" does not match "salesman", "offer" does not match
 *   "offered" (list a form explicitly to flag it: "offers" is in the defaults);
 * - spaces and hyphens inside a term match any run of them, or none: "promo code" matches
 *   "promo-code" and "promocode", "% off" matches "30%OFF";
 * - a term starting with "%" takes the number before it into the match: "20 % de descuento".
 */
function termPattern(term: string): RegExp | null {
  const parts = fold(term)
    .split(/[\s-]+/)
    .filter((part) => part !== '');
  if (parts.length === 0) return null;
  const body = parts.map(escapeRegExp).join('[\\s-]*');
  const first = parts[0]?.[0] ?? '';
  const last = parts[parts.length - 1]?.slice(-1) ?? '';
  const before = first === '%' ? LEADING_NUMBER : WORD_CHAR.test(first) ? WORD_START : '';
  const after = WORD_CHAR.test(last) ? WORD_END : '';
  return new RegExp(before + body + after, 'gu');
}

/**
 * Where the text uses promotional wording, in text order. A match inside a longer one ("offer" in
 * "special offer") is dropped so highlights never nest.
 */
export function findPromoTerms(text: string, terms: readonly string[]): PromoMatch[] {
  if (text === '' || terms.length === 0) return [];
  const { folded, starts, ends } = foldWithMap(text);
  const found: PromoMatch[] = [];
  for (const term of terms) {
    const pattern = termPattern(term);
    if (!pattern) continue;
    for (const match of folded.matchAll(pattern)) {
      const first = match.index;
      const last = first + match[0].length - 1;
      found.push({ term, start: starts[first] as number, end: ends[last] as number });
    }
  }
  // Start order, longest first at equal starts, so any match that contains another is kept before it.
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: PromoMatch[] = [];
  for (const match of found) {
    if (!kept.some((other) => other.start <= match.start && other.end >= match.end)) kept.push(match);
  }
  return kept;
}
