import { z } from 'zod';

// The reopen request as the panel sends it and the background checks it (reopen.send): one schema, its types
// inferred. This file pulls in full Zod: the content script imports its types only (`import type`), never the file.

/** A way to reach an expired conversation: one of Meta's message tags (active or retired, ./catalog.ts), or a
 *  utility message from an approved template. */
export const routeIdSchema = z.enum(['HUMAN_AGENT', 'CUSTOMER_FEEDBACK', 'ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE', 'UTILITY']);

/** Messenger's customer-feedback template (CUSTOMER_FEEDBACK's only content). */
export const feedbackTemplateSchema = z.object({
  title: z.string().max(200),
  subtitle: z.string().max(200).optional(),
  buttonTitle: z.string().max(200),
  question: z.object({
    id: z.string().max(200),
    type: z.enum(['csat', 'nps', 'ces']),
    title: z.string().max(200).optional(),
    /** Optional free-form follow-up with its placeholder. */
    followUpPlaceholder: z.string().max(200).optional(),
  }),
  privacyUrl: z.string().max(2000),
  expiresInDays: z.number().int().optional(),
});

export const reopenContentSchema = z.discriminatedUnion('kind', [
  // Longer than Meta's limit is accepted here so preflight can explain it instead of a parse error.
  z.object({ kind: z.literal('text'), text: z.string().max(20_000) }),
  z.object({ kind: z.literal('feedback'), template: feedbackTemplateSchema }),
  z.object({
    kind: z.literal('utility'),
    templateName: z.string().min(1).max(512),
    language: z.string().min(1).max(16),
    parameters: z.array(z.string().max(2000)).max(20),
  }),
]);

export const reopenRequestSchema = z.object({
  route: routeIdSchema,
  content: reopenContentSchema,
  /** The agent confirmed that flagged promotional wording is not promotional. */
  promoConfirmed: z.boolean(),
});

export type RouteId = z.infer<typeof routeIdSchema>;
/** Meta's message tags, active and retired. */
export type TagId = Exclude<RouteId, 'UTILITY'>;
export type FeedbackTemplate = z.infer<typeof feedbackTemplateSchema>;
export type ReopenContent = z.infer<typeof reopenContentSchema>;
export type ReopenRequest = z.infer<typeof reopenRequestSchema>;
