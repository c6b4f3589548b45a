import type { AttemptStatus, BlockReason, RouteId, ThreadFacts } from '../policy/types';
import type { ErrorView } from '../graph/error-view';
import type { StorageNotice } from '../storage/notice';
import type { StoredAttempt, ThreadRecord } from '../storage/schema';

// The thread as the inbox sees it (thread.get, thread.choose): the views' shapes and how a stored record becomes one.
// Type-only for the views: they import these types; the functions below run in the background.

export interface AttemptView {
  requestId: string;
  at: number;
  route: RouteId;
  status: AttemptStatus;
  messageId?: string;
  error?: ErrorView;
  reason?: BlockReason;
  /** The `unknown` attempt this one sent again ("It did not arrive — send again"). */
  retryOf?: string;
  /** For an `unknown` attempt (or one that became `sent` by it): reading the conversation to find it. */
  reconciliation?: ReconciliationView;
}

/** Where reading the conversation for an `unknown` attempt stands (lib/send/reconcile.ts). */
export interface ReconciliationView {
  state: 'checking' | 'found' | 'not_found' | 'unchecked';
  reads: number;
  /** When the next read is due (state `checking`): the inbox asks again a moment after it. */
  nextReadAt?: number;
  settledAt?: number;
}

export interface Candidate {
  psid: string;
  name: string;
  snippet?: string;
  updatedAt?: number;
  /** Meta's last message from the customer in that conversation, and when (what the agent recognises them by). */
  lastCustomerText?: string;
  customerLastMessageAt?: number;
}

/** How Reopen knows the resolved person is the one on screen (DESIGN.md §1, "The recipient must be proven"). */
export type RecipientProof =
  /** Business Suite's id is the PSID: the user_id lookup proved it. */
  | 'psid'
  /** Found by name, and the pane's messages agree with Meta's conversation of that person (lib/threads/proof.ts). */
  | 'pane'
  /** The agent confirmed or picked this person. */
  | 'chosen'
  /** A name match only: nothing can be sent until the agent confirms or picks. */
  | 'none';

export interface RecipientView {
  proof: RecipientProof;
  /** The pane's messages contradict Meta's conversation of this person: other texts, another order, or times its
   *  labels do not allow. The window shown may not be this conversation's. */
  doubt?: 'texts' | 'order' | 'times';
  /** Meta's last message from this customer, and when: what the agent confirms by. */
  lastCustomerText?: string;
  customerLastMessageAt?: number;
  /** Unproven: others the agent may pick instead (same name first, then conversations inside 7 days). */
  candidates?: Candidate[];
}

export type UnresolvedReason =
  | 'page_not_connected'
  | 'page_needs_reconnect'
  | 'not_found'
  | 'ambiguous'
  | 'graph_error'
  | 'unsupported_thread'
  /** Not identified yet: selected_item_id is not the PSID and the header's display name has not been read
   *  (it renders a moment after the URL changes). The content script asks again with the name. */
  | 'awaiting_name';

export type ThreadView =
  | {
      status: 'resolved';
      pageId: string;
      psid: string;
      customerName: string | null;
      facts: ThreadFacts;
      /** Newest first, at most a handful for the panel. */
      recentAttempts: AttemptView[];
      /** When the facts were read from Meta. */
      checkedAt: number;
      /** Who this is and how Reopen knows (absent only in views built by tests). */
      recipient?: RecipientView;
      storage?: StorageNotice;
    }
  | {
      status: 'unresolved';
      pageId: string;
      reason: UnresolvedReason;
      candidates?: Candidate[];
      error?: ErrorView;
      storage?: StorageNotice;
    };

/** How many attempts the panel lists (newest first). */
const RECENT_ATTEMPTS = 5;

/** An `unknown` attempt whose conversation was read without finding it (or could not be read): the agent may
 *  send it again, explicitly. */
export function isResendable(attempt: StoredAttempt): boolean {
  const state = attempt.reconciliation?.state;
  return attempt.status === 'unknown' && (state === 'not_found' || state === 'unchecked');
}

/** The policy's view of a stored thread: facts plus every attempt (the cooldown needs them all). */
export function threadFacts(record: ThreadRecord | null): ThreadFacts {
  return {
    customerLastMessageAt: record?.facts?.customerLastMessageAt ?? null,
    pageLastMessageAt: record?.facts?.pageLastMessageAt ?? null,
    attempts: (record?.attempts ?? []).map((attempt) => ({
      at: attempt.at,
      status: attempt.status,
      requestId: attempt.requestId,
      ...(isResendable(attempt) ? { resendable: true } : {}),
    })),
    ...(record?.platform === 'instagram' ? { platform: 'instagram' as const } : {}),
  };
}

export function attemptView(attempt: StoredAttempt): AttemptView {
  return {
    requestId: attempt.requestId,
    at: attempt.at,
    route: attempt.route,
    status: attempt.status,
    ...(attempt.messageId ? { messageId: attempt.messageId } : {}),
    ...(attempt.error ? { error: attempt.error } : {}),
    ...(attempt.reason ? { reason: attempt.reason as BlockReason } : {}),
    ...(attempt.retryOf ? { retryOf: attempt.retryOf } : {}),
    ...(attempt.reconciliation
      ? {
          reconciliation: {
            state: attempt.reconciliation.state,
            reads: attempt.reconciliation.reads,
            ...(attempt.reconciliation.nextReadAt !== undefined ? { nextReadAt: attempt.reconciliation.nextReadAt } : {}),
            ...(attempt.reconciliation.settledAt !== undefined ? { settledAt: attempt.reconciliation.settledAt } : {}),
          },
        }
      : {}),
  };
}

export function resolvedView(record: ThreadRecord, recipient?: RecipientView): ThreadView {
  const recent = [...record.attempts].sort((a, b) => b.at - a.at).slice(0, RECENT_ATTEMPTS);
  return {
    ...(recipient ? { recipient } : {}),
    status: 'resolved',
    pageId: record.pageId,
    psid: record.psid,
    customerName: record.customerName,
    facts: threadFacts(record),
    recentAttempts: recent.map(attemptView),
    checkedAt: record.facts?.checkedAt ?? 0,
  };
}
