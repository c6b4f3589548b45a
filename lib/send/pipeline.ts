import type { GraphClient, GraphFailure } from '../graph';
import { errorView, type ErrorView } from '../graph/error-view';
import { stopScopeOf } from '../graph/errors';
import { factsForResend, holdingBlock, nextAttemptAt, preflight, type PreflightDecision } from '../policy';
import type { Platform, ReopenRequest, UtilityTemplate } from '../policy/types';
import type { PageService } from '../pages/service';
import { isQuotaError } from '../storage/budget';
import { createHeldCommits } from '../storage/held-commits';
import type { KeyedLock } from '../storage/lock';
import type { Settings, StopBlock, StoredAttempt, ThreadRecord } from '../storage/schema';
import { emptyThread, type ReopenStore } from '../storage/store';
import type { ThreadService } from '../threads/service';
import { attemptView, threadFacts } from '../threads/view';
import type { ReopenOutcome } from './view';
import { createSendLock } from './lock';
import { checkingFrom, renderedUtilityBody, resumeEarlyVerdict, textDigest, type Reconciler } from './reconcile';

// The reopen pipeline (DESIGN.md §3): validate → preflight → refresh facts → preflight again → reserve → send
// → commit. At most once: one send per thread at a time (a lock), a request id is answered from the ledger
// when it comes again, and an attempt is written `pending` BEFORE the HTTP call, so a worker that dies
// mid-send leaves a trace that becomes `unknown` (and keeps the cooldown) instead of a silent resend. An
// `unknown` attempt is handed to the reconciler, which reads the conversation to settle it (./reconcile.ts).
// Stop means stop (DESIGN.md §1): a refusal the error catalog marks `stop` blocks the person (in their thread record) or
// the Page (its own key); a block that holds refuses the next send before any Graph call, and a Page block written by
// another tab is looked at again right before the POST.

export interface SendCommand {
  requestId: string;
  pageId: string;
  psid: string;
  request: ReopenRequest;
  /** "It did not arrive — send again": the `unknown` attempt whose conversation was read without finding it. */
  retryOf?: string;
}

export interface ReopenServiceDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  threads: Pick<ThreadService, 'readFacts'>;
  graph: () => Promise<GraphClient>;
  settings: () => Promise<Settings>;
  now: () => number;
  /** The per-thread send lock; default: the Web Lock of the thread, or this context's memory without one. */
  lock?: KeyedLock;
  /** Settles `unknown` attempts by reading the conversation. */
  reconciler?: Pick<Reconciler, 'watch'>;
}

export interface ReopenService {
  send(command: SendCommand): Promise<ReopenOutcome>;
  /** Worker start: every `pending` attempt (its send may or may not have reached Meta) becomes `unknown`, and every
   *  attempt still being reconciled (this one's or a dead worker's) goes back to the reconciler. */
  recoverPending(): Promise<number>;
}

/**
 * The text the Conversations API shows for this content, so reconciliation can recognise it: the free text; a utility
 * template's approved body with its parameters filled; a feedback survey's title (what the Meta simulator shows:
 * Meta documents nothing here, see ./reconcile.ts). null: nothing recognisable (the attempt is then never "found" by
 * reading, only `unchecked`).
 */
function shownText(content: ReopenRequest['content'], templates: readonly UtilityTemplate[] | null): string | null {
  switch (content.kind) {
    case 'text':
      return content.text;
    case 'feedback':
      return content.template.title;
    case 'utility': {
      const template = templates?.find((candidate) => candidate.name === content.templateName && candidate.language === content.language);
      return template ? renderedUtilityBody(template, content.parameters) : null;
    }
  }
}

/** Written on attempts whose worker died between reserve and commit. */
const INTERRUPTED: ErrorView = { kind: 'network_unknown', retryable: false };

/** What an attempt keeps of a block (the audit's columns): the block itself lives in the thread or the Page's key. */
function blockSummary(block: StopBlock): NonNullable<StoredAttempt['block']> {
  return { scope: block.scope, since: block.since, ...(block.until !== undefined ? { until: block.until } : {}) };
}

function outcomeOf(attempt: StoredAttempt): ReopenOutcome['outcome'] {
  switch (attempt.status) {
    case 'sent':
    case 'failed':
    case 'blocked':
      return attempt.status;
    default:
      // pending (only after a crash, before recovery) and unknown: it may have reached the customer.
      return 'unknown';
  }
}

