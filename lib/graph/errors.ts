import type { Platform, TagId } from '../policy/types';
import type { ErrorView } from './error-view';
import { graphErrorBodySchema } from './schemas';
import { isTagRetired } from './tags';

// Every Meta error the product expects, as data: one row per code or code/subcode, so a change
// in Meta's table is one edit here. Source: reference/meta-messenger.md §3 (Common Error Codes,
// Rate Limits) and §9 (utility templates). `retryable` means trying the same call again later may
// succeed (reads repeat those by themselves). `answer` says what the answer means for a SEND (DESIGN.md §1,
// "What Meta's answer means for at-most-once"):
// - 'refused': Meta says it did not take the message: `failed`, no cooldown;
// - 'rate_limit': refused for now; the one case a send may be repeated, within Meta's regain-access estimate;
// - 'not_said': the answer does not say whether the message was processed (codes 1, 2, 1200): the send is
//   `unknown`, never repeated, holds the cooldown and is reconciled by reading the conversation.
// A code the catalog does not know, and `is_transient` on anything but a rate limit or a refusal that names
// its reason, are 'not_said' too.
// `stop` says which refusals mean "stop sending" (DESIGN.md §1, "Refusals that mean stop"), as data: 'person' blocks
// tagged sends to that person (Page + PSID) until they write again or Meta's stated time; 'page' blocks every send of
// the Page for every agent until Meta's time or a manager clears it. Sources: Meta's Messenger error-codes page
// (updated 2026-06-25): 613/2018338 tag overuse towards one person ("stop sending to that user"), 551 and
// 551|200/1545041 "this person isn't available / isn't receiving messages", 10/2018108 "they can't receive your
// messages right now", 10/1893063 "you are temporarily restricted from sending messages" (the Page). A stop
// answer is never retried, whatever its is_transient flag says.

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
  /** A send answered with an error that does not say whether Meta processed it (codes 1, 2, 1200, unknown
   *  codes, is_transient): Reopen reads the conversation to find out. */
  'maybe_processed',
  'network_unknown',
  'timeout',
  'unknown_error',
  /** Instagram (the catalog's `platform` rows, and the client's own checks). */
  'instagram_window_closed',
  'instagram_permission_denied',
  'instagram_not_linked',
  'route_not_on_platform',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

/** What an error answer to a send says about the message (see the header comment). */
export type SendAnswer = 'refused' | 'rate_limit' | 'not_said';

/** Who a refusal that means stop blocks: the one person, or the whole Page (see the header comment). */
export type StopScope = 'person' | 'page';

export interface ErrorCatalogEntry {
  code: number;
  subcode?: number;
  /** A row for answers about one platform's conversations only; it wins over the row without a platform. */
  platform?: Platform;
  kind: ErrorKind;
  retryable: boolean;
  answer: SendAnswer;
  /** Set on the refusals that mean stop: who is blocked from tagged sends afterwards. */
  stop?: StopScope;
}

