import { z } from 'zod';

// What the content script reports of the inbox's layout (inbox.health): which anchors of the selector registry were
// found and how the customer's name was read (./health.ts builds it; the background stores it for the popup's
// health view). This file pulls in full Zod: the content script imports its type only.

const instant = z.number().int().nonnegative();

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

export type LayoutHealth = z.infer<typeof layoutHealthSchema>;
