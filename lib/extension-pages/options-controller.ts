// The options page's controller: every change goes through the background, which owns storage and tokens; the view
// (components/options/OptionsApp.tsx) renders what this reads and calls these actions.
import type { Locale } from '../i18n/core';
import type { LabelsPageView, LabelsSetReply } from '../labels/view';
import type { Ask } from '../messaging/client';
import type { ResponseOf } from '../messaging/responses';
import type { PageView, PickResult } from '../pages/view';
import type { SettingsPatch, SettingsView } from '../settings/schema';
import { downloadText } from './download';
import { errorDetail } from './error-detail';

/** `labels`: each connected Page's label sync (issue 22) by Page id; a Page missing from it (its read failed) shows
 *  no switch, and the rest of the page works all the same. */
export type OptionsLoad =
  | { status: 'loading' }
  | { status: 'ready'; pages: PageView[]; settings: SettingsView; labels: Readonly<Record<string, LabelsPageView>> }
  | { status: 'failed'; detail: string };

export interface OptionsControllerTiming {
  /** While a Page's labels are being switched in another window, how often they are read again, and at most how
   *  many times per opening. */
  labelsPollMs: number;
  labelsMaxPolls: number;
}

export interface OptionsController {
  /** Reads the Pages and the settings, then each Page's label sync. */
  open: () => Promise<void>;
  /** The page closed: no answer or poll lands after this. */
  close: () => void;
  /** Connects a Page by its token, reading the Page list again when it connected. A failure to ask is an error the
   *  form shows, never a throw. */
  connect: (token: string) => Promise<ResponseOf<'pages.connect'>>;
  /** Connects Pages picked from a person's offer (their token comes again, see lib/messaging/protocol.ts), reading
   *  the Page list again when one connected. A failure to ask is every Page's error, never a throw. */
  pick: (personToken: string, pageIds: string[]) => Promise<PickResult[]>;
  disconnect: (pageId: string) => Promise<void>;
  /** Saves the settings form; the form then shows what the background kept. */
  saveSettings: (patch: SettingsPatch) => Promise<SettingsView>;
  /** Saves one setting on its own, without replacing the settings the form shows (that would drop its unsaved edits). */
  saveSetting: (patch: SettingsPatch) => Promise<SettingsView>;
  exportSettings: () => Promise<{ filename: string }>;
  importSettings: (json: string) => Promise<ResponseOf<'settings.import'>>;
  /** Switches a Page's labels in Business Suite on or off (`language`: the labels' names). The reply's view replaces
   *  the Page's; a failure to ask is a `failed` refusal with the Page's view unchanged, never a throw. */
  setLabels: (pageId: string, enabled: boolean, language: Locale) => Promise<LabelsSetReply>;
}

