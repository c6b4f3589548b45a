import type { BlockReason, ThreadFacts } from '../policy/types';
import type { AttemptView, ErrorView, ThreadView } from '../messaging/types';
import type { GraphFailure } from '../graph/types';
import type { StoredAttempt, ThreadRecord } from '../storage/schema';

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

export function resolvedView(record: ThreadRecord): ThreadView {
  const recent = [...record.attempts].sort((a, b) => b.at - a.at).slice(0, RECENT_ATTEMPTS);
  return {
    status: 'resolved',
    pageId: record.pageId,
    psid: record.psid,
    customerName: record.customerName,
    facts: threadFacts(record),
    recentAttempts: recent.map(attemptView),
    checkedAt: record.facts?.checkedAt ?? 0,
  };
}

/** The reply-safe part of a Graph failure (drops transport details the views do not use). */
export function errorView(failure: GraphFailure | ErrorView): ErrorView {
  const { kind, retryable, code, subcode, metaMessage, fbtraceId } = failure;
  return {
    kind,
    retryable,
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(metaMessage !== undefined ? { metaMessage } : {}),
    ...(fbtraceId !== undefined ? { fbtraceId } : {}),
  };
}
