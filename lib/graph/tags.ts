import { ROUTES } from '../policy/catalog';
import type { TagId } from '../policy/types';

// When Meta retired each message tag (requests with it get error 100 from that instant on), read
// from the policy's dated route catalog so a new retirement stays one edit in lib/policy/catalog.ts.
export const TAG_RETIRED_AT: Readonly<Partial<Record<TagId, number>>> = Object.fromEntries(
  ROUTES.flatMap((route) => (route.tag !== null && route.retiredOn !== null ? [[route.tag, route.retiredOn]] : [])),
);

/** Whether Meta refuses this tag at `now`. Without `now`, whether Meta has a retirement date for it at all. */
export function isTagRetired(tag: TagId | null | undefined, now?: number): boolean {
  if (!tag) return false;
  const retiredAt = TAG_RETIRED_AT[tag];
  if (retiredAt === undefined) return false;
  return now === undefined || now >= retiredAt;
}
