import { inboxStrings } from '../../../lib/i18n/areas';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Content script: the words of the banner and the panel, in the one language the agent sees. */
export function stringsHandlers(): HandlerMap<'ui.strings'> {
  return {
    'ui.strings': (request) => Promise.resolve({ locale: request.locale, strings: inboxStrings(request.locale) }),
  };
}
