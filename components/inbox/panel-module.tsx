// The reopen panel's entry for the panel script (entrypoints/reopen-panel.ts), and for tests, which bundle it. It renders
// with the Preact of the bundle it is in: in the built extension its own copy, a render root of its own.
import { render } from 'preact';
import { installStrings } from '../../lib/i18n/inbox-strings';
import { sendAction } from '../../lib/conversation/send-action';
import type { Locale } from '../../lib/i18n/core';
import { LastOutcome } from './LastOutcome';
import { ReopenPanel } from './ReopenPanel';
import type { PanelLoader, PanelModule } from './lazy-panel';

export const panelModule: PanelModule = {
  send: sendAction,
  render(container, view, strings) {
    if (!view) return render(null, container);
    // The panel script has its own copy of the words' module: give it the words the content script holds.
    for (const [locale, catalog] of Object.entries(strings)) if (catalog) installStrings(locale as Locale, catalog);
    render(view.kind === 'panel' ? <ReopenPanel key={view.key} {...view.props} /> : <LastOutcome {...view.props} />, container);
  },
};

/** The panel bundled with the caller, ready at once (component tests). */
export const bundledPanel: PanelLoader = { loaded: () => panelModule, load: () => Promise.resolve(panelModule) };
