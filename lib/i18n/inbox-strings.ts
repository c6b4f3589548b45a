// The inbox UI's words. The content script is injected into every inbox tab, so it bundles no catalog: the
// store asks the background for the inbox areas in the agent's language (`ui.strings`) and installs them here
// before anything with words renders. Filling and fallback are lib/i18n's own (./core), not a copy.
import { createTranslator, lookup, type Catalog, type Catalogs, type Locale, type MessageParams } from './core';
import type { InboxMessageKey } from './areas';

export type { InboxMessageKey };

const installed: Catalogs = {};

/** Makes one locale's inbox strings available to `t` (the store calls it when they arrive; tests with both catalogs). */
export function installStrings(locale: Locale, strings: Catalog): void {
  installed[locale] = strings;
}

/** The catalogs installed so far (the on-demand panel script installs the same ones in its own copy of this module). */
export function installedStrings(): Readonly<Catalogs> {
  return installed;
}

export const t = createTranslator<InboxMessageKey>(installed);

/** The message for a key built at run time, or null when the catalog lacks it. */
export function optionalText(locale: Locale, key: string, params?: MessageParams): string | null {
  return lookup(installed, locale, key) === undefined ? null : t(locale, key as InboxMessageKey, params);
}
