// What the banner shows for one thread at one instant, and when that changes next. Pure: the content
// script recomputes from the facts it already has, so crossing 24 h, 7 days or the end of a cooldown
// changes the banner without a reload or a call to the background.

// The modules themselves, not lib/policy's index: the content script would keep the catalog's tables it does not use.
import { cooldownState, type CooldownInfo } from '../policy/cooldown';
import { windowState, type WindowInfo } from '../policy/window';
import type { Platform, ThreadFacts } from '../policy/types';

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

/** Business Suite's default "closes soon" threshold when settings haven't arrived yet. */
export const DEFAULT_CLOSES_SOON_MINUTES = 120;

export interface ThreadStatus {
  window: WindowInfo;
  cooldown: CooldownInfo;
  /** The open window closes within the agent's "closes soon" threshold. */
  closingSoon: boolean;
  /** Instagram's closed threads have no route at all (the banner says so). */
  platform: Platform;
  /** Meta dated the customer's last message in the future: the window is counted from Meta's time and shown as
   *  doubtful. */
  customerTimeDoubtful: boolean;
}

export function threadStatus(facts: ThreadFacts, now: number, closesSoonMinutes: number): ThreadStatus {
  const window = windowState(facts.customerLastMessageAt, now);
  const cooldown = cooldownState(facts, now);
  const closingSoon = window.state === 'open' && window.windowClosesAt !== null && window.windowClosesAt - now <= closesSoonMinutes * MINUTE_MS;
  return { window, cooldown, closingSoon, platform: facts.platform ?? 'messenger', customerTimeDoubtful: facts.customerTimeInFuture !== undefined };
}

/**
 * The next instant at which the banner's words change: a countdown shown in whole minutes changes when
 * the remaining time drops below the next whole minute (whole seconds in the last minute), and a state
 * changes at its boundary. One timer to that instant replaces a ticking loop.
 */
export function nextDisplayChangeAt(status: ThreadStatus, now: number): number | null {
  const targets = [
    status.window.windowClosesAt,
    status.window.humanAgentUntil,
    status.window.nextChangeAt,
    status.cooldown.active ? status.cooldown.until : null,
  ];
  let next: number | null = null;
  for (const target of targets) {
    if (target === null || target <= now) continue;
    const remaining = target - now;
    const unit = remaining <= MINUTE_MS ? SECOND_MS : MINUTE_MS;
    // formatDuration rounds down, so "5 min" turns into "4 min" one millisecond below 5 minutes.
    const at = now + (remaining % unit) + 1;
    const candidate = Math.min(at, target);
    if (next === null || candidate < next) next = candidate;
  }
  return next;
}
