import { ROUTES, type RouteDefinition } from './catalog';
import { cooldownState } from './cooldown';
import type { BlockReason, ThreadFacts } from './types';
import { windowState } from './window';

export interface RouteAvailability {
  route: RouteDefinition;
  available: boolean;
  /** The first reason that applies, in the order not_on_platform, state_unknown, window_open, tag_retired,
   *  past_tag_limit, cooldown. */
  reason: BlockReason | null;
  /**
   * The route Meta intends for this state: HUMAN_AGENT while 24 h…7 d, UTILITY once closed. It follows
   * the window only, so it stays set during a cooldown (the panel can show which route to use next).
   */
  recommended: boolean;
  /** When an available route stops being available (7-day limit or retirement); null if it does not, or is unavailable. */
  availableUntil: number | null;
}

/** Every catalog route, in catalog order, with whether it may be used at `now` and why not.
 *  `routes` defaults to Meta's catalog; tests pass others. */
export function availableRoutes(facts: ThreadFacts, now: number, routes: readonly RouteDefinition[] = ROUTES): RouteAvailability[] {
  const windowInfo = windowState(facts.customerLastMessageAt, now);
  const cooldown = cooldownState(facts, now);
  const C = facts.customerLastMessageAt;

  return routes.map((route) => {
    const limitEndsAt = route.limitMs !== null && C !== null ? C + route.limitMs : null;
    const offered = route.platforms.includes(facts.platform ?? 'messenger');
    let reason: BlockReason | null = null;
    if (!offered) reason = 'not_on_platform';
    else if (windowInfo.state === 'unknown') reason = 'state_unknown';
    else if (windowInfo.state === 'open') reason = 'window_open';
    else if (route.retiredOn !== null && now >= route.retiredOn) reason = 'tag_retired';
    else if (limitEndsAt !== null && now >= limitEndsAt) reason = 'past_tag_limit';
    else if (cooldown.active) reason = 'cooldown';

    const available = reason === null;
    const ends = [limitEndsAt, route.retiredOn].filter((at): at is number => at !== null && at > now);
    // Nothing is recommended where Meta does not offer it (a closed Instagram thread has no route at all).
    const recommended =
      offered && ((windowInfo.state === 'human_agent' && route.id === 'HUMAN_AGENT') || (windowInfo.state === 'closed' && route.id === 'UTILITY'));
    return {
      route,
      available,
      reason,
      recommended,
      availableUntil: available && ends.length > 0 ? Math.min(...ends) : null,
    };
  });
}

/**
 * When the agent may reactivate this thread again, for "next one possible at …" and the popup.
 * Only a cooldown makes a reactivation wait, so the answer is the cooldown's end when some route is
 * still available then. null means there is nothing to wait for:
 * - a route is available now;
 * - the window is open (reply normally) or the state is unknown (fix the connection first);
 * - or no route will be available again (every route retired or past its limit, or the cooldown
 *   outlasts them all) — availableRoutes gives the reasons.
 */
export function nextAttemptAt(facts: ThreadFacts, now: number, routes: readonly RouteDefinition[] = ROUTES): number | null {
  const state = windowState(facts.customerLastMessageAt, now).state;
  if (state === 'open' || state === 'unknown') return null;
  if (availableRoutes(facts, now, routes).some((entry) => entry.available)) return null;
  const cooldown = cooldownState(facts, now);
  if (cooldown.until === null) return null;
  const cooldownEnd = cooldown.until;
  return availableRoutes(facts, cooldownEnd, routes).some((entry) => entry.available) ? cooldownEnd : null;
}
