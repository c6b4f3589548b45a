import { stopBlockHolds } from './blocks';
import type { StopBlockFacts } from './types';
import { HUMAN_AGENT_LIMIT_MS, WINDOW_MS } from './window';

// Labels in Business Suite (issue 22): which Reopen label a person carries, from Meta's data, so every agent's
// browser reaches the same label:
//   a block from Meta holds on the person                    → stop
//   the Page wrote after the 24 h window had closed (a tagged
//   reactivation) and the customer has not written since     → reactivated
//   open, with at most 2 h left                              → closing
//   24 h – 7 days since the customer's last message          → human_agent
//   7 days or more                                           → closed
//   open with more than 2 h left, or no customer message     → no Reopen label (nothing to act on)
// The 2 h is fixed, not the agent's "closes soon" setting: the label's name says 2 h, and every browser must agree.

/** The states Reopen mirrors as Page custom labels, one label each. */
export const LABEL_STATES = ['closing', 'human_agent', 'closed', 'reactivated', 'stop'] as const;
export type LabelState = (typeof LABEL_STATES)[number];

/** The label "closes within 2 h" starts this long before the 24 h window closes. */
export const CLOSING_LABEL_MS = 2 * 60 * 60 * 1000;

export interface LabelFacts {
  /** The customer's last message (C); null when none is known. */
  customerLastMessageAt: number | null;
  /** The Page's last message (from Meta, or a send this browser made). */
  pageLastMessageAt: number | null;
  /** A block from Meta on this person, as this browser stored it. */
  block?: StopBlockFacts;
}

export function labelStateOf(facts: LabelFacts, now: number): LabelState | null {
  const c = facts.customerLastMessageAt;
  if (facts.block && stopBlockHolds(facts.block, now, c)) return 'stop';
  if (c === null) return null;
  const p = facts.pageLastMessageAt;
  if (now >= c + WINDOW_MS && p !== null && p >= c + WINDOW_MS) return 'reactivated';
  if (now < c + WINDOW_MS - CLOSING_LABEL_MS) return null;
  if (now < c + WINDOW_MS) return 'closing';
  return now < c + HUMAN_AGENT_LIMIT_MS ? 'human_agent' : 'closed';
}

/** The next instant the label may change by the clock alone (no new message), or null when it never will. */
export function nextLabelChangeAt(facts: LabelFacts, now: number): number | null {
  const c = facts.customerLastMessageAt;
  const times = c === null ? [] : [c + WINDOW_MS - CLOSING_LABEL_MS, c + WINDOW_MS, c + HUMAN_AGENT_LIMIT_MS];
  if (facts.block?.until !== undefined) times.push(facts.block.until);
  const next = times.filter((at) => at > now).sort((a, b) => a - b)[0];
  return next ?? null;
}
