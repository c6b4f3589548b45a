import { z } from 'zod';
import { LOCALES } from '../i18n/core';
import { layoutHealthSchema } from '../inbox/layout-health';
import { paneReadingSchema } from '../inbox/schema';
import { reopenRequestSchema } from '../policy/reopen-request';
import { settingsPatchSchema } from '../settings/schema';

// The one protocol between the content script, popup, options page and the background.
// Requests are Zod schemas, composed from the schemas their owning modules export (the reopen request from
// lib/policy, the layout report from lib/inbox, the settings patch from lib/settings): the background parses every
// incoming message before acting. Responses are plain types (./responses.ts; the background builds them, the
// senders trust their own extension). This module pulls in full Zod: import it from the background only. Views
// import types from here and from `./responses`, and call `./client`.

const id = z.string().regex(/^[0-9A-Za-z_.:-]{1,128}$/);
/** Messenger, or Instagram Direct (thread_type=IG_MESSAGE); absent: Messenger (content scripts of older versions). */
const platform = z.enum(['messenger', 'instagram']).optional();

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
    /** The messages the conversation pane shows: what proves a person found by name (lib/threads/proof.ts). */
    pane: paneReadingSchema.optional(),
  }),
  z.object({ type: z.literal('thread.choose'), pageId: id, selectedItemId: id.nullable(), platform, psid: id }),
  z.object({
    type: z.literal('reopen.send'),
    requestId: z.uuid(),
    pageId: id,
    psid: id,
    /** The conversation the send is made from: the background sends only to a person proven for it. */
    selectedItemId: id.nullable().optional(),
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
  z.object({ type: z.literal('ui.strings'), locale: z.enum(LOCALES) }),
  // The key the browser assigned to the panel's shortcut (commands.getAll lives in the background); the options page too.
  z.object({ type: z.literal('shortcut.get') }),
  // The conversation list's row badges: the Page's recent conversations with a unique name (lib/urgency).
  z.object({ type: z.literal('urgency.rows'), pageId: id }),
  // popup
  z.object({ type: z.literal('summary.get') }),
  z.object({ type: z.literal('overview.scan'), pageId: id, limit: z.number().int().min(1).max(1000).optional() }),
  z.object({ type: z.literal('overview.status'), pageId: id }),
  z.object({ type: z.literal('overview.cancel'), pageId: id }),
  z.object({ type: z.literal('audit.export') }),
  // A manager clears the Page's block (Meta restricted the Page) after reading why; `since` names the block read.
  z.object({ type: z.literal('pageblock.clear'), pageId: id, since: z.number().int().nonnegative() }),
  // options
  z.object({ type: z.literal('pages.list') }),
  z.object({ type: z.literal('pages.connect'), token: z.string().min(1).max(1000) }),
  // Pages picked from a person's offer: the person's token comes again with the pick (the options page holds it only
  // while the offer is on screen; the background never stores it).
  z.object({ type: z.literal('pages.pick'), token: z.string().min(1).max(1000), pageIds: z.array(id).min(1).max(100) }),
  z.object({ type: z.literal('pages.disconnect'), pageId: id }),
  // Labels in Business Suite (issue 22): each Page's switch, and what the sync wrote (options and dashboard).
  z.object({ type: z.literal('labels.status') }),
  z.object({ type: z.literal('labels.set'), pageId: id, enabled: z.boolean(), language: z.enum(LOCALES).optional() }),
  z.object({ type: z.literal('settings.get') }),
  z.object({ type: z.literal('settings.set'), patch: settingsPatchSchema }),
  z.object({ type: z.literal('settings.export') }),
  z.object({ type: z.literal('settings.import'), json: z.string().max(200_000) }),
]);

export type Request = z.infer<typeof requestSchema>;
export type RequestType = Request['type'];
export type RequestOf<T extends RequestType> = Extract<Request, { type: T }>;
