import { customerFacts, type ConversationSummary } from '../graph';
import type { ThreadRecord } from '../storage/schema';
import { emptyThread } from '../storage/store';
import type { Platform } from '../policy/types';

const newest = (a: number | null | undefined, b: number | null) => (a == null ? b : b == null ? a : Math.max(a, b));

/**
 * A thread record updated with what one conversation read at `at` says. C and the Page's last message only move
 * forward: a message that fell out of the 20 Meta returns is still a fact we saw. So does `checkedAt`: a read
 * older than the stored one (a cached listing) adds what it saw without making the fresher facts look stale.
 */
export function withConversation(
  current: ThreadRecord | null,
  conversation: ConversationSummary,
  ids: { pageId: string; psid: string; selectedItemId: string | null; platform?: Platform },
  at: number,
): ThreadRecord {
  const read = customerFacts(conversation, ids.pageId);
  const base = current ?? emptyThread(ids.pageId, ids.psid, at);
  // Messenger stays implicit (absent), so records read before Instagram support keep their shape.
  const platform = ids.platform ?? base.platform;
  return {
    ...base,
    ...(platform === 'instagram' ? { platform } : {}),
    customerName: read.customerName ?? base.customerName,
    selectedItemId: ids.selectedItemId ?? base.selectedItemId,
    conversationId: conversation.id,
    facts: {
      customerLastMessageAt: newest(base.facts?.customerLastMessageAt, read.customerLastMessageAt),
      pageLastMessageAt: newest(base.facts?.pageLastMessageAt, read.pageLastMessageAt),
      checkedAt: Math.max(base.facts?.checkedAt ?? at, at),
    },
    updatedAt: Math.max(base.updatedAt, at),
  };
}
