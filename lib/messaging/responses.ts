import type { ErrorView } from '../graph/error-view';
import type { Locale } from '../i18n/core';
import type { LayoutHealth } from '../inbox/layout-health';
import type { LabelsPageView, LabelsSetReply } from '../labels/view';
import type { OverviewStatus } from '../overview/view';
import type { ConnectReply, PageView, PickResult } from '../pages/view';
import type { UtilityTemplate } from '../policy/types';
import type { ReopenOutcome } from '../send/view';
import type { SettingsView } from '../settings/schema';
import type { SummaryView } from '../summary/view';
import type { ThreadView } from '../threads/view';
import type { RowsView } from '../urgency/view';
import type { RequestType } from './protocol';

// The answer to each request of the protocol, composed from the shapes their owning modules produce. Type-only
// module: safe to import from any bundle.

export interface ResponseMap {
  'thread.get': ThreadView;
  'thread.choose': ThreadView;
  'reopen.send': ReopenOutcome;
  'templates.list': { templates: UtilityTemplate[] } | { error: ErrorView };
  'inbox.health': { recorded: true };
  'options.open': { opened: true };
  /** The inbox areas of the catalog (common, policy, errors, banner, panel) in `locale`: key → template. */
  'ui.strings': { locale: Locale; strings: Record<string, string> };
  /** The panel's keyboard shortcut as the browser assigned it; '' when it has none. */
  'shortcut.get': { shortcut: string };
  /** Row badge facts of one Page (lib/urgency/service.ts). */
  'urgency.rows': RowsView;
  'summary.get': SummaryView;
  'overview.scan': OverviewStatus;
  'overview.status': OverviewStatus;
  'overview.cancel': OverviewStatus;
  'audit.export': { csv: string; filename: string };
  /** false: no such block (already cleared, or replaced by a newer one). */
  'pageblock.clear': { cleared: boolean };
  'pages.list': { pages: PageView[]; health?: LayoutHealth };
  /** A Page connected, a refusal, or (a person's token) that person's Pages to pick from: never a token. */
  'pages.connect': ConnectReply;
  'pages.pick': { results: PickResult[] };
  'pages.disconnect': { pages: PageView[] };
  /** Every connected Page's label sync (issue 22). */
  'labels.status': { pages: LabelsPageView[] };
  /** Switching on checks Meta's gate first and writes nothing on a refusal; switching off deletes every Reopen label. */
  'labels.set': LabelsSetReply;
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
