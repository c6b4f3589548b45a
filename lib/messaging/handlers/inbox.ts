import type { BackgroundServices } from './services';
import type { HandlerMap } from './types';

/** Content script: which Business Suite anchors were found, so the options page can show layout health. */
export function inboxHandlers(services: Pick<BackgroundServices, 'store'>): HandlerMap<'inbox.health'> {
  return {
    'inbox.health': async (request) => {
      await services.store.setInboxHealth(request.report);
      return { recorded: true };
    },
  };
}
