import { createStore } from 'zustand/vanilla';
import type { LanguagePreference } from '../../lib/i18n';
import type { LayoutHealth } from '../../lib/inbox/layout-health';
import type { OverviewStatus } from '../../lib/overview/service';
import type { PageView } from '../../lib/pages/service';
import type { SummaryView } from '../../lib/summary/view';
import type { ReportState } from './LayoutHealthView';

// View state of one open popup. The background's storage stays the source of truth: the popup reads a
// fresh summary every time it opens and never writes anything back except through messages.

export type LoadState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; detail: string };

export type ExportState =
  | { status: 'idle' }
  | { status: 'working' }
  | { status: 'done'; filename: string }
  | { status: 'failed'; detail: string };

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
});

/** A store per mounted popup (tests mount many). */
export const createPopupStore = (initial: Partial<PopupState> = {}) =>
  createStore<PopupState>()(() => ({ ...initialPopupState(), ...initial }));

export type PopupStore = ReturnType<typeof createPopupStore>;
