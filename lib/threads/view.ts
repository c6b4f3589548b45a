import { RESEND_AFTER_MS } from '../policy/reconcile-schedule';
import type { AttemptStatus, BlockReason, RouteId, ThreadFacts } from '../policy/types';
import type { ErrorView } from '../graph/error-view';
import type { StorageNotice } from '../storage/notice';
import type { StopBlock, StoredAttempt, ThreadRecord } from '../storage/schema';

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
  /** Its message showed up after the agent sent it again: the customer got it twice. */
  doubleDelivery?: { messageId: string; foundAt: number };
}

/** Where reading the conversation for an `unknown` attempt stands (lib/send/reconcile.ts). */
export interface ReconciliationView {
  state: 'checking' | 'found' | 'not_found' | 'unchecked';
  reads: number;
  /** When the next read is due (state `checking`): the inbox asks again a moment after it. */
  nextReadAt?: number;
  settledAt?: number;
  /** How long after the POST the newest read was made (our clock). */
  lastReadAfterMs?: number;
  /** The newest read could not read the conversation. */
  lastReadFailed?: boolean;
  /** The agent may send it again now ("It did not arrive — send again"): see `isResendable`. */
  resendable?: boolean;
  /** Reopen cannot be sure to recognise this message in the conversation (a feedback survey, whose text Meta does
   *  not document; an attempt stored without its digest): not seeing it says little. */
  unrecognisable?: boolean;
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
      /** Meta told Reopen to stop messaging this person with tags (whether it still holds: lib/policy stopBlockHolds). */
      block?: StopBlock;
      /** Meta restricted the whole Page from sending, and the block holds (added by the background's thread.get). */
      pageBlock?: StopBlock;
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

/** An `unknown` attempt whose conversation a read at least 10 minutes after the POST did not find it in (or could not
 *  read): the agent may send it again, explicitly, even while the reads go on until the hour (a message found later is
 *  recorded as a double delivery). Verdicts of the old 2-minute schedule (no `lastReadAfterMs`) are not enough. */
export function isResendable(attempt: StoredAttempt): boolean {
  const reconciliation = attempt.reconciliation;
  if (attempt.status !== 'unknown' || !reconciliation || reconciliation.state === 'found') return false;
  return (reconciliation.lastReadAfterMs ?? -1) >= RESEND_AFTER_MS;
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
    ...(record?.facts?.customerTimeInFuture !== undefined ? { customerTimeInFuture: record.facts.customerTimeInFuture } : {}),
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
            ...(attempt.reconciliation.lastReadAfterMs !== undefined ? { lastReadAfterMs: attempt.reconciliation.lastReadAfterMs } : {}),
            ...(attempt.reconciliation.lastReadFailed ? { lastReadFailed: true } : {}),
            ...(isResendable(attempt) ? { resendable: true } : {}),
            ...(attempt.textDigest === undefined || attempt.contentKind === 'feedback' ? { unrecognisable: true } : {}),
          },
        }
      : {}),
    ...(attempt.doubleDelivery ? { doubleDelivery: attempt.doubleDelivery } : {}),
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
    ...(record.block ? { block: record.block } : {}),
  };
}
