// Shared clocks and facts for the inbox component tests (not shipped: only *.test.tsx import it).
import type { ThreadFacts } from '../../lib/policy/types';
import type { ResponseOf } from '../../lib/messaging/responses';
import type { ThreadView } from '../../lib/threads/view';
import { LOCALES, type Locale } from '../../lib/i18n/core';
import { inboxStrings } from '../../lib/i18n/areas';
import { installStrings } from '../../lib/i18n/inbox-strings';

export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;
/** The customer's last message, after Meta retired the three update tags. */
export const C = Date.parse('2026-06-01T10:00:00Z');
/** The same, before the retirement (27 Apr 2026), when the retired tags still worked. */
export const C_BEFORE_RETIREMENT = Date.parse('2026-03-01T10:00:00Z');

export function facts(over: Partial<ThreadFacts> = {}): ThreadFacts {
  return { customerLastMessageAt: C, pageLastMessageAt: null, attempts: [], ...over };
}

export function resolvedThread(threadFacts: ThreadFacts = facts(), over: Partial<Extract<ThreadView, { status: 'resolved' }>> = {}): ThreadView {
  return {
    status: 'resolved',
    pageId: '104512345678901',
    psid: '7001',
    customerName: 'Maria Lopez',
    facts: threadFacts,
    recentAttempts: [],
    checkedAt: C,
    ...over,
  };
}

/** The background's answer to `ui.strings` (its own function, so tests show exactly the words it serves). */
export function stringsAnswer(locale: Locale): ResponseOf<'ui.strings'> {
  return { locale, strings: inboxStrings(locale) };
}

/** View tests render without a store: both languages' strings are installed up front, as the store would. */
export function installBothCatalogs(): void {
  for (const locale of LOCALES) installStrings(locale, inboxStrings(locale));
}
