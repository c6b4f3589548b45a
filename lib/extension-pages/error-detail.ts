/** What went wrong, as the words an options or popup page shows after "failed:": the error's message, or the value
 *  itself when something other than an Error was thrown. */
export function errorDetail(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
