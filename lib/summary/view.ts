import type { Platform, RouteId, WindowState } from '../policy/types';
import type { StorageNotice } from '../storage/notice';
import type { PageBlockRecord, StorageWarning } from '../storage/schema';
import type { UrgencySource } from './urgency-counts';

// The popup's and dashboard's summary (summary.get), as computeSummary (./index.ts) builds it over the ledger.
// The popup imports these shapes and the figures' order, never the computation.

/** The popup's figures (`data-testid="summary-<figure>"`), in display order: the window states first, then what a
 *  manager can act on, then results. Each has its words in locales/<lang>/popup.ts (`popup.figure.<figure>` and its
 *  `.hint`) and its count in ./compute-summary.ts. */
export const SUMMARY_FIGURES = ['open', 'expired', 'human_agent', 'closed', 'unknown', 'cooling', 'ready', 'sent-today', 'replied'] as const;
export type SummaryFigure = (typeof SUMMARY_FIGURES)[number];

/** One conversation a manager may act on, as listed in the popup (links back to Business Suite). */
export interface SummaryThreadRow {
  pageId: string;
  psid: string;
  customerName: string | null;
  selectedItemId: string | null;
  /** Absent: Messenger. The popup says "Instagram" and links to the Instagram thread. */
  platform?: Platform;
  state: WindowState;
  customerLastMessageAt: number;
  /** The instant that makes the row urgent: the window's close, or the end of the HUMAN_AGENT tag's 7 days;
   *  null for a closed thread (its route, utility messages, has no deadline). */
  deadline: number | null;
}

/** A send Meta's answer left `unknown`, as the popup lists it while its reconciliation matters (within the
 *  cooldown it holds): being checked, or read and not found / not readable (the agent may send it again); or, for a
 *  day after it, one whose message showed up after the agent sent it again (`double_delivered`: the customer got
 *  two copies). */
export interface UnconfirmedSendRow {
  pageId: string;
  psid: string;
  customerName: string | null;
  selectedItemId: string | null;
  platform?: Platform;
  at: number;
  state: 'checking' | 'not_found' | 'unchecked' | 'double_delivered';
}

/** Reactivations by one route over one period; replies are credited to the last sent attempt before the
 *  customer's newest message, so a rate never exceeds 1. */
export interface RoutePeriodStats {
  attempts: number;
  sent: number;
  replies: number;
  /** replies / sent, or null when nothing was sent. */
  replyRate: number | null;
}

export interface RouteSummary {
  route: RouteId;
  last7: RoutePeriodStats;
  last30: RoutePeriodStats;
}

/** Attempts of one local calendar day by outcome (pending counts as unknown: it may have reached Meta). */
export interface DayOutcomes {
  dayStart: number;
  sent: number;
  failed: number;
  unknown: number;
  blocked: number;
}

/** A stored value that failed to parse and was moved aside, as the popup lists it. */
export type SummaryWarning = StorageWarning;

/** A Page Meta restricted from sending (10/1893063) whose block holds now: Meta's words, since and until when. */
export type PageBlockRow = PageBlockRecord & { pageName: string };

/** Summary for the popup; computed by a pure function over the ledger (lib/summary). */
export interface SummaryView {
  now: number;
  counts: Record<SummaryFigure, number>;
  failuresByKind: Record<string, number>;
  /** Routes with any attempt in the last 30 days, in catalog order. */
  routes: RouteSummary[];
  /** Expired threads a reactivation may be sent to now, most urgent first (capped). */
  readyNow: SummaryThreadRow[];
  /** Open threads whose 24 h window closes within the "closes soon" threshold, soonest first (capped). */
  closingSoon: SummaryThreadRow[];
  /** Totals before capping, so the popup can say "and N more". */
  readyNowTotal: number;
  closingSoonTotal: number;
  /** The "closes soon" threshold the lists were computed with. */
  closesSoonMinutes: number;
  /** Which conversations the window figures and both action lists count (./urgency-counts.ts): the Page's recent
   *  conversations plus the resolved threads, as the toolbar and the row badges, or only the opened ones. */
  source?: UrgencySource;
  /** 14 local days, oldest first, the last one being today. */
  attemptsByDay: DayOutcomes[];
  /** Sends Meta did not confirm, newest first (capped), and how many there are. */
  unconfirmed?: UnconfirmedSendRow[];
  unconfirmedTotal?: number;
  warnings?: SummaryWarning[];
  /** Only when the extension storage is near or at its quota. */
  storage?: StorageNotice;
  /** Pages Meta restricted whose block holds now (absent: none). */
  pageBlocks?: PageBlockRow[];
  [extra: string]: unknown;
}
