import type { ConversationSummary, GraphClient } from '../graph';
import type { PageService } from '../pages/service';
import type { Platform } from '../policy/types';
import type { Reconciliation, StoredAttempt, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { withConversation } from '../threads/facts';
import { RECONCILE_READS_AFTER_MS } from './schedule';

// Reconciling an `unknown` attempt (DESIGN.md §1): Meta's answer did not say whether the message went out, so
// Reopen reads the conversation a few times, paced and bounded, and settles the attempt by what it shows:
// - a Page message at or after the attempt (the same text for free text; any Page message for templates, whose
//   text the Conversations API does not echo reliably) makes it `sent`, with that message's id;
// - none by the last read makes it "not found": it stays `unknown` (it still holds the cooldown), and the agent is
//   offered an explicit "It did not arrive — send again" (see lib/policy `factsForResend`).
// What needs reading is kept in the thread's stored attempt (`reconciliation`), so a worker that dies mid-way
// leaves the work to its successor: `watch` is fed again from the ledger at worker start.

export { RECONCILE_READS_AFTER_MS };
/** A Page message this much before our attempt's local time still counts: Meta's clock and ours differ a little,
 *  and a Page message before the attempt would have held the cooldown and blocked the send in the first place. */
export const CLOCK_TOLERANCE_MS = 60_000;
/** The alarm that wakes a worker for a read when no timer of a living worker will (chrome.alarms). */
export const RECONCILE_ALARM = 'reopen-reconcile';

/** The free text as Meta shows it back: the same characters, whatever the line endings and outer spaces. */
export function normalizeSentText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trim().normalize('NFC');
}

