// The reopen panel loads on demand: the content script in every inbox tab carries the banner, the identity and the
// badges, and the panel with what only it uses (routes, forms, the recipient check, outcomes, templates, the promo
// lint) is a script of its own, loaded on the panel's first open (entrypoints/inbox.content/panel-loader.ts). That
// script brings its own copy of Preact and renders the panel into the slot this component draws: a render root of
// its own inside Reopen's shadow root, driven by props only (the store stays in the content script). Types only are
// imported from the panel's modules here, so none of their code reaches the content script.
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
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

/** Draws the panel through the loaded panel script, loading it first when needed. */
export function PanelSlot({ loader, view, locale, strings }: PanelSlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [module, setModule] = useState<PanelModule | null>(() => loader.loaded());
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    // (An answer after the slot went sets nothing visible: Preact drops a state update of a removed component.)
    if (!module)
      loader.load().then(
        (loaded) => setModule(() => loaded),
        () => setFailed(true),
      );
  }, [loader, module]);

  // Every render of the slot draws the panel again with the new props (the panel's own state is kept by Preact).
  useLayoutEffect(() => {
    if (module && ref.current) module.render(ref.current, view, strings);
  });
  useEffect(() => {
    const container = ref.current;
    return () => {
      if (module && container) module.render(container, null, strings);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- removed once, when the slot goes or the module arrives
  }, [module]);

  if (failed) {
    return (
      <p class="reopen-banner reopen-banner--unknown" role="alert" data-testid="reopen-panel-failed">
        {t(locale, 'panel.loadFailed')}
      </p>
    );
  }
  return <div ref={ref} />;
}
