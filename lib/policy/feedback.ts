import { textLength } from './text';
import type { FeedbackTemplate } from './types';

// Meta's limits for the customer-feedback template (reference/meta-messenger.md §2). Meta rejects
// a template that breaks them, so the panel checks before sending and names the field to fix.

export const FEEDBACK_LIMITS = {
  title: 65,
  subtitle: 80,
  buttonTitle: 20,
  questionId: 80,
  expiresInDays: [1, 7],
} as const;

export interface FeedbackProblem {
  /** The template field at fault: 'title', 'subtitle', 'buttonTitle', 'question.id', 'privacyUrl', 'expiresInDays'. */
  field: string;
  problem: 'empty' | 'too_long' | 'has_url' | 'invalid_id' | 'out_of_range' | 'invalid_url';
  /** The limit broken: the maximum length, or the maximum days for out_of_range. */
  limit?: number;
}

/** Links in any form Meta would see as one: a scheme, "www.", or a bare domain with a common ending. */
const URL_LIKE =
  /[a-z][a-z0-9+.-]*:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|net|org|info|biz|io|co|me|ly|gl|app|shop|store|online|site|link|mx|ar|cl|pe|es|uy|ec|bo|py|ve|br|us|uk)(?![a-z0-9])/i;

const QUESTION_ID = /^[A-Za-z0-9_]+$/;

function checkLabel(problems: FeedbackProblem[], field: string, value: string | undefined, limit: number, required: boolean): void {
  if (value === undefined || value.trim() === '') {
    if (required) problems.push({ field, problem: 'empty' });
    return;
  }
  if (textLength(value) > limit) problems.push({ field, problem: 'too_long', limit });
  if (URL_LIKE.test(value)) problems.push({ field, problem: 'has_url' });
}

function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.hostname !== '';
  } catch {
    return false;
  }
}

/** Every problem with the template, in form order; empty when Meta should accept it. */
export function validateFeedbackTemplate(template: FeedbackTemplate): FeedbackProblem[] {
  const problems: FeedbackProblem[] = [];
  checkLabel(problems, 'title', template.title, FEEDBACK_LIMITS.title, true);
  checkLabel(problems, 'subtitle', template.subtitle, FEEDBACK_LIMITS.subtitle, false);
  checkLabel(problems, 'buttonTitle', template.buttonTitle, FEEDBACK_LIMITS.buttonTitle, true);

  const id = template.question.id;
  if (id === '') {
    problems.push({ field: 'question.id', problem: 'empty' });
  } else {
    if (id.length > FEEDBACK_LIMITS.questionId) {
      problems.push({ field: 'question.id', problem: 'too_long', limit: FEEDBACK_LIMITS.questionId });
    }
    if (!QUESTION_ID.test(id)) problems.push({ field: 'question.id', problem: 'invalid_id' });
  }

  if (template.privacyUrl.trim() === '') problems.push({ field: 'privacyUrl', problem: 'empty' });
  else if (!isHttpsUrl(template.privacyUrl)) problems.push({ field: 'privacyUrl', problem: 'invalid_url' });

  const days = template.expiresInDays;
  const [minDays, maxDays] = FEEDBACK_LIMITS.expiresInDays;
  // Optional: Meta's default is 1 day.
  if (days !== undefined && !(Number.isInteger(days) && days >= minDays && days <= maxDays)) {
    problems.push({ field: 'expiresInDays', problem: 'out_of_range', limit: maxDays });
  }
  return problems;
}
