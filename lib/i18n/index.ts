import en from '../../locales/en';
import es from '../../locales/es';

export type Locale = 'en' | 'es';
export type LanguagePreference = 'browser' | Locale;
export type MessageKey = keyof typeof en;
export type MessageParams = Record<string, string | number>;

const catalogs: Record<Locale, Record<MessageKey, string>> = { en, es };

/** The UI language: the explicit preference, else the browser's language when we have it, else English. */
export function resolveLocale(preference: LanguagePreference, browserLanguage: string | undefined): Locale {
  if (preference !== 'browser') return preference;
  return browserLanguage?.toLowerCase().startsWith('es') ? 'es' : 'en';
}

/** Looks a message up and fills its {placeholders}. A missing placeholder stays visible rather than vanishing. */
export function t(locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one locale, for views. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export const translator = (locale: Locale): Translate => (key, params) => t(locale, key, params);

export { formatDuration, formatInstant } from './format';
