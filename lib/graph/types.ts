import type { ErrorView } from './error-view';

// Shapes the Graph client hands to the rest of the extension. Times are epoch ms (UTC).

/** A Messenger or Instagram conversation as the Conversations API shows it (only the 20 newest messages). On
 *  Instagram the Page's side speaks as its Instagram professional account; the client reports it as the Page. */
export interface ConversationSummary {
  id: string;
  updatedTime: number | null;
  snippet: string | null;
  /** Instagram participants carry `username` (and maybe no `name`). */
  participants: { id: string; name: string; username?: string }[];
  /** Newest first, as Meta lists them. */
  messages: { id: string; createdTime: number; fromId: string; fromName: string | null; text: string | null }[];
  /** Meta's time when it answered this read (its Date header, else our clock with the last known offset): a
   *  message dated after it is dated in the future. Absent in summaries not read through the client. */
  metaNow?: number;
}

/** How close the app or Page is to Meta's rate limits, from the usage headers of the last answer. */
export interface UsageInfo {
  /** The highest of call_count / total_cputime / total_time over every object (percent of the limit). */
  maxPercent: number;
  /** Meta's estimated_time_to_regain_access (minutes); 0 when not throttled. */
  regainAccessMinutes: number;
  /** The same figures per business object (Page id) of X-Business-Use-Case-Usage, when that header came. */
  objects?: Record<string, { maxPercent: number; regainAccessMinutes: number }>;
}

/** A failed Graph call. `maybe_sent`: the request may have reached Meta (never send it again blindly). */
export type GraphFailure = ErrorView & {
  delivery: 'not_sent' | 'maybe_sent';
  /** For rate_limited failures: how long to wait before calling again (our pacer's turn, or Meta's
   *  estimated_time_to_regain_access from the answer's usage headers). */
  retryAfterMs?: number;
};

export type GraphResult<T> = { ok: true; value: T; usage: UsageInfo | null } | { ok: false; error: GraphFailure };

/** `metaPostedAt`: when the POST left, on Meta's clock (see ./meta-clock.ts); absent when no POST was made. */
export type SendResult =
  | { ok: true; messageId: string; recipientId: string | null; tries: number; metaPostedAt?: number }
  | { ok: false; error: GraphFailure; tries: number; metaPostedAt?: number };

/** Who an access token speaks for (`metadata.type` of `/me`): a Page, a person, or something else Meta names (an
 *  `application` answers there only in some versions; most app tokens are refused on `/me` with 2500). */
export interface TokenOwner {
  id: string;
  name: string;
  type: string;
}

/** A Page a person manages, from `/me/accounts`: `token` is the Page's own token for this person (null when Meta
 *  gave none). Background only: a token never leaves it. */
export interface PersonPage {
  id: string;
  name: string;
  tasks: string[];
  token: string | null;
}
