import type { GraphClient, GraphFailure } from '../graph';
import { errorView, type ErrorView } from '../graph/error-view';

// What Connect checks before it stores anything (README "What Connect checks"). Facts: Meta Graph API, Access tokens
// / Pages API docs, as recorded 2026; Send API reference, "Before You Start"; Page Conversations reference (2026):
// - `GET /me?metadata=1` says whose token it is: `metadata.type` is `page` or `user`; an app token has no current
//   user and is refused there with code 2500 (some versions name it `application`);
// - a person's token lists their Pages with `GET /me/accounts`, each with its own Page token and the person's
//   `tasks` there; sending needs a Page token requested by someone with the MESSAGING task, and `pages_messaging`;
// - a Page token's right to message is proven by a read that needs exactly that: one conversation's id from the
//   Conversations API. Without it Meta answers 200 "Permissions error" (its Page Conversations reference); its error
//   table also has a bare 10 "Permission denied" (Messenger Common Error Codes, 2026-06-25), and third parties
//   report 230 "Requires pages_messaging permission";
// - an expired token answers 190 with subcode 463, any other refused token 190 (467 when the session was
//   invalidated).
// A refusal is an ErrorView whose kind is one of CONNECT_REFUSALS (words: `errors.<kind>.explain/.next`), carrying
// Meta's code when Meta gave one.

export const CONNECT_REFUSALS = [
  /** A person's token, and Meta lists no Page of theirs. */
  'connect_person_no_pages',
  /** An app's token: no person, no Page. */
  'connect_app_token',
  /** Meta names another kind of owner, or answers a Page edge with 210 (not a Page token). */
  'connect_not_page_token',
  'connect_token_expired',
  'connect_token_invalid',
  /** A Page token that may not read the Page's conversations: no pages_messaging, or no MESSAGING task. */
  'connect_cannot_message',
  /** A Page of a person's list where they lack the MESSAGING task (or for which Meta gave them no token). */
  'connect_no_messaging_task',
  /** A Page picked that is not on the person's list. */
  'connect_not_offered',
  /** Meta's answer could not be read. */
  'connect_unreadable',
  /** Meta could not be reached (no answer, or none in time). */
  'connect_unreachable',
] as const;

export type ConnectRefusal = (typeof CONNECT_REFUSALS)[number];

export type Checked<T> = { ok: true; value: T } | { ok: false; error: ErrorView };

/** Whose token it is, for Connect: a Page or a person; anything else is refused. */
export type CheckedOwner = { kind: 'page' | 'user'; id: string; name: string };

/** Messaging codes Meta answers a Page token that may not read conversations (see the header comment). */
const NOT_ALLOWED_TO_MESSAGE = new Set([10, 200, 230]);
/** "An active access token must be used to query information about the current user": `/me` with an app token. */
const NO_CURRENT_USER = 2500;
/** "(#210) A page access token is required to request this resource." */
const PAGE_TOKEN_REQUIRED = 210;
const TOKEN_EXPIRED_SUBCODE = 463;

export function refusal(kind: ConnectRefusal, from?: ErrorView): ErrorView {
  const meta = from ? errorView(from) : null;
  return {
    kind,
    retryable: kind === 'connect_unreachable' || kind === 'connect_unreadable',
    ...(meta?.code !== undefined ? { code: meta.code } : {}),
    ...(meta?.subcode !== undefined ? { subcode: meta.subcode } : {}),
    ...(meta?.metaMessage !== undefined ? { metaMessage: meta.metaMessage } : {}),
    ...(meta?.fbtraceId !== undefined ? { fbtraceId: meta.fbtraceId } : {}),
  };
}

/** A failed check's Graph failure in Connect's words; `step` is the call that failed. Failures that are not about
 *  the token (rate limits, Meta's own trouble) keep the catalog's kind. */
export function refusalOf(failure: GraphFailure, step: 'owner' | 'accounts' | 'messaging'): ErrorView {
  if (failure.code === 190) return refusal(failure.subcode === TOKEN_EXPIRED_SUBCODE ? 'connect_token_expired' : 'connect_token_invalid', failure);
  // The client refuses a token that cannot travel in a header (not visible ASCII) before any call.
  if (failure.kind === 'token_invalid') return refusal('connect_token_invalid', failure);
  if (step === 'owner' && failure.code === NO_CURRENT_USER) return refusal('connect_app_token', failure);
  if (failure.code === PAGE_TOKEN_REQUIRED) return refusal('connect_not_page_token', failure);
  if (step === 'messaging' && failure.code !== undefined && NOT_ALLOWED_TO_MESSAGE.has(failure.code) && failure.subcode === undefined) {
    return refusal('connect_cannot_message', failure);
  }
  if (failure.kind === 'malformed_response') return refusal('connect_unreadable', failure);
  if (failure.kind === 'timeout' || failure.kind === 'network_unknown') return refusal('connect_unreachable', failure);
  return errorView(failure);
}

/** Whose token this is: one `GET /me?metadata=1`. */
export async function checkOwner(graph: GraphClient, token: string): Promise<Checked<CheckedOwner>> {
  const owner = await graph.tokenOwner(token);
  if (!owner.ok) return { ok: false, error: refusalOf(owner.error, 'owner') };
  const { id, name, type } = owner.value;
  if (type === 'page' || type === 'user') return { ok: true, value: { kind: type, id, name } };
  return { ok: false, error: refusal(type === 'application' ? 'connect_app_token' : 'connect_not_page_token') };
}

/** Whether a Page token may message: one paced Conversations API read. */
export async function checkMessaging(graph: GraphClient, pageId: string, token: string): Promise<Checked<true>> {
  const read = await graph.messagingRead(pageId, token);
  return read.ok ? { ok: true, value: true } : { ok: false, error: refusalOf(read.error, 'messaging') };
}

/** The MESSAGING task, as `/me/accounts` lists a person's tasks on a Page. */
export const canMessageWith = (tasks: readonly string[]) => tasks.includes('MESSAGING');
