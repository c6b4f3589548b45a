// Send API rules (POST /{page}/messages): which requests Meta accepts, and the error it answers
// otherwise. Pure over (params, page, world, now) so each rule is testable without a socket.
import { errors, type GraphErrorAnswer } from './errors';
import { customerLastMessageAt, type SimConversation, type SimPage, type World } from './world';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Meta retired these tags on 2026-04-27: from that instant on they answer error 100. */
export const TAG_RETIREMENT_AT = Date.UTC(2026, 3, 27);
export const RETIRED_TAGS = ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'] as const;
const SEVEN_DAY_TAGS = ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK'] as const;
const KNOWN_TAGS: readonly string[] = [...SEVEN_DAY_TAGS, ...RETIRED_TAGS];
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG', 'UTILITY'];
const SENDER_ACTIONS = ['typing_on', 'typing_off', 'mark_seen'];

export interface AcceptedSend {
  ok: true;
  conversation: SimConversation;
  /** undefined for a sender action, which stores no message. */
  message?: { text: string; messagingType: string; tag?: string; templateName?: string };
}

export type SendDecision = AcceptedSend | { ok: false; answer: GraphErrorAnswer };

type Params = Record<string, unknown>;

const reject = (answer: GraphErrorAnswer): SendDecision => ({ ok: false, answer });

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Character count as Meta states its limits ("characters"): Unicode code points, not UTF-16 units. */
export function charCount(text: string): number {
  return [...text].length;
}

export function decideSend(params: Params, page: SimPage, world: World, now: number): SendDecision {
  const recipient = params.recipient;
  if (!isRecord(recipient) || typeof recipient.id !== 'string' || recipient.id === '') {
    return reject(errors.invalidParameter('The parameter recipient is required'));
  }
  const senderAction = params.sender_action;
  const message = params.message;
  if (senderAction === undefined && message === undefined) {
    return reject(errors.invalidParameter('Must send either message or sender action'));
  }
  if (senderAction !== undefined && (typeof senderAction !== 'string' || !SENDER_ACTIONS.includes(senderAction))) {
    return reject(errors.invalidParameter(`Param sender_action must be one of {${SENDER_ACTIONS.join(', ')}}`));
  }
  if (message !== undefined && !isRecord(message)) {
    return reject(errors.invalidParameter('Param message must be a JSON object'));
  }
  // Meta requires messaging_type since 2018; the simulator treats a missing one as RESPONSE (UNCONFIRMED).
  const messagingType = params.messaging_type ?? 'RESPONSE';
  if (typeof messagingType !== 'string' || !MESSAGING_TYPES.includes(messagingType)) {
    return reject(errors.invalidParameter(`Param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}}`));
  }

  const conversation = world.conversationOf(page.id, recipient.id);
  if (!conversation) return reject(errors.noMatchingUser());
  if (conversation.unavailable) return reject(errors.personUnavailable());
  if (message === undefined) return { ok: true, conversation };

  const customerAt = customerLastMessageAt(conversation);
  const sinceCustomer = customerAt === null ? Number.POSITIVE_INFINITY : now - customerAt;
  if (conversation.platform === 'instagram') return decideInstagram(params, message, messagingType, conversation, sinceCustomer);

  if (messagingType === 'UTILITY') return decideUtility(message, page, world, conversation);

  const content = readContent(message);
  if (typeof content === 'string') return reject(errors.invalidParameter(content));

  if (messagingType === 'RESPONSE' || messagingType === 'UPDATE') {
    // Exactly 24 h after the customer's message the window is closed (DESIGN.md boundaries).
    if (sinceCustomer >= DAY) return reject(errors.outsideWindow());
    return { ok: true, conversation, message: { text: content.text, messagingType } };
  }

  // MESSAGE_TAG
  const tag = params.tag;
  if (tag === undefined || tag === null || tag === '') {
    return reject(errors.invalidParameter('The parameter tag is required when messaging_type is MESSAGE_TAG'));
  }
  if (typeof tag !== 'string' || !KNOWN_TAGS.includes(tag)) {
    return reject(errors.invalidParameter(`Param tag must be one of {${KNOWN_TAGS.join(', ')}}`));
  }
  if ((RETIRED_TAGS as readonly string[]).includes(tag)) {
    if (now >= TAG_RETIREMENT_AT) return reject(errors.retiredTag(tag));
    return { ok: true, conversation, message: { text: content.text, messagingType, tag } };
  }
  if (tag === 'CUSTOMER_FEEDBACK' && !content.feedback) {
    return reject(errors.invalidParameter('The CUSTOMER_FEEDBACK tag can only be used with the customer feedback template'));
  }
  // "within 7 days of the person's message"; exactly 7 days counts as closed (DESIGN.md).
  if (sinceCustomer >= 7 * DAY) return reject(errors.outsideWindow());
  return { ok: true, conversation, message: { text: content.text, messagingType, tag } };
}

