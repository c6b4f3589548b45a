import type { BackgroundServices } from '../services';
import type { HandlerMap } from '../../../lib/messaging/router';

/** Options page: settings, their export (no token) and import (validated; nothing changes on error). */
export function settingsHandlers(
  services: Pick<BackgroundServices, 'settings'>,
): HandlerMap<'settings.get' | 'settings.set' | 'settings.export' | 'settings.import'> {
  return {
    'settings.get': () => services.settings.get(),
    'settings.set': (request) => services.settings.set(request.patch),
    'settings.export': () => services.settings.exportJson(),
    'settings.import': (request) => services.settings.importJson(request.json),
  };
}
