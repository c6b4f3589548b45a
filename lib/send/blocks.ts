import { stopBlockHolds } from '../policy';
import type { PageBlockRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import type { ThreadView } from '../threads/view';

// The Page-wide block after Meta restricted the Page (10/1893063; the error catalog's `stop: 'page'`), outside the send
// itself: what the inbox's thread view carries so the panel shows it as soon as it opens, and the manager's clear.
// Reading never stops: a block only refuses sends (./pipeline.ts).

/** A resolved thread view with its Page's block, when one holds now (the person's own block is in the view already). */
export async function withPageBlock(view: ThreadView, store: Pick<ReopenStore, 'getPageBlock'>, now: number): Promise<ThreadView> {
  if (view.status !== 'resolved') return view;
  const block = await store.getPageBlock(view.pageId).catch(() => null);
  return block && stopBlockHolds(block, now) ? { ...view, pageBlock: block } : view;
}

/**
 * A manager clears the Page's block in the popup, having read Meta's words. `since` names the block they read: a
 * newer refusal that replaced it in the meantime is not cleared by a click about the older one. The record stays,
 * cleared, for the audit until retention prunes it.
 */
export async function clearPageBlock(
  store: Pick<ReopenStore, 'getPageBlock' | 'setPageBlock'>,
  pageId: string,
  since: number,
  now: number,
): Promise<{ cleared: boolean }> {
  const block: PageBlockRecord | null = await store.getPageBlock(pageId);
  if (!block || block.since !== since || block.clearedAt !== undefined) return { cleared: false };
  await store.setPageBlock(pageId, { ...block, clearedAt: now });
  return { cleared: true };
}
