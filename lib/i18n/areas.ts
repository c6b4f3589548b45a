import enBanner from '../../locales/en/banner';
import enCommon from '../../locales/en/common';
import enErrors from '../../locales/en/errors';
import enPanel from '../../locales/en/panel';
import enPolicy from '../../locales/en/policy';
import enRoutes from '../../locales/en/routes';
import enRows from '../../locales/en/rows';
import esBanner from '../../locales/es/banner';
import esCommon from '../../locales/es/common';
import esErrors from '../../locales/es/errors';
import esPanel from '../../locales/es/panel';
import esPolicy from '../../locales/es/policy';
import esRoutes from '../../locales/es/routes';
import esRows from '../../locales/es/rows';
import type { Locale } from './core';

// The catalog areas the inbox shows (banner, panel, the list's row badges, and the policy and error words they use). The inbox
// content script is injected into every Business Suite tab, so it carries no catalog: the background serves
// it these areas in the agent's language only (message `ui.strings`). Imported area by area, so the
// background carries these and not the popup's or the options page's.

const inboxEn = { ...enCommon, ...enPolicy, ...enRoutes, ...enErrors, ...enBanner, ...enPanel, ...enRows };

/** A key of the inbox areas (a type-only import of this module costs the content script nothing). */
export type InboxMessageKey = keyof typeof inboxEn;

const inboxCatalogs: Record<Locale, Readonly<Record<InboxMessageKey, string>>> = {
  en: inboxEn,
  es: { ...esCommon, ...esPolicy, ...esRoutes, ...esErrors, ...esBanner, ...esPanel, ...esRows },
};

/** The inbox areas of one locale's catalog, nothing else. */
export function inboxStrings(locale: Locale): Readonly<Record<InboxMessageKey, string>> {
  return inboxCatalogs[locale];
}
