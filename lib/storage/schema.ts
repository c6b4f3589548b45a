import { z } from 'zod';
import { errorViewSchema } from '../graph/error-view';
import { LANGUAGE_PREFERENCES, LOCALES } from '../i18n/core';
import { LABEL_STATES } from '../policy/labels';
import { routeIdSchema } from '../policy/reopen-request';

// The stored shapes. Each Zod schema is the single source of its type (z.infer).
// One storage key per thread (`local:thread:<pageId>:<psid>`), so recording an attempt never rewrites the ledger.

/** Where the reading of the conversation for an `unknown` attempt stands: `checking` (reads to come),
 *  `found` (a Page message matched: the attempt became `sent`), `not_found` (the last read showed none) or
 *  `unchecked` (the reads failed, or Reopen cannot recognise this kind of message). The agent may send it again,
 *  explicitly, once a read at least 10 minutes after the POST found nothing (lib/threads/view.ts `isResendable`).
 *  Records written before the hour-long schedule have no `lastReadAfterMs` and at most 3 reads: they are read again
 *  (lib/send/reconcile.ts `resumeEarlyVerdict`). */
export const reconciliationSchema = z.object({
  state: z.enum(['checking', 'found', 'not_found', 'unchecked']),
  /** Points of the schedule covered so far (lib/policy/reconcile-schedule.ts). */
  reads: z.number().int().nonnegative(),
  /** When the next read is due (state `checking`). */
  nextReadAt: z.number().optional(),
  /** When the state last changed to a verdict. */
  settledAt: z.number().optional(),
  /** How long after the POST (our clock) the newest read was made. */
  lastReadAfterMs: z.number().optional(),
  /** The newest read could not read the conversation. */
  lastReadFailed: z.boolean().optional(),
});

/** A first message that showed up after the agent sent it again: the customer got both copies. */
export const doubleDeliverySchema = z.object({
  /** Meta's id of the first message's copy. */
  messageId: z.string(),
  /** When Reopen saw both (our clock). */
  foundAt: z.number(),
});

/** Epoch milliseconds from 1973 on: a smaller number is not a time this product wrote (an epoch in seconds, as
 *  another tool or a hand edit may leave, reads as January 1970 and would silently end a cooldown). */
export const MIN_EPOCH_MS = 1e11;

/** A refusal from Meta that means stop (DESIGN.md §1; the error catalog's `stop` column, lib/graph/errors.ts): who is
 *  blocked, Meta's own answer (code, subcode, kind, its words without any token) and since/until when. A person's
 *  block lives in their thread record (`block`), the Page's under `pageblock:<pageId>`. */
export const stopBlockSchema = z.object({
  scope: z.enum(['person', 'page']),
  code: z.number().int(),
  subcode: z.number().int().optional(),
  kind: z.string(),
  /** Meta's error message, as it answered. */
  metaMessage: z.string().optional(),
  /** When Reopen got the refusal (epoch ms). A person's block lifts at a customer message dated after it. */
  since: z.number(),
  /** Meta's stated time, when it gave one: the block lifts then. */
  until: z.number().optional(),
  /** The refused attempt that made the block. */
  requestId: z.string(),
  /** A manager cleared it in the popup, having read why (Page blocks only). */
  clearedAt: z.number().optional(),
});

export const attemptSchema = z.object({
  requestId: z.string(),
  /** When the attempt was reserved (epoch ms). */
  at: z.number().gte(MIN_EPOCH_MS),
  route: routeIdSchema,
  status: z.enum(['pending', 'sent', 'failed', 'unknown', 'blocked']),
  /** What the agent sent, summarised for the audit (no personal data beyond what the agent typed). */
  contentKind: z.enum(['text', 'feedback', 'utility']),
  /** Meta's message id for `sent`. */
  messageId: z.string().optional(),
  error: errorViewSchema.optional(),
  reason: z.string().optional(),
  /** When the attempt was committed (sent/failed/unknown). */
  settledAt: z.number().optional(),
  /** SHA-256 (hex) of the text the Conversations API shows for the message (lib/send/reconcile.ts): the free text as
   *  sent, a utility template's body with its parameters filled, a feedback survey's title. Lets reconciliation
   *  recognise the message without keeping the text itself. */
  textDigest: z.string().optional(),
  /** When the POST left, on Meta's clock (the send answer's Date header, else our clock with the last offset known):
   *  reconciliation compares it with Meta's created_time. Absent on attempts recorded before Meta's clock was kept. */
  postedAt: z.number().optional(),
  /** Set on an attempt whose message showed up after the agent sent it again. */
  doubleDelivery: doubleDeliverySchema.optional(),
  /** The `unknown` attempt this one sends again, after reconciliation did not find it ("It did not arrive —
   *  send again"). */
  retryOf: z.string().optional(),
  /** Reading the conversation to settle an `unknown` attempt (DESIGN.md §1, lib/send/reconcile.ts). */
  reconciliation: reconciliationSchema.optional(),
  /** For a `failed` attempt whose refusal means stop: the block it started; for a `blocked` one refused by a block:
   *  that block's scope, since and until (the audit exports both). */
  block: z.object({ scope: z.enum(['person', 'page']), since: z.number(), until: z.number().optional() }).optional(),
});

