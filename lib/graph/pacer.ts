import type { UsageInfo } from './types';
import { usageForPage } from './usage';

// Spaces Conversations API calls per Page (Meta allows 2 calls per second per Page) and holds them
// back when Meta's usage headers say the Page is close to, or over, its limit. A wait longer than
// `maxWaitMs` is not slept through: the caller gets `retryAfterMs` and reports rate_limited instead,
// so the agent sees why instead of a spinner that runs for minutes.

export interface PacerOptions {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Minimum time between the starts of two calls for one Page. */
  minIntervalMs: number;
  /** The longest wait the pacer sleeps through; longer ones are refused. */
  maxWaitMs: number;
  /** Usage (percent of a limit) from which calls are slowed down. */
  highUsagePercent: number;
  /** Extra gap after an answer reporting high usage. */
  highUsageDelayMs: number;
}

export type PacerTicket = { ok: true; waitedMs: number } | { ok: false; retryAfterMs: number };

export interface PagePacer {
  /** Waits for this Page's next slot and takes it; refuses when the slot is more than maxWaitMs away. */
  acquire(pageId: string): Promise<PacerTicket>;
  /** Remembers what Meta's last answer for this Page said about usage (null: nothing said). */
  recordUsage(pageId: string, usage: UsageInfo | null): void;
}

interface PageSlots {
  /** Earliest start of the next call, given the calls already admitted. */
  nextSlotAt: number;
  /** Earliest start allowed by the last usage report. */
  usageHoldUntil: number;
}

export function createPagePacer(options: PacerOptions): PagePacer {
  const pages = new Map<string, PageSlots>();
  const slotsOf = (pageId: string): PageSlots => {
    let slots = pages.get(pageId);
    if (!slots) {
      slots = { nextSlotAt: 0, usageHoldUntil: 0 };
      pages.set(pageId, slots);
    }
    return slots;
  };

  return {
    async acquire(pageId) {
      const slots = slotsOf(pageId);
      const now = options.now();
      const startAt = Math.max(now, slots.nextSlotAt, slots.usageHoldUntil);
      const waitMs = startAt - now;
      if (waitMs > options.maxWaitMs) return { ok: false, retryAfterMs: waitMs };
      // Reserve before sleeping so calls made at the same moment queue up instead of sharing a slot.
      slots.nextSlotAt = startAt + options.minIntervalMs;
      if (waitMs > 0) await options.sleep(waitMs);
      return { ok: true, waitedMs: waitMs };
    },
    recordUsage(pageId, usage) {
      if (!usage) return;
      const slots = slotsOf(pageId);
      const { maxPercent, regainAccessMinutes } = usageForPage(usage, pageId);
      const now = options.now();
      // The newest report wins: a Page that regained access is released at once.
      if (regainAccessMinutes > 0) slots.usageHoldUntil = now + regainAccessMinutes * 60_000;
      else if (maxPercent >= options.highUsagePercent) slots.usageHoldUntil = now + options.highUsageDelayMs;
      else slots.usageHoldUntil = 0;
    },
  };
}
