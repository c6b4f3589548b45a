import { z } from 'zod';
import { LOCALES, type Locale } from '../i18n/core';
import { settingsPatchSchema, type SettingsPatch } from './schema';

// What an administrator can preset through the browser's enterprise policy (`storage.managed`, described by
// public/managed_schema.json). Pages preset there and settings fixed there cannot be changed by the agent.

const managedPageSchema = z.object({
  id: z.string().regex(/^[0-9A-Za-z_.-]{1,128}$/),
  token: z.string().min(1).max(1000),
  /** Labels in Business Suite (issue 22), set for the agent: on or off, and the labels' language. */
  labelsSync: z.boolean().optional(),
  labelsLanguage: z.enum(LOCALES).optional(),
});

export interface ManagedConfig {
  pages: { id: string; token: string; labelsSync?: boolean; labelsLanguage?: Locale }[];
  settings: SettingsPatch;
}

export const EMPTY_MANAGED_CONFIG: ManagedConfig = { pages: [], settings: {} };

/** Keeps every valid part of a policy: one mistyped entry must not drop the administrator's other presets. */
export function parseManagedConfig(raw: unknown): ManagedConfig {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const pages = Array.isArray(source.pages)
    ? source.pages.flatMap((entry) => {
        const parsed = managedPageSchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  const settings: Record<string, unknown> = {};
  const rawSettings = (source.settings && typeof source.settings === 'object' ? source.settings : {}) as Record<string, unknown>;
  for (const [field, schema] of Object.entries(settingsPatchSchema.shape)) {
    if (rawSettings[field] === undefined) continue;
    const parsed = (schema as z.ZodType).safeParse(rawSettings[field]);
    if (parsed.success && parsed.data !== undefined) settings[field] = parsed.data;
  }
  return { pages, settings: settings };
}

/** Reads the policy. Firefox without a managed-storage manifest, or no policy at all, means no presets. */
export async function readManagedConfig(area: { get(): Promise<Record<string, unknown>> } | undefined): Promise<ManagedConfig> {
  if (!area) return EMPTY_MANAGED_CONFIG;
  try {
    return parseManagedConfig(await area.get());
  } catch {
    return EMPTY_MANAGED_CONFIG;
  }
}
