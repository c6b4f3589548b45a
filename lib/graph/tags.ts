import type { TagId } from '../policy/types';

// When Meta retired a message tag (requests with it get error 100 from that instant on).
// Data, not branches: a new retirement is one line here. Source: reference/meta-messenger.md §2.
export const TAG_RETIRED_AT: Readonly<Partial<Record<TagId, number>>> = {
  ACCOUNT_UPDATE: Date.UTC(2026, 3, 27),
  CONFIRMED_EVENT_UPDATE: Date.UTC(2026, 3, 27),
  POST_PURCHASE_UPDATE: Date.UTC(2026, 3, 27),
};

/** Whether Meta refuses this tag at `now`. Without `now`, whether Meta has a retirement date for it at all. */
export function isTagRetired(tag: TagId | null | undefined, now?: number): boolean {
  if (!tag) return false;
  const retiredAt = TAG_RETIRED_AT[tag];
  if (retiredAt === undefined) return false;
  return now === undefined || now >= retiredAt;
}
