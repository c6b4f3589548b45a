import { z } from 'zod';

// What the content script reports of the conversation pane's messages (./pane-messages.ts reads it; thread.get carries
// it; lib/threads/proof.ts compares it with Meta's messages). This file pulls in full Zod: the content script imports
// its types only.

const instant = z.number().int().nonnegative();

export const paneMessageSchema = z.object({
  text: z.string().min(1).max(300),
  /** The instants the page's time labels allow for it (epoch ms), when they say. */
  earliest: instant.optional(),
  latest: instant.optional(),
});

export const paneReadingSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unreadable'), why: z.enum(['no_region', 'loading', 'empty']) }),
  /** Oldest first, the newest few. */
  z.object({ status: z.literal('read'), readAt: instant, messages: z.array(paneMessageSchema).max(8) }),
]);

export type PaneMessage = z.infer<typeof paneMessageSchema>;
export type PaneReading = z.infer<typeof paneReadingSchema>;
