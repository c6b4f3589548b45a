import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Popup: the whole-Page scan (started here, polled with overview.status). */
export function overviewHandlers(services: Pick<BackgroundServices, 'overview'>): HandlerMap<'overview.scan' | 'overview.status' | 'overview.cancel'> {
  return {
    'overview.scan': (request) => services.overview.scan(request.pageId, request.limit),
    'overview.status': (request) => services.overview.status(request.pageId),
    'overview.cancel': (request) => services.overview.cancel(request.pageId),
  };
}
