// How an error is put into words on every screen (the inbox's panel and banner, the popup, the options page): its
// kind, an entry of lib/graph's error catalog, has `errors.<kind>.explain` and `errors.<kind>.next` in the catalogs
// (locales/*/errors.ts); a kind the catalogs do not know yet (a new Meta code) is shown with Meta's own message and
// its code as people quote it. Each screen translates through its own catalog (the inbox gets its words at run time).

/** The parts of an ErrorView (lib/graph/error-view.ts) the words use. */
export interface ErrorFacts {
  kind: string;
  code?: number;
  subcode?: number;
  metaMessage?: string;
}

/**
 * What happened and what to do now. `text` is a catalog lookup (null for a key it lacks); `fallback` gives the
 * explanation of a kind the catalog has no words for, from Meta's code as people quote it ('' when there is none).
 */
export function errorWords(
  text: (key: string) => string | null,
  error: ErrorFacts,
  fallback: (code: string) => string,
): { explain: string; next: string | null } {
  return {
    explain: text(`errors.${error.kind}.explain`) || fallback([error.code, error.subcode].filter((part) => part !== undefined).join('/')),
    next: text(`errors.${error.kind}.next`),
  };
}
