import type { BackgroundServices } from './services';
import type { HandlerMap } from './types';
import { errorView } from '../../threads/view';

/** Content script: which customer this conversation is, and its window facts. */
export function threadHandlers(services: Pick<BackgroundServices, 'threads' | 'pages' | 'graph'>): HandlerMap<
  'thread.get' | 'thread.choose' | 'templates.list'
> {
  return {
    'thread.get': (request) =>
      services.threads.get({
        pageId: request.pageId,
        selectedItemId: request.selectedItemId,
        displayName: request.displayName,
        refresh: request.refresh,
        awaitingName: request.awaitingName,
        conflictingNames: request.conflictingNames,
      }),
    'thread.choose': (request) =>
      services.threads.choose({ pageId: request.pageId, selectedItemId: request.selectedItemId, psid: request.psid }),
    'templates.list': async (request) => {
      const access = await services.pages.pageForUse(request.pageId);
      if (!access.ok) {
        return { error: { kind: access.reason === 'page_needs_reconnect' ? 'token_invalid' : 'page_not_connected', retryable: false } };
      }
      const graph = await services.graph();
      const listing = await graph.templates(access.page.id, access.page.token);
      if (!listing.ok) {
        if (listing.error.code === 190) await services.pages.markNeedsReconnect(access.page.id);
        return { error: errorView(listing.error) };
      }
      return { templates: listing.value };
    },
  };
}
