// When an `unknown` send's conversation is read (lib/send/reconcile.ts), in a module with no imports so the inbox
// can say "n of 3 checks" without bundling the background's code.

/** Counted from when the attempt settled `unknown`: 5 s, 30 s, 2 min. The last one is the "reasonable wait": a
 *  message Meta took shows in the Conversations API well within it. */
export const RECONCILE_READS_AFTER_MS: readonly number[] = [5_000, 30_000, 120_000];
