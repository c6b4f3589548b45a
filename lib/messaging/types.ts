import type {
  AttemptStatus,
  BlockReason,
  Platform,
  RouteId,
  ThreadFacts,
  UtilityTemplate,
  WindowState,
} from '../policy/types';
import type { LayoutHealth, RequestType } from './protocol';
import type { RowsView } from '../urgency/service';

// Response shapes of the protocol. Type-only module: safe to import from any bundle.

/** A Meta error (or a transport failure) explained. `kind` names an entry of lib/graph's error catalog;
 *  the views turn it into words with the i18n keys `errors.<kind>.explain` and `errors.<kind>.next`. */
export interface ErrorView {
  kind: string;
  retryable: boolean;
  code?: number;
  subcode?: number;
  /** Meta's own message, kept for unknown codes and for support. */
  metaMessage?: string;
  fbtraceId?: string;
}

export interface AttemptView {
  requestId: string;
  at: number;
  route: RouteId;
  status: AttemptStatus;
  messageId?: string;
  error?: ErrorView;
  reason?: BlockReason;
  /** The `unknown` attempt this one sent again ("It did not arrive — send again"). */
  retryOf?: string;
  /** For an `unknown` attempt (or one that became `sent` by it): reading the conversation to find it. */
  reconciliation?: ReconciliationView;
}

/** Where reading the conversation for an `unknown` attempt stands (lib/send/reconcile.ts). */
export interface ReconciliationView {
  state: 'checking' | 'found' | 'not_found' | 'unchecked';
  reads: number;
  /** When the next read is due (state `checking`): the inbox asks again a moment after it. */
  nextReadAt?: number;
  settledAt?: number;
}

export interface Candidate {
  psid: string;
  name: string;
  snippet?: string;
  updatedAt?: number;
}

export type UnresolvedReason =
  | 'page_not_connected'
  | 'page_needs_reconnect'
  | 'not_found'
  | 'ambiguous'
  | 'graph_error'
  | 'unsupported_thread'
  /** Not identified yet: selected_item_id is not the PSID and the header's display name has not been read
   *  (it renders a moment after the URL changes). The content script asks again with the name. */
  | 'awaiting_name';

/** The extension storage near or at its quota (lib/storage/budget.ts): the banner and the popup say so. */
export interface StorageNotice {
  level: 'near_full' | 'full';
  bytesInUse: number;
  /** null where the browser sets no fixed quota (then only a refused write says `full`). */
  quotaBytes: number | null;
}

export type ThreadView =
  | {
      status: 'resolved';
      pageId: string;
      psid: string;
      customerName: string | null;
      facts: ThreadFacts;
      /** Newest first, at most a handful for the panel. */
      recentAttempts: AttemptView[];
      /** When the facts were read from Meta. */
      checkedAt: number;
      storage?: StorageNotice;
    }
  | {
      status: 'unresolved';
      pageId: string;
      reason: UnresolvedReason;
      candidates?: Candidate[];
      error?: ErrorView;
      storage?: StorageNotice;
    };

export interface ReopenOutcome {
  requestId: string;
  outcome: 'sent' | 'blocked' | 'failed' | 'unknown';
  at: number;
  reason?: BlockReason;
  error?: ErrorView;
  messageId?: string;
  /** When the next reactivation of this thread is allowed, if one was (possibly) sent. */
  nextAttemptAt?: number;
  /** For `unknown`: Reopen reads the conversation to find out (state `checking`). */
  reconciliation?: ReconciliationView;
  retryOf?: string;
}

export interface PageView {
  id: string;
  name: string;
  status: 'connected' | 'needs_reconnect';
  /** Why it needs reconnecting when Meta did not refuse its token: its stored entry was unreadable, or its
   *  token is missing from the vault. */
  reconnectReason?: 'record_damaged' | 'token_missing';
  checkedAt: number;
  /** Set by an administrator through managed storage. */
  managed: boolean;
}

