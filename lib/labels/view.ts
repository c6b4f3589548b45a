import type { ErrorView } from '../graph/error-view';
import type { Locale } from '../i18n/core';

// Labels in Business Suite (issue 22; DESIGN.md §3): what the options page and the dashboard are told about each
// Page's label sync (labels.status, labels.set), as ./service.ts answers it. Type-only: the views import it.

/** The states Reopen mirrors as Page custom labels, one label each (the rule: lib/policy/labels.ts). An open
 *  conversation with more than 2 h left carries no Reopen label: nothing to act on. */
export { LABEL_STATES, type LabelState } from '../policy/labels';
import type { LabelState } from '../policy/labels';

/** Why switching labels on (or off) was refused: in words by the views (i18n `labels.refusal.<kind>`). */
export type LabelsRefusalKind =
  /** The Meta app lacks pages_manage_metadata, or the token does not carry it (403/200). */
  | 'permission'
  /** The Page's admin has not accepted the Page Contact Terms (2/2018344). */
  | 'terms'
  /** The token's person lacks the Page's MESSAGING task. */
  | 'task'
  /** The token expired or was revoked (190): reconnect the Page. */
  | 'token'
  /** Meta asked to wait (rate limit); nothing was written. */
  | 'rate_limited'
  /** The administrator's policy sets this switch. */
  | 'managed'
  /** The Page is not connected (or needs reconnecting). */
  | 'not_connected'
  /** Anything else Meta answered, or no answer: `error` says what. */
  | 'failed';

export interface LabelsRefusal {
  kind: LabelsRefusalKind;
  error?: ErrorView;
}

export interface LabelsPageView {
  pageId: string;
  pageName: string;
  enabled: boolean;
  /** The administrator's policy sets it: the switch shows its state but cannot be changed here. */
  managed: boolean;
  /** The language of the labels' names (the Page's setting, chosen when switching on). */
  language: Locale;
  /** Being switched on or off right now (another window may have started it). */
  pending: 'enabling' | 'disabling' | null;
  /** When the last sync of this Page's people finished. */
  lastSyncAt: number | null;
  /** People carrying each Reopen label, as Reopen last wrote or read it. */
  counts: Record<LabelState, number>;
  /** Label writes (adds and removes) in the last 24 h. */
  writesLast24h: number;
  /** The latest failure of a sync, until a sync succeeds. */
  lastError: { at: number; error: ErrorView } | null;
  /** When switching off last finished: every Reopen label removed from every person and deleted. */
  clearedAt: number | null;
  /** After a rate-limit answer, label calls for this Page wait until then. */
  backoffUntil: number | null;
}

export interface LabelsSetReply {
  page: LabelsPageView;
  /** Present when the change was refused; nothing was written (or what was written was taken back). */
  refusal?: LabelsRefusal;
}
