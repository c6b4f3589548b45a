import type { MessageKey, MessageParams } from '../../lib/i18n';
import type { SettingsPatch } from '../../lib/settings/schema';
import type { SettingsView } from '../../lib/settings/schema';

// The settings form as text fields, validated here before anything is sent, with the same bounds the
// background's Zod schema enforces — so a manager sees which field is wrong instead of a refused message.

export interface SettingsFormValues {
  graphVersion: string;
  language: string;
  retentionDays: string;
  /** One term per line. */
  promoTerms: string;
  closesSoonMinutes: string;
}

export type SettingsField = keyof SettingsFormValues;

export interface FieldProblem {
  field: SettingsField;
  key: MessageKey;
  params?: MessageParams;
}

export const SETTINGS_FIELDS: readonly SettingsField[] = ['graphVersion', 'language', 'retentionDays', 'promoTerms', 'closesSoonMinutes'];

export const BOUNDS = {
  retentionDays: [1, 3650],
  closesSoonMinutes: [5, 24 * 60],
  promoTermLength: 64,
  promoTerms: 500,
} as const;

export function formFromSettings(settings: SettingsView): SettingsFormValues {
  return {
    graphVersion: settings.graphVersion,
    language: settings.language,
    retentionDays: String(settings.retentionDays),
    promoTerms: settings.promoTerms.join('\n'),
    closesSoonMinutes: String(settings.closesSoonMinutes),
  };
}

function wholeNumberIn(text: string, [min, max]: readonly [number, number]): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,7}$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= min && value <= max ? value : null;
}

/** Non-empty trimmed lines; a repeated term (ignoring case) is kept once. */
export function parsePromoTerms(text: string): { terms: string[]; lines: { line: number; term: string }[] } {
  const seen = new Set<string>();
  const terms: string[] = [];
  const lines: { line: number; term: string }[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const term = raw.trim();
    if (!term) return;
    lines.push({ line: index + 1, term });
    const folded = term.toLocaleLowerCase();
    if (seen.has(folded)) return;
    seen.add(folded);
    terms.push(term);
  });
  return { terms, lines };
}

export type SettingsValidation = { ok: true; patch: SettingsPatch } | { ok: false; problems: FieldProblem[] };

/**
 * Validates every unlocked field and builds the patch to save. Locked fields (fixed by an administrator
 * through managed storage) are neither validated nor sent: the background would ignore them anyway.
 */
export function validateSettingsForm(values: SettingsFormValues, locked: readonly string[]): SettingsValidation {
  const problems: FieldProblem[] = [];
  const patch: SettingsPatch = {};
  const open = (field: SettingsField) => !locked.includes(field);

  if (open('graphVersion')) {
    const version = values.graphVersion.trim();
    if (/^v\d{1,3}\.\d{1,2}$/.test(version)) patch.graphVersion = version;
    else problems.push({ field: 'graphVersion', key: 'options.problem.graphVersion' });
  }
  if (open('language')) {
    const language = values.language;
    if (language === 'browser' || language === 'en' || language === 'es') patch.language = language;
    else problems.push({ field: 'language', key: 'options.problem.language' });
  }
  if (open('retentionDays')) {
    const days = wholeNumberIn(values.retentionDays, BOUNDS.retentionDays);
    if (days === null) problems.push({ field: 'retentionDays', key: 'options.problem.retentionDays' });
    else patch.retentionDays = days;
  }
  if (open('closesSoonMinutes')) {
    const minutes = wholeNumberIn(values.closesSoonMinutes, BOUNDS.closesSoonMinutes);
    if (minutes === null) problems.push({ field: 'closesSoonMinutes', key: 'options.problem.closesSoonMinutes' });
    else patch.closesSoonMinutes = minutes;
  }
  if (open('promoTerms')) {
    const { terms, lines } = parsePromoTerms(values.promoTerms);
    const tooLong = lines.find((entry) => [...entry.term].length > BOUNDS.promoTermLength);
    if (tooLong) {
      problems.push({ field: 'promoTerms', key: 'options.problem.promoTermTooLong', params: { line: tooLong.line } });
    } else if (terms.length > BOUNDS.promoTerms) {
      problems.push({ field: 'promoTerms', key: 'options.problem.promoTermsTooMany' });
    } else {
      patch.promoTerms = terms;
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, patch };
}
