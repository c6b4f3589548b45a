// Scenario files describe the world the simulator starts from: Pages with their tokens (and the Instagram
// professional account linked to each, if any), Messenger and Instagram conversations and utility templates. They are validated with zod so a typo in a JSON file fails
// loudly at start instead of producing a silently different world.
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
});

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
    conversations: z.array(conversationSchema),
    templates: z.array(templateSchema).default([]),
  })
  .superRefine((scenario, ctx) => {
    const pageIds = new Set(scenario.pages.map((page) => page.id));
    const tokens = new Set<string>();
    for (const page of scenario.pages) {
      if (tokens.has(page.token)) ctx.addIssue({ code: 'custom', message: `token of Page ${page.id} is used twice` });
      tokens.add(page.token);
    }
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
