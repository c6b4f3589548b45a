import type { UsageInfo } from './types';
import { usageForPage } from './usage';

// Paces Conversations API calls per Page (Meta allows 2 calls per second per Page) and holds them
// back when Meta's usage headers say the Page is close to, or over, its limit.
//
// Calls for one Page run one at a time, and the next starts `minIntervalMs` after the previous one
// was answered. Spacing from the answer rather than from the start is what keeps Meta's side happy:
// Meta counts arrivals in a sliding second, and a slow first connection can make two calls sent
// 500 ms apart arrive much closer together. A call's arrival always precedes its answer, so arrivals
// end up at least `minIntervalMs` apart whatever the network does.
//
// A wait longer than `maxWaitMs` is not slept through: the caller gets `retryAfterMs` and reports
// rate_limited instead, so the agent sees why rather than a spinner that runs for minutes.
//
// The clock may move back (set by hand, a synced VM): a hold computed before that would lie hours in the future and
// refuse every call until the worker restarts. Each hold remembers when it was set; one set "later" than now is
// stale and dropped.

export interface PacerOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Minimum time between the answer to one call for a Page and the start of the next. */
  minIntervalMs: number;
  /** The longest wait the pacer sleeps through; longer ones are refused. */
  maxWaitMs: number;
  /** Usage (percent of a limit) from which calls are slowed down. */
  highUsagePercent: number;
  /** Extra gap after an answer reporting high usage. */
  highUsageDelayMs: number;
}

export type PacerTicket =
  /** `done` must be called once the call is answered (or failed): it frees the Page for the next call. */
  { ok: true; waitedMs: number; done: () => void } | { ok: false; retryAfterMs: number };

/** Whose call it is: `urgent`, an agent waits on it (the read right before a send); `normal`, a thread switch or
 *  the badges' listing; `background`, work nobody waits on (the label sync, issue 22), which must never hold up the
 *  others: it goes after every other call waiting, and only waiting calls of its own kind count ahead of it. */
export type PacingPriority = 'urgent' | 'normal' | 'background';
const RANK: Record<PacingPriority, number> = { urgent: 0, normal: 1, background: 2 };

export interface PagePacer {
  /** Waits for this Page's turn; refuses at once when the turn is more than maxWaitMs away. Waiting calls take their
   *  turn by priority (urgent, normal, background), then in arrival order. `urgent: true` is `priority: 'urgent'`. */
  acquire(pageId: string, options?: { urgent?: boolean; priority?: PacingPriority }): Promise<PacerTicket>;
  /** Remembers what Meta's last answer for this Page said about usage (null: nothing said). */
  recordUsage(pageId: string, usage: UsageInfo | null): void;
}

interface Waiter {
  rank: number;
  /** Hands this waiter the Page. */
  go: () => void;
}

interface PageLane {
  /** A call holds the Page (from its turn until `done`). */
  busy: boolean;
  /** Calls waiting for the Page: by rank (urgent first), then in arrival order. */
  waiters: Waiter[];
  /** Earliest start of the next call, from the last answer. */
  freeAt: number;
  /** Earliest start allowed by the last usage report. */
  usageHoldUntil: number;
  /** When freeAt and usageHoldUntil were last set: a clock now before it moved back, and they are stale. */
  setAt: number;
}

export function createPagePacer(options: PacerOptions): PagePacer {
  const lanes = new Map<string, PageLane>();
  const laneOf = (pageId: string): PageLane => {
    let lane = lanes.get(pageId);
    if (!lane) {
      lane = { busy: false, waiters: [], freeAt: 0, usageHoldUntil: 0, setAt: 0 };
      lanes.set(pageId, lane);
    }
    return lane;
  };

  /** Drops the holds of a lane set at a time our clock has since gone back before. */
  const forgetIfClockWentBack = (lane: PageLane, now: number) => {
    if (now >= lane.setAt) return;
    lane.freeAt = 0;
    lane.usageHoldUntil = 0;
    lane.setAt = now;
  };

  /** Resolves when the Page is this call's: at once when free, else when the calls ahead of it are done. */
  const takeTurn = (lane: PageLane, rank: number): Promise<void> => {
    if (!lane.busy && lane.waiters.length === 0) {
      lane.busy = true;
      return Promise.resolve();
    }
    return new Promise<void>((go) => {
      const waiter: Waiter = { rank, go };
      const firstBehind = lane.waiters.findIndex((other) => other.rank > rank);
      if (firstBehind === -1) lane.waiters.push(waiter);
      else lane.waiters.splice(firstBehind, 0, waiter);
    });
  };

  /** Gives the Page to the next waiter (it stays busy), or frees it. */
  const passTurn = (lane: PageLane) => {
    const next = lane.waiters.shift();
    if (next) next.go();
    else lane.busy = false;
  };

  return {
    async acquire(pageId, acquireOptions) {
      const rank = RANK[acquireOptions?.priority ?? (acquireOptions?.urgent === true ? 'urgent' : 'normal')];
      const lane = laneOf(pageId);
      const arrivedAt = options.now();
      forgetIfClockWentBack(lane, arrivedAt);
      // Every call ahead takes at least one interval; refuse now rather than after a long queue.
      const ahead = (lane.busy ? 1 : 0) + lane.waiters.filter((other) => other.rank <= rank).length;
      const estimate = Math.max(arrivedAt, lane.freeAt, lane.usageHoldUntil) + ahead * options.minIntervalMs - arrivedAt;
      if (estimate > options.maxWaitMs) return { ok: false, retryAfterMs: estimate };

      await takeTurn(lane, rank);

      const now = options.now();
      forgetIfClockWentBack(lane, now);
      const waitMs = Math.max(0, Math.max(lane.freeAt, lane.usageHoldUntil) - now);
      if (waitMs > options.maxWaitMs) {
        // Meta reported a long hold while this call queued: give the turn on without taking it.
        passTurn(lane);
        return { ok: false, retryAfterMs: waitMs };
      }
      if (waitMs > 0) await options.sleep(waitMs);
      let released = false;
      return {
        ok: true,
        waitedMs: options.now() - arrivedAt,
        done: () => {
          if (released) return;
          released = true;
          lane.setAt = options.now();
          lane.freeAt = lane.setAt + options.minIntervalMs;
          passTurn(lane);
        },
      };
    },
    recordUsage(pageId, usage) {
      if (!usage) return;
      const lane = laneOf(pageId);
      const { maxPercent, regainAccessMinutes } = usageForPage(usage, pageId);
      const now = options.now();
      forgetIfClockWentBack(lane, now);
      lane.setAt = now;
      // The newest report wins: a Page that regained access is released at once.
      if (regainAccessMinutes > 0) lane.usageHoldUntil = now + regainAccessMinutes * 60_000;
      else if (maxPercent >= options.highUsagePercent) lane.usageHoldUntil = now + options.highUsageDelayMs;
      else lane.usageHoldUntil = 0;
    },
  };
}
