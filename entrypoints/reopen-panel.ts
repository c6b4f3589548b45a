import { panelModule } from '../components/inbox/panel-module';
import { PANEL_MODULE_GLOBAL } from '../components/inbox/lazy-panel';

// The reopen panel, loaded by the inbox content script on the panel's first open (entrypoints/inbox.content/
// panel-loader.ts), so the script every inbox tab runs all day does not carry it. It runs in the content script's
// own world and leaves its entry there (components/inbox/lazy-panel.tsx); the page cannot see it.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[PANEL_MODULE_GLOBAL] = panelModule;
});
