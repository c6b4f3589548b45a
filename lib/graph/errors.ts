import type { TagId } from '../policy/types';
import type { ErrorView } from '../messaging/types';
import { graphErrorBodySchema } from './schemas';
import { isTagRetired } from './tags';

// Every Meta error the product expects, as data: one row per code or code/subcode, so a change
// in Meta's table is one edit here. Source: reference/meta-messenger.md §3 (Common Error Codes,
// Rate Limits) and §9 (utility templates). `retryable` means trying the same call again later may
// succeed; the client repeats a call by itself only when this is true (never after a maybe-sent send).

/** Every kind of failure the views can explain (`errors.<kind>.explain` / `errors.<kind>.next`). */
export const ERROR_KINDS = [
  'window_closed',
  'window_closed_news',
  'recipient_cannot_receive',
  'page_restricted',
  'permission_denied',
  'invalid_parameter',
  'tag_retired',
  'no_matching_user',
  'not_thread_owner',
  'token_invalid',
  'needs_app_review',
  'person_unavailable',
  'not_receiving',
  'rate_limited',
  'tag_rate_abuse',
  'app_rate_limited',
  'transient',
  'template_rejected',
  'malformed_response',
  'network_unknown',
  'timeout',
  'unknown_error',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export interface ErrorCatalogEntry {
  code: number;
  subcode?: number;
  kind: ErrorKind;
  retryable: boolean;
}

export const ERROR_CATALOG: readonly ErrorCatalogEntry[] = [
  // Messaging window and recipient
  { code: 10, subcode: 2018278, kind: 'window_closed', retryable: false },
  { code: 10, subcode: 2534022, kind: 'window_closed', retryable: false },
  { code: 10, subcode: 2018065, kind: 'window_closed_news', retryable: false },
  { code: 10, subcode: 2018108, kind: 'recipient_cannot_receive', retryable: false },
  { code: 10, subcode: 1893063, kind: 'page_restricted', retryable: false },
  { code: 10, kind: 'permission_denied', retryable: false },
  // Parameters (a retired tag also answers a bare 100: see explainGraphError)
  { code: 100, kind: 'invalid_parameter', retryable: false },
  { code: 100, subcode: 2018001, kind: 'no_matching_user', retryable: false },
  { code: 100, subcode: 2534037, kind: 'not_thread_owner', retryable: false },
  { code: 2018300, kind: 'not_thread_owner', retryable: false },
  // Utility templates: 2018415 is the simulator's (UNCONFIRMED with Meta); 2018416 is Meta's QUICK_REPLY refusal.
  { code: 100, subcode: 2018415, kind: 'template_rejected', retryable: false },
  { code: 100, subcode: 2018416, kind: 'template_rejected', retryable: false },
  // Access
  { code: 190, kind: 'token_invalid', retryable: false },
  { code: 200, kind: 'needs_app_review', retryable: false },
  { code: 200, subcode: 1545041, kind: 'person_unavailable', retryable: false },
  { code: 551, subcode: 1545041, kind: 'person_unavailable', retryable: false },
  { code: 551, kind: 'not_receiving', retryable: false },
  { code: 2, subcode: 2018344, kind: 'permission_denied', retryable: false },
  // Rate limits
  { code: 613, subcode: 2534040, kind: 'rate_limited', retryable: true },
  { code: 613, subcode: 2018338, kind: 'tag_rate_abuse', retryable: false },
  // Bare 613 carries the same "exceeded the rate limit" message as 613/2534040.
  { code: 613, kind: 'rate_limited', retryable: true },
  { code: 4, kind: 'app_rate_limited', retryable: true },
  { code: 17, kind: 'rate_limited', retryable: true },
  { code: 32, kind: 'rate_limited', retryable: true },
  { code: 80001, kind: 'rate_limited', retryable: true },
  { code: 80006, kind: 'rate_limited', retryable: true },
  { code: 341, kind: 'rate_limited', retryable: true },
  // A temporary policy block: waiting helps, but hours rather than the seconds of an automatic retry.
  { code: 368, kind: 'rate_limited', retryable: false },
  // Transient
  { code: 1, kind: 'transient', retryable: true },
  { code: 2, kind: 'transient', retryable: true },
  // "Temporary send message failure": only in older client libraries, kept in case Meta still sends it.
  { code: 1200, kind: 'transient', retryable: true },
];

/** Kinds whose repetition harms the Page whatever Meta's is_transient flag says. */
const NEVER_RETRIED: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'tag_rate_abuse',
  'tag_retired',
  'window_closed',
  'window_closed_news',
  'page_restricted',
  'person_unavailable',
  'token_invalid',
]);

const catalogKey = (code: number, subcode?: number) => (subcode === undefined ? `${code}` : `${code}/${subcode}`);
const CATALOG_BY_KEY = new Map(ERROR_CATALOG.map((entry) => [catalogKey(entry.code, entry.subcode), entry]));

/** The catalog entry for a code/subcode: the exact pair first, then the bare code. */
export function findCatalogEntry(code: number, subcode?: number): ErrorCatalogEntry | undefined {
  return (subcode !== undefined ? CATALOG_BY_KEY.get(catalogKey(code, subcode)) : undefined) ?? CATALOG_BY_KEY.get(catalogKey(code));
}

export interface ErrorContext {
  /** The tag the failed send used: a bare 100 on a retired tag is Meta refusing the tag. */
  tag?: TagId | null;
  httpStatus?: number;
  /** When the send happened; without it every tag with a retirement date counts as retired. */
  now?: number;
}

/**
 * Explains a Graph error answer (`{"error":{…}}`) as one catalog kind. An answer that is not Meta's
 * error shape is `malformed_response`; a code the catalog does not know is `unknown_error` with Meta's
 * own message and trace id kept for support.
 */
export function explainGraphError(body: unknown, context: ErrorContext = {}): ErrorView {
  const parsed = graphErrorBodySchema.safeParse(body);
  if (!parsed.success) return { kind: 'malformed_response', retryable: false };
  const error = parsed.data.error;
  const entry = findCatalogEntry(error.code, error.error_subcode);
  let kind: ErrorKind = entry?.kind ?? 'unknown_error';
  let retryable = entry?.retryable ?? false;
  if (entry?.kind === 'invalid_parameter' && isTagRetired(context.tag, context.now)) kind = 'tag_retired';
  // Meta flags some answers transient outside its table (e.g. 2/2018344 real payloads): trust the flag,
  // except where another try would break a rule (messaging a person Meta told us to leave alone).
  if (error.is_transient === true && !NEVER_RETRIED.has(kind)) {
    retryable = true;
    if (!entry) kind = 'transient';
  }
  const view: ErrorView = { kind, retryable, code: error.code };
  if (error.error_subcode !== undefined) view.subcode = error.error_subcode;
  if (error.message) view.metaMessage = error.message;
  if (error.fbtrace_id) view.fbtraceId = error.fbtrace_id;
  return view;
}
