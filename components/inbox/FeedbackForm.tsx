import type { Locale } from '../../lib/i18n';
import { optionalText, t, type InboxMessageKey } from '../../lib/i18n/inbox-strings';
import { FEEDBACK_LIMITS, textLength, validateFeedbackTemplate, type FeedbackProblem } from '../../lib/policy';
import type { FeedbackQuestionType, FeedbackTemplate } from '../../lib/policy/types';

export interface FeedbackFormProps {
  locale: Locale;
  value: FeedbackTemplate;
  /** After a blocked send, required fields left empty are marked too. */
  revealEmpty?: boolean;
  onChange: (value: FeedbackTemplate) => void;
}

export const EMPTY_FEEDBACK: FeedbackTemplate = {
  title: '',
  buttonTitle: '',
  question: { id: 'q1', type: 'csat' },
  privacyUrl: '',
  expiresInDays: 1,
};

const QUESTION_TYPES: FeedbackQuestionType[] = ['csat', 'nps', 'ces'];

function problemText(locale: Locale, problem: FeedbackProblem): string {
  const field = optionalText(locale, `policy.feedback.field.${problem.field}`) ?? problem.field;
  return t(locale, `policy.feedback.${problem.problem}`, { field, limit: problem.limit ?? '' });
}

interface FieldProps {
  locale: Locale;
  id: string;
  label: InboxMessageKey;
  value: string;
  limit?: number;
  problems: FeedbackProblem[];
  required?: boolean;
  /** The keyboard a touch device offers; the field stays text so the policy, not the browser, judges it. */
  inputMode?: 'url' | 'numeric';
  onInput: (value: string) => void;
}

function Field({ locale, id, label, value, limit, problems, required, inputMode, onInput }: FieldProps) {
  const countId = `${id}-count`;
  const problemId = `${id}-problem`;
  const described = [limit ? countId : '', problems.length ? problemId : ''].filter(Boolean).join(' ');
  return (
    <div class="reopen-field">
      <label for={id}>{t(locale, label)}</label>
      <input
        id={id}
        type="text"
        inputMode={inputMode}
        value={value}
        required={required}
        aria-invalid={problems.length > 0}
        aria-describedby={described || undefined}
        onInput={(event) => onInput(event.currentTarget.value)}
      />
      {limit ? (
        <span id={countId} class={`reopen-count${textLength(value) > limit ? ' reopen-count--over' : ''}`}>
          {t(locale, 'panel.feedback.count', { count: textLength(value), max: limit })}
        </span>
      ) : null}
      {problems.length ? (
        <span id={problemId} class="reopen-problem">
          {problems.map((problem) => problemText(locale, problem)).join(' ')}
        </span>
      ) : null}
    </div>
  );
}

/** Messenger's customer-feedback template: one question, Meta's limits checked as the agent types. */
export function FeedbackForm({ locale, value, revealEmpty = false, onChange }: FeedbackFormProps) {
  // Empty fields are not flagged before the agent has typed in them; everything else shows live.
  const problems = validateFeedbackTemplate(value);
  const problemsOf = (field: string, current: string) =>
    problems.filter((problem) => problem.field === field && (revealEmpty || !(problem.problem === 'empty' && current === '')));
  const set = (patch: Partial<FeedbackTemplate>) => onChange({ ...value, ...patch });
  const setQuestion = (patch: Partial<FeedbackTemplate['question']>) => onChange({ ...value, question: { ...value.question, ...patch } });
  const optional = (text: string) => (text === '' ? undefined : text);

  return (
    <fieldset class="reopen-feedback">
      <legend>{t(locale, 'panel.feedback.legend')}</legend>
      <Field
        locale={locale}
        id="reopen-fb-title"
        label="panel.feedback.title"
        value={value.title}
        limit={FEEDBACK_LIMITS.title}
        problems={problemsOf('title', value.title)}
        required
        onInput={(title) => set({ title })}
      />
      <Field
        locale={locale}
        id="reopen-fb-subtitle"
        label="panel.feedback.subtitle"
        value={value.subtitle ?? ''}
        limit={FEEDBACK_LIMITS.subtitle}
        problems={problemsOf('subtitle', value.subtitle ?? '')}
        onInput={(subtitle) => set({ subtitle: optional(subtitle) })}
      />
      <Field
        locale={locale}
        id="reopen-fb-button"
        label="panel.feedback.button"
        value={value.buttonTitle}
        limit={FEEDBACK_LIMITS.buttonTitle}
        problems={problemsOf('buttonTitle', value.buttonTitle)}
        required
        onInput={(buttonTitle) => set({ buttonTitle })}
      />
      <div class="reopen-field">
        <label for="reopen-fb-type">{t(locale, 'panel.feedback.questionType')}</label>
        <select id="reopen-fb-type" value={value.question.type} onChange={(event) => setQuestion({ type: event.currentTarget.value as FeedbackQuestionType })}>
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(locale, `panel.feedback.type.${type}`)}
            </option>
          ))}
        </select>
      </div>
      <Field
        locale={locale}
        id="reopen-fb-question"
        label="panel.feedback.questionTitle"
        value={value.question.title ?? ''}
        problems={problemsOf('question.title', value.question.title ?? '')}
        onInput={(title) => setQuestion({ title: optional(title) })}
      />
      <Field
        locale={locale}
        id="reopen-fb-qid"
        label="panel.feedback.questionId"
        value={value.question.id}
        limit={FEEDBACK_LIMITS.questionId}
        problems={problemsOf('question.id', value.question.id)}
        required
        onInput={(id) => setQuestion({ id })}
      />
      <Field
        locale={locale}
        id="reopen-fb-followup"
        label="panel.feedback.followUp"
        value={value.question.followUpPlaceholder ?? ''}
        problems={problemsOf('question.followUpPlaceholder', value.question.followUpPlaceholder ?? '')}
        onInput={(text) => setQuestion({ followUpPlaceholder: optional(text) })}
      />
      <Field
        locale={locale}
        id="reopen-fb-privacy"
        label="panel.feedback.privacyUrl"
        inputMode="url"
        value={value.privacyUrl}
        problems={problemsOf('privacyUrl', value.privacyUrl)}
        required
        onInput={(privacyUrl) => set({ privacyUrl })}
      />
      <Field
        locale={locale}
        id="reopen-fb-expires"
        label="panel.feedback.expires"
        inputMode="numeric"
        value={String(value.expiresInDays ?? '')}
        problems={problemsOf('expiresInDays', String(value.expiresInDays ?? ''))}
        onInput={(days) => set({ expiresInDays: days === '' ? undefined : Number(days) })}
      />
    </fieldset>
  );
}
