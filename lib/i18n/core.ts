// The part of i18n every bundle shares: locales, placeholder filling, English fallback. No catalogs here —
// the content script gets its words from the background at run time (lib/i18n/areas.ts), the popup and the
// options page bundle the full catalogs (lib/i18n/index.ts); both translate through this one implementation.

export const LOCALES = ['en', 'es'] as const;
export type Locale = (typeof LOCALES)[number];
/** The options' language setting: a locale, or the browser's own language. */
export const LANGUAGE_PREFERENCES = ['browser', ...LOCALES] as const;
export type LanguagePreference = (typeof LANGUAGE_PREFERENCES)[number];
export type MessageParams = Record<string, string | number>;

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

/** Fills a template's {placeholders}. A missing placeholder stays visible rather than vanishing. */
export function fill(template: string, params?: MessageParams): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** How a translator turns a template into words (plain `fill`, or ./plural's `fillCounts` for counted words). */
export type FillTemplate = (template: string, params: MessageParams | undefined, locale: Locale) => string;

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
export function createTranslator<K extends string>(catalogs: Catalogs, fillTemplate: FillTemplate = fill): Translate<K> {
  return (locale, key, params) => fillTemplate(lookup(catalogs, locale, key) ?? key, params, locale);
}
