import type { RowFact } from '../inbox/row-badge-model';

// When the content script asks the background for the row badges' facts (urgency.rows): the background reads a Page's
// listing at most once a minute, so asking more often would only repeat its answer.

export interface RowsRefreshDeps {
  /** Asks the background for one Page's row facts. */
  ask(pageId: string): Promise<{ rows: RowFact[]; closesSoonMinutes: number }>;
  apply(rows: RowFact[], closesSoonMinutes: number): void;
  pageId(): string | null;
  visible(): boolean;
  now(): number;
  /** At most one ask per Page this often (a timer tick may come a little early: 5 s of slack). */
  everyMs: number;
}

/** The content script's side of "at most once a minute, never while hidden": call it on every occasion (start, timer,
 *  tab shown, URL change); it asks only when visible and when the Page changed or the interval is over. */
export function rowsRefresher(deps: RowsRefreshDeps): () => void {
  let last: { pageId: string; at: number } | null = null;
  return () => {
    const pageId = deps.pageId();
    if (!pageId || !deps.visible()) return;
    if (last?.pageId === pageId && deps.now() - last.at < deps.everyMs - 5000) return;
    last = { pageId, at: deps.now() };
    deps.ask(pageId).then(
      (view) => deps.apply(view.rows, view.closesSoonMinutes),
      () => undefined,
    );
  };
}
