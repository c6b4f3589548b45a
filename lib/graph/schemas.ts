import { z } from 'zod';
import { parseGraphTime } from './facts';

// Zod schemas of every Graph answer the client reads. Unknown fields are dropped; a missing
// required field or an unreadable timestamp fails the parse, so a half-understood answer is never
// taken for facts (a wrong message time would put the conversation in the wrong window).

/** A Graph timestamp ("2022-07-12T19:11:07+0000") read as epoch ms. */
export const graphTimeSchema = z.string().transform((value, ctx) => {
  const at = parseGraphTime(value);
  if (at === null) {
    ctx.addIssue({ code: 'custom', message: `not a Graph timestamp: ${value.slice(0, 40)}` });
    return z.NEVER;
  }
  return at;
});

const pagingSchema = z
  .object({
    cursors: z.object({ before: z.string().optional(), after: z.string().optional() }).partial().optional(),
    next: z.string().optional(),
  })
  .optional();

/** `GET /me?metadata=1&fields=id,name,metadata{type}`: who the token speaks for; `metadata.type` is `page` or `user`
 *  (Meta Graph API, Access tokens / Pages API docs, as recorded 2026). */
export const tokenOwnerSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  metadata: z.object({ type: z.string().min(1) }),
});

/** One entry of `GET /me/accounts` (a person's token): a Page they manage, what they may do there (`tasks`) and the
 *  Page's own token for them. Meta leaves `access_token` out when it gives the person none. */
export const accountSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  tasks: z.array(z.string()).optional(),
  access_token: z.string().min(1).optional(),
});

/** A Page custom label as Meta lists it (`fields=page_label_name`; Meta replaced `name` with it in v12.0). Custom
 *  Labels for Customers, developers.facebook.com, updated 2026-03-18. */
export const labelsPageSchema = z.object({
  data: z.array(z.object({ id: z.string().min(1), page_label_name: z.string().optional() })),
  paging: pagingSchema,
});

/** `POST /{page-id}/custom_labels`: the new label's id. */
export const labelCreatedSchema = z.object({ id: z.string().min(1) });

/** Associate, remove, delete: `{success: true}`. */
export const labelSuccessSchema = z.object({ success: z.literal(true) });

export const accountsPageSchema = z.object({
  data: z.array(accountSchema),
  paging: pagingSchema,
});

/** `GET /{page-id}?fields=instagram_business_account`: the Instagram professional account linked to the Page
 *  (absent when none is). */
export const pageInstagramSchema = z.object({
  id: z.string().min(1),
  instagram_business_account: z.object({ id: z.string().min(1) }).optional(),
});

// Instagram participants and senders carry `username` instead of (or besides) `name`.
export const participantSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  username: z.string().optional(),
  email: z.string().optional(),
});

export const messageSchema = z.object({
  id: z.string().min(1),
  created_time: graphTimeSchema,
  from: participantSchema.optional(),
  message: z.string().optional(),
});

export const conversationSchema = z.object({
  id: z.string().min(1),
  updated_time: graphTimeSchema.optional(),
  snippet: z.string().optional(),
  participants: z.object({ data: z.array(participantSchema) }).optional(),
  messages: z.object({ data: z.array(messageSchema), paging: pagingSchema }).optional(),
});

export const conversationsPageSchema = z.object({
  data: z.array(conversationSchema),
  paging: pagingSchema,
});

export const templateComponentSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  format: z.string().optional(),
});

export const messageTemplateSchema = z.object({
  id: z.string().optional(),
  name: z.string().min(1),
  status: z.string(),
  language: z.string(),
  category: z.string().optional(),
  components: z.array(templateComponentSchema).optional(),
});

export const messageTemplatesPageSchema = z.object({
  data: z.array(messageTemplateSchema),
  paging: pagingSchema,
});

export const sendSuccessSchema = z.object({
  /** Omitted by Meta when the request used user_ref or phone_number. */
  recipient_id: z.string().optional(),
  message_id: z.string().min(1),
});

export const graphErrorSchema = z.object({
  message: z.string().optional(),
  type: z.string().optional(),
  code: z.number().int(),
  error_subcode: z.number().int().optional(),
  error_user_title: z.string().optional(),
  error_user_msg: z.string().optional(),
  is_transient: z.boolean().optional(),
  fbtrace_id: z.string().optional(),
});

/** Meta's error answer: `{"error":{"message","type","code","error_subcode","fbtrace_id"}}`. */
export const graphErrorBodySchema = z.object({ error: graphErrorSchema });

export type GraphErrorBody = z.infer<typeof graphErrorBodySchema>;
export type GraphConversation = z.infer<typeof conversationSchema>;
export type GraphMessageTemplate = z.infer<typeof messageTemplateSchema>;
