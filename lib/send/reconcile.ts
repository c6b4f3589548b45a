import type { ConversationSummary, GraphClient } from '../graph';
import type { PageService } from '../pages/service';
import { isReadDue, readsCovered, RECONCILE_READS_AFTER_MS } from '../policy/reconcile-schedule';
import type { Platform, UtilityTemplate } from '../policy/types';
import type { Reconciliation, StoredAttempt, ThreadRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { withConversation } from '../threads/facts';

// Reconciling an `unknown` attempt (DESIGN.md §1): Meta's answer did not say whether the message went out, so
// Reopen reads the conversation at 5 s, 30 s, 2 min, 10 min and 1 h after the POST (lib/policy/reconcile-schedule.ts),
// paced and bounded, and settles the attempt by what it shows. On Meta's clock, not the agent's: the attempt keeps
// when the POST left by Meta's clock (`postedAt`, from the send answer's Date header), and a message matches only when
// - Meta created it at or after that instant (less MATCH_TOLERANCE_MS: the Date header and created_time are whole
//   seconds),
// - it shows the same text digest: the free text as typed; for a utility message the approved template's body with
//   its parameters filled; for a feedback survey its title (what the Meta simulator shows for one: Meta documents
//   nothing here, so a survey not found is `unchecked`, never `not_found`). Never "any Page message": a colleague's
//   reply from Business Suite is a Page message too;
// - no other attempt claims it (oldest attempt first, a sent attempt's own message id included).
// A match makes it `sent`, with that message's id. No match by the 10-minute read lets the agent send it again
// explicitly ("It did not arrive — send again", behind a confirmation); the reads go on until the hour, so a first
// message that shows up after a resend is found too, and recorded on it as a double delivery. What needs reading is
// kept in the thread's stored attempt (`reconciliation`), so a worker that dies mid-way leaves the work to its
// successor: `watch` is fed again from the ledger at worker start.

export { RECONCILE_READS_AFTER_MS };
/** Meta's Date header and created_time are whole seconds (floored), and our estimate of Meta's clock is within half
 *  a second of it: a message created this much before the POST's Meta time may still be ours. */
export const MATCH_TOLERANCE_MS = 2_000;
/** Attempts recorded before Meta's clock was kept (no `postedAt`) are matched as they were then: from 60 s before
 *  their local time. */
export const LEGACY_CLOCK_TOLERANCE_MS = 60_000;
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

/**
 * A utility template's body as the customer receives it: `{{1}}`, `{{2}}`… take the body parameters in order; named
 * placeholders (`{{order_id}}`) take them in the order they first appear. Meta's "Send a utility message" (updated
 * 2026-03-13) documents positional and named body parameters, not how the Conversations API shows the sent body:
 * the filled body is what the Meta simulator shows (UNCONFIRMED against Meta). null when the parameters do not fill
 * the placeholders (Meta would refuse the send).
 */
export function renderedUtilityBody(template: Pick<UtilityTemplate, 'bodyText'>, parameters: readonly string[]): string | null {
  const named: string[] = [];
  for (const match of template.bodyText.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)) {
    const key = match[1]!;
    if (!/^\d+$/.test(key) && !named.includes(key)) named.push(key);
  }
  let complete = true;
  const body = template.bodyText.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (_, key: string) => {
    const index = /^\d+$/.test(key) ? Number(key) - 1 : named.indexOf(key);
    const value = parameters[index];
    if (value === undefined) complete = false;
    return value ?? '';
  });
  return complete && body.trim() !== '' ? body : null;
}

/** The reconciliation an attempt starts with when it settles `unknown` at `at`. */
export function checkingFrom(at: number): Reconciliation {
  return { state: 'checking', reads: 0, nextReadAt: at + RECONCILE_READS_AFTER_MS[0]! };
}