export interface SettingsView {
  graphVersion: string;
  language: 'browser' | 'en' | 'es';
  retentionDays: number;
  promoTerms: string[];
  closesSoonMinutes: number;
  /** Desktop notification before a window closes (absent: off). */
  notifyClosing?: boolean;
  /** Keys an administrator fixed through managed storage. */
  locked: string[];
}

export interface OverviewStatus {
  pageId: string;
  state: 'idle' | 'running' | 'done' | 'cancelled' | 'failed';
  scanned: number;
  limit: number;
  startedAt?: number;
  finishedAt?: number;
  counts?: Record<WindowState, number>;
  error?: ErrorView;
  /** How many of `scanned` were Messenger and Instagram conversations (the Page's Instagram ones come second, with
   *  their own `limit`, which is then added to `limit`). */
  platforms?: Record<Platform, number>;
  /** Why the Instagram conversations were not scanned (e.g. `instagram_not_linked`); the Messenger counts stand. */
  instagramSkipped?: ErrorView;
}

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
 *  cooldown it holds): being checked, or read and not found / not readable (the agent may send it again). */
export interface UnconfirmedSendRow {
  pageId: string;
  psid: string;
  customerName: string | null;
  selectedItemId: string | null;
  platform?: Platform;
  at: number;
  state: 'checking' | 'not_found' | 'unchecked';
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

/** A stored value that failed to parse and was moved aside (lib/storage's StorageWarning, as the popup sees it). */
export interface SummaryWarning {
  /** The storage key whose value was unreadable. */
  key: string;
  /** Where the unreadable value is kept (it goes into the settings export for support). */
  quarantineKey: string;
  at: number;
  /** Field paths and Zod codes only, never values. */
  issues: string[];
  /** 'default': replaced by a clean default; 'salvaged': the readable parts were kept. */
  recovery: 'default' | 'salvaged';
}

/** Summary for the popup; computed by a pure function over the ledger (lib/summary). */
export interface SummaryView {
  now: number;
  counts: {
    open: number;
    expired: number;
    human_agent: number;
    closed: number;
    unknown: number;
    cooling: number;
    ready: number;
    'sent-today': number;
    replied: number;
  };
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
  /** 14 local days, oldest first, the last one being today. */
  attemptsByDay: DayOutcomes[];
  /** Sends Meta did not confirm, newest first (capped), and how many there are. */
  unconfirmed?: UnconfirmedSendRow[];
  unconfirmedTotal?: number;
  warnings?: SummaryWarning[];
  /** Only when the extension storage is near or at its quota. */
  storage?: StorageNotice;
  [extra: string]: unknown;
}

export interface ResponseMap {
  'thread.get': ThreadView;
  'thread.choose': ThreadView;
  'reopen.send': ReopenOutcome;
  'templates.list': { templates: UtilityTemplate[] } | { error: ErrorView };
  'inbox.health': { recorded: true };
  'options.open': { opened: true };
  /** The inbox areas of the catalog (common, policy, errors, banner, panel) in `locale`: key → template. */
  'ui.strings': { locale: 'en' | 'es'; strings: Record<string, string> };
  /** Row badge facts of one Page (lib/urgency/service.ts). */
  'urgency.rows': RowsView;
  'summary.get': SummaryView;
  'overview.scan': OverviewStatus;
  'overview.status': OverviewStatus;
  'overview.cancel': OverviewStatus;
  'audit.export': { csv: string; filename: string };
  'pages.list': { pages: PageView[]; health?: LayoutHealth };
  'pages.connect': { page: PageView } | { error: ErrorView };
  'pages.disconnect': { pages: PageView[] };
  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'settings.export': { json: string; filename: string };
  'settings.import': SettingsView | { error: 'invalid_json' | 'invalid_settings'; detail: string };
}

export type ResponseOf<T extends RequestType> = ResponseMap[T];

/** Every reply travels in an envelope so a refusal is never mistaken for data. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ProtocolError };
export interface ProtocolError {
  /** `storage_full`: a write was refused for the extension storage's quota (the views say so). */
  code: 'invalid_message' | 'forbidden_sender' | 'internal' | 'storage_full';
  message: string;
}