export const ERROR_CATALOG: readonly ErrorCatalogEntry[] = [
  // Messaging window and recipient
  { code: 10, subcode: 2018278, kind: 'window_closed', retryable: false, answer: 'refused' },
  { code: 10, subcode: 2534022, kind: 'window_closed', retryable: false, answer: 'refused' },
  { code: 10, subcode: 2018065, kind: 'window_closed_news', retryable: false, answer: 'refused' },
  { code: 10, subcode: 2018108, kind: 'recipient_cannot_receive', retryable: false, answer: 'refused', stop: 'person' },
  { code: 10, subcode: 1893063, kind: 'page_restricted', retryable: false, answer: 'refused', stop: 'page' },
  { code: 10, kind: 'permission_denied', retryable: false, answer: 'refused' },
  // Parameters (a retired tag also answers a bare 100: see explainGraphError)
  { code: 100, kind: 'invalid_parameter', retryable: false, answer: 'refused' },
  { code: 100, subcode: 2018001, kind: 'no_matching_user', retryable: false, answer: 'refused' },
  { code: 100, subcode: 2534037, kind: 'not_thread_owner', retryable: false, answer: 'refused' },
  { code: 2018300, kind: 'not_thread_owner', retryable: false, answer: 'refused' },
  // Utility templates: 2018415 is the simulator's (UNCONFIRMED with Meta); 2018416 is Meta's QUICK_REPLY refusal.
  { code: 100, subcode: 2018415, kind: 'template_rejected', retryable: false, answer: 'refused' },
  { code: 100, subcode: 2018416, kind: 'template_rejected', retryable: false, answer: 'refused' },
  // Access
  { code: 190, kind: 'token_invalid', retryable: false, answer: 'refused' },
  { code: 200, kind: 'needs_app_review', retryable: false, answer: 'refused' },
  { code: 200, subcode: 1545041, kind: 'person_unavailable', retryable: false, answer: 'refused', stop: 'person' },
  { code: 551, subcode: 1545041, kind: 'person_unavailable', retryable: false, answer: 'refused', stop: 'person' },
  { code: 551, kind: 'not_receiving', retryable: false, answer: 'refused', stop: 'person' },
  { code: 2, subcode: 2018344, kind: 'permission_denied', retryable: false, answer: 'refused' },
  // Rate limits
  { code: 613, subcode: 2534040, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 613, subcode: 2018338, kind: 'tag_rate_abuse', retryable: false, answer: 'refused', stop: 'person' },
  // Bare 613 carries the same "exceeded the rate limit" message as 613/2534040.
  { code: 613, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 4, kind: 'app_rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 17, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 32, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 80001, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 80006, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  { code: 341, kind: 'rate_limited', retryable: true, answer: 'rate_limit' },
  // A temporary policy block: waiting helps, but hours rather than the seconds of an automatic retry.
  { code: 368, kind: 'rate_limited', retryable: false, answer: 'refused' },
  // Instagram conversations (reference §7b): the same codes, a different meaning. Outside Instagram's windows (24 h,
  // then HUMAN_AGENT within 7 days) Meta answers 10/2534022 and nothing can be sent until the customer writes; a bare
  // 10 there is the app lacking instagram_basic / instagram_manage_messages or the Page not linked to the account.
  { code: 10, subcode: 2534022, platform: 'instagram', kind: 'instagram_window_closed', retryable: false, answer: 'refused' },
  { code: 10, subcode: 2018278, platform: 'instagram', kind: 'instagram_window_closed', retryable: false, answer: 'refused' },
  { code: 10, platform: 'instagram', kind: 'instagram_permission_denied', retryable: false, answer: 'refused' },
  { code: 200, platform: 'instagram', kind: 'instagram_permission_denied', retryable: false, answer: 'refused' },
  // Meta had a problem and does not say whether the message went out (for a read: simply try again)
  { code: 1, kind: 'transient', retryable: true, answer: 'not_said' },
  { code: 2, kind: 'transient', retryable: true, answer: 'not_said' },
  // "Temporary send message failure": only in older client libraries, kept in case Meta still sends it.
  { code: 1200, kind: 'transient', retryable: true, answer: 'not_said' },
];

/** Kinds whose repetition harms the Page whatever Meta's is_transient flag says. */
const NEVER_RETRIED: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'tag_rate_abuse',
  'tag_retired',
  'window_closed',
  'window_closed_news',
  'instagram_window_closed',
  'page_restricted',
  'person_unavailable',
  'token_invalid',
]);

const catalogKey = (code: number, subcode?: number, platform?: Platform) =>
  `${platform ? `${platform}:` : ''}${subcode === undefined ? `${code}` : `${code}/${subcode}`}`;
const CATALOG_BY_KEY = new Map(ERROR_CATALOG.map((entry) => [catalogKey(entry.code, entry.subcode, entry.platform), entry]));

