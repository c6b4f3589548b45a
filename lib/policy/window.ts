import type { WindowState } from './types';

// Meta's windows, all measured from the customer's last message (C) — never from the Page's
// last message or the conversation's updated_time, which move with every message either way.

const HOUR_MS = 60 * 60 * 1000;

/** Standard messaging window: free replies while now − C < 24 h. */
export const WINDOW_MS = 24 * HOUR_MS;
/** HUMAN_AGENT and CUSTOMER_FEEDBACK may be sent while now − C < 7 days. */
export const HUMAN_AGENT_LIMIT_MS = 7 * 24 * HOUR_MS;

export interface WindowInfo {
  state: WindowState;
  /** C + 24 h: the first instant the thread is no longer open. null when C is unknown. */
  windowClosesAt: number | null;
  /** C + 7 days: the first instant the 7-day tags can no longer be sent. null when C is unknown. */
  humanAgentUntil: number | null;
  /** When `state` will change next, for scheduling a re-render; null once closed or unknown. */
  nextChangeAt: number | null;
}

/**
 * The thread's messaging window at `now`. Exactly 24 h after C is already `human_agent` and exactly
 * 7 days is already `closed`: Meta's limits are "within", so the boundary instant is outside.
 * A C in the future (the local clock behind Meta's) counts as open: the customer just wrote.
 */
export function windowState(customerLastMessageAt: number | null, now: number): WindowInfo {
  if (customerLastMessageAt === null) {
    return { state: 'unknown', windowClosesAt: null, humanAgentUntil: null, nextChangeAt: null };
  }
  const windowClosesAt = customerLastMessageAt + WINDOW_MS;
  const humanAgentUntil = customerLastMessageAt + HUMAN_AGENT_LIMIT_MS;
  if (now < windowClosesAt) return { state: 'open', windowClosesAt, humanAgentUntil, nextChangeAt: windowClosesAt };
  if (now < humanAgentUntil) {
    return { state: 'human_agent', windowClosesAt, humanAgentUntil, nextChangeAt: humanAgentUntil };
  }
  return { state: 'closed', windowClosesAt, humanAgentUntil, nextChangeAt: null };
}
