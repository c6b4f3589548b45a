// The reopen panel loads on demand: the content script in every inbox tab carries the banner, the identity and the
// badges, and the panel with what only it uses (routes, forms, the recipient check, outcomes, templates, the promo
// lint) is a script of its own, loaded on the panel's first open (entrypoints/inbox.content/panel-loader.ts). That
// script brings its own copy of Preact and renders the panel into the slot this component draws: a render root of
// its own inside Reopen's shadow root, driven by props only (the store stays in the content script). Types only are
// imported from the panel's modules here, so none of their code reaches the content script.
import { Component, createRef } from 'preact';
import type { Catalogs, Locale } from '../../lib/i18n/core';
import type { ContextTimers } from '../../lib/inbox/timers';
import { t } from '../../lib/i18n/inbox-strings';
import type { InboxActions, InboxDeps, InboxViewState, SendAction } from '../../lib/conversation/inbox-store';
import type { CandidateListProps } from './CandidateList';

/** What the slot shows: the reopen panel of the resolved thread on screen (`panel`), or the last send's outcome when
 *  the thread can no longer be drawn (`outcome`), both from the inbox store's state; or the customers the agent picks
 *  from. */
export type PanelView =
  | { kind: 'panel' | 'outcome'; state: InboxViewState; actions: InboxActions; scheduler: ContextTimers; timeZone?: string }
  | { kind: 'candidates'; props: CandidateListProps };

/** The panel script's entry: draws `view` into `container` (null: removes it), in the words `strings` holds. */
export interface PanelModule {
  render(container: HTMLElement, view: PanelView | null, strings: Readonly<Catalogs>): void;
  /** One send, with the policy's check before it: only the panel sends (the inbox store calls it: lib/conversation). */
  send: SendAction;
  loadTemplates: InboxDeps['loadTemplates'];
  choose: InboxDeps['choose'];
}

/** Where the panel script comes from: at once when it is already loaded (or bundled, in tests), else on demand. */
export interface PanelLoader {
  loaded(): PanelModule | null;
  load(): Promise<PanelModule>;
}

/** The global the panel script leaves its entry under, in the content script's own (isolated) world. */
export const PANEL_MODULE_GLOBAL = '__reopenPanel';

export interface PanelSlotProps {
  loader: PanelLoader;
  view: PanelView;
  locale: Locale;
  /** The inbox words the panel renders with (the content script's installed catalogs). */
  strings: Readonly<Catalogs>;
}

/** Draws the panel through the loaded panel script, loading it first when needed. A class, as InboxRoot is: the
 *  content script carries no preact/hooks (see ./InboxRoot.tsx). */
export class PanelSlot extends Component<PanelSlotProps, { module: PanelModule | null; failed: boolean }> {
  private readonly slot = createRef<HTMLDivElement>();
  /** Where the panel was drawn (the module, once loaded, stays): cleared from there when the slot goes. */
  private drawnIn: HTMLElement | null = null;

  constructor(props: PanelSlotProps) {
    super(props);
    this.state = { module: props.loader.loaded(), failed: false };
  }

  override componentDidMount(): void {
    // (An answer after the slot went sets nothing visible: Preact drops a state update of a removed component.)
    if (!this.state.module)
      this.props.loader.load().then(
        (module) => this.setState({ module }),
        () => this.setState({ failed: true }),
      );
    this.draw();
  }

  // Every render of the slot draws the panel again with the new props (the panel's own state is kept by Preact).
  override componentDidUpdate(): void {
    this.draw();
  }

  override componentWillUnmount(): void {
    if (this.drawnIn) this.state.module!.render(this.drawnIn, null, this.props.strings);
  }

  private draw(): void {
    const { module } = this.state;
    const container = this.slot.current;
    if (module && container) module.render((this.drawnIn = container), this.props.view, this.props.strings);
  }

  override render() {
    if (this.state.failed) {
      return (
        <p class="reopen-banner reopen-banner--unknown" role="alert" data-testid="reopen-panel-failed">
          {t(this.props.locale, 'panel.loadFailed')}
        </p>
      );
    }
    return <div ref={this.slot} />;
  }
}
