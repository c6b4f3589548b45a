import { z } from 'zod';
import { settingsPatchSchema, type SettingsPatch, type SettingsView } from './schema';
import type { Settings } from '../storage/schema';
import { redactSecrets } from '../storage/secrets';
import type { ReopenStore } from '../storage/store';
import type { ManagedConfig } from './managed';

// Settings: the stored ones, overlaid by what an administrator fixed (locked). Export never carries a token.

export const SETTINGS_EXPORT_FORMAT = 'reopen-settings';
export const SETTINGS_EXPORT_VERSION = 1;

export interface SettingsServiceDeps {
  store: ReopenStore;
  managed: () => Promise<ManagedConfig>;
  now: () => number;
}

export interface SettingsService {
  /** The settings in force (stored, with the administrator's values on top). */
  effective: () => Promise<Settings>;
  get(): Promise<SettingsView>;
  set(patch: SettingsPatch): Promise<SettingsView>;
  exportJson(): Promise<{ json: string; filename: string }>;
  importJson(json: string): Promise<SettingsView | { error: 'invalid_json' | 'invalid_settings'; detail: string }>;
}

/** A settings file: every field optional (an older or hand-written file may carry only some). */
const settingsFileSchema = z.object({
  format: z.literal(SETTINGS_EXPORT_FORMAT),
  version: z.literal(SETTINGS_EXPORT_VERSION),
  settings: settingsPatchSchema,
});

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function createSettingsService(deps: SettingsServiceDeps): SettingsService {
  const { store, now } = deps;

  async function effective(): Promise<Settings> {
    const [stored, managed] = await Promise.all([store.getSettings(), deps.managed()]);
    return { ...stored, ...managed.settings };
  }

  async function view(): Promise<SettingsView> {
    const [settings, managed] = await Promise.all([effective(), deps.managed()]);
    return { ...settings, locked: Object.keys(managed.settings).sort() };
  }

  async function applyPatch(patch: SettingsPatch): Promise<void> {
    const managed = await deps.managed();
    // Locked keys are the administrator's: a patch cannot change them (the options page shows them disabled).
    const allowed = Object.fromEntries(Object.entries(patch).filter(([key, value]) => value !== undefined && !(key in managed.settings))) as SettingsPatch;
    const stored = await store.getSettings();
    await store.setSettings({ ...stored, ...allowed });
  }

  return {
    effective,
    get: view,
    async set(patch) {
      await applyPatch(patch);
      return view();
    },
    async exportJson() {
      const [settings, pages, quarantined] = await Promise.all([store.getSettings(), store.getPages(), store.quarantined()]);
      const tokens = pages.map((page) => page.token);
      const file = {
        format: SETTINGS_EXPORT_FORMAT,
        version: SETTINGS_EXPORT_VERSION,
        exportedAt: new Date(now()).toISOString(),
        settings,
        // For reference only: a token is never exported, so Pages are reconnected by hand after an import.
        pages: pages.map((page) => ({ id: page.id, name: page.name })),
        // Values that could not be read, kept for support (any token-like content removed).
        quarantine: redactSecrets(quarantined, tokens),
      };
      return { json: JSON.stringify(file, null, 2), filename: `reopen-settings-${isoDate(now())}.json` };
    },
    async importJson(json) {
      let raw: unknown;
      try {
        raw = JSON.parse(json);
      } catch {
        // The parser's message quotes the input; the file is the agent's own, but replies stay free of content.
        return { error: 'invalid_json', detail: 'The file is not valid JSON.' };
      }
      const parsed = settingsFileSchema.safeParse(raw);
      if (!parsed.success) {
        const detail = parsed.error.issues
          .slice(0, 5)
          .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
          .join('; ');
        return { error: 'invalid_settings', detail };
      }
      await applyPatch(parsed.data.settings);
      return view();
    },
  };
}
