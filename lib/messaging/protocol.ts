import { z } from 'zod';

// The one protocol between the content script, popup, options page and the background.
// Requests are Zod schemas: the background parses every incoming message before acting.
// Responses are plain types (the background builds them; the senders trust their own extension).
// This module pulls in full Zod: import it from the background only. Views import `./types` and `./client`.

const id = z.string().regex(/^[0-9A-Za-z_.:-]{1,128}$/);
const instant = z.number().int().nonnegative();
/** Messenger, or Instagram Direct (thread_type=IG_MESSAGE); absent: Messenger (content scripts of older versions). */
const platform = z.enum(['messenger', 'instagram']).optional();

export const feedbackTemplateSchema = z.object({
  title: z.string().max(200),
  subtitle: z.string().max(200).optional(),
  buttonTitle: z.string().max(200),
  question: z.object({
    id: z.string().max(200),
    type: z.enum(['csat', 'nps', 'ces']),
    title: z.string().max(200).optional(),
    followUpPlaceholder: z.string().max(200).optional(),
  }),
  privacyUrl: z.string().max(2000),
  expiresInDays: z.number().int().optional(),
});

export const routeIdSchema = z.enum([
  'HUMAN_AGENT',
  'CUSTOMER_FEEDBACK',
  'ACCOUNT_UPDATE',
  'CONFIRMED_EVENT_UPDATE',
  'POST_PURCHASE_UPDATE',
  'UTILITY',
]);

export const reopenRequestSchema = z.object({
  route: routeIdSchema,
  content: z.discriminatedUnion('kind', [
    // Longer than Meta's limit is accepted here so preflight can explain it instead of a parse error.
    z.object({ kind: z.literal('text'), text: z.string().max(20_000) }),
    z.object({ kind: z.literal('feedback'), template: feedbackTemplateSchema }),
    z.object({
      kind: z.literal('utility'),
      templateName: z.string().min(1).max(512),
      language: z.string().min(1).max(16),
      parameters: z.array(z.string().max(2000)).max(20),
    }),
  ]),
  promoConfirmed: z.boolean(),
});

export const layoutHealthSchema = z.object({
  url: z.string().max(4000),
  checkedAt: instant,
  /** anchor name → which fallback matched (its index/name), or null when none did */
  anchors: z.record(z.string().max(64), z.string().max(128).nullable()),
  floating: z.boolean(),
  /** Where the customer's name came from (lib/inbox/identity.ts): absent in reports of older versions. */
  identity: z
    .object({
      /** The signal that gave the name, null when none did. */
      source: z.string().max(64).nullable(),
      status: z.enum(['trusted', 'waiting', 'conflict', 'none']),
      /** signal → trusted | generic | stale | missing */
      verdicts: z.record(z.string().max(64), z.enum(['trusted', 'generic', 'stale', 'missing'])),
    })
    .optional(),
});

export const settingsPatchSchema = z.object({
  graphVersion: z.string().regex(/^v\d{1,3}\.\d{1,2}$/).optional(),
  language: z.enum(['browser', 'en', 'es']).optional(),
  retentionDays: z.number().int().min(1).max(3650).optional(),
  promoTerms: z.array(z.string().min(1).max(64)).max(500).optional(),
  closesSoonMinutes: z.number().int().min(5).max(24 * 60).optional(),
  notifyClosing: z.boolean().optional(),
});

export const requestSchema = z.discriminatedUnion('type', [
  // content script
  z.object({
    type: z.literal('thread.get'),
    pageId: id,
    selectedItemId: id.nullable(),
    platform,
    displayName: z.string().max(300).nullable(),
    /** Skip the cache (the agent pressed retry, or a send just happened). */
    refresh: z.boolean().optional(),
    /** No name yet, but one is expected: the page showed a generic title or the previous customer's name. */
    awaitingName: z.boolean().optional(),
    /** No name because the page's name signals disagree: the names they read, for the agent to pick among. */
    conflictingNames: z.array(z.string().min(1).max(300)).max(4).optional(),
  }),
  z.object({ type: z.literal('thread.choose'), pageId: id, selectedItemId: id.nullable(), platform, psid: id }),
  z.object({
    type: z.literal('reopen.send'),
    requestId: z.uuid(),
    pageId: id,
    psid: id,
    request: reopenRequestSchema,
    /** "It did not arrive — send again": the `unknown` attempt Reopen read the conversation for and did not find. */
    retryOf: z.uuid().optional(),
  }),
  z.object({ type: z.literal('templates.list'), pageId: id }),
  z.object({ type: z.literal('inbox.health'), report: layoutHealthSchema }),
  // A content script cannot open the extension's own pages; the background opens the options page for it
  // (the banner's "Connect this Page" fix).
  z.object({ type: z.literal('options.open') }),
  // The content script bundles no catalog: it asks for the inbox's words in the agent's language only.
  z.object({ type: z.literal('ui.strings'), locale: z.enum(['en', 'es']) }),
  // The conversation list's row badges: the Page's recent conversations with a unique name (lib/urgency).
  z.object({ type: z.literal('urgency.rows'), pageId: id }),
  // popup
  z.object({ type: z.literal('summary.get') }),
  z.object({ type: z.literal('overview.scan'), pageId: id, limit: z.number().int().min(1).max(1000).optional() }),
  z.object({ type: z.literal('overview.status'), pageId: id }),
  z.object({ type: z.literal('overview.cancel'), pageId: id }),
  z.object({ type: z.literal('audit.export') }),
  // options
  z.object({ type: z.literal('pages.list') }),
  z.object({ type: z.literal('pages.connect'), token: z.string().min(1).max(1000) }),
  z.object({ type: z.literal('pages.disconnect'), pageId: id }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.set'), patch: settingsPatchSchema }),
  z.object({ type: z.literal('settings.export') }),
  z.object({ type: z.literal('settings.import'), json: z.string().max(200_000) }),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
export type LayoutHealth = z.infer<typeof layoutHealthSchema>;
