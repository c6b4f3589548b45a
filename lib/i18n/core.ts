// The part of i18n every bundle shares: locales, placeholder filling, English fallback. No catalogs here —
// the content script gets its words from the background at run time (lib/i18n/areas.ts), the popup and the
// options page bundle the full catalogs (lib/i18n/index.ts); both translate through this one implementation.

export type Locale = 'en' | 'es';
export type LanguagePreference = 'browser' | Locale;
export type MessageParams = Record<string, string | number>;

export const LOCALES: readonly Locale[] = ['en', 'es'];
/** Every catalog has every key (the Spanish files' types enforce it); English is the last resort all the same. */
export const FALLBACK_LOCALE: Locale = 'en';

/** A flat catalog of one locale: key → template with {placeholders}. */
export type Catalog = Readonly<Record<string, string>>;
/** The catalogs a translator can see; a locale not loaded (yet) is simply absent. */
export type Catalogs = Partial<Record<Locale, Catalog>>;

/** The UI language: the explicit preference, else the browser's language when we have it, else English. */
export function resolveLocale(preference: LanguagePreference, browserLanguage: string | undefined): Locale {
  if (preference !== 'browser') return preference;
  return browserLanguage?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** The first language tag Reopen has words for (e.g. the inbox's `<html lang>`, then the browser's), else the last
 *  one given, which resolveLocale turns into English. */
export function preferredLanguage(...tags: (string | null | undefined)[]): string | undefined {
  const given = tags.filter((tag): tag is string => !!tag?.trim());
  return given.find((tag) => /^(en|es)\b/i.test(tag.trim())) ?? given.at(-1);
}

// Counts: a template says `{count, plural, one {# conversation} other {# conversations}}` (ICU's plural syntax, the
// subset translators need: `=N` exact matches, then Intl.PluralRules' categories, `other` required; `#` is the
// count in the locale's digits). Intl objects are costly to build and the popup fills dozens of counts.
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
export function fill(template: string, params?: MessageParams, locale: Locale = FALLBACK_LOCALE): string {
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
      out += branch === null ? whole : fill(branch, params, locale);
    } else {
      out += value === undefined ? whole : String(value);
    }
    from = close + 1;
  }
  return out;
}

/** The template of a key in a locale, else in English, else undefined. Own keys only: a key such as
 *  "constructor" built from an unexpected error kind must not find Object.prototype's members. */
export function lookup(catalogs: Catalogs, locale: Locale, key: string): string | undefined {
  const own = catalogs[locale];
  if (own && Object.hasOwn(own, key)) return own[key];
  const fallback = catalogs[FALLBACK_LOCALE];
  return fallback && Object.hasOwn(fallback, key) ? fallback[key] : undefined;
}

export type Translate<K extends string> = (locale: Locale, key: K, params?: MessageParams) => string;

/**
 * A `t` over some catalogs. The object is read at every call, so catalogs added to it later (strings that
 * arrived from the background) are used from then on. An unknown key shows itself, never an empty string.
 */
export function createTranslator<K extends string>(catalogs: Catalogs): Translate<K> {
  return (locale, key, params) => fill(lookup(catalogs, locale, key) ?? key, params, locale);
}
