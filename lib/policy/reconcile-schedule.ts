// When Reopen reads the conversation of an `unknown` send (lib/send/reconcile.ts), and when the agent may send it
// again. Policy data with no imports: the inbox says "n of N checks" and the thread view decides "send again" from it.
//
// Meta sometimes shows a message in the Conversations API minutes after it took it (an audit reproduced a resend that
// delivered a second copy when the first showed up more than two minutes late, 2026-12). So the reads go on for an hour,
// and "It did not arrive — send again" waits for a read at least 10 minutes after the POST (the product's at-most-once
// rule, README "Never twice"); even then the panel asks the agent to confirm, naming the risk of a second copy.

/** Counted from when the POST left (our clock; the first read waits for Meta's answer): 5 s, 30 s, 2 min, 10 min,
 *  1 h. A read that comes late (a worker asleep) covers every point whose time has passed. */
export const RECONCILE_READS_AFTER_MS: readonly number[] = [5_000, 30_000, 120_000, 600_000, 3_600_000];

/** "It did not arrive — send again" is offered only once a read this long after the POST found nothing. */
export const RESEND_AFTER_MS = 600_000;

/** The longest a read can legitimately be ahead of the clock: a stored read time further ahead than this was computed
 *  before the clock moved back, and is due now rather than hours away. */
export const LONGEST_READ_WAIT_MS = RECONCILE_READS_AFTER_MS[RECONCILE_READS_AFTER_MS.length - 1]!;

/** Whether a read planned for `at` is due at `now`: its time has come, or it lies further ahead than any read can
 *  (the clock moved back since it was planned). */
export function isReadDue(at: number | undefined, now: number): boolean {
  return at === undefined || at <= now || at - now > LONGEST_READ_WAIT_MS;
}

/** How many of the schedule's points a read at `afterMs` after the POST covers (at least `done + 1`, at most all). */
export function readsCovered(done: number, afterMs: number): number {
  const passed = RECONCILE_READS_AFTER_MS.filter((point) => point <= afterMs).length;
  return Math.min(RECONCILE_READS_AFTER_MS.length, Math.max(done + 1, passed));
}
