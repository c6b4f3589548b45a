import { COOLDOWN_STATUSES, type FactsAttempt, type ThreadFacts } from './types';
import { WINDOW_MS } from './window';

// Product policy, backed by Meta's per-person tag rate limit (613/2018338): at most one
// reactivation message per thread per 24 h, counted from whatever last reached (or may have
// reached) the customer after the window closed.

export const COOLDOWN_MS = 24 * 60 * 60 * 1000;

export interface CooldownInfo {
  active: boolean;
  /** When the running cooldown started; null when none is running. */
  startedAt: number | null;
  /** startedAt + 24 h: the first instant a reactivation is allowed again; null when none is running. */
  until: number | null;
  /** What started it: our own attempt, or a Page message sent after the window closed (another agent or tool). */
  source: 'attempt' | 'page_message' | null;
}

const noCooldown = (): CooldownInfo => ({ active: false, startedAt: null, until: null, source: null });

/** The newest attempt that may have reached Meta. Failed and blocked attempts never left or were refused. */
function lastCountingAttemptAt(facts: ThreadFacts): number | null {
  let latest: number | null = null;
  for (const attempt of facts.attempts) {
    if (COOLDOWN_STATUSES.includes(attempt.status) && (latest === null || attempt.at > latest)) latest = attempt.at;
  }
  return latest;
}

/**
 * The Page's last message counts only when sent at or after C + 24 h: a reply inside the open
 * window is ordinary conversation, not a reactivation. Without C we cannot tell which it was, so
 * it does not count (every route is blocked as `state_unknown` then anyway).
 */
function reactivatingPageMessageAt(facts: ThreadFacts): number | null {
  const { pageLastMessageAt, customerLastMessageAt } = facts;
  if (pageLastMessageAt === null || customerLastMessageAt === null) return null;
  return pageLastMessageAt >= customerLastMessageAt + WINDOW_MS ? pageLastMessageAt : null;
}

/**
 * Whether the thread is cooling down at `now`. The cooldown starts at the later of the last
 * counting attempt and the last reactivating Page message (on a tie we name our own attempt), lasts
 * 24 h, and ends early when the customer writes after it started — their message reopens the window.
 * When no cooldown is running every field but `active` is null.
 */
export function cooldownState(facts: ThreadFacts, now: number): CooldownInfo {
  const attemptAt = lastCountingAttemptAt(facts);
  const pageMessageAt = reactivatingPageMessageAt(facts);
  let startedAt: number;
  let source: 'attempt' | 'page_message';
  if (attemptAt !== null && (pageMessageAt === null || attemptAt >= pageMessageAt)) {
    startedAt = attemptAt;
    source = 'attempt';
  } else if (pageMessageAt !== null) {
    startedAt = pageMessageAt;
    source = 'page_message';
  } else {
    return noCooldown();
  }
  const until = startedAt + COOLDOWN_MS;
  const customerReplied = facts.customerLastMessageAt !== null && facts.customerLastMessageAt > startedAt;
  if (customerReplied || now >= until) return noCooldown();
  return { active: true, startedAt, until, source };
}

/**
 * The facts an explicit "It did not arrive — send again" is judged on: the `unknown` attempt it sends again no
 * longer counts for the cooldown — for that one send only, since the caller passes these facts for it alone.
 * Why this shape: an `unknown` attempt holds the cooldown because it may have reached the customer; once Reopen
 * read the conversation and did not find it, the agent (who sees the conversation) may decide it did not arrive.
 * Dropping it from every decision would let any later click through; dropping it for the send that names it keeps
 * the cooldown for everything else, and the resend, once recorded, holds the cooldown itself.
 * null: `retryOf` names no attempt that may be sent again (unknown id, not `unknown`, not checked yet).
 */
export function factsForResend(facts: ThreadFacts, retryOf: string): ThreadFacts | null {
  const target = facts.attempts.find((attempt) => attempt.requestId === retryOf);
  if (!target || target.status !== 'unknown' || target.resendable !== true) return null;
  return { ...facts, attempts: facts.attempts.filter((attempt) => attempt !== target) };
}

/**
 * The attempt the agent may send again now, if any: the cooldown is held by one `unknown` attempt whose
 * conversation Reopen read without finding it, and nothing else would hold it without that attempt.
 */
export function resendOffer(facts: ThreadFacts, now: number): string | null {
  const cooldown = cooldownState(facts, now);
  if (!cooldown.active || cooldown.source !== 'attempt') return null;
  let newest: FactsAttempt | null = null;
  for (const attempt of facts.attempts) {
    if (COOLDOWN_STATUSES.includes(attempt.status) && (newest === null || attempt.at > newest.at)) newest = attempt;
  }
  if (!newest?.requestId) return null;
  const without = factsForResend(facts, newest.requestId);
  return without && !cooldownState(without, now).active ? newest.requestId : null;
}
