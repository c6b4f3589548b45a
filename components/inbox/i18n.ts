// The inbox UI's catalog: only the areas the content script shows. lib/i18n's `t` carries every area
// (popup and options too), which would add about 6 KB gzip to a script injected into every inbox tab.
// Same keys, same {placeholder} rules and the same fallback to English as lib/i18n.
import enBanner from '../../locales/en/banner';
import enCommon from '../../locales/en/common';
import enErrors from '../../locales/en/errors';
import enPanel from '../../locales/en/panel';
import enPolicy from '../../locales/en/policy';
import esBanner from '../../locales/es/banner';
import esCommon from '../../locales/es/common';
import esErrors from '../../locales/es/errors';
import esPanel from '../../locales/es/panel';
import esPolicy from '../../locales/es/policy';
import type { Locale, MessageParams } from '../../lib/i18n';

const en = { ...enCommon, ...enPolicy, ...enErrors, ...enBanner, ...enPanel };
export type InboxMessageKey = keyof typeof en;
const catalogs: Record<Locale, Record<InboxMessageKey, string>> = {
  en,
  es: { ...esCommon, ...esPolicy, ...esErrors, ...esBanner, ...esPanel },
};

export function t(locale: Locale, key: InboxMessageKey, params?: MessageParams): string {
  const template = catalogs[locale][key] ?? catalogs.en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message for a key built at run time, or null when the catalog lacks it. */
export function optionalText(locale: Locale, key: string, params?: MessageParams): string | null {
  return key in catalogs.en ? t(locale, key as InboxMessageKey, params) : null;
}

/** The UI language: the explicit preference, else the browser's (the same rule as lib/i18n resolveLocale). */
export function resolveLocale(preference: 'browser' | Locale, browserLanguage: string | undefined): Locale {
  if (preference !== 'browser') return preference;
  return browserLanguage?.toLowerCase().startsWith('es') ? 'es' : 'en';
}
