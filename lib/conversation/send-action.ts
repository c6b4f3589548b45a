// One send from the reopen panel: the policy's check here (nothing leaves the tab when it refuses), then the
// background, which decides again and sends at most once. The panel script brings this module
// (components/inbox/panel-module.tsx), so the content script every inbox tab runs carries neither it nor the policy's
// checks; the inbox store calls it with what it reads and writes (./inbox-store.ts, SendScope).
import { ProtocolFailure } from '../messaging/client';
import { factsForResend, preflight } from '../policy';
import { sameConversation } from '../inbox/url';
import type { SendAction, SendResult, SendScope } from './inbox-store';
import type { ReopenRequest } from '../policy/types';
import { draftKey } from './drafts';

/** ProtocolFailure codes that mean the background refused the message before doing anything. */
const REFUSED_BEFORE_ACTING = new Set(['invalid_message', 'forbidden_sender']);

/** The background's answer when it was asked (the ledger may have changed); null when nothing left the tab. */
async function sendOnce(
  request: ReopenRequest,
  options: { retryOf?: string },
  { get, set, ask, now: clock, newRequestId, current }: SendScope,
): Promise<SendResult | null> {
  const state = get();
  const thread = state.thread;
  if (thread?.status !== 'resolved') return null;
  const now = clock();
  const retryOf = options.retryOf;
  const decision = preflight(
    request,
    {
      facts: retryOf ? (factsForResend(thread.facts, retryOf) ?? thread.facts) : thread.facts,
      templates: state.templates.status === 'ready' ? state.templates.templates : null,
      promoTerms: state.promoTerms,
      // No blocks from Meta here: the view's may be stale (a manager may have cleared the Page's since), and the
      // background refuses on the stored ones before any Graph call, for every tab at once.
      // Found by name only: nothing leaves until the agent confirms or picks (the background checks it too).
      ...(thread.recipient?.proof === 'none' ? { recipientProven: false } : {}),
    },
    now,
  );
  if (!decision.allowed) {
    set({
      now,
      result: {
        outcome: 'blocked',
        decidedBy: 'preflight',
        reason: decision.reason,
        until: decision.until,
        feedbackProblems: decision.feedbackProblems,
      },
    });
    return null;
  }

  set({ sending: true, result: null });
  let result: SendResult;
  try {
    // A new id for every deliberate send: the background treats one id as one message. A resend is a new
    // message too, naming the `unknown` attempt it replaces.
    const outcome = await ask({
      type: 'reopen.send',
      requestId: newRequestId(),
      pageId: thread.pageId,
      psid: thread.psid,
      selectedItemId: state.location?.selectedItemId ?? null,
      request,
      ...(retryOf ? { retryOf } : {}),
    });
    result = {
      outcome: outcome.outcome,
      requestId: outcome.requestId,
      decidedBy: 'background',
      reason: outcome.reason,
      error: outcome.error,
      nextAttemptAt: outcome.nextAttemptAt,
      ...(outcome.block ? { block: outcome.block } : {}),
    };
  } catch (error) {
    // A refusal before acting sent nothing. Any other failure (no reply, worker restarted) may have
    // happened after Meta received the message: say "unknown", never "failed".
    result =
      error instanceof ProtocolFailure && REFUSED_BEFORE_ACTING.has(error.code)
        ? { outcome: 'failed', decidedBy: 'background', rejected: error.message }
        : { outcome: 'unknown', decidedBy: 'background' };
  }
  if (current()) set({ sending: false, result, now: clock() });
  return result;
}

/** One send from the panel (the inbox store's `send`), then the draft and the thread as the attempt left them. */
export const sendAction: SendAction = async (request, options, scope) => {
  const { local } = scope;
  if (local.send) return;
  local.send = true;
  // The conversation the draft belongs to, as it was when the agent clicked (they may switch while it goes).
  const { thread, location } = scope.get();
  const drafted = thread?.status === 'resolved' ? draftKey(thread.pageId, location?.selectedItemId, thread.psid) : null;
  try {
    const result = await sendOnce(request, options, scope);
    // A message that may have reached the customer is no draft any more; one Meta refused (or never got) stays.
    if (drafted !== null && (result?.outcome === 'sent' || result?.outcome === 'unknown')) local.drafts?.drop(drafted);
    // The attempt changed the ledger (cooldown, last attempt): show what the background now knows.
    if (result && scope.current()) void scope.refresh({ force: true });
  } finally {
    local.send = false;
  }
};

/** Lists the Page's approved utility templates for the panel's utility route (once at a time). */
export async function loadTemplatesAction({ get, set, ask, current }: SendScope): Promise<void> {
  const { thread, templates } = get();
  if (thread?.status !== 'resolved' || templates.status === 'loading') return;
  set({ templates: { status: 'loading' } });
  try {
    const answer = await ask({ type: 'templates.list', pageId: thread.pageId });
    if (current()) set({ templates: 'error' in answer ? { status: 'error', error: answer.error } : { status: 'ready', templates: answer.templates } });
  } catch (error) {
    if (current()) set({ templates: { status: 'error', error: { kind: error instanceof ProtocolFailure ? error.code : 'no_reply', retryable: true } } });
  }
}

/** The agent's pick among the customers (the candidate list, the recipient check: both drawn by the panel script). */
export async function chooseAction(psid: string, { get, set, ask, now, fence }: SendScope): Promise<void> {
  const { location } = get();
  if (!location || location.threadType === 'other') return;
  // A read asked before the choice must not paint over it; the choice's answer wins over any read of the same
  // conversation started before it (the pane may re-ask while the choice is on its way).
  fence();
  const stillHere = () => sameConversation(location, get().location);
  set({ choosing: true });
  try {
    const thread = await ask({
      type: 'thread.choose',
      pageId: location.pageId,
      selectedItemId: location.selectedItemId,
      platform: location.threadType,
      psid,
    });
    if (!stillHere()) return;
    fence();
    set({ thread, choosing: false, failure: null, loading: false, now: now() });
  } catch (error) {
    if (stillHere()) set({ choosing: false, failure: error instanceof ProtocolFailure ? error.code : 'no_reply' });
  }
}
