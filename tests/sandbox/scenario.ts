// Scenario files describe the world the simulator starts from: Pages with their tokens (and the Instagram
// professional account linked to each, if any), the other access tokens Meta would see (a person's, with the Pages
// they manage; an app's; a Page token with fewer permissions; expired ones), Messenger and Instagram conversations and
// utility templates. They are validated with zod so a typo in a JSON file fails loudly at start instead of producing a
// silently different world.
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const isoInstant = z.string().refine((value) => !Number.isNaN(Date.parse(value)), {
  message: 'must be an ISO date-time, e.g. 2026-07-12T19:11:07Z',
});

const clockSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('fixed'), start: isoInstant }),
  // Real mode follows the wall clock; ageMinutes count back from the moment the simulator starts,
  // so a demo scenario is always "current".
  z.object({ mode: z.literal('real') }),
]);

const pageSchema = z.object({
  id: z.string().regex(/^\d+$/, 'Page ids are numeric strings'),
  name: z.string().min(1),
  token: z.string().min(1),
  /** The Instagram professional account linked to the Page: it speaks for the Page in Instagram conversations. */
  instagram: z.object({ id: z.string().regex(/^\d+$/, 'Instagram account ids are numeric strings'), username: z.string().min(1) }).optional(),
  /** Custom labels the Page already has (Meta's Custom Labels API), each on the PSIDs of this Page's people listed. */
  labels: z
    .array(
      z.object({
        id: z.string().regex(/^\d+$/, 'label ids are numeric strings').optional(),
        name: z.string().min(1),
        psids: z.array(z.string()).default([]),
      }),
    )
    .optional(),
  /** false: Reopen's Meta app lacks pages_manage_metadata on this Page, whoever's Page token calls. Default true. */
  pagesManageMetadata: z.boolean().optional(),
  /** false: the Page's admin has not accepted the Page Contact Terms, so the Custom Labels API refuses. Default true. */
  contactTermsAccepted: z.boolean().optional(),
});

/** What a person may do on a Page (Meta's `tasks` of `/me/accounts`). */
export const PAGE_TASKS = ['MANAGE', 'CREATE_CONTENT', 'MODERATE', 'MESSAGING', 'ADVERTISE', 'ANALYZE'] as const;
/** The permissions a token carries when the scenario names none: what Reopen's Meta app asks for. */
export const DEFAULT_PERMISSIONS = ['pages_messaging', 'pages_manage_metadata', 'pages_read_engagement', 'pages_show_list'] as const;

/** `expired`: Meta answers 190/463; `invalidated` (the person logged out, or changed their password): 190/467. */
const tokenStatusSchema = z.enum(['valid', 'expired', 'invalidated']).optional();
const permissionsSchema = z.array(z.string().regex(/^[a-z_]+$/, 'permissions look like pages_messaging')).optional();
const tasksSchema = z.array(z.enum(PAGE_TASKS));

const tokenSchema = z.discriminatedUnion('kind', [
  // A Page token other than the Page's own (`pages[].token`): fewer permissions, fewer tasks, or expired.
  z.object({
    kind: z.literal('page'),
    token: z.string().min(1),
    pageId: z.string(),
    /** Default: DEFAULT_PERMISSIONS. */
    permissions: permissionsSchema,
    /** What the person who requested it may do on the Page. Default: every task. */
    tasks: tasksSchema.optional(),
    status: tokenStatusSchema,
  }),
  // A person's (user) token: `/me` is the person, `/me/accounts` lists their Pages with each Page's own token.
  z.object({
    kind: z.literal('user'),
    token: z.string().min(1),
    id: z.string().regex(/^\d+$/, 'user ids are numeric strings'),
    name: z.string().min(1),
    /** Default: DEFAULT_PERMISSIONS. The Page tokens of `accounts` carry the same ones. */
    permissions: permissionsSchema,
    accounts: z.array(z.object({ pageId: z.string(), tasks: tasksSchema, token: z.string().min(1) })),
    status: tokenStatusSchema,
  }),
  // An app token (`{app-id}|{app-secret}`): no person, no Page.
  z.object({ kind: z.literal('app'), token: z.string().min(1), appId: z.string().regex(/^\d+$/, 'app ids are numeric strings') }),
]);

const scenarioMessageSchema = z
  .object({
    from: z.enum(['customer', 'page']),
    text: z.string(),
    at: isoInstant.optional(),
    ageMinutes: z.number().nonnegative().optional(),
  })
  .refine((message) => (message.at === undefined) !== (message.ageMinutes === undefined), {
    message: 'each message needs exactly one of "at" or "ageMinutes"',
  });

const conversationSchema = z.object({
  id: z.string().regex(/^t_[A-Za-z0-9_]+$/, 'conversation ids look like "t_…"'),
  pageId: z.string(),
  psid: z.string().regex(/^\d+$/, 'PSIDs are numeric strings'),
  /** The name Business Suite shows for the customer (on Instagram the name, or the username). */
  customerName: z.string().min(1),
  selectedItemId: z.string().min(1),
  /** Absent: Messenger. On Instagram `psid` is the IGSID and the Conversations API gives only `username`. */
  platform: z.enum(['messenger', 'instagram']).optional(),
  username: z.string().min(1).optional(),
  unavailable: z.boolean().optional(),
  messages: z.array(scenarioMessageSchema).min(1, 'a conversation exists because someone wrote: give it a message'),
});

const templateComponentSchema = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
});

const templateSchema = z.object({
  id: z.string().regex(/^\d+$/).optional(),
  pageId: z.string(),
  name: z.string().regex(/^[a-z0-9_]+$/, 'template names are lower-case letters, digits and _'),
  language: z.string().min(2),
  status: z.enum(['APPROVED', 'PENDING', 'REJECTED']),
  category: z.string(),
  components: z.array(templateComponentSchema),
});