export const threadFactsSchema = z.object({
  customerLastMessageAt: z.number().nullable(),
  pageLastMessageAt: z.number().nullable(),
  /** When these facts were read from Meta. */
  checkedAt: z.number(),
  /** The customer's last message was dated after Meta's own time of the read (this instant, Meta's clock): C was
   *  taken as Meta's time instead, and the window is shown as doubtful until a read dates it sensibly. */
  customerTimeInFuture: z.number().optional(),
});

export const threadRecordSchema = z.object({
  pageId: z.string(),
  psid: z.string(),
  customerName: z.string().nullable(),
  /** Business Suite's id for this thread (selected_item_id), when known: lets the popup link to it. */
  selectedItemId: z.string().nullable(),
  conversationId: z.string().nullable(),
  facts: threadFactsSchema.nullable(),
  attempts: z.array(attemptSchema),
  /** Where the conversation lives; absent: Messenger (every record written before Instagram support). On Instagram
   *  `psid` holds the IGSID. */
  platform: z.enum(['messenger', 'instagram']).optional(),
  /** Blocked attempts dropped by the per-thread cap (lib/storage/budget.ts), so the audit can say how many. */
  blockedDropped: z.number().int().nonnegative().optional(),
  /** Meta told Reopen to stop sending tagged messages to this person (absent in records before blocks existed). */
  block: stopBlockSchema.optional(),
  updatedAt: z.number(),
});

/** A connected Page as the background uses it: the stored entry joined with its token from the vault. */
export const pageRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Kept in the token vault (lib/storage/vault.ts, the extension origin's IndexedDB), never in storage.local;
   *  never serialised into a reply, a log or an export. Empty when the vault has none (needs reconnecting). */
  token: z.string(),
  status: z.enum(['connected', 'needs_reconnect']),
  /** Why it needs reconnecting, when not because Meta refused the token: its stored entry was unreadable, its token
   *  is missing, or an administrator's preset token is a person's, not a Page's (an app's), another Page's, or one that
   *  cannot message. */
  reconnectReason: z.enum(['record_damaged', 'token_missing', 'person_token', 'not_page_token', 'other_page', 'cannot_message']).optional(),
  checkedAt: z.number(),
  managed: z.boolean(),
});

/** The Page list entry in storage.local: everything but the token. */
export const storedPageSchema = pageRecordSchema.omit({ token: true });
export type StoredPage = z.infer<typeof storedPageSchema>;

/** The settings as stored; a change to them is checked against the bounds of lib/settings/schema.ts's patch, built
 *  from these fields. */
export const settingsSchema = z.object({
  graphVersion: z.string(),
  language: z.enum(LANGUAGE_PREFERENCES),
  retentionDays: z.number().int(),
  promoTerms: z.array(z.string()),
  closesSoonMinutes: z.number().int(),
  /** A desktop notification when a conversation the agent opened is about to close (issue 11). Off when absent;
   *  it also needs the optional `notifications` permission, asked for when the agent turns it on. */
  notifyClosing: z.boolean().optional(),
});

export type StoredAttempt = z.infer<typeof attemptSchema>;
export type StopBlock = z.infer<typeof stopBlockSchema>;
export type Reconciliation = z.infer<typeof reconciliationSchema>;
export type ThreadRecord = z.infer<typeof threadRecordSchema>;
export type PageRecord = z.infer<typeof pageRecordSchema>;
export type Settings = z.infer<typeof settingsSchema>;

export const threadKey = (pageId: string, psid: string) => `thread:${pageId}:${psid}` as const;
/** selected_item_id → PSID, remembered once proven or chosen by the agent. */
export const psidMapKey = (pageId: string, selectedItemId: string) => `psidmap:${pageId}:${selectedItemId}` as const;

/** A stored value that failed to parse was moved aside; the popup shows this until it ages out. */
export const storageWarningSchema = z.object({
  /** The key whose value was unreadable (without the area prefix). */
  key: z.string(),
  /** Where the unreadable value was kept, for export and support. */
  quarantineKey: z.string(),
  at: z.number(),
  /** Which fields failed (paths and Zod codes only: never the values, which may hold a token). */
  issues: z.array(z.string()),
  /** What was kept: 'default' (replaced by a clean default) or 'salvaged' (the readable parts were kept). */
  recovery: z.enum(['default', 'salvaged']),
});

