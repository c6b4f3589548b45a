import { COOLDOWN_MS, cooldownState, ROUTES, windowState } from '../policy';
import type { AttemptStatus, RouteId, ThreadFacts, WindowState } from '../policy/types';
import type { ThreadRecord } from '../storage/schema';
import {
  SUMMARY_FIGURES,
  type DayOutcomes,
  type RoutePeriodStats,
  type RouteSummary,
  type SummaryThreadRow,
  type SummaryView,
  type UnconfirmedSendRow,
} from './view';
import { DAY, localDayStarts } from './days';
import { isReadyToReopen, urgencyOf, type UrgencySource } from './urgency-counts';

// The manager's summary, computed from the ledger in one pass: the popup asks for it on every open,
// so no step sorts all threads or all attempts (the two lists keep only their most urgent rows).

export interface SummaryOptions {
  /** Open threads whose window closes within this many minutes are listed as "closing soon". */
  closesSoonMinutes: number;
  /** IANA zone that defines "today" and the chart's days; undefined = the runtime's own zone. */
  timeZone?: string;
  /** Rows kept per action list (default 20). */
  listLimit?: number;
  /** Where `threads` come from (./urgency-counts.ts); default 'opened': the ledger alone. */
  source?: UrgencySource;
}

export const CHART_DAYS = 14;
const DEFAULT_LIST_LIMIT = 20;
const ROUTE_ORDER: readonly RouteId[] = ROUTES.map((route) => route.id);

// (Re-exported: its tests and older imports name it here; the rule lives in ./urgency-counts.ts.)
export { isReadyToReopen };

/** Keeps the `limit` rows with the smallest key, in order, without sorting every candidate. */
class MostUrgent {
  readonly rows: { key: number; row: SummaryThreadRow }[] = [];
  total = 0;
  constructor(private readonly limit: number) {}

  offer(key: number, row: SummaryThreadRow): void {
    this.total++;
    if (this.limit <= 0) return;
    const rows = this.rows;
    if (rows.length === this.limit && key >= rows[rows.length - 1]!.key) return;
    let index = rows.length;
    while (index > 0 && rows[index - 1]!.key > key) index--;
    rows.splice(index, 0, { key, row });
    if (rows.length > this.limit) rows.pop();
  }

  list(): SummaryThreadRow[] {
    return this.rows.map((entry) => entry.row);
  }
}

function emptyPeriod(): RoutePeriodStats {
  return { attempts: 0, sent: 0, replies: 0, replyRate: null };
}

function outcomeOf(status: AttemptStatus): keyof Omit<DayOutcomes, 'dayStart'> {
  return status === 'pending' ? 'unknown' : status;
}

