import { describe, expect, it } from 'vitest';
import type { FeedbackTemplate, ReopenRequest } from '../policy/types';
import { buildSendBody, SendBodyError } from './body';

const text = (route: ReopenRequest['route'], value: string): ReopenRequest => ({ route, content: { kind: 'text', text: value }, promoConfirmed: false });
const feedback = (template: FeedbackTemplate): ReopenRequest => ({
  route: 'CUSTOMER_FEEDBACK',
  content: { kind: 'feedback', template },
  promoConfirmed: false,
});

describe('buildSendBody', () => {
  it('tags a human agent reply as Meta documents it', () => {
    expect(JSON.stringify(buildSendBody('6543', text('HUMAN_AGENT', 'Your refund went out today.')))).toBe(
      '{"recipient":{"id":"6543"},"messaging_type":"MESSAGE_TAG","tag":"HUMAN_AGENT","message":{"text":"Your refund went out today."}}',
    );
  });

  it('keeps the text exactly as typed (accents, emoji, line breaks)', () => {
    const typed = 'Hola Añeja 👋\nsegunda línea';
    expect(buildSendBody('1', text('HUMAN_AGENT', typed))).toEqual({
      recipient: { id: '1' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: typed },
    });
  });

  it('sends a CSAT survey as the customer_feedback template with five stars and a free-form follow-up', () => {
    const body = buildSendBody(
      '77',
      feedback({
        title: 'Rate your experience with Acme',
        subtitle: 'It takes 10 seconds',
        buttonTitle: 'Rate Experience',
        question: { id: 'q1', type: 'csat', title: 'How was our help?', followUpPlaceholder: 'Give additional feedback' },
        privacyUrl: 'https://acme.example/privacy',
        expiresInDays: 3,
      }),
    );
    expect(body).toEqual({
      recipient: { id: '77' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'CUSTOMER_FEEDBACK',
      message: {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'customer_feedback',
            title: 'Rate your experience with Acme',
            subtitle: 'It takes 10 seconds',
            button_title: 'Rate Experience',
            feedback_screens: [
              {
                questions: [
                  {
                    id: 'q1',
                    type: 'csat',
                    title: 'How was our help?',
                    score_label: 'neg_pos',
                    score_option: 'five_stars',
                    follow_up: { type: 'free_form', placeholder: 'Give additional feedback' },
                  },
                ],
              },
            ],
            business_privacy: { url: 'https://acme.example/privacy' },
            expires_in_days: 3,
          },
        },
      },
    });
  });

  it.each([
    ['nps', 'zero_to_ten'],
    ['ces', 'one_to_seven'],
    ['csat', 'five_stars'],
  ] as const)('gives a %s question its own scale (%s) and leaves out what the agent left empty', (type, scoreOption) => {
    const body = buildSendBody('9', feedback({ title: 'Tell us', buttonTitle: 'Rate', question: { id: 'score_1', type }, privacyUrl: 'https://p.example' }));
    const payload = (body.message as { attachment: { payload: Record<string, unknown> } }).attachment.payload;
    expect(payload).toEqual({
      template_type: 'customer_feedback',
      title: 'Tell us',
      button_title: 'Rate',
      feedback_screens: [{ questions: [{ id: 'score_1', type, score_label: 'neg_pos', score_option: scoreOption }] }],
      business_privacy: { url: 'https://p.example' },
      expires_in_days: 1,
    });
  });

  it('sends a utility message untagged, with the template language and positional body parameters', () => {
    const request: ReopenRequest = {
      route: 'UTILITY',
      content: { kind: 'utility', templateName: 'order_update', language: 'es', parameters: ['confirmado', 'A-1042'] },
      promoConfirmed: false,
    };
    expect(JSON.stringify(buildSendBody('55', request))).toBe(
      '{"recipient":{"id":"55"},"messaging_type":"UTILITY","message":{"template":{"name":"order_update","language":{"code":"es"},' +
        '"components":[{"type":"body","parameters":[{"type":"text","text":"confirmado"},{"type":"text","text":"A-1042"}]}]}}}',
    );
  });

  it('sends a template without placeholders with no components', () => {
    const request: ReopenRequest = {
      route: 'UTILITY',
      content: { kind: 'utility', templateName: 'thanks', language: 'en', parameters: [] },
      promoConfirmed: false,
    };
    expect(buildSendBody('55', request)).toEqual({
      recipient: { id: '55' },
      messaging_type: 'UTILITY',
      message: { template: { name: 'thanks', language: { code: 'en' } } },
    });
  });

  it.each<ReopenRequest>([
    text('CUSTOMER_FEEDBACK', 'free text is not a survey'),
    text('UTILITY', 'free text is not a template'),
    { route: 'HUMAN_AGENT', content: { kind: 'utility', templateName: 't', language: 'en', parameters: [] }, promoConfirmed: false },
    {
      route: 'HUMAN_AGENT',
      content: { kind: 'feedback', template: { title: 't', buttonTitle: 'b', question: { id: 'q', type: 'csat' }, privacyUrl: 'https://p' } },
      promoConfirmed: false,
    },
  ])('refuses content that does not belong to its route (%#)', (request) => {
    expect(() => buildSendBody('1', request)).toThrow(SendBodyError);
  });
});
