import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';
import { panelShortcut } from '../../../lib/messaging/commands';

/** Content script: which Business Suite anchors were found, so the options page can show layout health. */
export function inboxHandlers(
  services: Pick<BackgroundServices, 'store' | 'openOptionsPage' | 'commands'>,
): HandlerMap<'inbox.health' | 'options.open' | 'shortcut.get'> {
  return {
    // The banner's "Connect this Page": only the background may open the extension's own pages.
    'options.open': async () => {
      await services.openOptionsPage();
      return { opened: true };
    },
    // The panel opener's title and the options page name the key the browser assigned, whatever the agent chose.
    'shortcut.get': async () => ({ shortcut: panelShortcut(await services.commands().catch(() => [])) }),
    'inbox.health': async (request) => {
      await services.store.setInboxHealth(request.report);
      return { recorded: true };
    },
  };
}
