import type { LabelsPageView } from './view';

/** A Page's labels view for the views' tests: switched off, nothing written yet; `over` sets what a test is about. */
export const sampleLabelsView = (over: Partial<LabelsPageView> = {}): LabelsPageView => ({
  pageId: '111',
  pageName: 'Casa Luna',
  enabled: false,
  managed: false,
  language: 'en',
  pending: null,
  lastSyncAt: null,
  counts: { closing: 0, human_agent: 0, closed: 0, reactivated: 0, stop: 0 },
  writesLast24h: 0,
  lastError: null,
  clearedAt: null,
  backoffUntil: null,
  ...over,
});
