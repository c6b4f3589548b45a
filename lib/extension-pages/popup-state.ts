import { createStore } from 'zustand/vanilla';
import type { LanguagePreference } from '../i18n';
import type { LayoutHealth } from '../inbox/layout-health';
import type { LabelsPageView } from '../labels/view';
import type { OverviewStatus } from '../overview/view';
import type { PageView } from '../pages/view';
import type { SummaryView } from '../summary/view';
import type { LayoutReportAnswer } from './layout-report-request';

// View state of one open popup (or dashboard). The background's storage stays the source of truth: the popup reads a
// fresh summary every time it opens and never writes anything back except through messages.

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; detail: string };

/** The "Copy layout report" button's last outcome. */
export type ReportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'copied' }
  | { status: 'downloaded'; filename: string }
  | { status: 'failed'; reason: Extract<LayoutReportAnswer, { ok: false }>['reason'] };

export type ExportState = { status: 'idle' } | { status: 'working' } | { status: 'done'; filename: string } | { status: 'failed'; detail: string };

export interface PopupState {
  load: LoadState;
  language: LanguagePreference;
  summary: SummaryView | null;
  pages: PageView[];
  health: LayoutHealth | null;
  /** Latest overview status per Page id. */
  overviews: Record<string, OverviewStatus>;
  /** Pages whose scan was still running when the popup stopped polling. */
  overviewStalled: Record<string, boolean>;
  exportState: ExportState;
  /** The "Copy layout report" button's last outcome. */
  reportState: ReportState;
  /** Page blocks whose clear is on its way, and the last failure's detail by Page id. */
  blockClearing: Record<string, boolean>;
  blockClearFailed: Record<string, string>;
  /** The dashboard's Labels in Business Suite (issue 22): every connected Page's label sync and when it was read;
   *  null until read, or when the read failed (the dashboard then leaves the section out). */
  labels: { pages: LabelsPageView[]; readAt: number } | null;
}

export const initialPopupState = (): PopupState => ({
  load: { status: 'loading' },
  language: 'browser',
  summary: null,
  pages: [],
  health: null,
  overviews: {},
  overviewStalled: {},
  exportState: { status: 'idle' },
  reportState: { status: 'idle' },
  blockClearing: {},
  blockClearFailed: {},
  labels: null,
});

/** A store per mounted popup (tests mount many). */
export const createPopupStore = (initial: Partial<PopupState> = {}) => createStore<PopupState>()(() => ({ ...initialPopupState(), ...initial }));

export type PopupStore = ReturnType<typeof createPopupStore>;
