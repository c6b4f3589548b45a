import { cooldownState, windowState } from '../policy';
import type { Platform, WindowState } from '../policy/types';
import type { ThreadRecord } from '../storage/schema';

// One truth for urgency (DESIGN.md §3): which conversations need action now, decided once per conversation here and
// counted here. The toolbar's count (lib/urgency), the popup's and the dashboard's figures and lists
// (./compute-summary.ts) all use it, over the same records: the Page's recent conversations (the listing the row
// badges come from) merged with the threads Reopen already resolved (lib/urgency/service.ts records). The row badges
// draw the same rule per row (lib/inbox/row-badge-model.ts: red = closing within the threshold).

/** Where the counted conversations come from: the Page's recent conversations plus the threads Reopen resolved, or,
 *  while no listing has been read in this worker (no inbox tab has asked since it started), only the conversations
 *  agents opened with Reopen. Every screen says which. */
export type UrgencySource = 'recent' | 'opened';

/** What one conversation asks of an agent now: its open window closes within the threshold, or it expired and a
 *  reactivation may be sent now; null when neither. */
export type Urgency = 'closing' | 'ready' | null;

/**
 * Whether an expired thread can be reopened now. Equivalent to
 * `availableRoutes(facts, now).some((r) => r.available)` (pinned by a test over many generated threads):
 * in human_agent the HUMAN_AGENT tag is open, in closed a utility message is (on Messenger; an Instagram thread has
 * no route once closed), so only the cooldown can block both — and this avoids building six route decisions per
 * thread.
 */
export function isReadyToReopen(state: WindowState, cooling: boolean, platform: Platform = 'messenger'): boolean {
  return (state === 'human_agent' || (state === 'closed' && platform === 'messenger')) && !cooling;
}

/** The urgency of one conversation at `now` from its window, its cooldown and its platform. */
export function urgencyOf(
  window: { state: WindowState; windowClosesAt: number | null },
  cooling: boolean,
  platform: Platform | undefined,
  now: number,
  closesSoonMinutes: number,
): Urgency {
  if (isReadyToReopen(window.state, cooling, platform)) return 'ready';
  if (window.state === 'open' && window.windowClosesAt !== null && window.windowClosesAt - now <= Math.max(0, closesSoonMinutes) * 60_000) return 'closing';
  return null;
}

/** How many conversations need action now, and where they come from. */
export interface UrgencyCounts {
  closing: number;
  ready: number;
  closesSoonMinutes: number;
  source: UrgencySource;
}

/** The urgency of a stored or listed conversation (no C: none). */
export function recordUrgency(record: ThreadRecord, now: number, closesSoonMinutes: number): Urgency {
  const customerAt = record.facts?.customerLastMessageAt ?? null;
  if (customerAt === null) return null;
  const cooling = cooldownState(
    { customerLastMessageAt: customerAt, pageLastMessageAt: record.facts?.pageLastMessageAt ?? null, attempts: record.attempts },
    now,
  ).active;
  return urgencyOf(windowState(customerAt, now), cooling, record.platform, now, closesSoonMinutes);
}

/** The counts every screen shows, over the records of `source`. */
export function countUrgency(records: readonly ThreadRecord[], now: number, closesSoonMinutes: number, source: UrgencySource): UrgencyCounts {
  const counts: UrgencyCounts = { closing: 0, ready: 0, closesSoonMinutes, source };
  for (const record of records) {
    const urgency = recordUrgency(record, now, closesSoonMinutes);
    if (urgency) counts[urgency]++;
  }
  return counts;
}
