import { describe, expect, test } from 'vitest';
import en from '../../locales/en';
import es from '../../locales/es';
import { t } from '../i18n';
import { ROUTES, TAG_RETIREMENT_AT } from './catalog';
import type { FeedbackProblem } from './feedback';
import { BLOCK_REASONS, type WindowState } from './types';

// Every code the rules can produce must have words in both languages, or the UI would show a key.

const STATES: Record<WindowState, true> = { open: true, human_agent: true, closed: true, unknown: true };
const PROBLEMS: Record<FeedbackProblem['problem'], true> = {
  empty: true,
  too_long: true,
  has_url: true,
  invalid_id: true,
  out_of_range: true,
  invalid_url: true,
};
const FIELDS = ['title', 'subtitle', 'buttonTitle', 'question.id', 'question.title', 'privacyUrl', 'expiresInDays'];

const required = [
  ...BLOCK_REASONS.map((reason) => `policy.reason.${reason}`),
  ...Object.keys(STATES).map((state) => `policy.state.${state}`),
  ...ROUTES.map((route) => `policy.route.${route.id}.name`),
  ...Object.keys(PROBLEMS).map((problem) => `policy.feedback.${problem}`),
  ...FIELDS.map((field) => `policy.feedback.field.${field}`),
  'policy.retiredOn',
];

describe('policy messages', () => {
  test.each(required)('%s exists in English and Spanish', (key) => {
    expect(en).toHaveProperty([key]);
    expect(es).toHaveProperty([key]);
  });

  test('the cooldown message says when the next reactivation is possible', () => {
    expect(t('en', 'policy.reason.cooldown', { until: 'May 12, 3:00 PM' })).toBe(
      'One reactivation per conversation every 24 hours. Next one possible May 12, 3:00 PM.',
    );
    expect(t('es', 'policy.reason.cooldown', { until: '12 may, 15:00' })).toContain('12 may, 15:00');
  });

  test('feedback problems name the field and the limit', () => {
    expect(t('es', 'policy.feedback.too_long', { field: t('es', 'policy.feedback.field.title'), limit: 65 })).toBe('Título: máximo 65 caracteres.');
  });

  test('the retirement note carries the date', () => {
    const date = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(TAG_RETIREMENT_AT);
    expect(t('en', 'policy.retiredOn', { date })).toBe('Retired by Meta on Apr 27, 2026 — use a utility message instead');
  });
});
