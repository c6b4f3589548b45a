import { describe, expect, test } from 'vitest';
import { settingsPatchSchema } from '../../lib/settings/schema';
import type { SettingsView } from '../../lib/settings/schema';
import { formFromSettings, parsePromoTerms, validateSettingsForm, type SettingsFormValues } from './settingsForm';

const settings: SettingsView = {
  graphVersion: 'v25.0',
  language: 'browser',
  retentionDays: 90,
  promoTerms: ['descuento', 'coupon'],
  closesSoonMinutes: 120,
  locked: [],
};
const form = (over: Partial<SettingsFormValues> = {}): SettingsFormValues => ({ ...formFromSettings(settings), ...over });

describe('validateSettingsForm', () => {
  test('the stored settings round-trip into a patch the background schema accepts', () => {
    const result = validateSettingsForm(form(), []);
    expect(result).toEqual({
      ok: true,
      patch: { graphVersion: 'v25.0', language: 'browser', retentionDays: 90, promoTerms: ['descuento', 'coupon'], closesSoonMinutes: 120 },
    });
    if (result.ok) expect(settingsPatchSchema.safeParse(result.patch).success).toBe(true);
  });

  test.each([
    ['graphVersion', '25.0', 'options.problem.graphVersion'],
    ['graphVersion', 'v25', 'options.problem.graphVersion'],
    ['graphVersion', 'v25.0; drop', 'options.problem.graphVersion'],
    ['language', 'fr', 'options.problem.language'],
    ['retentionDays', '0', 'options.problem.retentionDays'],
    ['retentionDays', '3651', 'options.problem.retentionDays'],
    ['retentionDays', '12.5', 'options.problem.retentionDays'],
    ['retentionDays', '', 'options.problem.retentionDays'],
    ['closesSoonMinutes', '4', 'options.problem.closesSoonMinutes'],
    ['closesSoonMinutes', '1441', 'options.problem.closesSoonMinutes'],
    ['closesSoonMinutes', 'soon', 'options.problem.closesSoonMinutes'],
  ] as const)('%s = %j is refused with %s', (field, value, key) => {
    const result = validateSettingsForm(form({ [field]: value }), []);
    expect(result).toEqual({ ok: false, problems: [{ field, key }] });
  });

  test.each([
    ['graphVersion', ' v26.1 ', { graphVersion: 'v26.1' }],
    ['retentionDays', '3650', { retentionDays: 3650 }],
    ['retentionDays', ' 1 ', { retentionDays: 1 }],
    ['closesSoonMinutes', '1440', { closesSoonMinutes: 1440 }],
    ['closesSoonMinutes', '5', { closesSoonMinutes: 5 }],
    ['language', 'es', { language: 'es' }],
  ] as const)('%s = %j is accepted', (field, value, expected) => {
    const result = validateSettingsForm(form({ [field]: value }), []);
    expect(result.ok && result.patch).toMatchObject(expected);
  });

  test('a promotional term longer than 64 characters names its line', () => {
    const result = validateSettingsForm(form({ promoTerms: `oferta\n\n${'x'.repeat(65)}` }), []);
    expect(result).toEqual({
      ok: false,
      problems: [{ field: 'promoTerms', key: 'options.problem.promoTermTooLong', params: { line: 3 } }],
    });
  });

  test('more than 500 terms are refused', () => {
    const terms = Array.from({ length: 501 }, (_, i) => `term${i}`).join('\n');
    const result = validateSettingsForm(form({ promoTerms: terms }), []);
    expect(result.ok).toBe(false);
  });

  test('every problem is reported at once', () => {
    const result = validateSettingsForm(form({ graphVersion: 'x', retentionDays: '-1', closesSoonMinutes: '0' }), []);
    expect(result.ok ? [] : result.problems.map((p) => p.field)).toEqual(['graphVersion', 'retentionDays', 'closesSoonMinutes']);
  });

  test('locked fields are neither validated nor sent', () => {
    const result = validateSettingsForm(form({ graphVersion: 'garbage', retentionDays: '30' }), ['graphVersion', 'promoTerms']);
    expect(result).toEqual({ ok: true, patch: { language: 'browser', retentionDays: 30, closesSoonMinutes: 120 } });
  });
});

test('promotional terms: one per line, trimmed, blank lines skipped, repeats kept once', () => {
  expect(parsePromoTerms('  Oferta \r\n\ncupón\noferta\n% off\n').terms).toEqual(['Oferta', 'cupón', '% off']);
});
