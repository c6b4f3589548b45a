// The rules of reopening a Messenger or Instagram conversation (DESIGN.md §1): pure functions of (facts, now).
// No I/O and no clock: this module ships in the content script as well as the background.
export * from './types';
export { WINDOW_MS, HUMAN_AGENT_LIMIT_MS, windowState, type WindowInfo } from './window';
export { ROUTES, TAG_RETIREMENT_AT, routeById, type RouteDefinition } from './catalog';
export { COOLDOWN_MS, cooldownState, factsForResend, resendOffer, type CooldownInfo } from './cooldown';
export { availableRoutes, nextAttemptAt, type RouteAvailability } from './routes';
export { MAX_TEXT_CHARS, textLength } from './text';
export { DEFAULT_PROMO_TERMS, findPromoTerms, type PromoMatch } from './lint';
export { FEEDBACK_LIMITS, validateFeedbackTemplate, type FeedbackProblem } from './feedback';
export { RECONCILE_READS_AFTER_MS, RESEND_AFTER_MS, LONGEST_READ_WAIT_MS, isReadDue, readsCovered } from './reconcile-schedule';
export { preflight, promoMatchesOf, type PreflightContext, type PreflightDecision } from './preflight';
export { holdingBlock, stopBlockHolds } from './blocks';
