import { customerFacts, type ConversationSummary } from '../graph';
import type { ThreadRecord } from '../storage/schema';
import { emptyThread } from '../storage/store';
import type { Platform } from '../policy/types';

/** The later of two times, either of which may be unknown. */
export const newest = (a: number | null | undefined, b: number | null) => (a == null ? b : b == null ? a : Math.max(a, b));

/** Meta's created_time and our estimate of its clock are whole seconds apart at most: a message dated this much after
 *  Meta's time of the read is not "in the future". */
export const FUTURE_TOLERANCE_MS = 2_000;
/** A stored `checkedAt` this far after a read's time was written before the clock moved back (a listing served
 *  from cache is at most a minute old): the read's time replaces it, so the facts do not look fresh for hours. */
const CHECKED_AT_SLACK_MS = 120_000;

/**
 * C as one read dates it, on Meta's clock. A customer message dated after Meta's own time of the read cannot be
 * right (Meta's clock, or the message's date, is off): C becomes Meta's time of the read, and the claimed date is
 * kept (`inFuture`) so the window is shown as doubtful. The same claimed date seen again does not move C forward
 * (else a thread with such a message would stay "open" for ever); once Meta's time passes it, it is an ordinary C.
 */
function customerTimeOf(
  claimed: number | null,
  metaNow: number | undefined,
  stored: { at: number | null | undefined; inFuture: number | undefined },
): { at: number | null; inFuture?: number } {
  if (claimed === null || metaNow === undefined || claimed <= metaNow + FUTURE_TOLERANCE_MS) return { at: claimed };
  if (stored.inFuture === claimed && stored.at != null && stored.at <= metaNow) return { at: stored.at, inFuture: claimed };
  return { at: metaNow, inFuture: claimed };
}

/**
 * A thread record updated with what one conversation read at `at` says. C and the Page's last message only move
 * forward: a message that fell out of the 20 Meta returns is still a fact we saw. So does `checkedAt`: a read
 * older than the stored one (a cached listing) adds what it saw without making the fresher facts look stale.
 * Two exceptions keep a wrong date from freezing the thread: a customer message dated in the future (see
 * `customerTimeOf`), and a stored time later than the read by more than a cache's age (the clock moved back).
 */
export function withConversation(
  current: ThreadRecord | null,
  conversation: ConversationSummary,
  ids: { pageId: string; psid: string; selectedItemId: string | null; platform?: Platform },
  at: number,
): ThreadRecord {
  const read = customerFacts(conversation, ids.pageId);
  const base = current ?? emptyThread(ids.pageId, ids.psid, at);
  const metaNow = conversation.metaNow;
  const customer = customerTimeOf(read.customerLastMessageAt, metaNow, {
    at: base.facts?.customerLastMessageAt,
    inFuture: base.facts?.customerTimeInFuture,
  });
  // A stored C dated after Meta's time of this read came from a read before this rule: stale, not kept.
  const storedC = base.facts?.customerLastMessageAt;
  const keptC = storedC != null && metaNow !== undefined && storedC > metaNow + FUTURE_TOLERANCE_MS ? null : storedC;
  const storedCheckedAt = base.facts?.checkedAt;
  // Messenger stays implicit (absent), so records read before Instagram support keep their shape.
  const platform = ids.platform ?? base.platform;
  return {
    ...base,
    ...(platform === 'instagram' ? { platform } : {}),
    customerName: read.customerName ?? base.customerName,
    selectedItemId: ids.selectedItemId ?? base.selectedItemId,
    conversationId: conversation.id,
    facts: {
      customerLastMessageAt: newest(keptC, customer.at),
      pageLastMessageAt: newest(base.facts?.pageLastMessageAt, read.pageLastMessageAt),
      checkedAt: storedCheckedAt !== undefined && storedCheckedAt - at <= CHECKED_AT_SLACK_MS ? Math.max(storedCheckedAt, at) : at,
      ...(customer.inFuture !== undefined ? { customerTimeInFuture: customer.inFuture } : {}),
    },
    updatedAt: Math.max(base.updatedAt, at),
  };
}
