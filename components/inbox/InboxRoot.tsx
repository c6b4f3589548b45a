import { Component, createRef } from 'preact';
import { nextDisplayChangeAt, threadStatus } from '../../lib/inbox/status';
import { ExpiryBanner, type BannerModel } from './ExpiryBanner';
import { PanelSlot, type PanelLoader } from './lazy-panel';
import { installedStrings } from '../../lib/i18n/inbox-strings';
import { isThread, sameShownState, type InboxStore, type InboxViewState } from '../../lib/conversation/inbox-store';
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
  /** What the banner says when its words never arrived from the background (`_locales`' inboxStringsFailed). */
  stringsFailedLine: string;
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

/** One timer armed for a key: arming again with the same key keeps it, another key replaces it, null clears it. */
function keyedTimer(scheduler: Scheduler) {
  let armed: string | null = null;
  let id = 0;
  return (key: string | null, ms = 0, run?: () => void): void => {
    if (key === armed) return;
    if (armed !== null) scheduler.clearTimeout(id);
    armed = key;
    if (key !== null && run) id = scheduler.setTimeout(run, Math.max(0, ms));
  };
}

/**
 * Connects the view store to the banner and panel; the countdown is one timer to the next visible change.
 * A class, not hooks: this is the only component of the content script with state or effects, and the content
 * script, loaded in every inbox tab under a 20 KB gzip budget, then carries no preact/hooks (about 1 KB gzip;
 * scripts/bench/bundle.bench.ts). The panel script keeps its hooks.
 */
export class InboxRoot extends Component<InboxRootProps, { view: InboxViewState }> {
  private readonly opener = createRef<HTMLButtonElement>();
  private readonly root = createRef<HTMLDivElement>();
  private readonly tick = keyedTimer(this.props.scheduler);
  private readonly nameWait = keyedTimer(this.props.scheduler);
  private unsubscribe: (() => void) | null = null;

  constructor(props: InboxRootProps) {
    super(props);
    this.state = { view: props.store.getState() };
  }

  override componentDidMount(): void {
    const { store } = this.props;
    // A change the view does not show (sameShownState) renders nothing.
    const show = (next: InboxViewState) => {
      if (!sameShownState(next, this.state.view)) this.setState({ view: next });
    };
    this.unsubscribe = store.subscribe(show);
    show(store.getState());
    this.schedule();
  }

  override componentDidUpdate(_props: InboxRootProps, previous: { view: InboxViewState }): void {
    this.schedule();
    // Focus goes back to the button that opened the panel (WAI-ARIA disclosure pattern). When the thread can no
    // longer be reopened that button is gone: the banner's first action (e.g. "Reconnect this Page") is next.
    if (previous.view.panelOpen && !this.state.view.panelOpen) {
      const target = this.opener.current ?? this.root.current?.querySelector<HTMLElement>('[data-testid="reopen-banner"] button');
      target?.focus();
    }
  }

  override componentWillUnmount(): void {
    this.unsubscribe?.();
    this.tick(null);
    this.nameWait(null);
  }

  /** The countdown's next tick, and the wait for the header's name, for the state on screen. */
  private schedule(): void {
    const state = this.state.view;
    const { actions } = this.props.store;
    const model = bannerModel(state);
    const nextChangeAt = model.kind === 'resolved' ? nextDisplayChangeAt(model.status, state.now) : null;
    this.tick(nextChangeAt === null ? null : `${nextChangeAt}:${state.now}`, (nextChangeAt ?? 0) - state.now, () => actions.tick());
    const waitingForName = model.kind === 'unresolved' && model.reason === 'awaiting_name';
    const conversationKey = state.location ? `${state.location.pageId}:${state.location.selectedItemId ?? ''}` : '';
    this.nameWait(waitingForName ? conversationKey : null, NAME_WAIT_MS, () => void actions.refresh());
  }

  override render() {
    const { store, onOpenOptions, panel, timeZone, scheduler } = this.props;
    const state = this.state.view;
    const { actions } = store;
    const model = bannerModel(state);
    if (!isThread(state.location)) return null; // comments, WhatsApp and others: nothing, not an error
    // The words come from the background; until they arrive there is nothing to say (keys are not words).
    if (state.strings === 'loading') return null;
    const failed = state.strings === 'failed';
    const thread = state.thread;
    return (
      // (The words never arrived: no lang, the line is in the browser's language, from the extension's own locale files.)
      <div class={`reopen-root${state.floating ? ' reopen-root--floating' : ''}`} lang={failed ? undefined : state.locale} ref={this.root}>
        {failed ? (
          // The one line that cannot come from the catalog: the catalog is what failed to arrive (`_locales`, no background).
          <p class="reopen-banner reopen-banner--unknown" role="alert" data-testid="reopen-strings-failed">
            {this.props.stringsFailedLine}
          </p>
        ) : (
          <ExpiryBanner
            locale={state.locale}
            now={state.now}
            model={model}
            floating={state.floating}
            panelOpen={state.panelOpen}
            choosing={state.choosing}
            checking={state.loading}
            storage={thread?.storage}
            openerRef={this.opener}
            shortcut={state.shortcut}
            onOpenPanel={() => (state.panelOpen ? actions.closePanel() : actions.openPanel())}
            onRetry={() => void actions.refresh()}
            onOpenOptions={onOpenOptions}
            onChoose={(psid) => void actions.choose(psid)}
            candidateList={(props) => <PanelSlot loader={panel} locale={state.locale} strings={installedStrings()} view={{ kind: 'candidates', props }} />}
            timeZone={timeZone}
          />
        )}
        {!failed && state.panelOpen && (thread?.status === 'resolved' || state.result || state.sending) ? (
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
}
