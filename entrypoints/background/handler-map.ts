import { inboxHandlers } from './handlers/inbox';
import { labelsHandlers } from './handlers/labels';
import { overviewHandlers } from './handlers/overview';
import { pageHandlers } from './handlers/pages';
import { reopenHandlers } from './handlers/reopen';
import type { BackgroundServices } from './services';
import { settingsHandlers } from './handlers/settings';
import { stringsHandlers } from './handlers/strings';
import { summaryHandlers } from './handlers/summary';
import { threadHandlers } from './handlers/threads';
import { urgencyHandlers } from './handlers/urgency';
import type { HandlerMap } from '../../lib/messaging/router';

/** Every message type's handler, each area in its own file. */
export function createHandlers(services: BackgroundServices): HandlerMap {
  return {
    ...threadHandlers(services),
    ...reopenHandlers(services),
    ...inboxHandlers(services),
    ...summaryHandlers(services),
    ...overviewHandlers(services),
    ...pageHandlers(services),
    ...settingsHandlers(services),
    ...stringsHandlers(),
    ...urgencyHandlers(services),
    ...labelsHandlers(services),
  };
}
