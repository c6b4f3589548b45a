import { z } from 'zod';
import { GRAPH_VERSION_PATTERN } from '../graph/config';
import { settingsSchema, type Settings } from '../storage/schema';

// The settings as the options page changes them (settings.set, an imported file, the administrator's policy): the
// stored fields (lib/storage/schema.ts), each optional here and held to the bounds the options page allows.

const stored = settingsSchema.shape;

export const settingsPatchSchema = z.object({
  graphVersion: stored.graphVersion.regex(GRAPH_VERSION_PATTERN).optional(),
  language: stored.language.optional(),
  retentionDays: stored.retentionDays.min(1).max(3650).optional(),
  promoTerms: z.array(z.string().min(1).max(64)).max(500).optional(),
  closesSoonMinutes: stored.closesSoonMinutes
    .min(5)
    .max(24 * 60)
    .optional(),
  notifyClosing: stored.notifyClosing,
});

export type SettingsPatch = z.infer<typeof settingsPatchSchema>;

/** The settings in force as the options page and the inbox read them (settings.get). */
export type SettingsView = Settings & {
  /** Keys an administrator fixed through managed storage. */
  locked: string[];
};
