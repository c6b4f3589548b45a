import { routeById, type RouteDefinition } from './catalog';
import { cooldownState } from './cooldown';
import { validateFeedbackTemplate, type FeedbackProblem } from './feedback';
import { findPromoTerms, type PromoMatch } from './lint';
import { availableRoutes } from './routes';
import { MAX_TEXT_CHARS, textLength } from './text';
import { holdingBlock } from './blocks';
import type { BlockReason, ReopenContent, ReopenRequest, StopBlockFacts, ThreadFacts, UtilityTemplate } from './types';

export interface PreflightContext {
  facts: ThreadFacts;
  /** The Page's message templates; null when they could not be listed. */
  templates: readonly UtilityTemplate[] | null;
  promoTerms: readonly string[];
  /** Blocks from refusals that mean stop (the person's and the Page's), when known: one that holds refuses first. */
  blocks?: ReadonlyArray<StopBlockFacts | null | undefined>;
  /** false: the person was found by display name only and neither the pane nor the agent proved them (DESIGN.md §1,
   *  "The recipient must be proven"). Absent: proven, or decided elsewhere. */
  recipientProven?: boolean;
}

export type PreflightDecision =
  | { allowed: true; route: RouteDefinition; promoMatches: PromoMatch[] }
  | {
      allowed: false;
      reason: BlockReason;
      /** For 'cooldown': the first instant a reactivation is allowed again; for a block: Meta's stated time. */
      until?: number;
      /** For 'person_blocked' / 'page_blocked': the block that holds. */
      block?: StopBlockFacts;
      feedbackProblems?: FeedbackProblem[];
      promoMatches?: PromoMatch[];
    };

type Refusal = Extract<PreflightDecision, { allowed: false }>;

/** The refusal for a block from Meta that still holds, with Meta's stated time when it gave one. */
function blockedBy(block: StopBlockFacts): Refusal {
  return {
    allowed: false,
    reason: block.scope === 'page' ? 'page_blocked' : 'person_blocked',
    block,
    ...(block.until !== undefined ? { until: block.until } : {}),
  };
}

/** Why the content itself cannot be sent, or null when it can. */
function contentProblem(content: ReopenContent, templates: readonly UtilityTemplate[] | null): Refusal | null {
  switch (content.kind) {
    case 'text': {
      if (content.text.trim() === '') return { allowed: false, reason: 'empty_text' };
      if (textLength(content.text) >= MAX_TEXT_CHARS) return { allowed: false, reason: 'text_too_long' };
      return null;
    }
    case 'feedback': {
      const feedbackProblems = validateFeedbackTemplate(content.template);
      return feedbackProblems.length > 0 ? { allowed: false, reason: 'invalid_feedback', feedbackProblems } : null;
    }
    case 'utility': {
      // A template is one (name, language) pair: the same name in another language is another template.
      const template = templates?.find((t) => t.name === content.templateName && t.language === content.language);
      if (!template) return { allowed: false, reason: 'template_missing' };
      if (template.status !== 'APPROVED') return { allowed: false, reason: 'template_not_approved' };
      const filled = content.parameters.filter((value) => value.trim() !== '').length;
      if (content.parameters.length !== template.parameterCount || filled !== template.parameterCount) {
        return { allowed: false, reason: 'template_parameters' };
      }
      return null;
    }
  }
}

/** Everything the agent wrote, linted part by part; `field` says where a match is when not in the text. The panel
 *  shows these same matches as the agent types (one walk of the content for both, and one copy in the content script). */
export function promoMatchesOf(content: ReopenContent, terms: readonly string[]): PromoMatch[] {
  const inField = (field: string, value: string | undefined) => (value ? findPromoTerms(value, terms).map((match) => ({ ...match, field })) : []);
  switch (content.kind) {
    case 'text':
      return findPromoTerms(content.text, terms);
    case 'feedback':
      return [
        ...inField('title', content.template.title),
        ...inField('subtitle', content.template.subtitle),
        ...inField('question.title', content.template.question.title),
      ];
    case 'utility':
      return content.parameters.flatMap((value, i) => inField(`parameters.${i}`, value));
  }
}

/**
 * The last check before a reactivation is sent, in the order an agent fixes things: has Meta said stop; can this route
 * be used now at all; does the content fit the route; is the content valid; and has the agent
 * confirmed any promotional-looking wording. The background runs it again right before sending.
 */
export function preflight(request: ReopenRequest, ctx: PreflightContext, now: number): PreflightDecision {
  // Meta restricted the whole Page: nothing leaves it, whoever the person is.
  const blocks = ctx.blocks ?? [];
  const pageBlock = holdingBlock(
    blocks.filter((entry) => entry?.scope === 'page'),
    now,
    ctx.facts.customerLastMessageAt,
  );
  if (pageBlock) return blockedBy(pageBlock);
  // Then: a message must reach the person on screen or nobody (a person's block below is that person's).
  if (ctx.recipientProven === false) return { allowed: false, reason: 'recipient_unproven' };
  // Meta said stop for this person: nothing else matters until the block lifts.
  const block = holdingBlock(blocks, now, ctx.facts.customerLastMessageAt);
  if (block) return blockedBy(block);
  const route = routeById(request.route);
  const availability = availableRoutes(ctx.facts, now).find((entry) => entry.route.id === route.id);
  if (availability?.reason) {
    if (availability.reason === 'cooldown') {
      const until = cooldownState(ctx.facts, now).until;
      return until === null ? { allowed: false, reason: 'cooldown' } : { allowed: false, reason: 'cooldown', until };
    }
    return { allowed: false, reason: availability.reason };
  }

  if (request.content.kind !== route.content) return { allowed: false, reason: 'route_content_mismatch' };

  const problem = contentProblem(request.content, ctx.templates);
  if (problem) return problem;

  const promoMatches = promoMatchesOf(request.content, ctx.promoTerms);
  if (promoMatches.length > 0 && !request.promoConfirmed) {
    return { allowed: false, reason: 'promo_unconfirmed', promoMatches };
  }
  return { allowed: true, route, promoMatches };
}
