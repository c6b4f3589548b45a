import { describe, expect, test } from 'vitest';
import { DEFAULT_PROMO_TERMS } from './lint';
import { preflight, type PreflightContext } from './preflight';
import {
  BLOCK_REASONS,
  type BlockReason,
  type FeedbackTemplate,
  type ReopenContent,
  type ReopenRequest,
  type RouteId,
  type ThreadFacts,
  type UtilityTemplate,
} from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const C = Date.parse('2026-05-10T12:00:00Z');
const NOW = C + 2 * DAY; // human_agent, after the tag retirement

const feedback: FeedbackTemplate = {
  title: 'How did we do?',
  buttonTitle: 'Rate us',
  question: { id: 'q1', type: 'csat' },
  privacyUrl: 'https://example.com/privacy',
};
const orderUpdate: UtilityTemplate = {
  name: 'order_update',
  language: 'es',
  status: 'APPROVED',
  category: 'UTILITY',
  parameterCount: 2,
  bodyText: 'Tu pedido {{1}} está {{2}}.',
};

const text = (value: string): ReopenContent => ({ kind: 'text', text: value });
const utility = (parameters: string[], change: Partial<Extract<ReopenContent, { kind: 'utility' }>> = {}): ReopenContent => ({
  kind: 'utility',
  templateName: 'order_update',
  language: 'es',
  parameters,
  ...change,
});
const request = (route: RouteId, content: ReopenContent, promoConfirmed = false): ReopenRequest => ({ route, content, promoConfirmed });
function context(facts: Partial<ThreadFacts> = {}, change: Partial<PreflightContext> = {}): PreflightContext {
  return {
    facts: { customerLastMessageAt: C, pageLastMessageAt: null, attempts: [], ...facts },
    templates: [orderUpdate],
    promoTerms: DEFAULT_PROMO_TERMS,
    ...change,
  };
}
const reasonOf = (req: ReopenRequest, ctx = context(), now = NOW) => {
  const decision = preflight(req, ctx, now);
  return decision.allowed ? null : decision.reason;
};

describe('preflight: every block reason', () => {
  const cases: [BlockReason, ReopenRequest, PreflightContext, number][] = [
    ['not_on_platform', request('CUSTOMER_FEEDBACK', { kind: 'feedback', template: feedback }), context({ platform: 'instagram' }), NOW],
    ['state_unknown', request('HUMAN_AGENT', text('Hola')), context({ customerLastMessageAt: null }), NOW],
    ['window_open', request('HUMAN_AGENT', text('Hola')), context(), C + DAY - 1],
    ['tag_retired', request('POST_PURCHASE_UPDATE', text('Tu pedido salió')), context(), NOW],
    ['past_tag_limit', request('HUMAN_AGENT', text('Hola')), context(), C + 7 * DAY],
    ['cooldown', request('HUMAN_AGENT', text('Hola')), context({ attempts: [{ at: NOW - HOUR, status: 'sent' }] }), NOW],
    ['route_content_mismatch', request('CUSTOMER_FEEDBACK', text('Rate us please')), context(), NOW],
    ['empty_text', request('HUMAN_AGENT', text(' \n\t ')), context(), NOW],
    ['text_too_long', request('HUMAN_AGENT', text('a'.repeat(2000))), context(), NOW],
    ['invalid_feedback', request('CUSTOMER_FEEDBACK', { kind: 'feedback', template: { ...feedback, title: '' } }), context(), NOW],
    ['template_missing', request('UTILITY', utility(['A1', 'enviado'], { templateName: 'nope' })), context(), NOW],
    ['template_not_approved', request('UTILITY', utility(['A1', 'enviado'])), context({}, { templates: [{ ...orderUpdate, status: 'PENDING' }] }), NOW],
    ['template_parameters', request('UTILITY', utility(['A1'])), context(), NOW],
    ['promo_unconfirmed', request('HUMAN_AGENT', text('Te damos un cupón')), context(), NOW],
    ['person_blocked', request('HUMAN_AGENT', text('Hola')), context({}, { blocks: [{ scope: 'person', since: NOW - HOUR }] }), NOW],
    [
      'page_blocked',
      request('HUMAN_AGENT', text('Hola')),
      context(
        {},
        {
          blocks: [
            { scope: 'person', since: NOW - HOUR },
            { scope: 'page', since: NOW - HOUR },
          ],
        },
      ),
      NOW,
    ],
    ['recipient_unproven', request('HUMAN_AGENT', text('Hola')), { ...context(), recipientProven: false }, NOW],
  ];

  test.each(cases)('%s', (reason, req, ctx, now) => {
    expect(reasonOf(req, ctx, now)).toBe(reason);
  });

  test('the table covers every BlockReason', () => {
    expect(new Set(cases.map(([reason]) => reason))).toEqual(new Set(BLOCK_REASONS));
  });
});

describe('preflight: refusals that mean stop', () => {
  const person = { scope: 'person' as const, since: NOW - HOUR };
  test("a person's block lifts when the customer writes after it, not before", () => {
    expect(reasonOf(request('HUMAN_AGENT', text('Hola')), context({ customerLastMessageAt: C }, { blocks: [person] }))).toBe('person_blocked');
    // C after the block but the window open again: the block no longer answers.
    const wrote = NOW - HOUR + 1;
    expect(reasonOf(request('HUMAN_AGENT', text('Hola')), context({ customerLastMessageAt: wrote }, { blocks: [person] }), wrote + 2 * DAY)).toBeNull();
  });
  test("Meta's stated time lifts a block; a cleared Page block no longer holds", () => {
    const until = NOW + HOUR;
    const decision = preflight(request('HUMAN_AGENT', text('Hola')), context({}, { blocks: [{ scope: 'page', since: NOW - HOUR, until }] }), NOW);
    expect(decision).toMatchObject({ allowed: false, reason: 'page_blocked', until });
    expect(reasonOf(request('HUMAN_AGENT', text('Hola')), context({}, { blocks: [{ scope: 'page', since: NOW - HOUR, until }] }), until)).toBeNull();
    expect(reasonOf(request('HUMAN_AGENT', text('Hola')), context({}, { blocks: [{ scope: 'page', since: NOW - HOUR, clearedAt: NOW - 1 }] }))).toBeNull();
  });
});

