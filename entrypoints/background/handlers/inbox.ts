import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Content script: which Business Suite anchors were found, so the options page can show layout health. */
export function inboxHandlers(services: Pick<BackgroundServices, 'store' | 'openOptionsPage'>): HandlerMap<'inbox.health' | 'options.open'> {
  return {
    // The banner's "Connect this Page": only the background may open the extension's own pages.
    'options.open': async () => {
      await services.openOptionsPage();
      return { opened: true };
    },
    'inbox.health': async (request) => {
      await services.store.setInboxHealth(request.report);
      return { recorded: true };
    },
  };
}
