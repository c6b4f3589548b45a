import type {
  AttemptStatus,
  BlockReason,
  RouteId,
  ThreadFacts,
  UtilityTemplate,
  WindowState,
} from '../policy/types';
import type { LayoutHealth, RequestType } from './protocol';

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
  | 'unsupported_thread';

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
    }
  | {
      status: 'unresolved';
      pageId: string;
      reason: UnresolvedReason;
      candidates?: Candidate[];
      error?: ErrorView;
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
}

export interface PageView {
  id: string;
  name: string;
  status: 'connected' | 'needs_reconnect';
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
  [extra: string]: unknown;
}

export interface ResponseMap {
  'thread.get': ThreadView;
  'thread.choose': ThreadView;
  'reopen.send': ReopenOutcome;
  'templates.list': { templates: UtilityTemplate[] } | { error: ErrorView };
  'inbox.health': { recorded: true };
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
  code: 'invalid_message' | 'forbidden_sender' | 'internal';
  message: string;
}
