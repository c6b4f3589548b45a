import type { StopBlock, StoredAttempt } from './schema';

// After Meta answered, the outcome belongs to the agent even when storage refuses to record it (quota full, a
// failing disk). The attempt is held here, in the worker's memory, and written again on a bounded schedule and
// before every send; meanwhile the ledger still holds its `pending` reservation, which counts for the cooldown
// and becomes `unknown` if this worker dies first. Nothing is sent twice, and nothing the agent was told is lost
// while this worker lives.

export interface HeldCommit {
  pageId: string;
  psid: string;
  attempt: StoredAttempt;
  /** The person's block Meta's refusal started, written with the attempt (stop means stop, even after a full storage). */
  block?: StopBlock;
}

export interface HeldCommits {
  hold(commit: HeldCommit): void;
  /** Writes every held commit again; the ones still refused stay held. */
  flush(): Promise<number>;
  held(): HeldCommit[];
}

/** Retry delays after a refused commit (then only the flush before each send tries again). */
export const HELD_COMMIT_DELAYS_MS = [2_000, 15_000, 60_000, 5 * 60_000, 30 * 60_000];
/** At most this many commits wait in memory; the oldest gives way (its `pending` still holds the cooldown). */
export const MAX_HELD_COMMITS = 100;

export function createHeldCommits(deps: {
  write: (commit: HeldCommit) => Promise<unknown>;
  schedule?: (run: () => void, ms: number) => void;
  delaysMs?: readonly number[];
}): HeldCommits {
  const schedule = deps.schedule ?? ((run, ms) => void setTimeout(run, ms));
  const delays = deps.delaysMs ?? HELD_COMMIT_DELAYS_MS;
  const waiting = new Map<string, HeldCommit>();
  let flushing: Promise<number> | null = null;
  /** One retry chain at a time, whatever the number of held commits. */
  let retrying = false;

  async function flushOnce(): Promise<number> {
    let written = 0;
    for (const [requestId, commit] of [...waiting]) {
      try {
        await deps.write(commit);
        if (waiting.get(requestId) === commit) waiting.delete(requestId);
        written += 1;
      } catch {
        // still refused: kept for the next try
      }
    }
    return written;
  }

  function flush(): Promise<number> {
    if (!waiting.size) return Promise.resolve(0);
    flushing ??= flushOnce().finally(() => {
      flushing = null;
    });
    return flushing;
  }

  function retryLater(step: number) {
    if (step >= delays.length || !waiting.size) {
      retrying = false;
      return;
    }
    retrying = true;
    schedule(() => void flush().then(() => retryLater(step + 1)), delays[step]!);
  }

  return {
    hold(commit) {
      waiting.set(commit.attempt.requestId, commit);
      while (waiting.size > MAX_HELD_COMMITS) waiting.delete(waiting.keys().next().value!);
      if (!retrying) retryLater(0);
    },
    flush,
    held: () => [...waiting.values()],
  };
}