describe('preflight: details', () => {
  test('an allowed send names the route and carries confirmed promo matches', () => {
    const decision = preflight(request('HUMAN_AGENT', text('Your refund and the coupon are ready'), true), context(), NOW);
    expect(decision).toMatchObject({ allowed: true, route: { id: 'HUMAN_AGENT', tag: 'HUMAN_AGENT' } });
    expect(decision.allowed && decision.promoMatches).toEqual([{ term: 'coupon', start: 20, end: 26 }]);
  });

  test('clean text is allowed with no matches', () => {
    expect(preflight(request('HUMAN_AGENT', text('Your refund is ready')), context(), NOW)).toMatchObject({
      allowed: true,
      promoMatches: [],
    });
  });

  test('the cooldown refusal says until when', () => {
    const decision = preflight(request('UTILITY', utility(['A1', 'enviado'])), context({ attempts: [{ at: NOW - HOUR, status: 'unknown' }] }), NOW);
    expect(decision).toEqual({ allowed: false, reason: 'cooldown', until: NOW - HOUR + DAY });
  });

  test('route availability comes before content checks', () => {
    expect(reasonOf(request('HUMAN_AGENT', text('')), context(), C + HOUR)).toBe('window_open');
    expect(reasonOf(request('ACCOUNT_UPDATE', { kind: 'feedback', template: feedback }), context(), NOW)).toBe('tag_retired');
  });

  test('text length: 1999 characters pass, 2000 do not; emoji count once', () => {
    expect(reasonOf(request('HUMAN_AGENT', text('a'.repeat(1999))))).toBeNull();
    expect(reasonOf(request('HUMAN_AGENT', text('🙂'.repeat(1999))))).toBeNull();
    expect(reasonOf(request('HUMAN_AGENT', text('🙂'.repeat(2000))))).toBe('text_too_long');
  });

  test('invalid feedback lists the problems', () => {
    const decision = preflight(request('CUSTOMER_FEEDBACK', { kind: 'feedback', template: { ...feedback, buttonTitle: 'x'.repeat(21) } }), context(), NOW);
    expect(decision).toEqual({
      allowed: false,
      reason: 'invalid_feedback',
      feedbackProblems: [{ field: 'buttonTitle', problem: 'too_long', limit: 20 }],
    });
  });

  test('a valid feedback template is allowed; its title is linted', () => {
    expect(reasonOf(request('CUSTOMER_FEEDBACK', { kind: 'feedback', template: feedback }))).toBeNull();
    const promo = preflight(request('CUSTOMER_FEEDBACK', { kind: 'feedback', template: { ...feedback, subtitle: 'Win a discount' } }), context(), NOW);
    expect(promo).toEqual({
      allowed: false,
      reason: 'promo_unconfirmed',
      promoMatches: [{ term: 'discount', start: 6, end: 14, field: 'subtitle' }],
    });
  });

  test.each([
    ['templates could not be listed', utility(['A1', 'enviado']), null, 'template_missing'],
    ['same name, other language', utility(['A1', 'enviado'], { language: 'en' }), [orderUpdate], 'template_missing'],
    ['rejected', utility(['A1', 'enviado']), [{ ...orderUpdate, status: 'REJECTED' as const }], 'template_not_approved'],
    ['too many parameters', utility(['A1', 'enviado', 'hoy']), [orderUpdate], 'template_parameters'],
    ['a blank parameter', utility(['A1', '  ']), [orderUpdate], 'template_parameters'],
    ['approved, in the right language, all filled', utility(['A1', 'enviado']), [orderUpdate], null],
  ] as const)('utility: %s → %s', (_label, content, templates, reason) => {
    expect(reasonOf(request('UTILITY', content), context({}, { templates }))).toBe(reason);
  });

  test('utility parameters are linted, each with its position', () => {
    const decision = preflight(request('UTILITY', utility(['A1', 'en oferta'])), context(), NOW);
    expect(decision).toMatchObject({
      allowed: false,
      reason: 'promo_unconfirmed',
      promoMatches: [{ term: 'oferta', field: 'parameters.1', start: 3, end: 9 }],
    });
    expect(reasonOf(request('UTILITY', utility(['A1', 'en oferta']), true))).toBeNull();
  });

  test('the promo list comes from the settings', () => {
    expect(reasonOf(request('HUMAN_AGENT', text('Te damos un cupón')), context({}, { promoTerms: ['regalo'] }))).toBeNull();
    expect(reasonOf(request('HUMAN_AGENT', text('Un regalo para ti')), context({}, { promoTerms: ['regalo'] }))).toBe('promo_unconfirmed');
  });

  test('retired tags could still be used before 2026-04-27', () => {
    const early = Date.parse('2026-04-20T00:00:00Z');
    const ctx = context({ customerLastMessageAt: early - 10 * DAY });
    expect(reasonOf(request('POST_PURCHASE_UPDATE', text('Your order shipped')), ctx, early)).toBeNull();
    expect(reasonOf(request('HUMAN_AGENT', text('Your order shipped')), ctx, early)).toBe('past_tag_limit');
  });
});