/** The catalog entry for a code/subcode: the exact pair first, then the bare code. A platform's own row comes
 *  before the general one of the same precision (an exact general pair still beats a platform's bare code). */
export function findCatalogEntry(code: number, subcode?: number, platform?: Platform): ErrorCatalogEntry | undefined {
  const own = platform && platform !== 'messenger' ? platform : undefined;
  const keys = [
    ...(subcode !== undefined ? [own && catalogKey(code, subcode, own), catalogKey(code, subcode)] : []),
    own && catalogKey(code, undefined, own),
    catalogKey(code),
  ];
  for (const key of keys) {
    const entry = key ? CATALOG_BY_KEY.get(key) : undefined;
    if (entry) return entry;
  }
  return undefined;
}

export interface ErrorContext {
  /** The tag the failed send used: a bare 100 on a retired tag is Meta refusing the tag. */
  tag?: TagId | null;
  httpStatus?: number;
  /** When the send happened; without it every tag with a retirement date counts as retired. */
  now?: number;
  /** Whose conversation the call was about (absent: Messenger). */
  platform?: Platform;
}

interface Classified {
  view: ErrorView;
  answer: SendAnswer;
}

function classify(body: unknown, context: ErrorContext): Classified | null {
  const parsed = graphErrorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  const error = parsed.data.error;
  const entry = findCatalogEntry(error.code, error.error_subcode, context.platform);
  let kind: ErrorKind = entry?.kind ?? 'unknown_error';
  let retryable = entry?.retryable ?? false;
  // A code we do not know says nothing we can rely on about the message.
  let answer: SendAnswer = entry?.answer ?? 'not_said';
  if (entry?.kind === 'invalid_parameter' && isTagRetired(context.tag, context.now)) kind = 'tag_retired';
  // Meta flags some answers transient outside its table (e.g. 2/2018344 real payloads): trust the flag,
  // except where another try would break a rule (messaging a person Meta told us to leave alone).
  if (error.is_transient === true && !NEVER_RETRIED.has(kind) && !entry?.stop) {
    retryable = true;
    if (!entry) kind = 'transient';
    // "Try again later" on anything but a rate limit does not say the message was left unprocessed.
    if (answer !== 'rate_limit') answer = 'not_said';
  }
  const view: ErrorView = { kind, retryable, code: error.code };
  if (error.error_subcode !== undefined) view.subcode = error.error_subcode;
  if (error.message) view.metaMessage = error.message;
  if (error.fbtrace_id) view.fbtraceId = error.fbtrace_id;
  return { view, answer };
}

/** Who Meta's refusal of a send blocks from now on (the catalog's `stop` column), or undefined: no block. */
export function stopScopeOf(error: Pick<ErrorView, 'code' | 'subcode'>, platform?: Platform): StopScope | undefined {
  if (error.code === undefined) return undefined;
  return findCatalogEntry(error.code, error.subcode, platform)?.stop;
}

/**
 * Explains a Graph error answer (`{"error":{…}}`) as one catalog kind. An answer that is not Meta's
 * error shape is `malformed_response`; a code the catalog does not know is `unknown_error` with Meta's
 * own message and trace id kept for support.
 */
export function explainGraphError(body: unknown, context: ErrorContext = {}): ErrorView {
  return classify(body, context)?.view ?? { kind: 'malformed_response', retryable: false };
}

/**
 * Explains Meta's error answer to a SEND and what it says about the message. An answer that does not say
 * whether the message was processed becomes `maybe_processed` (Meta's code, message and trace id kept) and is
 * never retryable: only reading the conversation can tell. null: not Meta's error shape.
 */
export function explainSendError(body: unknown, context: ErrorContext = {}): Classified | null {
  const classified = classify(body, context);
  if (!classified || classified.answer !== 'not_said') return classified;
  return { view: { ...classified.view, kind: 'maybe_processed', retryable: false }, answer: 'not_said' };
}
