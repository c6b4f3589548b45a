import { inboxHandlers } from './inbox';
import { overviewHandlers } from './overview';
import { pageHandlers } from './pages';
import { reopenHandlers } from './reopen';
import type { BackgroundServices } from './services';
import { settingsHandlers } from './settings';
import { stringsHandlers } from './strings';
import { summaryHandlers } from './summary';
import { threadHandlers } from './threads';
import { urgencyHandlers } from './urgency';
import type { HandlerMap } from './types';

export { createServices, type BackgroundDeps, type BackgroundServices } from './services';
export type { Handler, HandlerMap } from './types';

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
  };
}
