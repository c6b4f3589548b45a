// The reopen panel's entry for the panel script (entrypoints/reopen-panel.ts), and for tests, which bundle it. It renders
// with the Preact of the bundle it is in: in the built extension its own copy, a render root of its own.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { installStrings } from '../../lib/i18n/inbox-strings';
import { chooseAction, loadTemplatesAction, sendAction } from '../../lib/conversation/send-action';
import type { Locale } from '../../lib/i18n/core';
import { CandidateList } from './CandidateList';
import { LastOutcome } from './LastOutcome';
import { ReopenPanel } from './ReopenPanel';
import type { PanelLoader, PanelModule, PanelView } from './lazy-panel';
import { holdingBlock } from '../../lib/policy/blocks';
import { createDraftBook, draftKey } from '../../lib/conversation/drafts';

/** After the background's next read of an `unknown` send's conversation is due, the inbox asks for the thread this
 *  much later (the read takes a moment), never sooner than FOLLOW_MIN_MS apart; at most FOLLOW_MAX_ASKS per attempt. */
export const FOLLOW_AFTER_READ_MS = 1500;
export const FOLLOW_MIN_MS = 3000;
export const FOLLOW_MAX_ASKS = 8;

/** The panel of the resolved thread on screen, or the last send's outcome, from the inbox store's state. */
function PanelOf({ kind, state, actions, scheduler, timeZone }: Extract<PanelView, { kind: 'panel' | 'outcome' }>) {
  // An `unknown` send is being reconciled by the background: while the panel shows it, ask for the thread again a
  // moment after each read is due, so "found" / "not found" shows without waiting for the periodic refresh. Bounded per attempt.
  const checking =
    state.thread?.status === 'resolved' ? (state.thread.recentAttempts.find((attempt) => attempt.reconciliation?.state === 'checking') ?? null) : null;
  const [follow, setFollow] = useState<{ requestId: string; asks: number }>({ requestId: '', asks: 0 });
  const asks = checking && follow.requestId === checking.requestId ? follow.asks : 0;
  const checkingKey = checking ? `${checking.requestId}:${checking.reconciliation?.reads}:${asks}` : '';
  useEffect(() => {
    if (!checking?.reconciliation || asks >= FOLLOW_MAX_ASKS) return;
    const dueIn = (checking.reconciliation.nextReadAt ?? state.now) - state.now + FOLLOW_AFTER_READ_MS;
    const requestId = checking.requestId;
    const id = scheduler.setTimeout(
      () => {
        void actions.followReconciliation().finally(() => setFollow({ requestId, asks: asks + 1 }));
      },
      Math.max(FOLLOW_MIN_MS, dueIn),
    );
    return () => scheduler.clearTimeout(id);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the key says all the schedule depends on; the ticking clock would push it back forever
  }, [checkingKey, scheduler, actions]);

  const thread = state.thread;
  if (kind === 'outcome' || thread?.status !== 'resolved') {
    return <LastOutcome locale={state.locale} sending={state.sending} result={state.result} onDismiss={actions.dismissResult} timeZone={timeZone} />;
  }
  // The agent's unsent words for this conversation, kept by the inbox store (in memory) across closing and switching.
  const drafted = draftKey(thread.pageId, state.location?.selectedItemId, thread.psid);
  const { local } = actions.scope();
  return (
    <ReopenPanel
      key={`${thread.pageId}:${thread.psid}`}
      locale={state.locale}
      now={state.now}
      facts={thread.facts}
      templates={state.templates}
      promoTerms={state.promoTerms}
      sending={state.sending}
      result={state.result}
      attempts={thread.recentAttempts}
      block={holdingBlock([thread.pageBlock, thread.block], state.now, thread.facts.customerLastMessageAt)}
      onSend={(request, retryOf) => void actions.send(request, retryOf ? { retryOf } : {})}
      onClose={actions.closePanel}
      onNeedTemplates={() => void actions.loadTemplates()}
      draft={local.drafts?.get(drafted)}
      onDraft={(draft) => (local.drafts ??= createDraftBook()).keep(drafted, draft)}
      timeZone={timeZone}
      {...(thread.recipient
        ? {
            recipient: {
              psid: thread.psid,
              name: thread.customerName ?? state.displayName ?? '',
              view: thread.recipient,
              choosing: state.choosing,
              onChoose: (psid: string) => void actions.choose(psid),
            },
          }
        : {})}
    />
  );
}

export const panelModule: PanelModule = {
  send: sendAction,
  loadTemplates: loadTemplatesAction,
  choose: chooseAction,
  render(container, view, strings) {
    if (!view) return render(null, container);
    // The panel script has its own copy of the words' module: give it the words the content script holds.
    for (const [locale, catalog] of Object.entries(strings)) if (catalog) installStrings(locale as Locale, catalog);
    render(view.kind === 'candidates' ? <CandidateList {...view.props} /> : <PanelOf {...view} />, container);
  },
};

/** The panel bundled with the caller, ready at once (component tests). */
export const bundledPanel: PanelLoader = { loaded: () => panelModule, load: () => Promise.resolve(panelModule) };
