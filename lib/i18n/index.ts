import en from '../../locales/en';
import es from '../../locales/es';
import { createTranslator, type Locale, type MessageParams } from './core';
import { fillCounts } from './plural';

// The full catalogs, for the popup, the options page and the background. The content script must not import
// this module (it would carry every area in both languages): it uses ./core and asks the background for words.

export { LOCALES, resolveLocale, type LanguagePreference, type Locale, type MessageParams } from './core';
export type MessageKey = keyof typeof en;

const catalogs: Readonly<Record<Locale, Readonly<Record<MessageKey, string>>>> = { en, es };

/** Looks a message up (English when the locale lacks it) and fills its {placeholders}. */
export const t: (locale: Locale, key: MessageKey, params?: MessageParams) => string = createTranslator<MessageKey>(catalogs, fillCounts);

/** A translator bound to one locale, for views. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
export const translator =
  (locale: Locale): Translate =>
  (key, params) =>
    t(locale, key, params);

export { formatDuration, formatInstant } from './format';
