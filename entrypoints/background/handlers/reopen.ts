import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Content script: one human reactivation of one thread (at most once per request id). */
export function reopenHandlers(services: Pick<BackgroundServices, 'reopen'>): HandlerMap<'reopen.send'> {
  return {
    'reopen.send': (request) =>
      services.reopen.send({
        requestId: request.requestId,
        pageId: request.pageId,
        psid: request.psid,
        request: request.request,
        ...(request.retryOf ? { retryOf: request.retryOf } : {}),
      }),
  };
}
