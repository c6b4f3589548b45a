import type { BackgroundServices } from './services';
import type { HandlerMap } from './types';
import { withStorageNotice } from '../../storage/budget';
import { errorView } from '../../graph/error-view';

/** Content script: which customer this conversation is, and its window facts. */
export function threadHandlers(services: Pick<BackgroundServices, 'threads' | 'pages' | 'graph' | 'store'>): HandlerMap<
  'thread.get' | 'thread.choose' | 'templates.list'
> {
  return {
    // The banner also says when Reopen's storage is near or at its quota (it cannot record sends when full).
    'thread.get': async (request) =>
      withStorageNotice(await services.threads.get({
        pageId: request.pageId,
        selectedItemId: request.selectedItemId,
        platform: request.platform,
        displayName: request.displayName,
        refresh: request.refresh,
        awaitingName: request.awaitingName,
        conflictingNames: request.conflictingNames,
      }), services.store.usage),
    'thread.choose': async (request) =>
      withStorageNotice(
        await services.threads.choose({ pageId: request.pageId, selectedItemId: request.selectedItemId, psid: request.psid, platform: request.platform }),
        services.store.usage,
      ),
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
