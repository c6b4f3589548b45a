// What a row badge says about one conversation (DESIGN.md §3, "Urgency at a glance"): its window and what can be done,
// from the facts the background sends and the clock. Pure; ./row-badges.ts paints it on the list's cards and
// components/inbox/row-words.ts puts it into words.
import { normalizeDisplayName } from '../policy/display-name';
import type { WindowState } from '../policy/types';
import { HUMAN_AGENT_LIMIT_MS, WINDOW_MS, windowState } from '../policy/window';
import { memo } from './wording';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** One conversation's facts for a row badge, as the background sends them (lib/urgency/rows.ts builds them). The
 *  content script derives the window from C and the clock. */
export interface RowFact {
  /** normalizeDisplayName of the customer's name. */
  name: string;
  customerLastMessageAt: number;
  /** When the running reactivation cooldown ends; null when none runs. */
  cooldownUntil: number | null;
}

export type RowBadgeKind = 'open' | 'ready' | 'cooling' | 'closed';

export interface RowBadgeView {
  window: WindowState;
  kind: RowBadgeKind;
  /** The open window closes within the "closes soon" threshold. */
  urgent: boolean;
  /** The time the words count (window or cooldown), in ms; 0 when none. */
  left: number;
}

/** What one row's badge shows at `now`. */
export function rowBadgeView(fact: RowFact, now: number, closesSoonMinutes: number): RowBadgeView {
  const window = windowState(fact.customerLastMessageAt, now);
  if (window.state === 'open') {
    const left = window.windowClosesAt! - now;
    return { window: 'open', kind: 'open', urgent: left <= closesSoonMinutes * MINUTE, left };
  }
  if (fact.cooldownUntil !== null && fact.cooldownUntil > now) {
    return { window: window.state, kind: 'cooling', urgent: false, left: fact.cooldownUntil - now };
  }
  return { window: window.state, kind: window.state === 'closed' ? 'closed' : 'ready', urgent: false, left: 0 };
}

/** A badge counts in its largest unit only ("5 h", not "5 h 12 min"): floor, so it never shows more than is left. */
export function compactMs(ms: number): number {
  const unit = ms >= DAY ? DAY : ms >= HOUR ? HOUR : MINUTE;
  return ms - (ms % unit);
}

/** Facts by normalized name: a row is matched only to a name the background found unique. */
export function factsByName(rows: readonly RowFact[]): Map<string, RowFact> {
  return new Map(rows.map((row) => [row.name, row]));
}

// A list re-render shows the same names again: normalizing each once (Unicode decomposition) is enough.
const normalizedName = memo(normalizeDisplayName);

/** The key a row's shown name has among the facts (RowFact.name). */
export const rowKey = (name: string): string => normalizedName(name);

/** The fact of a row, by the name it shows; null for a name Reopen does not know (or knows twice). */
export function matchRow(name: string | null | undefined, facts: ReadonlyMap<string, RowFact>): RowFact | null {
  return name ? (facts.get(normalizedName(name)) ?? null) : null;
}

/** The fresher of two facts about the same conversation: the newer customer message wins (it ends any cooldown); for
 *  the same one, the later cooldown end (a send the other has not seen yet). The background's facts may be up to a
 *  minute old; the conversation on screen has the send's result and the thread's own read (lib/conversation). */
export function freshestFact(a: RowFact, b: RowFact): RowFact {
  if (a.customerLastMessageAt !== b.customerLastMessageAt) return a.customerLastMessageAt > b.customerLastMessageAt ? a : b;
  return (a.cooldownUntil ?? 0) >= (b.cooldownUntil ?? 0) ? a : b;
}

/** The next instant after `now` at which some badge changes kind: an open window enters the "closes soon" threshold,
 *  closes, or reaches 7 days, or a cooldown ends; null when none will. The painter repaints then, on its own clock. */
export function nextBadgeChange(facts: Iterable<RowFact>, now: number, closesSoonMinutes: number): number | null {
  let next: number | null = null;
  for (const fact of facts) {
    const closes = fact.customerLastMessageAt + WINDOW_MS;
    for (const at of [closes - closesSoonMinutes * MINUTE, closes, fact.customerLastMessageAt + HUMAN_AGENT_LIMIT_MS, fact.cooldownUntil]) {
      if (at !== null && at > now && (next === null || at < next)) next = at;
    }
  }
  return next;
}