/** SHA-256 (hex) of the normalised text: the attempt keeps this, never the text itself. */
export async function textDigest(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(normalizeSentText(text));
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return [...new Uint8Array(hash)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The reconciliation an attempt starts with when it settles `unknown` at `at`. */
export function checkingFrom(at: number): Reconciliation {
  return { state: 'checking', reads: 0, nextReadAt: at + RECONCILE_READS_AFTER_MS[0]! };
}

/** When the next read of this thread is due; null when nothing in it is being checked. */
export function nextReadOf(record: ThreadRecord | null): number | null {
  let next: number | null = null;
  for (const attempt of record?.attempts ?? []) {
    const due = attempt.reconciliation?.state === 'checking' ? attempt.reconciliation.nextReadAt : undefined;
    if (due !== undefined && (next === null || due < next)) next = due;
  }
  return next;
}

export interface ReconcilerDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  graph: () => Promise<GraphClient>;
  now: () => number;
  /** Asks to be woken at `at` to run `runDue` (a timer while the worker lives, an alarm for its successor). */
  wake?: (at: number) => void;
}

export interface ReconcileReport {
  /** Conversations read. */
  reads: number;
  found: number;
  notFound: number;
}

export interface Reconciler {
  /** A thread with an attempt being checked: remembered, and a wake-up asked for its next read. */
  watch(pageId: string, psid: string, dueAt: number): void;
  /** Reads every watched conversation whose next read is due now, and settles what it can. */
  runDue(): Promise<ReconcileReport>;
  /** The earliest read to come; null when nothing is being checked. */
  nextDueAt(): number | null;
}

/** A Page message that settles the attempt, if the read shows one. */
function deliveredMessage(
  attempt: StoredAttempt,
  pageMessages: readonly (ConversationSummary['messages'][number] & { digest: string | null })[],
  claimed: ReadonlySet<string>,
) {
  return pageMessages.find(
    (message) =>
      !claimed.has(message.id) &&
      message.createdTime >= attempt.at - CLOCK_TOLERANCE_MS &&
      (attempt.contentKind !== 'text' || (attempt.textDigest !== undefined && message.digest === attempt.textDigest)),
  );
}

/**
 * One read applied to one thread: the conversation's facts, and every attempt whose read was due settled or
 * moved to its next read. `conversation` undefined: the read failed (it still counts, so the reads stay bounded).
 */
export function applyRead(
  record: ThreadRecord,
  read: { conversation: ConversationSummary | null | undefined; pageMessages: Parameters<typeof deliveredMessage>[1]; at: number },
): { record: ThreadRecord; found: number; notFound: number } {
  let next = read.conversation
    ? withConversation(record, read.conversation, { pageId: record.pageId, psid: record.psid, selectedItemId: null }, read.at)
    : record;
  const claimed = new Set(next.attempts.flatMap((attempt) => (attempt.messageId ? [attempt.messageId] : [])));
  let found = 0;
  let notFound = 0;
  // Oldest first, so two attempts never claim the same message and the older gets the older message.
  const order = [...next.attempts].sort((a, b) => a.at - b.at);
  const settled = new Map<string, StoredAttempt>();
  for (const attempt of order) {
    const checking = attempt.reconciliation;
    if (checking?.state !== 'checking' || (checking.nextReadAt ?? 0) > read.at) continue;
    const reads = checking.reads + 1;
    const message = read.conversation !== undefined ? deliveredMessage(attempt, read.pageMessages, claimed) : undefined;
    if (message) {
      claimed.add(message.id);
      found += 1;
      settled.set(attempt.requestId, {
        ...attempt,
        status: 'sent',
        messageId: message.id,
        reconciliation: { state: 'found', reads, settledAt: read.at },
      });
      continue;
    }
    if (reads >= RECONCILE_READS_AFTER_MS.length) {
      // Only a read that worked, of an attempt it could recognise, says "not there"; anything else is unchecked.
      const checkable = read.conversation !== undefined && (attempt.contentKind !== 'text' || attempt.textDigest !== undefined);
      if (checkable) notFound += 1;
      settled.set(attempt.requestId, { ...attempt, reconciliation: { state: checkable ? 'not_found' : 'unchecked', reads, settledAt: read.at } });
      continue;
    }
    const from = attempt.settledAt ?? attempt.at;
    settled.set(attempt.requestId, {
      ...attempt,
      reconciliation: { state: 'checking', reads, nextReadAt: Math.max(read.at + 1, from + RECONCILE_READS_AFTER_MS[reads]!) },
    });
  }
  if (settled.size > 0 || next !== record) {
    next = { ...next, attempts: next.attempts.map((attempt) => settled.get(attempt.requestId) ?? attempt), updatedAt: Math.max(next.updatedAt, read.at) };
  }
  return { record: next, found, notFound };
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { store, now } = deps;
  const watched = new Map<string, { pageId: string; psid: string; dueAt: number }>();
  let running: Promise<ReconcileReport> = Promise.resolve({ reads: 0, found: 0, notFound: 0 });

  const keyOf = (pageId: string, psid: string) => `${pageId}:${psid}`;

  function earliest(): number | null {
    let first: number | null = null;
    for (const entry of watched.values()) if (first === null || entry.dueAt < first) first = entry.dueAt;
    return first;
  }

  function arm() {
    const first = earliest();
    if (first !== null) deps.wake?.(first);
  }

  async function readConversation(pageId: string, psid: string, platform: Platform): Promise<ConversationSummary | null | undefined> {
    const access = await deps.pages.pageForUse(pageId);
    if (!access.ok) return undefined;
    const graph = await deps.graph();
    const lookup = await graph.conversationForUser(access.page.id, psid, access.page.token, platform);
    if (lookup.ok) return lookup.value;
    if (lookup.error.code === 190) await deps.pages.markNeedsReconnect(pageId);
    return undefined;
  }

  /** Reads one thread's conversation if one of its attempts is due; answers the thread's next read. */
  async function check(pageId: string, psid: string, report: ReconcileReport): Promise<number | null> {
    const thread = await store.getThread(pageId, psid);
    const due = nextReadOf(thread);
    if (due === null || due > now()) return due;
    const conversation = await readConversation(pageId, psid, thread?.platform ?? 'messenger');
    report.reads += 1;
    const pageMessages = await Promise.all(
      (conversation?.messages ?? [])
        .filter((message) => message.fromId === pageId)
        .sort((a, b) => a.createdTime - b.createdTime)
        .map(async (message) => ({ ...message, digest: message.text === null ? null : await textDigest(message.text) })),
    );
    const at = now();
    let outcome = { found: 0, notFound: 0 };
    const saved = await store.updateThread(pageId, psid, (current) => {
      if (!current) return current;
      const applied = applyRead(current, { conversation, pageMessages, at });
      outcome = applied;
      return applied.record;
    });
    report.found += outcome.found;
    report.notFound += outcome.notFound;
    return nextReadOf(saved);
  }

  async function runOnce(): Promise<ReconcileReport> {
    const report: ReconcileReport = { reads: 0, found: 0, notFound: 0 };
    // A bounded pass: each watched thread is looked at once per run.
    for (const [key, entry] of [...watched]) {
      if (entry.dueAt > now()) continue;
      let next: number | null;
      try {
        next = await check(entry.pageId, entry.psid, report);
      } catch {
        // Storage or the network failed for this thread: try it again at its next wake-up, not in a loop.
        next = now() + RECONCILE_READS_AFTER_MS[0]!;
      }
      if (next === null) watched.delete(key);
      else watched.set(key, { ...entry, dueAt: next });
    }
    arm();
    return report;
  }

  return {
    watch(pageId, psid, dueAt) {
      const key = keyOf(pageId, psid);
      const current = watched.get(key);
      if (!current || dueAt < current.dueAt) watched.set(key, { pageId, psid, dueAt });
      arm();
    },
    runDue() {
      // One run at a time: a timer and an alarm may fire together.
      running = running.then(runOnce, runOnce);
      return running;
    },
    nextDueAt: earliest,
  };
}