/** The last finished whole-Page scan, kept so the popup can show it without rescanning. */
export const overviewResultSchema = z.object({
  pageId: z.string(),
  scanned: z.number().int(),
  limit: z.number().int(),
  startedAt: z.number(),
  finishedAt: z.number(),
  counts: z.object({
    open: z.number().int(),
    human_agent: z.number().int(),
    closed: z.number().int(),
    unknown: z.number().int(),
  }),
  /** Scanned per platform (absent in results of versions that scanned Messenger only). */
  platforms: z.object({ messenger: z.number().int(), instagram: z.number().int() }).optional(),
  /** Why Instagram was not scanned (an error kind such as instagram_not_linked). */
  instagramSkipped: z.string().optional(),
});

export type StorageWarning = z.infer<typeof storageWarningSchema>;
export type OverviewResult = z.infer<typeof overviewResultSchema>;

export const overviewKey = (pageId: string) => `overview:${pageId}` as const;
/** The Page-wide block after Meta restricted the Page (10/1893063): one per Page. */
export const pageBlockKey = (pageId: string) => `pageblock:${pageId}` as const;
export const pageBlockRecordSchema = stopBlockSchema.extend({ pageId: z.string(), scope: z.literal('page') });
export type PageBlockRecord = z.infer<typeof pageBlockRecordSchema>;
export const quarantineKey = (key: string, at: number) => `quarantine:${key}:${at}` as const;

/** selected_item_id → PSID: how the mapping was established matters when the agent asks "why this person?". */
export const psidMappingSchema = z.object({
  psid: z.string(),
  /** 'proven': the user_id lookup of selected_item_id; 'pane_match': a name match the pane's messages proved;
   *  'chosen': the agent confirmed or picked it; 'name_match': a name match only — no proof (mappings of older
   *  versions have it too), re-checked against the pane on every visit. */
  source: z.enum(['proven', 'name_match', 'pane_match', 'chosen']),
  at: z.number(),
});
export type PsidMapping = z.infer<typeof psidMappingSchema>;

/** Labels in Business Suite (issue 22): one Page's label sync, under `labelsync:<pageId>`. */
export const labelSyncKey = (pageId: string) => `labelsync:${pageId}` as const;
const labelStateSchema = z.enum(LABEL_STATES);
/** One person the sync follows, in short keys (a busy Page keeps thousands). */
export const labelPersonSchema = z.object({
  /** The customer's last message (C) and the Page's, as Meta last showed them. */
  c: z.number().nullable(),
  p: z.number().nullable(),
  /** The Reopen label the person carries, as last written or read (null: none); absent: not known yet. */
  l: labelStateSchema.nullable().optional(),
  /** Another browser's "stop" label was found on the person while C was this: kept until the customer writes again. */
  s: z.number().optional(),
  /** A write failed: not tried again before this instant. */
  d: z.number().optional(),
});
export const labelTransitionSchema = z.object({
  at: z.number(),
  psid: z.string(),
  from: labelStateSchema.nullable(),
  to: labelStateSchema.nullable(),
  result: z.enum(['written', 'failed']),
  error: errorViewSchema.optional(),
});
export const labelSyncSchema = z.object({
  pageId: z.string(),
  enabled: z.boolean(),
  /** The administrator's policy set `enabled`. */
  managed: z.boolean().optional(),
  language: z.enum(LOCALES),
  pending: z.enum(['enabling', 'disabling']).nullable(),
  /** The canonical label of each state on the Page (the lowest id among those with one of its names). */
  labelIds: z.partialRecord(labelStateSchema, z.string()),
  labelsCheckedAt: z.number().nullable(),
  people: z.record(z.string(), labelPersonSchema),
  /** When the newest listing read taken in was asked for: the next one reads back to it. */
  listedAt: z.number().nullable(),
  lastSyncAt: z.number().nullable(),
  lastError: z.object({ at: z.number(), error: errorViewSchema }).nullable(),
  clearedAt: z.number().nullable(),
  backoffUntil: z.number().nullable(),
  backoffMs: z.number(),
  /** The label transitions, oldest first, bounded (the audit CSV's `label` rows). */
  log: z.array(labelTransitionSchema),
  /** Label transitions written per hour (start of the hour, count), over the last day. */
  writesByHour: z.array(z.tuple([z.number(), z.number()])).optional(),
});
export type LabelPerson = z.infer<typeof labelPersonSchema>;
export type LabelTransition = z.infer<typeof labelTransitionSchema>;
export type LabelSync = z.infer<typeof labelSyncSchema>;
