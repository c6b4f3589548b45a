import { browser } from 'wxt/browser';
import { PANEL_MODULE_GLOBAL, type PanelLoader, type PanelModule } from '../../components/inbox/lazy-panel';
import type { InboxDeps, SendAction } from '../../lib/conversation/inbox-store';

// The panel script (entrypoints/reopen-panel.ts) is imported from the extension's own files on the panel's first open:
// a dynamic import() from a content script runs in the content script's world, and the file is a web-accessible
// resource for business.facebook.com only (wxt.config.ts). Loaded once per page; a failed load may be tried again.
const PANEL_SCRIPT = '/reopen-panel.js';

const loaded = (): PanelModule | null => ((globalThis as Record<string, unknown>)[PANEL_MODULE_GLOBAL] as PanelModule | undefined) ?? null;
let loading: Promise<PanelModule> | null = null;

export const panelLoader: PanelLoader = {
  loaded,
  load() {
    loading ??= import(/* @vite-ignore */ (browser.runtime.getURL as (path: string) => string)(PANEL_SCRIPT)).then(() => {
      const module = loaded();
      if (!module) throw new Error('no panel');
      return module;
    });
    loading.catch(() => (loading = null));
    return loading;
  },
};

/** One send from the panel (the inbox store's `send`): the panel script's, which is loaded by then (only the panel
 *  sends). */
export const panelSend: SendAction = (...args) => {
  const module = loaded();
  if (!module) return Promise.reject(new Error('no panel'));
  return module.send(...args);
};

/** The Page's templates for the panel (the inbox store's `loadTemplates`): likewise the panel script's. */
export const panelTemplates: InboxDeps['loadTemplates'] = (scope) => loaded()?.loadTemplates(scope) ?? Promise.resolve();

/** The agent's pick among the customers (the inbox store's `choose`): the panel script's, loaded by then (only it draws
 *  the candidate list and the recipient check). */
export const panelChoose: InboxDeps['choose'] = (psid, scope) => loaded()?.choose(psid, scope) ?? Promise.resolve();
