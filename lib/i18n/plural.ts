import type { Locale, MessageParams } from './core';

// Counts: a template says `{count, plural, one {# conversation} other {# conversations}}` (ICU's plural syntax, the
// subset translators need: `=N` exact matches, then Intl.PluralRules' categories, `other` required; `#` is the
// count in the locale's digits). Intl objects are costly to build and the popup fills dozens of counts.
// The popup, the options page and the background translate with this (lib/i18n/index.ts). The inbox content script
// does not carry it (its 25 KB budget): its words have no counted nouns, which lib/i18n/i18n.test.ts keeps true.
const pluralRules = new Map<Locale, Intl.PluralRules>();
const countFormats = new Map<Locale, Intl.NumberFormat>();
function memo<T>(cache: Map<Locale, T>, locale: Locale, build: () => T): T {
  let value = cache.get(locale);
  if (value === undefined) cache.set(locale, (value = build()));
  return value;
}

/** Index of the `}` closing the `{` at `open`, or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return i;
  }
  return -1;
}

/**
 * The branch of `=0 {…} one {…} other {…}` for `count`; null when the options are malformed. A count already
 * formatted as text cannot be classified: it takes `other`, the form most counts need, with the text as `#`.
 */
function pluralBranch(options: string, count: number | string, locale: Locale): string | null {
  const branches = new Map<string, string>();
  let rest = options.trim();
  while (rest) {
    const selector = /^(=\d+|zero|one|two|few|many|other)\s*\{/.exec(rest);
    if (!selector) return null;
    const open = selector[0].length - 1;
    const close = closingBrace(rest, open);
    if (close < 0) return null;
    branches.set(selector[1]!, rest.slice(open + 1, close));
    rest = rest.slice(close + 1).trim();
  }
  if (typeof count === 'string') return branches.get('other')?.replace(/#/g, count) ?? null;
  const category = memo(pluralRules, locale, () => new Intl.PluralRules(locale)).select(count);
  const branch = branches.get(`=${count}`) ?? branches.get(category) ?? branches.get('other');
  if (branch === undefined) return null;
  return branch.replace(/#/g, memo(countFormats, locale, () => new Intl.NumberFormat(locale)).format(count));
}

/**
 * Fills a template's {placeholders} and {count, plural, …} choices (give the count as a number, so its plural
 * form can be chosen). A missing or malformed placeholder stays visible rather than vanishing.
 */
export function fillCounts(template: string, params: MessageParams | undefined, locale: Locale): string {
  if (!params) return template;
  let out = '';
  let from = 0;
  // Each pass consumes at least one character of the template: bounded by its length.
  while (from < template.length) {
    const open = template.indexOf('{', from);
    const close = open < 0 ? -1 : closingBrace(template, open);
    if (close < 0) return out + template.slice(from);
    out += template.slice(from, open);
    const whole = template.slice(open, close + 1);
    const plural = /^\{(\w+),\s*plural,([\s\S]*)\}$/.exec(whole);
    const name = plural ? plural[1]! : /^\{(\w+)\}$/.exec(whole)?.[1];
    const value = name !== undefined && Object.hasOwn(params, name) ? params[name] : undefined;
    if (plural) {
      const branch = value === undefined ? null : pluralBranch(plural[2]!, value, locale);
      out += branch === null ? whole : fillCounts(branch, params, locale);
    } else {
      out += value === undefined ? whole : String(value);
    }
    from = close + 1;
  }
  return out;
}
