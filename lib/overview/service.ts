import { customerFacts, type GraphClient } from '../graph';
import type { OverviewStatus } from './view';
import { errorView } from '../graph/error-view';
import type { PageService } from '../pages/service';
import { windowState } from '../policy';
import type { Platform, WindowState } from '../policy/types';
import type { ReopenStore } from '../storage/store';
import { withConversation } from '../threads/facts';

// The manager's whole-Page overview: walks the Page's recent conversations, Messenger's and then Instagram's (the
// Graph client paces the calls to Meta's 2 per second per Page) and counts them per window state. Runs in the background; the popup polls
// overview.status. Read-only towards Meta: it never sends anything.

export const DEFAULT_OVERVIEW_LIMIT = 200;
/** Scanned in this order, each up to the scan's limit. */
export const OVERVIEW_PLATFORMS: readonly Platform[] = ['messenger', 'instagram'];

export interface OverviewServiceDeps {
  store: ReopenStore;
  pages: Pick<PageService, 'pageForUse' | 'markNeedsReconnect'>;
  graph: () => Promise<GraphClient>;
  now: () => number;
  /** Conversations per Graph call. */
  pageSize?: number;
}

export interface OverviewService {
  /** Starts a scan (or returns the one already running) and answers at once with its status. */
  scan(pageId: string, limit?: number): Promise<OverviewStatus>;
  status(pageId: string): Promise<OverviewStatus>;
  cancel(pageId: string): Promise<OverviewStatus>;
  /** Resolves when the Page's current scan ends (tests, and callers that want the final counts). */
  settled(pageId: string): Promise<OverviewStatus>;
}

const zeroCounts = (): Record<WindowState, number> => ({ open: 0, human_agent: 0, closed: 0, unknown: 0 });

