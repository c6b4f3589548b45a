import type { ThreadService } from '../threads/service';
import type { ReopenOutcome } from './view';

// The background's own check that a send goes to a proven person (DESIGN.md §1, "The recipient must be proven"): the
// panel already refuses, but a tab of an older version, a page script or a stale view must not be able to send to a
// person Reopen found by display name only. Nothing is recorded: no attempt was made, nothing left.

export interface RecipientGuardRequest {
  requestId: string;
  pageId: string;
  psid: string;
  selectedItemId?: string | null;
}

/** A `blocked` outcome when the person is not proven for the conversation the send comes from; null to go on. */
export async function refuseUnproven(
  threads: Pick<ThreadService, 'recipientProven'>,
  request: RecipientGuardRequest,
  now: () => number,
): Promise<ReopenOutcome | null> {
  if (await threads.recipientProven(request.pageId, request.selectedItemId ?? null, request.psid)) return null;
  return { requestId: request.requestId, outcome: 'blocked', at: now(), reason: 'recipient_unproven' };
}