/** `setLoad` is the view's own state (it starts as `loading`): this changes it with what the background answers. */
export function createOptionsController(
  ask: Ask,
  setLoad: (next: (current: OptionsLoad) => OptionsLoad) => void,
  timing: OptionsControllerTiming = { labelsPollMs: 2000, labelsMaxPolls: 150 },
): OptionsController {
  type Ready = Extract<OptionsLoad, { status: 'ready' }>;
  const update = (patch: Partial<Omit<Ready, 'status'>>) => setLoad((current) => (current.status === 'ready' ? { ...current, ...patch } : current));
  const refreshPages = async () => update({ pages: (await ask({ type: 'pages.list' })).pages });

  // The label views as last shown (mirrored here so a failed switch can answer with the Page's view unchanged).
  let labels: Record<string, LabelsPageView> = {};
  const showLabels = (next: Record<string, LabelsPageView>) => {
    labels = next;
    update({ labels });
  };
  // A status read that was under way while a Page was being switched here may answer with the state from before the
  // switch: for that Page the switch's own reply is newer. Each switch's start and end is an event; a read keeps its
  // answer for a Page only when no switch of that Page started or ended since the read began.
  let events = 0;
  const switchEvent: Record<string, number> = {};
  const switching = new Set<string>();
  let alive = true;
  let polls = 0;
  let pollTimer: ReturnType<typeof setTimeout> | undefined;

  /** Reads every Page's label sync; a failed read leaves the views as they were (a Page never read shows no switch). */
  const refreshLabels = async (): Promise<void> => {
    const started = events;
    let pages: LabelsPageView[];
    try {
      pages = (await ask({ type: 'labels.status' })).pages;
    } catch {
      return;
    }
    if (!alive) return;
    const next: Record<string, LabelsPageView> = {};
    for (const view of pages) {
      const newer = switching.has(view.pageId) || (switchEvent[view.pageId] ?? 0) > started;
      next[view.pageId] = newer ? (labels[view.pageId] ?? view) : view;
    }
    showLabels(next);
    // Another window is switching a Page: read again until it is done, so this one shows the outcome (at most
    // `labelsMaxPolls` reads for one switch: one that never ends must not keep this page asking).
    if (!pages.some((view) => view.pending !== null)) polls = 0;
    else if (polls < timing.labelsMaxPolls && pollTimer === undefined) {
      polls++;
      pollTimer = setTimeout(() => {
        pollTimer = undefined;
        void refreshLabels();
      }, timing.labelsPollMs);
    }
  };
  const refreshPagesAndLabels = async () => {
    await refreshPages().catch(() => undefined);
    await refreshLabels();
  };

  return {
    async open() {
      alive = true;
      const opened = await Promise.all([ask({ type: 'pages.list' }), ask({ type: 'settings.get' })])
        .then(([pagesReply, settings]) => {
          setLoad(() => ({ status: 'ready', pages: pagesReply.pages, settings, labels }));
          return true;
        })
        .catch((error: unknown) => {
          setLoad(() => ({ status: 'failed', detail: errorDetail(error) }));
          return false;
        });
      if (opened) await refreshLabels();
    },
    close() {
      alive = false;
      clearTimeout(pollTimer);
      pollTimer = undefined;
    },
    async setLabels(pageId, enabled, language) {
      switching.add(pageId);
      switchEvent[pageId] = ++events;
      try {
        const reply = await ask({ type: 'labels.set', pageId, enabled, language });
        if (alive) showLabels({ ...labels, [pageId]: reply.page });
        // Meta refused the Page's token: the Page list says it needs reconnecting.
        if (reply.refusal?.kind === 'token' || reply.refusal?.kind === 'not_connected') await refreshPages().catch(() => undefined);
        return reply;
      } catch (error) {
        const page = labels[pageId];
        if (!page) throw error;
        return { page, refusal: { kind: 'failed', error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) } } };
      } finally {
        switching.delete(pageId);
        switchEvent[pageId] = ++events;
      }
    },
    async connect(token) {
      try {
        const result = await ask({ type: 'pages.connect', token });
        if ('page' in result) await refreshPagesAndLabels();
        return result;
      } catch (error) {
        return { error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) } };
      }
    },
    async pick(personToken, pageIds) {
      try {
        const { results } = await ask({ type: 'pages.pick', token: personToken, pageIds });
        if (results.some((result) => 'page' in result)) await refreshPagesAndLabels();
        return results;
      } catch (error) {
        const detail = errorDetail(error);
        return pageIds.map((pageId) => ({ pageId, error: { kind: 'unknown_error', retryable: true, metaMessage: detail } }));
      }
    },
    async disconnect(pageId) {
      update({ pages: (await ask({ type: 'pages.disconnect', pageId })).pages });
      await refreshLabels();
    },
    async saveSettings(patch) {
      const settings = await ask({ type: 'settings.set', patch });
      update({ settings });
      return settings;
    },
    saveSetting: (patch) => ask({ type: 'settings.set', patch }),
    async exportSettings() {
      const { json, filename } = await ask({ type: 'settings.export' });
      downloadText(json, filename, 'application/json');
      return { filename };
    },
    async importSettings(json) {
      const result = await ask({ type: 'settings.import', json });
      if (!('error' in result)) update({ settings: result });
      return result;
    },
  };
}
