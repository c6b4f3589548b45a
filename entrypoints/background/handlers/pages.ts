import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Options page: connect Pages by token (or pick a person's Pages); replies carry PageViews and offers, never a token. */
export function pageHandlers(
  services: Pick<BackgroundServices, 'pages' | 'store' | 'labels'>,
): HandlerMap<'pages.list' | 'pages.connect' | 'pages.pick' | 'pages.disconnect'> {
  return {
    'pages.list': async () => {
      const [pages, health] = await Promise.all([services.pages.list(), services.store.getInboxHealth()]);
      return health ? { pages, health } : { pages };
    },
    'pages.connect': (request) => services.pages.connect(request.token),
    'pages.pick': async (request) => ({ results: await services.pages.pick(request.token, request.pageIds) }),
    'pages.disconnect': async (request) => {
      // Reopen's labels leave Business Suite with the Page, while its token still works (issue 22).
      await services.labels.release(request.pageId);
      return { pages: await services.pages.disconnect(request.pageId) };
    },
  };
}
