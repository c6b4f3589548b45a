import type { FeedbackQuestionType, FeedbackTemplate, ReopenRequest } from '../policy/types';

// The Send API bodies, exactly as Meta documents them (reference/meta-messenger.md §1, §2, §9).

/** A request whose route and content do not go together; nothing is sent. */
export class SendBodyError extends Error {
  constructor(readonly reason: 'route_content_mismatch') {
    super(`The ${reason.replace(/_/g, ' ')} cannot be sent`);
    this.name = 'SendBodyError';
  }
}

// Scales per question type, from Meta's customer feedback template doc: CSAT 1–5 shown as stars
// (Meta's own default), NPS 0–10, CES 1–7. "neg_pos" labels the low end negative and the high end positive.
const FEEDBACK_SCALE: Record<FeedbackQuestionType, { score_label: string; score_option: string }> = {
  csat: { score_label: 'neg_pos', score_option: 'five_stars' },
  nps: { score_label: 'neg_pos', score_option: 'zero_to_ten' },
  ces: { score_label: 'neg_pos', score_option: 'one_to_seven' },
};

/** Meta's default when a feedback template does not say how long it stays answerable. */
const DEFAULT_FEEDBACK_EXPIRY_DAYS = 1;

function feedbackPayload(template: FeedbackTemplate): Record<string, unknown> {
  const question: Record<string, unknown> = { id: template.question.id, type: template.question.type };
  // Without a title Meta shows its default question, translated into the customer's language.
  if (template.question.title) question.title = template.question.title;
  Object.assign(question, FEEDBACK_SCALE[template.question.type]);
  if (template.question.followUpPlaceholder) {
    question.follow_up = { type: 'free_form', placeholder: template.question.followUpPlaceholder };
  }
  const payload: Record<string, unknown> = { template_type: 'customer_feedback', title: template.title };
  if (template.subtitle) payload.subtitle = template.subtitle;
  payload.button_title = template.buttonTitle;
  payload.feedback_screens = [{ questions: [question] }];
  payload.business_privacy = { url: template.privacyUrl };
  payload.expires_in_days = template.expiresInDays ?? DEFAULT_FEEDBACK_EXPIRY_DAYS;
  return payload;
}

/**
 * The JSON body of `POST /{page}/messages` for one reactivation. Tagged text and the feedback template
 * travel as MESSAGE_TAG (they are sent outside the 24 h window); a utility template as UTILITY, untagged.
 * Throws SendBodyError when the content does not belong to the route.
 */
export function buildSendBody(psid: string, request: ReopenRequest): Record<string, unknown> {
  const recipient = { id: psid };
  const { route, content } = request;
  if (route === 'UTILITY') {
    if (content.kind !== 'utility') throw new SendBodyError('route_content_mismatch');
    const template: Record<string, unknown> = { name: content.templateName, language: { code: content.language } };
    // A template without placeholders takes no body parameters; an empty list would be a malformed component.
    if (content.parameters.length > 0) {
      template.components = [{ type: 'body', parameters: content.parameters.map((text) => ({ type: 'text', text })) }];
    }
    return { recipient, messaging_type: 'UTILITY', message: { template } };
  }
  if (route === 'CUSTOMER_FEEDBACK') {
    if (content.kind !== 'feedback') throw new SendBodyError('route_content_mismatch');
    return {
      recipient,
      messaging_type: 'MESSAGE_TAG',
      tag: 'CUSTOMER_FEEDBACK',
      message: { attachment: { type: 'template', payload: feedbackPayload(content.template) } },
    };
  }
  if (content.kind !== 'text') throw new SendBodyError('route_content_mismatch');
  return { recipient, messaging_type: 'MESSAGE_TAG', tag: route, message: { text: content.text } };
}