/**
 * A verdict reached under the old schedule (three reads, the last 2 min after the answer; no `lastReadAfterMs`):
 * too early to say a message did not arrive, as Meta may show it later. Such an `unknown` attempt is read again — once
 * now, covering every point of the schedule that has passed — before a resend is offered. null: nothing to resume.
 */
export function resumeEarlyVerdict(attempt: StoredAttempt, now: number): StoredAttempt | null {
  const reconciliation = attempt.reconciliation;
  if (attempt.status !== 'unknown' || !reconciliation || reconciliation.lastReadAfterMs !== undefined) return null;
  if (reconciliation.state !== 'not_found' && reconciliation.state !== 'unchecked') return null;
  const reads = Math.min(reconciliation.reads, RECONCILE_READS_AFTER_MS.length - 1);
  return { ...attempt, reconciliation: { state: 'checking', reads, nextReadAt: now } };
}

/** When the next read of this thread is due at `now`; null when nothing in it is being checked. A read planned
 *  further ahead than any read can be (the clock moved back) is due now. */
export function nextReadOf(record: ThreadRecord | null, now: number): number | null {
  let next: number | null = null;
  for (const attempt of record?.attempts ?? []) {
    if (attempt.reconciliation?.state !== 'checking') continue;
    const planned = attempt.reconciliation.nextReadAt;
    const due = isReadDue(planned, now) ? Math.min(planned ?? now, now) : planned!;
    if (next === null || due < next) next = due;
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

/** A Page message of one read, with the digest of its text. */
export type ReadMessage = ConversationSummary['messages'][number] & { digest: string | null };

/** Whether reading the conversation can recognise this attempt's message: it knows the text Meta shows for it. */
const recognisable = (attempt: StoredAttempt) => attempt.textDigest !== undefined;

/** Meta documents no text for a feedback survey in the Conversations API; only the simulator's (its title) is looked
 *  for, so not seeing it says nothing. */
const absenceProvable = (attempt: StoredAttempt) => recognisable(attempt) && attempt.contentKind !== 'feedback';

/** The earliest created_time (Meta's clock) a message of this attempt can have. */
function earliestCreated(attempt: StoredAttempt): number {
  return attempt.postedAt !== undefined ? attempt.postedAt - MATCH_TOLERANCE_MS : attempt.at - LEGACY_CLOCK_TOLERANCE_MS;
}

/** The Page message that settles the attempt, if the read shows one (oldest first). */
function deliveredMessage(attempt: StoredAttempt, pageMessages: readonly ReadMessage[], claimed: ReadonlySet<string>) {
  if (!recognisable(attempt)) return undefined;
  const from = earliestCreated(attempt);
  return pageMessages.find((message) => !claimed.has(message.id) && message.createdTime >= from && message.digest === attempt.textDigest);
}

/** Marks each attempt whose message reached the customer while its explicit resend did too. */
function withDoubleDeliveries(attempts: StoredAttempt[], at: number): StoredAttempt[] {
  const byId = new Map(attempts.map((attempt) => [attempt.requestId, attempt]));
  const doubled = new Set<string>();
  for (const resend of attempts) {
    const first = resend.retryOf ? byId.get(resend.retryOf) : undefined;
    if (resend.status === 'sent' && first?.status === 'sent' && first.messageId && !first.doubleDelivery) doubled.add(first.requestId);
  }
  if (doubled.size === 0) return attempts;
  return attempts.map((attempt) => (doubled.has(attempt.requestId) ? { ...attempt, doubleDelivery: { messageId: attempt.messageId!, foundAt: at } } : attempt));
}

/**
 * One read applied to one thread: the conversation's facts, and every attempt whose read was due settled or
 * moved to its next read. `conversation` undefined: the read failed (it still counts, so the reads stay bounded).
 * `at` is our clock (the schedule's); the matching is on Meta's (see the header comment).
 */
export function applyRead(
  record: ThreadRecord,
  read: { conversation: ConversationSummary | null | undefined; pageMessages: readonly ReadMessage[]; at: number },
): { record: ThreadRecord; found: number; notFound: number; doubleDeliveries: number } {
  let next = read.conversation
    ? withConversation(record, read.conversation, { pageId: record.pageId, psid: record.psid, selectedItemId: null }, read.at)
    : record;
  const claimed = new Set(next.attempts.flatMap((attempt) => (attempt.messageId ? [attempt.messageId] : [])));
  let found = 0;
  let notFound = 0;
  const readWorked = read.conversation !== undefined;
  // Oldest first, so two attempts never claim the same message and the older gets the older message.
  const order = [...next.attempts].sort((a, b) => a.at - b.at);
  const settled = new Map<string, StoredAttempt>();
  for (const attempt of order) {
    const checking = attempt.reconciliation;
    if (checking?.state !== 'checking' || !isReadDue(checking.nextReadAt, read.at)) continue;
    const afterMs = read.at - attempt.at;
    const reads = readsCovered(checking.reads, afterMs);
    const lastRead = { lastReadAfterMs: afterMs, ...(readWorked ? {} : { lastReadFailed: true }) };
    const message = readWorked ? deliveredMessage(attempt, read.pageMessages, claimed) : undefined;
    if (message) {
      claimed.add(message.id);
      found += 1;
      settled.set(attempt.requestId, {
        ...attempt,
        status: 'sent',
        messageId: message.id,
        reconciliation: { state: 'found', reads, settledAt: read.at, ...lastRead },
      });
      continue;
    }
    if (reads >= RECONCILE_READS_AFTER_MS.length) {
      // Only a read that worked, of an attempt whose absence it can tell, says "not there"; anything else is unchecked.
      const checkable = readWorked && absenceProvable(attempt);
      if (checkable) notFound += 1;
      settled.set(attempt.requestId, {
        ...attempt,
        reconciliation: { state: checkable ? 'not_found' : 'unchecked', reads, settledAt: read.at, ...lastRead },
      });
      continue;
    }
    settled.set(attempt.requestId, {
      ...attempt,
      reconciliation: { state: 'checking', reads, nextReadAt: Math.max(read.at + 1, attempt.at + RECONCILE_READS_AFTER_MS[reads]!), ...lastRead },
    });
  }
  let doubleDeliveries = 0;
  if (settled.size > 0 || next !== record) {
    const attempts = withDoubleDeliveries(
      next.attempts.map((attempt) => settled.get(attempt.requestId) ?? attempt),
      read.at,
    );
    doubleDeliveries = attempts.filter((attempt, index) => attempt.doubleDelivery && !next.attempts[index]!.doubleDelivery).length;
    next = { ...next, attempts, updatedAt: Math.max(next.updatedAt, read.at) };
  }
  return { record: next, found, notFound, doubleDeliveries };
}

export function createReconciler(deps: ReconcilerDeps): Reconciler {
  const { store, now } = deps;
  const watched = new Map<string, { pageId: string; psid: string; dueAt: number }>();
  let running: Promise<ReconcileReport> = Promise.resolve({ reads: 0, found: 0, notFound: 0 });

  const keyOf = (pageId: string, psid: string) => `${pageId}:${psid}`;

  /** A wake-up planned before the clock moved back would lie hours ahead: it is due now instead. */
  const dueOf = (dueAt: number) => (isReadDue(dueAt, now()) ? Math.min(dueAt, now()) : dueAt);

  function earliest(): number | null {
    let first: number | null = null;
    for (const entry of watched.values()) {
      const due = dueOf(entry.dueAt);
      if (first === null || due < first) first = due;
    }
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
    const due = nextReadOf(thread, now());
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
    return nextReadOf(saved, now());
  }

  async function runOnce(): Promise<ReconcileReport> {
    const report: ReconcileReport = { reads: 0, found: 0, notFound: 0 };
    // A bounded pass: each watched thread is looked at once per run.
    for (const [key, entry] of [...watched]) {
      if (!isReadDue(entry.dueAt, now())) continue;
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
