import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Options page and dashboard: each Page's labels switch (issue 22) and what the sync wrote. */
export function labelsHandlers(services: Pick<BackgroundServices, 'labels'>): HandlerMap<'labels.status' | 'labels.set'> {
  return {
    'labels.status': async () => ({ pages: await services.labels.status() }),
    'labels.set': (request) => services.labels.set(request.pageId, request.enabled, request.language),
  };
}
