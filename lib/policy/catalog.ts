import type { Platform, RouteId, TagId } from './types';
import { HUMAN_AGENT_LIMIT_MS } from './window';

// Meta's routes to an expired conversation, as dated data: when Meta changes a tag, one entry
// changes here and every view (panel, banner, popup) follows. Sources: DESIGN.md §1 and
// reference/meta-messenger.md §1, §2, §9.

/** Platforms whose API accepts a route. Instagram's Messaging API (reference/meta-messenger.md §7b, Meta's tag
 *  table as read on 2026-09-28): HUMAN_AGENT is "Required for Instagram", within 7 days; every other tag is "Not
 *  available for Instagram Messaging API", and there is no feedback template or utility message there. */
const EVERYWHERE: readonly Platform[] = ['messenger', 'instagram'];
const MESSENGER_ONLY: readonly Platform[] = ['messenger'];

/** Meta retired ACCOUNT_UPDATE, CONFIRMED_EVENT_UPDATE and POST_PURCHASE_UPDATE at this instant (error 100 since). */
export const TAG_RETIREMENT_AT = Date.parse('2026-04-27T00:00:00Z');

export interface RouteDefinition {
  id: RouteId;
  /** The `tag` of a MESSAGE_TAG send; null for utility messages, which carry no tag. */
  tag: TagId | null;
  messagingType: 'MESSAGE_TAG' | 'UTILITY';
  /** What the agent composes for this route. */
  content: 'text' | 'feedback' | 'utility';
  /** How long after the customer's last message the route may be used; null = no documented limit. */
  limitMs: number | null;
  /** When Meta stopped accepting the route; null while active. */
  retiredOn: number | null;
  /** What to use instead once retired. */
  replacement: RouteId | null;
  /** It needs something of the Meta app or Page that the agent cannot check from the inbox (`route.<id>.requirement`). */
  requirement: boolean;
  /** Where Meta accepts the route at all; elsewhere it is listed, disabled, with `not_on_platform`. */
  platforms: readonly Platform[];
  // What the route is for, what must never be sent with it and what it needs from Meta are words, not rules:
  // locales/<lang>/routes.ts (`route.<id>.uses|notAllowed|requirement`), served to the inbox like its other words.
}

/** A tag Meta retired on TAG_RETIREMENT_AT: free text with no time limit before that date; utility messages
 *  replace it. Only its uses (words in locales/<lang>/routes.ts) differ from one retired tag to the next. */
function retiredTag(id: 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE' | 'POST_PURCHASE_UPDATE'): RouteDefinition {
  return {
    id,
    tag: id,
    messagingType: 'MESSAGE_TAG',
    content: 'text',
    limitMs: null,
    retiredOn: TAG_RETIREMENT_AT,
    replacement: 'UTILITY',
    requirement: false,
    platforms: MESSENGER_ONLY,
  };
}

/** In display order. */
export const ROUTES: readonly RouteDefinition[] = [
  {
    id: 'HUMAN_AGENT',
    tag: 'HUMAN_AGENT',
    messagingType: 'MESSAGE_TAG',
    content: 'text',
    limitMs: HUMAN_AGENT_LIMIT_MS,
    retiredOn: null,
    replacement: null,
    requirement: true,
    platforms: EVERYWHERE,
  },
  {
    id: 'CUSTOMER_FEEDBACK',
    tag: 'CUSTOMER_FEEDBACK',
    messagingType: 'MESSAGE_TAG',
    content: 'feedback',
    limitMs: HUMAN_AGENT_LIMIT_MS,
    retiredOn: null,
    replacement: null,
    requirement: false,
    platforms: MESSENGER_ONLY,
  },
  {
    id: 'UTILITY',
    tag: null,
    messagingType: 'UTILITY',
    content: 'utility',
    limitMs: null,
    retiredOn: null,
    replacement: null,
    requirement: true,
    platforms: MESSENGER_ONLY,
  },
  retiredTag('ACCOUNT_UPDATE'),
  retiredTag('CONFIRMED_EVENT_UPDATE'),
  retiredTag('POST_PURCHASE_UPDATE'),
];

/** The catalog entry of a route. Throws on an id that is not in the catalog (a programming error). */
export function routeById(id: RouteId): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown reopen route: ${String(id)}`);
  return route;
}