export const scenarioSchema = z
  .object({
    description: z.string().optional(),
    clock: clockSchema,
    /** Conversations API pacing (2 calls/s per Page → 80006). On unless false. */
    pacing: z.boolean().optional(),
    /** Calls per simulated hour that make X-Business-Use-Case-Usage reach 100 (%). Default 200. */
    usageBudgetPerHour: z.number().int().positive().optional(),
    pages: z.array(pageSchema).min(1),
    /** Access tokens besides the Pages' own (see tokenSchema). */
    tokens: z.array(tokenSchema).default([]),
    conversations: z.array(conversationSchema),
    templates: z.array(templateSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const pageIds = new Set(scenario.pages.map((page) => page.id));
    const tokens = new Set<string>();
    const claim = (token: string, owner: string, path: (string | number)[]) => {
      if (tokens.has(token)) ctx.addIssue({ code: 'custom', path, message: `token of ${owner} is used twice` });
      tokens.add(token);
    };
    for (const page of scenario.pages) claim(page.token, `Page ${page.id}`, ['pages']);
    scenario.tokens.forEach((token, index) => {
      claim(token.token, `tokens[${index}]`, ['tokens', index, 'token']);
      if (token.kind === 'page' && !pageIds.has(token.pageId)) {
        ctx.addIssue({ code: 'custom', path: ['tokens', index, 'pageId'], message: `unknown Page ${token.pageId}` });
      }
      if (token.kind !== 'user') return;
      token.accounts.forEach((account, accountIndex) => {
        claim(account.token, `the Page token of tokens[${index}].accounts[${accountIndex}]`, ['tokens', index, 'accounts', accountIndex, 'token']);
        if (!pageIds.has(account.pageId)) {
          ctx.addIssue({ code: 'custom', path: ['tokens', index, 'accounts', accountIndex, 'pageId'], message: `unknown Page ${account.pageId}` });
        }
      });
    });
    const conversationIds = new Set<string>();
    const psids = new Set<string>();
    scenario.conversations.forEach((conversation, index) => {
      if (!pageIds.has(conversation.pageId)) {
        ctx.addIssue({ code: 'custom', path: ['conversations', index, 'pageId'], message: `unknown Page ${conversation.pageId}` });
      }
      if (conversationIds.has(conversation.id)) {
        ctx.addIssue({ code: 'custom', path: ['conversations', index, 'id'], message: `duplicate conversation id ${conversation.id}` });
      }
      conversationIds.add(conversation.id);
      const psidKey = `${conversation.pageId}/${conversation.psid}`;
      if (psids.has(psidKey)) {
        ctx.addIssue({ code: 'custom', path: ['conversations', index, 'psid'], message: `PSID ${conversation.psid} has two conversations on one Page` });
      }
      psids.add(psidKey);
      if (conversation.platform === 'instagram') {
        if (!scenario.pages.find((page) => page.id === conversation.pageId)?.instagram) {
          ctx.addIssue({ code: 'custom', path: ['conversations', index, 'platform'], message: `Page ${conversation.pageId} has no Instagram account linked` });
        }
        if (!conversation.username) {
          ctx.addIssue({ code: 'custom', path: ['conversations', index, 'username'], message: 'Instagram participants carry a username: give one' });
        }
      }
      if (conversation.selectedItemId === conversation.psid) {
        ctx.addIssue({
          code: 'custom',
          path: ['conversations', index, 'selectedItemId'],
          message: "Business Suite's selected_item_id differs from the PSID; keep them different so tests catch the confusion",
        });
      }
    });
    const labelIds = new Set<string>();
    scenario.pages.forEach((page, pageIndex) => {
      (page.labels ?? []).forEach((label, labelIndex) => {
        if (label.id !== undefined) {
          if (labelIds.has(label.id))
            ctx.addIssue({ code: 'custom', path: ['pages', pageIndex, 'labels', labelIndex, 'id'], message: `duplicate label id ${label.id}` });
          labelIds.add(label.id);
        }
        label.psids.forEach((psid, psidIndex) => {
          const person = scenario.conversations.find(
            (conversation) => conversation.pageId === page.id && conversation.psid === psid && conversation.platform !== 'instagram',
          );
          if (!person) {
            ctx.addIssue({
              code: 'custom',
              path: ['pages', pageIndex, 'labels', labelIndex, 'psids', psidIndex],
              message: `PSID ${psid} has no Messenger conversation on Page ${page.id}`,
            });
          }
        });
      });
    });
    scenario.templates.forEach((template, index) => {
      if (!pageIds.has(template.pageId)) {
        ctx.addIssue({ code: 'custom', path: ['templates', index, 'pageId'], message: `unknown Page ${template.pageId}` });
      }
    });
  });

export type Scenario = z.input<typeof scenarioSchema>;
export type ParsedScenario = z.output<typeof scenarioSchema>;
export type ScenarioMessage = z.infer<typeof scenarioMessageSchema>;
export type ScenarioTemplate = z.infer<typeof templateSchema>;
export type ScenarioLabel = NonNullable<z.infer<typeof pageSchema>['labels']>[number];
export type ScenarioToken = z.infer<typeof tokenSchema>;
export type PageTask = (typeof PAGE_TASKS)[number];

/** Validates scenario JSON; throws an Error listing every problem with its path. */
export function parseScenario(input: unknown): ParsedScenario {
  const result = scenarioSchema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new Error(`Invalid scenario:\n${problems.join('\n')}`);
  }
  return result.data;
}

export function loadScenario(file: string): ParsedScenario {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read scenario ${file}: ${(error as Error).message}`, { cause: error });
  }
  return parseScenario(json);
}