export function createOverviewService(deps: OverviewServiceDeps): OverviewService {
  const { store, now } = deps;
  const pageSize = deps.pageSize ?? 50;
  const statuses = new Map<string, OverviewStatus>();
  const running = new Map<string, { cancelled: boolean; done: Promise<OverviewStatus> }>();

  async function run(pageId: string, limit: number, control: { cancelled: boolean }): Promise<OverviewStatus> {
    const startedAt = now();
    const counts = zeroCounts();
    const status: OverviewStatus = { pageId, state: 'running', scanned: 0, limit, startedAt, counts };
    statuses.set(pageId, status);
    const finish = (state: OverviewStatus['state'], extra: Partial<OverviewStatus> = {}) => {
      const final: OverviewStatus = { ...status, counts: { ...counts }, state, finishedAt: now(), ...extra };
      statuses.set(pageId, final);
      return final;
    };

    const access = await deps.pages.pageForUse(pageId);
    if (!access.ok) return finish('failed', { error: { kind: 'token_invalid', retryable: false } });
    const { page } = access;
    const graph = await deps.graph();
    const seen = new Set<string>();
    const platforms: Record<Platform, number> = { messenger: 0, instagram: 0 };
    status.platforms = platforms;
    for (const [index, platform] of OVERVIEW_PLATFORMS.entries()) {
      // Each platform gets the scan's limit; the later ones add theirs to the total once they start.
      if (index > 0) status.limit += limit;
      let scannedHere = 0;
      let after: string | undefined;
      // Bounded: each round either adds conversations or ends (no cursor, an empty page, the limit).
      for (let round = 0; round < Math.ceil(limit / pageSize) + 1; round++) {
        if (control.cancelled) return finish('cancelled');
        const want = Math.min(pageSize, limit - scannedHere);
        if (want <= 0) break;
        const listing = await graph.recentConversations(page.id, page.token, {
          limit: want,
          ...(after ? { after } : {}),
          ...(platform === 'messenger' ? {} : { platform }),
        });
        if (!listing.ok) {
          if (listing.error.code === 190) await deps.pages.markNeedsReconnect(pageId);
          if (platform === 'messenger' || listing.error.code === 190) return finish('failed', { error: errorView(listing.error) });
          // Instagram (not linked, or the app lacks its permissions): the Messenger counts stand, and the popup says why
          // Instagram is missing.
          status.limit -= limit - scannedHere;
          status.instagramSkipped = errorView(listing.error);
          break;
        }
        const at = now();
        for (const conversation of listing.value.conversations.slice(0, want)) {
          if (seen.has(conversation.id)) continue;
          seen.add(conversation.id);
          const facts = customerFacts(conversation, page.id);
          counts[windowState(facts.customerLastMessageAt, at).state] += 1;
          status.scanned += 1;
          scannedHere += 1;
          platforms[platform] += 1;
          // Threads the agents already work on get fresher facts for free; unknown ones are not created.
          if (facts.psid && conversation.messages.length) {
            const psid = facts.psid;
            const existing = await store.getThread(page.id, psid);
            if (existing && (existing.facts?.checkedAt ?? 0) < at) {
              await store.updateThread(page.id, psid, (current) =>
                current ? withConversation(current, conversation, { pageId: page.id, psid, selectedItemId: null, platform }, at) : current,
              );
            }
          }
        }
        status.counts = { ...counts };
        if (!listing.value.after || listing.value.conversations.length === 0) break;
        after = listing.value.after;
      }
    }
    if (control.cancelled) return finish('cancelled');
    const final = finish('done', { platforms: { ...platforms } });
    await store.setOverview({
      pageId,
      scanned: final.scanned,
      limit: final.limit,
      startedAt,
      finishedAt: final.finishedAt ?? now(),
      counts: { ...counts },
      platforms: { ...platforms },
      ...(status.instagramSkipped ? { instagramSkipped: status.instagramSkipped.kind } : {}),
    });
    return final;
  }

  async function status(pageId: string): Promise<OverviewStatus> {
    const live = statuses.get(pageId);
    if (live) return { ...live, counts: live.counts ? { ...live.counts } : undefined, ...(live.platforms ? { platforms: { ...live.platforms } } : {}) };
    // After a worker restart: the last finished scan, with its time, so the popup can say how old it is.
    const stored = await store.getOverview(pageId);
    if (stored) {
      return {
        pageId,
        state: 'done',
        scanned: stored.scanned,
        limit: stored.limit,
        startedAt: stored.startedAt,
        finishedAt: stored.finishedAt,
        counts: stored.counts,
        ...(stored.platforms ? { platforms: stored.platforms } : {}),
        ...(stored.instagramSkipped ? { instagramSkipped: { kind: stored.instagramSkipped, retryable: false } } : {}),
      };
    }
    return { pageId, state: 'idle', scanned: 0, limit: DEFAULT_OVERVIEW_LIMIT };
  }

  return {
    async scan(pageId, limit = DEFAULT_OVERVIEW_LIMIT) {
      if (!running.has(pageId)) {
        const control = { cancelled: false, done: Promise.resolve(null as unknown as OverviewStatus) };
        statuses.set(pageId, { pageId, state: 'running', scanned: 0, limit, startedAt: now(), counts: zeroCounts() });
        control.done = run(pageId, limit, control)
          .catch((): OverviewStatus => {
            const failed: OverviewStatus = {
              ...(statuses.get(pageId) as OverviewStatus),
              state: 'failed',
              finishedAt: now(),
              error: { kind: 'unknown_error', retryable: true },
            };
            statuses.set(pageId, failed);
            return failed;
          })
          .finally(() => running.delete(pageId));
        running.set(pageId, control);
      }
      return status(pageId);
    },
    status,
    async cancel(pageId) {
      const current = running.get(pageId);
      if (current) {
        // Answer at once; the call in flight (paced, so up to a few seconds) ends and the scan stops after it.
        current.cancelled = true;
        const live = statuses.get(pageId);
        if (live) statuses.set(pageId, { ...live, state: 'cancelled', finishedAt: now() });
      }
      return status(pageId);
    },
    async settled(pageId) {
      const current = running.get(pageId);
      return current ? current.done : status(pageId);
    },
  };
}
