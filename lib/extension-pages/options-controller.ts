// The options page's controller: every change goes through the background, which owns storage and tokens; the view
// (components/options/OptionsApp.tsx) renders what this reads and calls these actions.
import type { Ask } from '../messaging/client';
import type { ResponseOf } from '../messaging/responses';
import type { PageView, PickResult } from '../pages/view';
import type { SettingsPatch, SettingsView } from '../settings/schema';
import { downloadText } from './download';
import { errorDetail } from './error-detail';

export type OptionsLoad = { status: 'loading' } | { status: 'ready'; pages: PageView[]; settings: SettingsView } | { status: 'failed'; detail: string };

export interface OptionsController {
  /** Reads the Pages and the settings. */
  open: () => Promise<void>;
  /** Connects a Page by its token, reading the Page list again when it connected. A failure to ask is an error the
   *  form shows, never a throw. */
  connect: (token: string) => Promise<ResponseOf<'pages.connect'>>;
  /** Connects Pages picked from a person's offer (their token comes again, see lib/messaging/protocol.ts), reading
   *  the Page list again when one connected. A failure to ask is every Page's error, never a throw. */
  pick: (personToken: string, pageIds: string[]) => Promise<PickResult[]>;
  disconnect: (pageId: string) => Promise<void>;
  /** Saves the settings form; the form then shows what the background kept. */
  saveSettings: (patch: SettingsPatch) => Promise<SettingsView>;
  /** Saves one setting on its own, without replacing the settings the form shows (that would drop its unsaved edits). */
  saveSetting: (patch: SettingsPatch) => Promise<SettingsView>;
  exportSettings: () => Promise<{ filename: string }>;
  importSettings: (json: string) => Promise<ResponseOf<'settings.import'>>;
}

/** `setLoad` is the view's own state (it starts as `loading`): this changes it with what the background answers. */
export function createOptionsController(ask: Ask, setLoad: (next: (current: OptionsLoad) => OptionsLoad) => void): OptionsController {
  const update = (patch: Partial<{ pages: PageView[]; settings: SettingsView }>) =>
    setLoad((current) => (current.status === 'ready' ? { ...current, ...patch } : current));
  const refreshPages = async () => update({ pages: (await ask({ type: 'pages.list' })).pages });

  return {
    async open() {
      await Promise.all([ask({ type: 'pages.list' }), ask({ type: 'settings.get' })])
        .then(([pagesReply, settings]) => setLoad(() => ({ status: 'ready', pages: pagesReply.pages, settings })))
        .catch((error: unknown) => setLoad(() => ({ status: 'failed', detail: errorDetail(error) })));
    },
    async connect(token) {
      try {
        const result = await ask({ type: 'pages.connect', token });
        if ('page' in result) await refreshPages().catch(() => undefined);
        return result;
      } catch (error) {
        return { error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) } };
      }
    },
    async pick(personToken, pageIds) {
      try {
        const { results } = await ask({ type: 'pages.pick', token: personToken, pageIds });
        if (results.some((result) => 'page' in result)) await refreshPages().catch(() => undefined);
        return results;
      } catch (error) {
        const detail = errorDetail(error);
        return pageIds.map((pageId) => ({ pageId, error: { kind: 'unknown_error', retryable: true, metaMessage: detail } }));
      }
    },
    async disconnect(pageId) {
      update({ pages: (await ask({ type: 'pages.disconnect', pageId })).pages });
    },
    async saveSettings(patch) {
      const settings = await ask({ type: 'settings.set', patch });
      update({ settings });
      return settings;
    },
    saveSetting: (patch) => ask({ type: 'settings.set', patch }),
    async exportSettings() {
      const { json, filename } = await ask({ type: 'settings.export' });
      downloadText(json, filename, 'application/json');
      return { filename };
    },
    async importSettings(json) {
      const result = await ask({ type: 'settings.import', json });
      if (!('error' in result)) update({ settings: result });
      return result;
    },
  };
}
