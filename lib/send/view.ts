import type { ErrorView } from '../graph/error-view';
import type { BlockReason } from '../policy/types';
import type { StopBlock } from '../storage/schema';
import type { ReconciliationView } from '../threads/view';

// What the panel is told of one send (reopen.send), as ./pipeline.ts answers it. Type-only: the panel imports it.

export interface ReopenOutcome {
  requestId: string;
  outcome: 'sent' | 'blocked' | 'failed' | 'unknown';
  at: number;
  reason?: BlockReason;
  error?: ErrorView;
  messageId?: string;
  /** When the next reactivation of this thread is allowed, if one was (possibly) sent. */
  nextAttemptAt?: number;
  /** For `unknown`: Reopen reads the conversation to find out (state `checking`). */
  reconciliation?: ReconciliationView;
  retryOf?: string;
  /** A refusal that means stop: for `blocked` (person_blocked / page_blocked), the block that refused the send; for
   *  `failed`, the block Meta's answer just started (it holds from now on). Meta's code, subcode and words, since and
   *  until when. */
  block?: StopBlock;
}