/**
 * Instagram Messaging API rules (reference §7b): free replies within 24 h of the customer's message, then only the
 * HUMAN_AGENT tag, within 7 days ("Required for Instagram"); every other tag is "Not available for Instagram
 * Messaging API", and there is no utility message or feedback template. Outside its windows Instagram answers
 * 10/2534022. The refusal wording of the tags and utility messages is the simulator's (UNCONFIRMED).
 */
function decideInstagram(
  params: Params,
  message: Record<string, unknown>,
  messagingType: string,
  conversation: SimConversation,
  sinceCustomer: number,
): SendDecision {
  if (messagingType === 'UTILITY') {
    return reject(errors.invalidParameter('Utility messages are not available for Instagram Messaging API'));
  }
  const content = readContent(message);
  if (typeof content === 'string') return reject(errors.invalidParameter(content));
  if (content.feedback) return reject(errors.invalidParameter('The customer feedback template is not available for Instagram Messaging API'));
  if (messagingType === 'RESPONSE' || messagingType === 'UPDATE') {
    if (sinceCustomer >= DAY) return reject(errors.instagramOutsideWindow());
    return { ok: true, conversation, message: { text: content.text, messagingType } };
  }
  const tag = params.tag;
  if (tag !== 'HUMAN_AGENT') {
    return reject(errors.invalidParameter(`The ${typeof tag === 'string' && tag ? tag : 'given'} tag is not available for Instagram Messaging API`));
  }
  if (sinceCustomer >= 7 * DAY) return reject(errors.instagramOutsideWindow());
  return { ok: true, conversation, message: { text: content.text, messagingType, tag } };
}

/** Text or an attachment; a customer_feedback template is validated wherever it appears. */
function readContent(message: Record<string, unknown>): { text: string; feedback: boolean } | string {
  const { text, attachment } = message;
  if (text !== undefined && attachment !== undefined) return 'Only one of message[text] or message[attachment] can be set';
  if (text !== undefined) {
    if (typeof text !== 'string' || text.trim() === '') return 'Message cannot be empty, must provide valid attachment or text';
    if (charCount(text) >= 2000) return 'Length of param message[text] must be less than 2000 characters';
    return { text, feedback: false };
  }
  if (attachment === undefined) return 'Message cannot be empty, must provide valid attachment or text';
  if (!isRecord(attachment) || typeof attachment.type !== 'string') return 'Param message[attachment][type] is required';
  const payload = attachment.payload;
  if (attachment.type === 'template' && isRecord(payload) && payload.template_type === 'customer_feedback') {
    const problem = customerFeedbackProblem(payload);
    if (problem) return problem;
    return { text: String(payload.title), feedback: true };
  }
  if (!isRecord(payload)) return 'Param message[attachment][payload] is required';
  return { text: `[${attachment.type}]`, feedback: false };
}

const URL_LIKE = /https?:\/\/|www\./i;
const QUESTION_ID = /^[A-Za-z0-9_]{1,80}$/;
const QUESTION_TYPES = ['csat', 'nps', 'ces', 'free_form'];
const PAYLOAD = 'message[attachment][payload]';

