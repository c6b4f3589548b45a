import type { Catalog, Locale } from './core';
import { catalogs, type MessageKey } from './index';

// Which catalog areas each surface shows. The inbox content script is injected into every Business Suite
// tab, so it carries no catalog: the background serves it the areas below, in the agent's language only
// (message `ui.strings`). Each area file prefixes its keys with the area's name, which is what selects them.

/** The areas the banner and the reopen panel show. */
export const INBOX_AREAS = ['common', 'policy', 'errors', 'banner', 'panel'] as const;
export type InboxArea = (typeof INBOX_AREAS)[number];
/** A key of the inbox areas (type-only imports of this are free for the content script). */
export type InboxMessageKey = Extract<MessageKey, `${InboxArea}.${string}`>;

const isInboxKey = (key: string): key is InboxMessageKey => INBOX_AREAS.some((area) => key.startsWith(`${area}.`));

/** The inbox areas of one locale's catalog, nothing else. */
export function inboxStrings(locale: Locale): Catalog & Record<InboxMessageKey, string> {
  const strings: Partial<Record<InboxMessageKey, string>> = {};
  for (const [key, template] of Object.entries(catalogs[locale])) {
    if (isInboxKey(key)) strings[key] = template;
  }
  return strings as Record<InboxMessageKey, string>;
}
