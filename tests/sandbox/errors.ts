// Meta's error payloads, as the simulator answers them. Messages and code/subcode pairs come from
// /work/shared/reference/meta-messenger.md §3 where Meta documents them; the rest are simulator
// choices and are listed as UNCONFIRMED in tests/sandbox/README.md.
import { randomBytes } from 'node:crypto';

export interface GraphErrorBody {
  message: string;
  type: string;
  code: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id: string;
}

/** An error answer: HTTP status, Meta's JSON body and extra headers. */
export interface GraphErrorAnswer {
  status: number;
  error: GraphErrorBody;
  headers?: Record<string, string>;
}

/** Meta's trace ids are short base64 strings ("BLBz/WZt8dN"). */
export function newTraceId(): string {
  return randomBytes(8).toString('base64').slice(0, 11);
}

interface ErrorInit {
  status?: number;
  code: number;
  subcode?: number;
  message: string;
  type?: string;
  transient?: boolean;
  headers?: Record<string, string>;
}

export function graphError(init: ErrorInit): GraphErrorAnswer {
  const error: GraphErrorBody = {
    message: init.message,
    type: init.type ?? 'OAuthException',
    code: init.code,
    ...(init.subcode === undefined ? {} : { error_subcode: init.subcode }),
    ...(init.transient === undefined ? {} : { is_transient: init.transient }),
    fbtrace_id: newTraceId(),
  };
  return { status: init.status ?? 400, error, headers: init.headers };
}

/** Default messages for codes a graph_error fault names without a message. */
const DEFAULT_MESSAGES: Record<string, string> = {
  '1': 'An unknown error occurred',
  '2': 'An unexpected error has occurred. Please retry your request later.',
  '4': 'Application request limit reached',
  '10': 'This message is sent outside of allowed window.',
  '10/2018278': 'This message is sent outside of allowed window.',
  '10/2534022': 'This message is sent outside of allowed window.',
  '10/2018108': "They can't receive your messages right now.",
  '10/1893063': 'You are temporarily restricted from sending messages.',
  '100': '(#100) Invalid parameter',
  '100/2018001': 'No matching user found',
  '100/2534037': "The action is invalid since it's not the thread owner.",
  '190': 'Invalid OAuth access token.',
  '190/463': 'Error validating access token: Session has expired.',
  '190/467': 'Error validating access token: The session is invalid because the user logged out.',
  '210': '(#210) A page access token is required to request this resource.',
  '2500': 'An active access token must be used to query information about the current user.',
  '200': '(#200) Permissions error',
  '200/1545041': "This person isn't available right now.",
  '551': "This person isn't receiving messages from you right now.",
  '551/1545041': "This person isn't available right now.",
  '613': 'Calls to this api have exceeded the rate limit.',
  '613/2534040': 'Calls to this api have exceeded the rate limit.',
  '613/2018338': 'You are sending too many messages using message tags to this person. Please decrease the rate.',
  '2018300': 'Message failed to send because another app is controlling this thread now.',
  '80006': '(#80006) There have been too many messenger api calls to this Page account. Wait a while and try again.',
};

/** "Tuesday, 14-Jul-26 05:00:00 PDT": how Meta's 463 message states times. */
function pacificTime(ms: number): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/Los_Angeles',
      weekday: 'long',
      day: '2-digit',
      month: 'short',
      year: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    })
      .formatToParts(new Date(ms))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.weekday}, ${parts.day}-${parts.month}-${parts.year} ${parts.hour}:${parts.minute}:${parts.second} ${parts.timeZoneName}`;
}

export function defaultMessageFor(code: number, subcode?: number): string {
  return (subcode === undefined ? undefined : DEFAULT_MESSAGES[`${code}/${subcode}`]) ?? DEFAULT_MESSAGES[String(code)] ?? `(#${code}) Simulated Graph error`;
}

