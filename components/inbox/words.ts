// Turning codes (block reasons, Meta error kinds) into words, with the dates that make them actionable.
// Error kinds come from lib/graph's catalog and may grow faster than the catalog of words: a missing
// key shows Meta's own message and code rather than a raw key.
import type { Locale } from '../../lib/i18n';
import { errorWords } from '../../lib/i18n/error-words';
import { formatInstant } from '../../lib/i18n/format';
import type { RouteDefinition } from '../../lib/policy';
import type { BlockReason } from '../../lib/policy/types';
import type { ErrorView } from '../../lib/graph/error-view';
import { optionalText, t } from '../../lib/i18n/inbox-strings';

export function routeName(locale: Locale, route: RouteDefinition): string {
  return t(locale, `policy.route.${route.id}.name`);
}

/** Meta's retirement is a calendar date (UTC), not a moment in the agent's day. */
export function formatDay(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }).format(ms);
}

export interface ReasonDetail {
  /** For cooldown: the instant reactivation is allowed again. */
  until?: number | null;
  route?: RouteDefinition;
  timeZone?: string;
}

/** Why something is not allowed, in words. */
export function reasonText(locale: Locale, reason: BlockReason, detail: ReasonDetail = {}): string {
  if (reason === 'tag_retired' && detail.route?.retiredOn) {
    return t(locale, 'policy.retiredOn', { date: formatDay(detail.route.retiredOn, locale) });
  }
  const until = detail.until ? formatInstant(detail.until, locale, detail.timeZone) : '';
  // A block from Meta says until when only when Meta gave a time.
  if ((reason === 'person_blocked' || reason === 'page_blocked') && until) return t(locale, `policy.reason.${reason}.until`, { until });
  return t(locale, `policy.reason.${reason}`, { until });
}

/** A Meta or transport error: what happened and what to do now. */
export function errorText(locale: Locale, error: ErrorView): { explain: string; next: string | null } {
  return errorWords(
    (key) => optionalText(locale, key),
    error,
    (code) => t(locale, 'panel.result.errorCode', { code: code || error.kind, message: error.metaMessage ?? error.kind }),
  );
}

/** The error and what to do next as one line (the banner's hint, the templates' problem). */
export function errorLine(locale: Locale, error: ErrorView): string {
  const words = errorText(locale, error);
  return words.next ? `${words.explain} ${words.next}` : words.explain;
}