/** Reference §2 limits of the customer feedback template; returns the first problem or null. */
export function customerFeedbackProblem(payload: Record<string, unknown>): string | null {
  const limited = (key: string, max: number, required: boolean): string | null => {
    const value = payload[key];
    if (value === undefined) return required ? `Param ${PAYLOAD}[${key}] is required` : null;
    if (typeof value !== 'string' || value.trim() === '') return `Param ${PAYLOAD}[${key}] must be a non-empty string`;
    if (charCount(value) > max) return `Param ${PAYLOAD}[${key}] must be at most ${max} characters`;
    if (URL_LIKE.test(value)) return `Param ${PAYLOAD}[${key}] must not contain URLs`;
    return null;
  };
  const textProblem = limited('title', 65, true) ?? limited('subtitle', 80, false) ?? limited('button_title', 20, true);
  if (textProblem) return textProblem;

  const screens = payload.feedback_screens;
  if (!Array.isArray(screens) || screens.length !== 1) return `Param ${PAYLOAD}[feedback_screens] must contain exactly one screen`;
  const screen = screens[0];
  const questions = isRecord(screen) ? screen.questions : undefined;
  if (!Array.isArray(questions) || questions.length !== 1) {
    return `Param ${PAYLOAD}[feedback_screens][0][questions] must contain exactly one question`;
  }
  const question = questions[0];
  if (!isRecord(question)) return `Param ${PAYLOAD}[feedback_screens][0][questions][0] must be an object`;
  if (typeof question.id !== 'string' || !QUESTION_ID.test(question.id)) {
    return 'Question id must be 1 to 80 letters, digits or underscores';
  }
  if (typeof question.type !== 'string' || !QUESTION_TYPES.includes(question.type)) {
    return `Question type must be one of {${QUESTION_TYPES.join(', ')}}`;
  }
  const followUp = question.follow_up;
  if (followUp !== undefined && (!isRecord(followUp) || followUp.type !== 'free_form')) {
    return 'Question follow_up must be of type free_form';
  }
  const privacy = payload.business_privacy;
  if (!isRecord(privacy) || typeof privacy.url !== 'string' || !/^https?:\/\/\S+$/.test(privacy.url)) {
    return `Param ${PAYLOAD}[business_privacy][url] must be a valid URL`;
  }
  const expires = payload.expires_in_days;
  if (expires !== undefined && (typeof expires !== 'number' || !Number.isInteger(expires) || expires < 1 || expires > 7)) {
    return `Param ${PAYLOAD}[expires_in_days] must be an integer between 1 and 7`;
  }
  return null;
}

/** Distinct placeholders in a template text: positional {{1}} or named {{order_id}}. */
export function placeholders(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) found.add(match[1] as string);
  return [...found];
}

function decideUtility(message: Record<string, unknown>, page: SimPage, world: World, conversation: SimConversation): SendDecision {
  const template = message.template;
  if (!isRecord(template) || typeof template.name !== 'string') {
    return reject(errors.invalidParameter('Param message[template][name] is required for messaging_type UTILITY'));
  }
  const language = template.language;
  if (!isRecord(language) || typeof language.code !== 'string') {
    return reject(errors.invalidParameter('Param message[template][language][code] is required'));
  }
  const sameName = world.templates.filter((candidate) => candidate.pageId === page.id && candidate.name === template.name);
  if (sameName.length === 0) return reject(errors.utilityTemplate(`Template ${template.name} does not exist for this Page`));
  const approved = sameName.find((candidate) => candidate.language === language.code);
  if (!approved) {
    return reject(errors.utilityTemplate(`Template ${template.name} does not exist in the language ${language.code}`));
  }
  if (approved.status !== 'APPROVED') {
    return reject(errors.utilityTemplate(`Template ${template.name} (${language.code}) is ${approved.status}, not APPROVED`));
  }

  const sentComponents = template.components ?? [];
  if (!Array.isArray(sentComponents)) return reject(errors.invalidParameter('Param message[template][components] must be an array'));
  let rendered = '';
  for (const component of approved.components) {
    if (typeof component.text !== 'string') continue;
    const expected = placeholders(component.text);
    const sent = sentComponents.find(
      (candidate): candidate is Record<string, unknown> =>
        isRecord(candidate) && typeof candidate.type === 'string' && candidate.type.toUpperCase() === component.type.toUpperCase(),
    );
    const parameters = sent && Array.isArray(sent.parameters) ? sent.parameters : [];
    if (parameters.length !== expected.length) {
      return reject(
        errors.invalidParameter(
          `Number of parameters (${parameters.length}) does not match the expected number of params (${expected.length}) for the ${component.type.toLowerCase()} of template ${approved.name}`,
        ),
      );
    }
    const texts: string[] = [];
    for (const parameter of parameters) {
      if (!isRecord(parameter) || parameter.type !== 'text' || typeof parameter.text !== 'string' || parameter.text === '') {
        return reject(errors.invalidParameter('Each template parameter must be {"type":"text","text":"…"} with non-empty text'));
      }
      texts.push(parameter.text);
    }
    if (component.type.toUpperCase() === 'BODY') {
      rendered = component.text.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => texts[expected.indexOf(key)] ?? '');
    }
  }
  return {
    ok: true,
    conversation,
    message: { text: rendered || approved.name, messagingType: 'UTILITY', templateName: approved.name },
  };
}
