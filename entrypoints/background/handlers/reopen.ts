import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';
import { refuseUnproven } from '../../../lib/send/recipient-guard';

/** Content script: one human reactivation of one thread (at most once per request id), only to a proven person. */
export function reopenHandlers(services: Pick<BackgroundServices, 'reopen' | 'threads' | 'now'>): HandlerMap<'reopen.send'> {
  return {
    'reopen.send': async (request) =>
      (await refuseUnproven(services.threads, request, services.now)) ??
      services.reopen.send({
        requestId: request.requestId,
        pageId: request.pageId,
        psid: request.psid,
        request: request.request,
        ...(request.retryOf ? { retryOf: request.retryOf } : {}),
      }),
  };
}
