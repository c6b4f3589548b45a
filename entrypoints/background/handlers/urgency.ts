import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Content script: the facts behind the conversation list's row badges (the listing is read at most once a minute). */
export function urgencyHandlers(services: Pick<BackgroundServices, 'urgency'>): HandlerMap<'urgency.rows'> {
  return {
    'urgency.rows': (request) => services.urgency.rows(request.pageId),
  };
}
