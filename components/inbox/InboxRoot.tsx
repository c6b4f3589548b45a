import { useEffect, useRef } from 'preact/hooks';
import { nextDisplayChangeAt, threadStatus } from '../../lib/inbox/status';
import { ExpiryBanner, type BannerModel } from './ExpiryBanner';
import { PanelSlot, type PanelLoader } from './lazy-panel';
import { installedStrings } from '../../lib/i18n/inbox-strings';
import { isThread, sameShownState, type InboxStore, type InboxViewState } from '../../lib/conversation/inbox-store';
import { useStoreState } from '../use-store-state';
import type { ContextTimers } from '../../lib/inbox/timers';

/**
 * How long the header's name may take to render before Reopen reads the Page's conversations without it (the
 * background waits for the name rather than list them twice). On a changed layout the name never comes: the
 * agent then picks the customer from the candidates.
 */
export const NAME_WAIT_MS = 2500;

/** Timers owned by the caller (the content script's, which end with its context: an extension update clears them). */
export type Scheduler = ContextTimers;

export interface InboxRootProps {
  store: InboxStore;
  scheduler: Scheduler;
  onOpenOptions: () => void;
  /** The reopen panel, loaded on its first open (./lazy-panel.tsx). */
  panel: PanelLoader;
  /** Fixed in tests; the agent's own zone otherwise. */
  timeZone?: string;
}

export function bannerModel(state: InboxViewState): BannerModel {
  const { thread, location, displayName } = state;
  if (thread?.status === 'resolved') {
    return {
      kind: 'resolved',
      status: threadStatus(thread.facts, state.now, state.closesSoonMinutes),
      ...(thread.recipient ? { recipient: thread.recipient, customerName: thread.customerName ?? displayName ?? '' } : {}),
    };
  }
  if (thread?.status === 'unresolved') {
    return {
      kind: 'unresolved',
      reason: thread.reason,
      candidates: thread.candidates ?? [],
      error: thread.error,
      nameUnread: thread.reason === 'not_found' && !displayName,
    };
  }
  if (state.failure) return { kind: 'failure', code: state.failure };
  if (!location?.selectedItemId && !displayName) return { kind: 'no_conversation' };
  return { kind: 'loading' };
}

/**
 * The one line that cannot come from the catalog: the catalog is what failed to arrive. Both languages,
 * since the settings may pick either and they come from the same background that did not answer.
 */
function StringsUnavailable({ floating }: { floating: boolean }) {
  return (
    <div class={`reopen-root${floating ? ' reopen-root--floating' : ''}`}>
      <p class="reopen-banner reopen-banner--unknown" role="alert" data-testid="reopen-strings-failed">
        <span lang="en">Reopen could not load its texts. Reload the page to try again.</span>{' '}
        <span lang="es">Reopen no pudo cargar sus textos. Recarga la página para intentarlo de nuevo.</span>
      </p>
    </div>
  );
}

/** Connects the view store to the banner and panel; the countdown is one timer to the next visible change. */
export function InboxRoot({ store, scheduler, onOpenOptions, panel, timeZone }: InboxRootProps) {
  const state = useStoreState(store, (s) => s, sameShownState);
  const { actions } = store;
  const openerRef = useRef<HTMLButtonElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(state.panelOpen);

  const model = bannerModel(state);
  const nextChangeAt = model.kind === 'resolved' ? nextDisplayChangeAt(model.status, state.now) : null;

  useEffect(() => {
    if (nextChangeAt === null) return;
    const id = scheduler.setTimeout(() => actions.tick(), Math.max(0, nextChangeAt - state.now));
    return () => scheduler.clearTimeout(id);
  }, [nextChangeAt, state.now, scheduler, actions]);

  const waitingForName = model.kind === 'unresolved' && model.reason === 'awaiting_name';
  const conversationKey = state.location ? `${state.location.pageId}:${state.location.selectedItemId ?? ''}` : '';
  useEffect(() => {
    if (!waitingForName) return;
    const id = scheduler.setTimeout(() => void actions.refresh(), NAME_WAIT_MS);
    return () => scheduler.clearTimeout(id);
  }, [waitingForName, conversationKey, scheduler, actions]);

  // Focus goes back to the button that opened the panel (WAI-ARIA disclosure pattern). When the thread can no
  // longer be reopened that button is gone: the banner's first action (e.g. "Reconnect this Page") is next.
  useEffect(() => {
    if (wasOpen.current && !state.panelOpen) {
      const target = openerRef.current ?? rootRef.current?.querySelector<HTMLElement>('[data-testid="reopen-banner"] button');
      target?.focus();
    }
    wasOpen.current = state.panelOpen;
  }, [state.panelOpen]);

  if (!isThread(state.location)) return null; // comments, WhatsApp and others: nothing, not an error
  // The words come from the background; until they arrive there is nothing to say (keys are not words).
  if (state.strings === 'loading') return null;
  if (state.strings === 'failed') return <StringsUnavailable floating={state.floating} />;

  const thread = state.thread;
  return (
    <div class={`reopen-root${state.floating ? ' reopen-root--floating' : ''}`} lang={state.locale} ref={rootRef}>
      <ExpiryBanner
        locale={state.locale}
        now={state.now}
        model={model}
        floating={state.floating}
        panelOpen={state.panelOpen}
        choosing={state.choosing}
        checking={state.loading}
        storage={thread?.storage}
        openerRef={openerRef}
        shortcut={state.shortcut}
        onOpenPanel={() => (state.panelOpen ? actions.closePanel() : actions.openPanel())}
        onRetry={() => void actions.refresh()}
        onOpenOptions={onOpenOptions}
        onChoose={(psid) => void actions.choose(psid)}
        candidateList={(props) => <PanelSlot loader={panel} locale={state.locale} strings={installedStrings()} view={{ kind: 'candidates', props }} />}
        timeZone={timeZone}
      />
      {state.panelOpen && (thread?.status === 'resolved' || state.result || state.sending) ? (
        <PanelSlot
          loader={panel}
          locale={state.locale}
          strings={installedStrings()}
          view={{ kind: thread?.status === 'resolved' ? 'panel' : 'outcome', state, actions, scheduler, ...(timeZone ? { timeZone } : {}) }}
        />
      ) : null}
    </div>
  );
}
