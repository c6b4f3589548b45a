import { z } from 'zod';

// What the content script reports of the conversation pane's messages (./pane-messages.ts reads it; thread.get carries
// it; lib/threads/proof.ts compares it with Meta's messages, reading the time labels with ./time-labels.ts in the
// background, whose clock and time zone are the agent's too). This file pulls in full Zod: the content script imports
// its types only.

const instant = z.number().int().nonnegative();
const label = z.string().min(1).max(40);

export const paneMessageSchema = z.object({
  text: z.string().min(1).max(300),
  /** Time labels in the message's own row: they date it, to their resolution. */
  labels: z.array(label).max(4).optional(),
  /** The nearest separating label before it (it was sent at or after that time) and after it (at or before). */
  after: label.optional(),
  before: label.optional(),
});

export const paneReadingSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('unreadable'), why: z.enum(['no_region', 'loading', 'empty']) }),
  /** Oldest first, the newest few; `readAt` is when the labels were read (they are relative to it). */
  z.object({ status: z.literal('read'), readAt: instant, messages: z.array(paneMessageSchema).max(8) }),
]);

export type PaneMessage = z.infer<typeof paneMessageSchema>;
export type PaneReading = z.infer<typeof paneReadingSchema>;