export function createReopenService(deps: ReopenServiceDeps): ReopenService {
  const { store, now } = deps;
  const lock = deps.lock ?? createSendLock();

  /** Hands a thread whose attempt settled `unknown` to the reconciler. */
  function reconcileLater(pageId: string, psid: string, attempt: StoredAttempt) {
    const due = attempt.reconciliation?.state === 'checking' ? attempt.reconciliation.nextReadAt : undefined;
    if (due !== undefined) deps.reconciler?.watch(pageId, psid, due);
  }

  function outcomeFrom(attempt: StoredAttempt, record: ThreadRecord | null, block?: StopBlock): ReopenOutcome {
    const next = nextAttemptAt(threadFacts(record), now());
    return {
      requestId: attempt.requestId,
      outcome: outcomeOf(attempt),
      at: attempt.at,
      ...(attempt.reason ? { reason: attempt.reason as ReopenOutcome['reason'] } : {}),
      ...(attempt.error ? { error: attempt.error } : {}),
      ...(attempt.messageId ? { messageId: attempt.messageId } : {}),
      ...(next !== null ? { nextAttemptAt: next } : {}),
      ...(attempt.retryOf ? { retryOf: attempt.retryOf } : {}),
      ...(attempt.reconciliation ? { reconciliation: attemptView(attempt).reconciliation! } : {}),
      ...(block ? { block } : {}),
    };
  }

  /** Appends (or, for the same request id, replaces) one attempt, with the person's block it started if any. */
  function append(pageId: string, psid: string, attempt: StoredAttempt, personBlock?: StopBlock): Promise<ThreadRecord | null> {
    return store.updateThread(pageId, psid, (current) => {
      const base = current ?? emptyThread(pageId, psid, attempt.at);
      const others = base.attempts.filter((existing) => existing.requestId !== attempt.requestId);
      return { ...base, attempts: [...others, attempt], ...(personBlock ? { block: personBlock } : {}), updatedAt: now() };
    });
  }

  // A commit the storage refuses (quota full) is held in memory and written again (lib/storage/held-commits.ts).
  const held = createHeldCommits({ write: (commit) => append(commit.pageId, commit.psid, commit.attempt, commit.block) });

  async function record(command: SendCommand, attempt: StoredAttempt, block?: StopBlock): Promise<ReopenOutcome> {
    let saved: ThreadRecord | null;
    try {
      saved = await append(command.pageId, command.psid, attempt, block?.scope === 'person' ? block : undefined);
    } catch (error) {
      // A refused reservation stops the send before Meta (see sendOnce).
      if (attempt.status === 'pending') throw error;
      // Meta answered (or nothing left): the agent is told all the same, and the `pending` reservation still
      // holds the cooldown until the held commit is written.
      held.hold({ pageId: command.pageId, psid: command.psid, attempt, ...(block?.scope === 'person' ? { block } : {}) });
      const stored = await store.getThread(command.pageId, command.psid).catch(() => null);
      saved = stored && { ...stored, attempts: [...stored.attempts.filter((a) => a.requestId !== attempt.requestId), attempt] };
    }
    return outcomeFrom(attempt, saved, block);
  }

  function attemptBase(command: SendCommand, at: number): Pick<StoredAttempt, 'requestId' | 'at' | 'route' | 'contentKind' | 'retryOf'> {
    return {
      requestId: command.requestId,
      at,
      route: command.request.route,
      contentKind: command.request.content.kind,
      ...(command.retryOf ? { retryOf: command.retryOf } : {}),
    };
  }

  function blocked(command: SendCommand, decision: Extract<PreflightDecision, { allowed: false }>): Promise<ReopenOutcome> {
    return record(command, { ...attemptBase(command, now()), status: 'blocked', reason: decision.reason, settledAt: now() });
  }

  /** A block from Meta holds: the send is refused before anything reaches Meta (the attempt says which block). */
  function stopped(
    command: SendCommand,
    block: StopBlock,
    base?: Pick<StoredAttempt, 'requestId' | 'at' | 'route' | 'contentKind' | 'retryOf'>,
  ): Promise<ReopenOutcome> {
    return record(
      command,
      {
        ...(base ?? attemptBase(command, now())),
        status: 'blocked',
        reason: block.scope === 'page' ? 'page_blocked' : 'person_blocked',
        block: blockSummary(block),
        settledAt: now(),
      },
      block,
    );
  }

  /** The Page's block and the person's, whichever holds now (the Page's first). No Graph call: storage only. */
  async function holdingStop(command: SendCommand, stored: ThreadRecord | null): Promise<StopBlock | null> {
    const pageBlock = await store.getPageBlock(command.pageId);
    return holdingBlock<StopBlock>([pageBlock, stored?.block], now(), stored?.facts?.customerLastMessageAt ?? null);
  }

  /** Meta refused with an answer that means stop: the block it starts, written before the attempt is committed (a
   *  Page block first, under its own key, so every other tab and context sees it as soon as possible). */
  async function startBlock(command: SendCommand, failure: GraphFailure, platform: Platform, at: number): Promise<StopBlock | undefined> {
    const scope = stopScopeOf(failure, platform);
    if (!scope || failure.code === undefined) return undefined;
    const block: StopBlock = {
      scope,
      code: failure.code,
      ...(failure.subcode !== undefined ? { subcode: failure.subcode } : {}),
      kind: failure.kind,
      ...(failure.metaMessage !== undefined ? { metaMessage: failure.metaMessage } : {}),
      since: at,
      ...(failure.retryAfterMs ? { until: at + failure.retryAfterMs } : {}),
      requestId: command.requestId,
    };
    if (scope === 'page') {
      // A full storage must not turn Meta's refusal into an error: the agent is still told, and a full storage
      // refuses every next reservation anyway (nothing is sent without one).
      await store.setPageBlock(command.pageId, { ...block, scope: 'page', pageId: command.pageId }).catch(() => undefined);
    }
    return block;
  }

  function failed(command: SendCommand, error: ErrorView): Promise<ReopenOutcome> {
    return record(command, { ...attemptBase(command, now()), status: 'failed', error, settledAt: now() });
  }

  async function failedOnGraph(command: SendCommand, failure: GraphFailure): Promise<ReopenOutcome> {
    if (failure.code === 190) await deps.pages.markNeedsReconnect(command.pageId);
    return failed(command, errorView(failure));
  }

  async function sendOnce(command: SendCommand): Promise<ReopenOutcome> {
    const stored = await store.getThread(command.pageId, command.psid);
    const repeated = stored?.attempts.find((attempt) => attempt.requestId === command.requestId);
    if (repeated) return outcomeFrom(repeated, stored);

    // Meta said stop (this person, or the whole Page): refused before any Graph call, on what storage knows.
    const stop = await holdingStop(command, stored);
    if (stop) return stopped(command, stop);

    const access = await deps.pages.pageForUse(command.pageId);
    if (!access.ok) {
      // Nothing reached Meta and no thread was touched: answer without writing to the ledger.
      return {
        requestId: command.requestId,
        outcome: 'failed',
        at: now(),
        error: { kind: access.reason === 'page_needs_reconnect' ? 'token_invalid' : 'page_not_connected', retryable: false },
      };
    }
    const { page } = access;
    const settings = await deps.settings();
    const graph = await deps.graph();

    let templates: UtilityTemplate[] | null = null;
    if (command.request.route === 'UTILITY') {
      const listing = await graph.templates(page.id, page.token);
      if (!listing.ok) return failedOnGraph(command, listing.error);
      templates = listing.value;
    }
    // An explicit resend is judged without the attempt it sends again, and only when that attempt may be sent again
    // (reconciled and not found); any other id leaves the facts as they are, cooldown included.
    const factsOf = (record: ThreadRecord | null) => {
      const facts = threadFacts(record);
      return command.retryOf ? (factsForResend(facts, command.retryOf) ?? facts) : facts;
    };
    const check = (record: ThreadRecord | null) => preflight(command.request, { facts: factsOf(record), templates, promoTerms: settings.promoTerms }, now());

    // First on what we already know: bad content, an unconfirmed promotion or our own cooldown need no Graph call.
    // Only 'state_unknown' waits for the fresh read (the thread may never have been read).
    const early = check(stored);
    if (!early.allowed && early.reason !== 'state_unknown') return blocked(command, early);

    // Instagram threads are read with platform=instagram (the stored record says which it is; a thread never read is
    // a Messenger one until proven otherwise, and an IGSID has no Messenger conversation: not_found, nothing sent).
    const platform = stored?.platform ?? 'messenger';
    const fresh = await deps.threads.readFacts(page, command.psid, platform);
    if (!fresh.ok) {
      if (fresh.reason === 'not_found') return failed(command, { kind: 'no_matching_user', retryable: false });
      return failed(command, fresh.error ?? { kind: 'unknown_error', retryable: false });
    }
    // Again on what Meta says now: the customer may have written, another agent may have reactivated.
    const decision = check(fresh.record);
    if (!decision.allowed) return blocked(command, decision);

    // Reserve: from here on the attempt counts for the cooldown whatever happens to this worker. The digest of the
    // text Meta will show lets a later reconciliation recognise the message, even one a dead worker left pending.
    const shown = shownText(command.request.content, templates);
    const digest = shown !== null ? { textDigest: await textDigest(shown) } : {};
    const reservedAt = now();
    const base = { ...attemptBase(command, reservedAt), ...digest };
    // A refused reservation throws: no trace in the ledger, no POST (send() explains a full storage).
    await record(command, { ...base, status: 'pending' });

    // Another tab or context may have been told "Page restricted" while this one read: look again right before the
    // POST (the reservation becomes the refusal; nothing was sent).
    const late = await holdingStop(command, fresh.record).catch(() => null);
    if (late) return stopped(command, late, base);

    const result = await graph.send(page.id, page.token, command.psid, command.request, platform);
    // When the POST left on Meta's clock: what reconciliation compares Meta's created_time with.
    const posted = result.metaPostedAt !== undefined ? { postedAt: result.metaPostedAt } : {};
    if (result.ok) {
      const outcome = await record(command, { ...base, ...posted, status: 'sent', messageId: result.messageId, settledAt: now() });
      // Our own message changed the thread: the next thread.get must read Meta again.
      await store
        .updateThread(command.pageId, command.psid, (current) => (current?.facts ? { ...current, facts: { ...current.facts, checkedAt: 0 } } : current))
        .catch(() => null); // a full storage must not turn a sent message into an error
      return outcome;
    }
    if (result.error.code === 190) await deps.pages.markNeedsReconnect(command.pageId);
    const settledAt = now();
    if (result.error.delivery === 'not_sent') {
      const block = await startBlock(command, result.error, platform, settledAt);
      return record(
        command,
        { ...base, ...posted, status: 'failed', error: errorView(result.error), settledAt, ...(block ? { block: blockSummary(block) } : {}) },
        block,
      );
    }
    // Meta did not say whether it took the message: never sent again by itself; the conversation will tell.
    const unknown: StoredAttempt = {
      ...base,
      ...posted,
      status: 'unknown',
      error: errorView(result.error),
      settledAt,
      reconciliation: checkingFrom(settledAt),
    };
    const outcome = await record(command, unknown);
    reconcileLater(command.pageId, command.psid, unknown);
    return outcome;
  }

  return {
    send(command) {
      return lock.run(`${command.pageId}:${command.psid}`, async () => {
        await held.flush();
        try {
          return await sendOnce(command);
        } catch (error) {
          // Every write after Meta's answer is held or ignored (record, the facts' invalidation), so a full storage
          // that reaches here stopped the send before the POST: nothing left, and the agent is told why.
          if (!isQuotaError(error)) throw error;
          return { requestId: command.requestId, outcome: 'failed', at: now(), error: { kind: 'storage_full', retryable: false } };
        }
      });
    },

    async recoverPending() {
      let recovered = 0;
      for (const thread of await store.listThreads()) {
        // A "not found" of the old 2-minute schedule is read again before a resend is offered (./reconcile.ts).
        const early = thread.attempts.some((attempt) => resumeEarlyVerdict(attempt, now()) !== null);
        if (!early && !thread.attempts.some((attempt) => attempt.status === 'pending')) {
          for (const attempt of thread.attempts) reconcileLater(thread.pageId, thread.psid, attempt);
          continue;
        }
        // Under the send lock: a send started by this worker always commits before the lock is released, so
        // only attempts left behind by a dead worker are still pending here.
        const saved = await lock.run(`${thread.pageId}:${thread.psid}`, () =>
          store.updateThread(thread.pageId, thread.psid, (current) =>
            current
              ? {
                  ...current,
                  attempts: current.attempts.map((attempt) => {
                    const resumed = resumeEarlyVerdict(attempt, now());
                    if (resumed) return resumed;
                    if (attempt.status !== 'pending') return attempt;
                    recovered += 1;
                    return { ...attempt, status: 'unknown', error: INTERRUPTED, settledAt: now(), reconciliation: checkingFrom(now()) };
                  }),
                  updatedAt: now(),
                }
              : current,
          ),
        );
        for (const attempt of saved?.attempts ?? []) reconcileLater(thread.pageId, thread.psid, attempt);
      }
      return recovered;
    },
  };
}
