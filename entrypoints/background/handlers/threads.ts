import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';
import { withStorageNotice } from '../../../lib/storage/budget';
import { listTemplates } from '../../../lib/pages/templates';
import { withPageBlock } from '../../../lib/send/blocks';

/** Content script: which customer this conversation is, and its window facts. */
export function threadHandlers(
  services: Pick<BackgroundServices, 'threads' | 'pages' | 'graph' | 'store' | 'now'>,
): HandlerMap<'thread.get' | 'thread.choose' | 'templates.list'> {
  return {
    // The banner also says when Reopen's storage is near or at its quota (it cannot record sends when full), and the
    // panel whether Meta restricted the Page (a block never stops reading).
    'thread.get': async (request) =>
      withStorageNotice(
        await withPageBlock(
          await services.threads.get({
            pageId: request.pageId,
            selectedItemId: request.selectedItemId,
            platform: request.platform,
            displayName: request.displayName,
            refresh: request.refresh,
            awaitingName: request.awaitingName,
            conflictingNames: request.conflictingNames,
            pane: request.pane,
          }),
          services.store,
          services.now(),
        ),
        services.store.usage,
      ),
    'thread.choose': async (request) =>
      withStorageNotice(
        await withPageBlock(
          await services.threads.choose({ pageId: request.pageId, selectedItemId: request.selectedItemId, psid: request.psid, platform: request.platform }),
          services.store,
          services.now(),
        ),
        services.store.usage,
      ),
    'templates.list': (request) => listTemplates(services, request.pageId),
  };
}
