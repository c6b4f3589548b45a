// Domain vocabulary shared by every layer. Times are epoch milliseconds (UTC) throughout;
// rules take `now` as a parameter and never read the clock themselves.
import type { FeedbackTemplate } from './reopen-request';

// The request's shapes are inferred from its one schema (./reopen-request.ts); a type-only re-export keeps the
// schema (and Zod) out of the content script.
export type { FeedbackTemplate, ReopenContent, ReopenRequest, RouteId, TagId } from './reopen-request';

export type WindowState = 'open' | 'human_agent' | 'closed' | 'unknown';

/** Where the conversation lives in Business Suite's unified inbox: Messenger, or Instagram Direct (IG_MESSAGE). */
export type Platform = 'messenger' | 'instagram';

/** Lifecycle of one reactivation attempt in the ledger. */
export type AttemptStatus = 'pending' | 'sent' | 'failed' | 'unknown' | 'blocked';

/** Statuses that may have reached Meta, and so count for the cooldown. */
export const COOLDOWN_STATUSES: readonly AttemptStatus[] = ['sent', 'pending', 'unknown'];

/** One of our attempts as the rules see it. */
export interface FactsAttempt {
  at: number;
  status: AttemptStatus;
  requestId?: string;
  /** An `unknown` attempt whose conversation Reopen read without finding the message (or could not read):
   *  the agent may send it again, explicitly (see `factsForResend`). */
  resendable?: boolean;
}

/** What we know about one thread; all instants in epoch ms. */
export interface ThreadFacts {
  /** C: the customer's last message. null when not known (yet). */
  customerLastMessageAt: number | null;
  /** The Page's newest message as the Conversations API shows it (any sender on the Page side). */
  pageLastMessageAt: number | null;
  /** Our own reactivation attempts for this thread (any order). */
  attempts: ReadonlyArray<FactsAttempt>;
  /** Absent: Messenger (threads stored before Instagram was supported are all Messenger ones). */
  platform?: Platform;
  /** Meta dated the customer's last message after its own time of the read (this claimed instant): C is Meta's time
   *  of that read instead, and the window is doubtful, not a confident state. */
  customerTimeInFuture?: number;
}

/** One question of Messenger's customer-feedback template. */
export type FeedbackQuestionType = FeedbackTemplate['question']['type'];

/** An approved (or not) utility template of a Page, as listed by /{page}/message_templates. */
export interface UtilityTemplate {
  name: string;
  language: string;
  status: 'APPROVED' | 'PENDING' | 'REJECTED';
  category: string;
  /** Number of positional body parameters ({{1}}, {{2}}…). */
  parameterCount: number;
  /** The body text with placeholders, for showing to the agent. */
  bodyText: string;
}

/** Why a route or a send is not allowed now. The UI turns each code into words. */
export const BLOCK_REASONS = [
  /** Meta does not offer this route on the thread's platform (on Instagram only HUMAN_AGENT exists). */
  'not_on_platform',
  'state_unknown',
  /** Found by the customer's name only: who would get the message is not proven (the agent confirms or picks). */
  'recipient_unproven',
  'window_open',
  'tag_retired',
  'past_tag_limit',
  'route_content_mismatch',
  'cooldown',
  'empty_text',
  'text_too_long',
  'invalid_feedback',
  'template_missing',
  'template_not_approved',
  'template_parameters',
  'promo_unconfirmed',
  /** Meta told Reopen to stop messaging this person with tags (613/2018338, 551, 200|551/1545041, 10/2018108). */
  'person_blocked',
  /** Meta restricted the Page from sending (10/1893063): no send from it for any agent. */
  'page_blocked',
] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** A block after a refusal that means stop, as the rules see it (./blocks.ts); the stored shape and its view carry
 *  more (Meta's code and words). */
export interface StopBlockFacts {
  scope: 'person' | 'page';
  /** When the refusal came. */
  since: number;
  /** Meta's stated time, when it gave one. */
  until?: number;
  /** A manager cleared it (Page blocks). */
  clearedAt?: number;
}
