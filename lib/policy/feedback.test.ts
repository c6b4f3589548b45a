import { describe, expect, test } from 'vitest';
import { FEEDBACK_LIMITS, validateFeedbackTemplate } from './feedback';
import type { FeedbackTemplate } from './types';

const valid: FeedbackTemplate = {
  title: 'How did we do with your order?',
  subtitle: 'It takes ten seconds',
  buttonTitle: 'Rate us',
  question: { id: 'order_csat_1', type: 'csat', title: 'How satisfied are you?' },
  privacyUrl: 'https://example.com/privacy',
  expiresInDays: 3,
};
const problemsOf = (change: Partial<FeedbackTemplate>) => validateFeedbackTemplate({ ...valid, ...change });
const withId = (id: string) => validateFeedbackTemplate({ ...valid, question: { ...valid.question, id } });

describe('validateFeedbackTemplate', () => {
  test('a complete template has no problems', () => {
    expect(validateFeedbackTemplate(valid)).toEqual([]);
    const { subtitle: _s, expiresInDays: _e, ...minimal } = valid;
    expect(validateFeedbackTemplate(minimal)).toEqual([]);
  });

  test.each([
    ['title', FEEDBACK_LIMITS.title],
    ['subtitle', FEEDBACK_LIMITS.subtitle],
    ['buttonTitle', FEEDBACK_LIMITS.buttonTitle],
  ] as const)('%s: %d characters pass, one more is too long', (field, limit) => {
    expect(problemsOf({ [field]: 'x'.repeat(limit) })).toEqual([]);
    expect(problemsOf({ [field]: 'x'.repeat(limit + 1) })).toEqual([{ field, problem: 'too_long', limit }]);
  });

  test('lengths count characters, not UTF-16 units', () => {
    expect(problemsOf({ buttonTitle: '⭐'.repeat(20) })).toEqual([]);
  });

  test.each(['title', 'buttonTitle'] as const)('%s must not be empty or blank', (field) => {
    expect(problemsOf({ [field]: '' })).toEqual([{ field, problem: 'empty' }]);
    expect(problemsOf({ [field]: '   ' })).toEqual([{ field, problem: 'empty' }]);
  });

  test.each([
    ['Visit https://shop.example/rate', true],
    ['Go to www.example.org', true],
    ['Rate acme.com today', true],
    ['bit.ly/rate-us', true],
    ['Rate your visit. Thanks!', false],
    ['Rate v1.2 of our service', false],
  ] as const)('%s → has a URL: %s', (text, hasUrl) => {
    for (const field of ['title', 'subtitle', 'buttonTitle'] as const) {
      const problems = problemsOf({ [field]: text });
      expect(problems.some((p) => p.field === field && p.problem === 'has_url')).toBe(hasUrl);
    }
  });

  test.each([
    ['q1', []],
    ['A_b_9', []],
    ['x'.repeat(80), []],
    ['x'.repeat(81), [{ field: 'question.id', problem: 'too_long', limit: 80 }]],
    ['', [{ field: 'question.id', problem: 'empty' }]],
    ['q-1', [{ field: 'question.id', problem: 'invalid_id' }]],
    ['q 1', [{ field: 'question.id', problem: 'invalid_id' }]],
    ['pregunta_ñ', [{ field: 'question.id', problem: 'invalid_id' }]],
  ] as const)('question id %j', (id, expected) => {
    expect(withId(id)).toEqual(expected);
  });

  test.each([
    [1, true],
    [7, true],
    [0, false],
    [8, false],
    [2.5, false],
  ] as const)('expiresInDays %d accepted: %s', (days, ok) => {
    expect(problemsOf({ expiresInDays: days })).toEqual(ok ? [] : [{ field: 'expiresInDays', problem: 'out_of_range', limit: 7 }]);
  });

  test.each([
    ['https://example.com/privacy', null],
    ['http://example.com/privacy', 'invalid_url'],
    ['example.com/privacy', 'invalid_url'],
    ['javascript:alert(1)', 'invalid_url'],
    ['https://', 'invalid_url'],
    ['', 'empty'],
  ] as const)('privacy URL %j → %s', (privacyUrl, problem) => {
    expect(problemsOf({ privacyUrl })).toEqual(problem ? [{ field: 'privacyUrl', problem }] : []);
  });

  test('reports every problem at once, in form order', () => {
    expect(
      validateFeedbackTemplate({
        title: '',
        buttonTitle: 'Tap www.example.com now!',
        question: { id: 'bad id', type: 'nps' },
        privacyUrl: 'ftp://example.com',
        expiresInDays: 9,
      }).map((p) => `${p.field}:${p.problem}`),
    ).toEqual(['title:empty', 'buttonTitle:too_long', 'buttonTitle:has_url', 'question.id:invalid_id', 'privacyUrl:invalid_url', 'expiresInDays:out_of_range']);
  });
});