export function computeSummary(threads: ThreadRecord[], now: number, options: SummaryOptions): SummaryView {
  const listLimit = options.listLimit ?? DEFAULT_LIST_LIMIT;

  const dayStarts = localDayStarts(now, CHART_DAYS, options.timeZone);
  const chartFrom = dayStarts[0]!;
  const todayStart = dayStarts[dayStarts.length - 1]!;
  const attemptsByDay: DayOutcomes[] = dayStarts.map((dayStart) => ({
    dayStart,
    sent: 0,
    failed: 0,
    unknown: 0,
    blocked: 0,
  }));
  const from7 = now - 7 * DAY;
  const from30 = now - 30 * DAY;

  const counts = Object.fromEntries(SUMMARY_FIGURES.map((figure) => [figure, 0])) as SummaryView['counts'];
  const failuresByKind: Record<string, number> = {};
  const routeStats = new Map<RouteId, RouteSummary>();
  const statsFor = (route: RouteId): RouteSummary => {
    let stats = routeStats.get(route);
    if (!stats) {
      stats = { route, last7: emptyPeriod(), last30: emptyPeriod() };
      routeStats.set(route, stats);
    }
    return stats;
  };
  const readyNow = new MostUrgent(listLimit);
  const unconfirmed: UnconfirmedSendRow[] = [];
  let unconfirmedTotal = 0;
  const closingSoon = new MostUrgent(listLimit);

  for (const thread of threads) {
    const customerAt = thread.facts?.customerLastMessageAt ?? null;
    const facts: ThreadFacts = {
      customerLastMessageAt: customerAt,
      pageLastMessageAt: thread.facts?.pageLastMessageAt ?? null,
      attempts: thread.attempts,
    };
    const window = thread.facts ? windowState(customerAt, now) : null;
    const state: WindowState = window?.state ?? 'unknown';
    counts[state]++;

    const cooling = cooldownState(facts, now).active;
    if (cooling) counts.cooling++;

    if (customerAt !== null && window) {
      const row = (deadline: number | null): SummaryThreadRow => ({
        pageId: thread.pageId,
        psid: thread.psid,
        customerName: thread.customerName,
        selectedItemId: thread.selectedItemId,
        ...(thread.platform === 'instagram' ? { platform: thread.platform } : {}),
        state,
        customerLastMessageAt: customerAt,
        deadline,
      });
      // The one rule every screen counts by (./urgency-counts.ts).
      const urgency = urgencyOf(window, cooling, thread.platform, now, options.closesSoonMinutes);
      if (urgency === 'ready') {
        counts.ready++;
        // Threads still inside the HUMAN_AGENT tag's 7 days come first, the nearest end first;
        // closed ones follow, the most recent customer first (an offset keeps both in one key).
        if (state === 'human_agent') readyNow.offer(window.humanAgentUntil ?? now, row(window.humanAgentUntil));
        else readyNow.offer(now + 1e13 - customerAt, row(null));
      } else if (urgency === 'closing') {
        closingSoon.offer(window.windowClosesAt!, row(window.windowClosesAt));
      }
    }

    // An unknown send matters while the cooldown it holds runs: being checked, or not found (the agent may resend).
    for (const attempt of thread.attempts) {
      const reconciled = attempt.reconciliation?.state;
      const state = attempt.doubleDelivery ? 'double_delivered' : reconciled;
      if (!state || attempt.at <= now - COOLDOWN_MS) continue;
      if (state !== 'double_delivered' && (attempt.status !== 'unknown' || state === 'found')) continue;
      unconfirmedTotal++;
      unconfirmed.push({
        pageId: thread.pageId,
        psid: thread.psid,
        customerName: thread.customerName,
        selectedItemId: thread.selectedItemId,
        ...(thread.platform === 'instagram' ? { platform: thread.platform } : {}),
        at: attempt.at,
        state,
      });
    }

    // The reply goes to the last sent attempt before the customer's newest message.
    let repliedAttempt: (typeof thread.attempts)[number] | null = null;
    for (const attempt of thread.attempts) {
      if (attempt.at >= chartFrom && attempt.at <= now) {
        let day = attemptsByDay.length - 1;
        while (day > 0 && attempt.at < attemptsByDay[day]!.dayStart) day--;
        attemptsByDay[day]![outcomeOf(attempt.status)]++;
      }
      if (attempt.status === 'sent') {
        if (attempt.at >= todayStart && attempt.at <= now) counts['sent-today']++;
        if (customerAt !== null && attempt.at < customerAt && (!repliedAttempt || attempt.at > repliedAttempt.at)) {
          repliedAttempt = attempt;
        }
      }
      if (attempt.at < from30 || attempt.at > now || attempt.status === 'blocked') continue;
      const stats = statsFor(attempt.route);
      const in7 = attempt.at >= from7;
      stats.last30.attempts++;
      if (in7) stats.last7.attempts++;
      if (attempt.status === 'sent') {
        stats.last30.sent++;
        if (in7) stats.last7.sent++;
      } else if (attempt.status === 'failed') {
        const kind = attempt.error?.kind ?? 'unknown_error';
        failuresByKind[kind] = (failuresByKind[kind] ?? 0) + 1;
      }
    }
    if (repliedAttempt) {
      counts.replied++;
      if (repliedAttempt.at >= from30 && repliedAttempt.at <= now) {
        const stats = statsFor(repliedAttempt.route);
        stats.last30.replies++;
        if (repliedAttempt.at >= from7) stats.last7.replies++;
      }
    }
  }

  counts.expired = counts.human_agent + counts.closed;
  const routes: RouteSummary[] = [];
  for (const route of ROUTE_ORDER) {
    const stats = routeStats.get(route);
    if (!stats) continue;
    for (const period of [stats.last7, stats.last30]) {
      period.replyRate = period.sent > 0 ? period.replies / period.sent : null;
    }
    routes.push(stats);
  }

  return {
    now,
    counts,
    failuresByKind,
    routes,
    readyNow: readyNow.list(),
    readyNowTotal: readyNow.total,
    closingSoon: closingSoon.list(),
    closingSoonTotal: closingSoon.total,
    closesSoonMinutes: options.closesSoonMinutes,
    source: options.source ?? 'opened',
    attemptsByDay,
    // Few by nature (one per thread per day at most): sorting them all is cheap.
    unconfirmed: unconfirmed.sort((a, b) => b.at - a.at).slice(0, listLimit),
    unconfirmedTotal,
  };
}