// The catalog of errors the simulator's own rules produce. One place, so README and tests agree.
export const errors = {
  invalidToken: () =>
    graphError({
      code: 190,
      message: 'Invalid OAuth access token.',
      headers: { 'WWW-Authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token."' },
    }),
  /** 190/463: Meta states when the session expired and its own time, on its Pacific clock. */
  expiredToken: (now: number) =>
    graphError({
      code: 190,
      subcode: 463,
      message: `Error validating access token: Session has expired on ${pacificTime(now - 3_600_000)}. The current time is ${pacificTime(now)}.`,
    }),
  invalidatedToken: () => graphError({ code: 190, subcode: 467, message: DEFAULT_MESSAGES['190/467'] as string }),
  /** A person's or an app's token on a Page's edge (Meta's Pages API). */
  pageTokenRequired: () => graphError({ code: 210, message: DEFAULT_MESSAGES['210'] as string }),
  /** `/me` with an app token: there is no current user. */
  noCurrentUser: () => graphError({ code: 2500, message: DEFAULT_MESSAGES['2500'] as string }),
  /** A Page token without pages_messaging, or requested by someone without the MESSAGING task, on the Conversations
   *  or Send API: Meta's Page Conversations reference lists 200 "Permissions error". */
  messagingNotAllowed: () => graphError({ status: 403, code: 200, message: '(#200) Permissions error' }),
  missingToken: () => graphError({ code: 104, message: 'An access token is required to request this resource.' }),
  otherPage: () => graphError({ status: 403, code: 200, message: '(#200) Permissions error' }),
  unknownObject: (method: string, id: string) =>
    graphError({
      code: 100,
      subcode: 33,
      type: 'GraphMethodException',
      message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    }),
  unknownPath: (rest: string) => graphError({ code: 2500, message: `Unknown path components: ${rest}` }),
  invalidParameter: (message: string) => graphError({ code: 100, message: `(#100) ${message}` }),
  nonexistingField: (field: string, nodeType: string) =>
    graphError({ code: 100, message: `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})` }),
  fieldsSyntax: (detail: string) => graphError({ code: 2500, message: detail }),
  noMatchingUser: () => graphError({ code: 100, subcode: 2018001, message: 'No matching user found' }),
  personUnavailable: () => graphError({ code: 551, subcode: 1545041, message: "This person isn't available right now." }),
  outsideWindow: () => graphError({ code: 10, subcode: 2018278, message: 'This message is sent outside of allowed window.' }),
  /** Instagram's answer outside its windows (reference §3: 10/2534022 "also returned by Instagram"). */
  instagramOutsideWindow: () => graphError({ code: 10, subcode: 2534022, message: 'This message is sent outside of allowed window.' }),
  retiredTag: (tag: string) =>
    graphError({
      code: 100,
      message: `(#100) The ${tag} tag is no longer supported. Use a utility message template instead.`,
    }),
  utilityTemplate: (detail: string) => graphError({ code: 100, subcode: 2018415, message: `(#100) ${detail}` }),
  conversationsPacing: () => graphError({ code: 80006, message: DEFAULT_MESSAGES['80006'] as string, transient: true }),
  /** Custom Labels API without pages_manage_metadata (or without the MESSAGING task): Graph's permission error (code
   *  200, "Permission not granted or removed"), with the wording Graph uses when a permission is missing. UNCONFIRMED
   *  wording for this endpoint; see README. */
  labelsNotAllowed: () => graphError({ status: 403, code: 200, message: '(#200) Requires pages_manage_metadata permission to manage the object' }),
  /** Custom Labels API on a Page whose admin has not accepted the Page Contact Terms: Meta's Send API error table
   *  (Messenger Platform docs, as recorded 2026) lists 2/2018344 "Privacy ToS not accepted", only for the custom
   *  labels API. The HTTP status is not documented (400 here). */
  contactTermsNotAccepted: () =>
    graphError({
      status: 400,
      code: 2,
      subcode: 2018344,
      message: 'Privacy ToS not accepted: an admin of this Page must accept the Page Contact Terms to use custom labels.',
    }),
  /** A required parameter is missing (Graph's usual wording). */
  missingParameter: (name: string) => graphError({ code: 100, message: `(#100) The parameter ${name} is required` }),
  messageTooOld: (id: string) => graphError({ code: 100, message: `(#100) The message ${id} has been deleted or is no longer available` }),
};
