import type { StopBlockFacts } from './types';

// Refusals that mean stop (DESIGN.md §1): when a block Meta's answer started still holds. Pure: the background's
// pipeline, the thread view and the panel all ask the same question with their own `now`.

/**
 * A person's block holds until Meta's stated time (when it gave one) and until the customer writes again: a customer
 * message Meta shows dated after the block lifts it. A Page's block holds until Meta's stated time (none: until a
 * manager clears it, having read why).
 */
export function stopBlockHolds(block: StopBlockFacts, now: number, customerLastMessageAt: number | null = null): boolean {
  if (block.clearedAt !== undefined) return false;
  if (block.until !== undefined && now >= block.until) return false;
  if (block.scope === 'person' && customerLastMessageAt !== null && customerLastMessageAt > block.since) return false;
  return true;
}

/** The first block that holds now, the Page's before the person's (it says more: every conversation of the Page). */
export function holdingBlock<T extends StopBlockFacts>(
  blocks: ReadonlyArray<T | null | undefined>,
  now: number,
  customerLastMessageAt: number | null,
): T | null {
  const holding = blocks.filter((block): block is T => !!block && stopBlockHolds(block, now, customerLastMessageAt));
  return holding.find((block) => block.scope === 'page') ?? holding[0] ?? null;
}
