import type { RowFact } from '../inbox/row-badge-model';
import { COOLDOWN_MS, cooldownState } from '../policy/cooldown';
import { normalizeDisplayName } from '../policy/display-name';
import type { InboxViewState } from './inbox-store';

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
 *  tab shown, URL change); it asks only when visible and when the Page changed or the interval is over. `force`: the
 *  background said a conversation's facts changed (a send, a customer's message: lib/messaging/rows-changed.ts); it
 *  asks at once, or, hidden, at the next occasion once shown. (The background still reads the listing no more than
 *  once a minute: a forced ask answers from it and the stored threads.) */
export function rowsRefresher(deps: RowsRefreshDeps): (options?: { force?: boolean }) => void {
  let last: { pageId: string; at: number } | null = null;
  let stale = false;
  return (options) => {
    if (options?.force) stale = true;
    const pageId = deps.pageId();
    if (!pageId || !deps.visible()) return;
    if (!stale && last?.pageId === pageId && deps.now() - last.at < deps.everyMs - 5000) return;
    stale = false;
    last = { pageId, at: deps.now() };
    deps.ask(pageId).then(
      (view) => deps.apply(view.rows, view.closesSoonMinutes),
      () => undefined,
    );
  };
}

/**
 * The row fact of the conversation on screen, from what its banner and panel know now: the thread's own read and the
 * outcome of a send just made (a `sent` or `unknown` answer holds the cooldown at once, before the thread is read
 * again). The row badges prefer it to the background's when fresher (lib/inbox/row-badges.ts local), so the
 * conversation's row changes with the banner, with no call of its own.
 */
export function screenRowFact(state: Pick<InboxViewState, 'thread' | 'result' | 'now'>): RowFact | null {
  const thread = state.thread;
  if (thread?.status !== 'resolved' || !thread.customerName) return null;
  const name = normalizeDisplayName(thread.customerName);
  const customerLastMessageAt = thread.facts.customerLastMessageAt;
  if (!name || customerLastMessageAt === null) return null;
  const cooldown = cooldownState(thread.facts, state.now);
  let cooldownUntil = cooldown.active ? cooldown.until : null;
  const result = state.result;
  if (result && (result.outcome === 'sent' || result.outcome === 'unknown')) {
    const until = result.nextAttemptAt ?? state.now + COOLDOWN_MS;
    if (until > state.now && (cooldownUntil === null || until > cooldownUntil)) cooldownUntil = until;
  }
  return { name, customerLastMessageAt, cooldownUntil };
}
