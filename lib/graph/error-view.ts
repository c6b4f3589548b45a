import { z } from 'zod';

// A Meta error (or a transport failure) as the rest of Reopen keeps and shows it: the views' words come from its
// `kind` (lib/graph/errors.ts's catalog), the ledger stores it with each attempt. Background only (full Zod): the views import the type.

/** The stored shape of an ErrorView (an attempt's `error` in the ledger). */
export const errorViewSchema = z.object({
  kind: z.string(),
  retryable: z.boolean(),
  code: z.number().int().optional(),
  subcode: z.number().int().optional(),
  metaMessage: z.string().optional(),
  fbtraceId: z.string().optional(),
});

/** A Meta error (or a transport failure) explained. `kind` names an entry of the error catalog (./errors.ts); the
 *  views turn it into words with the i18n keys `errors.<kind>.explain` and `errors.<kind>.next`. `metaMessage` is
 *  Meta's own message, kept for unknown codes and for support. The views import this type only. */
export type ErrorView = z.infer<typeof errorViewSchema>;

/** The reply-safe part of a Graph failure (a GraphFailure is one): drops transport details the views do not use. */
export function errorView(failure: ErrorView): ErrorView {
  const { kind, retryable, code, subcode, metaMessage, fbtraceId } = failure;
  return {
    kind,
    retryable,
    ...(code !== undefined ? { code } : {}),
    ...(subcode !== undefined ? { subcode } : {}),
    ...(metaMessage !== undefined ? { metaMessage } : {}),
    ...(fbtraceId !== undefined ? { fbtraceId } : {}),
  };
}

/** Removes the token from anything Meta echoed back, so an error can be stored, shown or exported. */
export function withoutToken(view: ErrorView, token: string): ErrorView {
  const scrub = (text: string | undefined) => (text === undefined || !token ? text : text.split(token).join('[token]'));
  const clean: ErrorView = { ...view };
  if (view.metaMessage !== undefined) clean.metaMessage = scrub(view.metaMessage);
  if (view.fbtraceId !== undefined) clean.fbtraceId = scrub(view.fbtraceId);
  return clean;
}
