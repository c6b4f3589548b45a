import type { GraphFailure, GraphResult, LabelsApi, PageLabel } from '../graph';
import type { Locale } from '../i18n/core';
import { LABEL_STATES, type LabelState } from '../policy/labels';
import { compareLabelIds, LABEL_NAMES, reopenLabelState } from './names';

// Reopen's labels on one Page, as Meta holds them: found by name, created once, never duplicated, all deleted when
// the sync is switched off. Meta creates a new label on every POST, even for a name the Page has (Custom Labels for
// Customers, updated 2026-03-18), so two browsers switching on at once may both create one: each lists again after
// creating and keeps the lowest id of each state (the same choice in every browser), deleting the others. A label
// deleted takes itself off every person; the next sync puts the kept one back where it belongs.

export type LabelIds = Partial<Record<LabelState, string>>;

export type LabelSetResult = { ok: true; labelIds: LabelIds } | { ok: false; failure: GraphFailure };

interface Deps {
  api: LabelsApi;
  pageId: string;
  token: string;
}

/** Reopen's labels among the Page's, by state: every id carrying one of the state's names, canonical first. */
export function reopenLabelsOf(labels: readonly PageLabel[]): Map<LabelState, string[]> {
  const byState = new Map<LabelState, string[]>();
  for (const label of labels) {
    const state = reopenLabelState(label.name);
    if (!state) continue;
    byState.set(state, [...(byState.get(state) ?? []), label.id]);
  }
  for (const ids of byState.values()) ids.sort(compareLabelIds);
  return byState;
}

/** Meta answered that the label is no longer there: what a delete wanted anyway. */
export const isGone = (failure: GraphFailure) => failure.code === 100 && failure.subcode === 33;

async function deleteAll(deps: Deps, ids: readonly string[]): Promise<GraphFailure | null> {
  for (const id of ids) {
    const deleted = await deps.api.delete(deps.pageId, id, deps.token);
    if (!deleted.ok && !isGone(deleted.error)) return deleted.error;
  }
  return null;
}

/** The canonical label of each state after deleting the duplicates; a failure leaves the rest for the next sync. */
async function keepCanonical(deps: Deps, listed: GraphResult<PageLabel[]>): Promise<LabelSetResult> {
  if (!listed.ok) return { ok: false, failure: listed.error };
  const labelIds: LabelIds = {};
  const duplicates: string[] = [];
  for (const [state, ids] of reopenLabelsOf(listed.value)) {
    labelIds[state] = ids[0]!;
    duplicates.push(...ids.slice(1));
  }
  const failure = await deleteAll(deps, duplicates);
  return failure ? { ok: false, failure } : { ok: true, labelIds };
}

/**
 * Makes sure the Page has one label of each state: finds them by name (any language), creates the missing ones in
 * `language`. The first call is a listing, so a Meta app without the permission, or a Page whose admin did not
 * accept the terms, is refused before anything is written. A failure part way deletes what this call created:
 * nothing is left half-written.
 */
export async function ensureLabels(deps: Deps, language: Locale): Promise<LabelSetResult> {
  const listed = await deps.api.pageLabels(deps.pageId, deps.token);
  if (!listed.ok) return { ok: false, failure: listed.error };
  const present = reopenLabelsOf(listed.value);
  const missing = LABEL_STATES.filter((state) => !present.has(state));
  if (missing.length === 0) return keepCanonical(deps, listed);
  const created: string[] = [];
  for (const state of missing) {
    const made = await deps.api.create(deps.pageId, LABEL_NAMES[language][state], deps.token);
    if (!made.ok) {
      // A create whose answer was lost may have made a label: the next switch-on finds it by name.
      await deleteAll(deps, created);
      return { ok: false, failure: made.error };
    }
    created.push(made.value);
  }
  // Another browser may have created the same names meanwhile: list again and keep one of each.
  return keepCanonical(deps, await deps.api.pageLabels(deps.pageId, deps.token));
}

/** Deletes every Reopen label of the Page (any language, duplicates included), which takes them off every person;
 *  then lists again to be sure none is left (another browser may have created one meanwhile). */
export async function deleteReopenLabels(deps: Deps): Promise<{ ok: true } | { ok: false; failure: GraphFailure }> {
  for (let round = 0; round < 3; round++) {
    const listed = await deps.api.pageLabels(deps.pageId, deps.token);
    if (!listed.ok) return { ok: false, failure: listed.error };
    const ids = [...reopenLabelsOf(listed.value).values()].flat();
    if (ids.length === 0) return { ok: true };
    const failure = await deleteAll(deps, ids);
    if (failure) return { ok: false, failure };
  }
  return { ok: false, failure: { kind: 'transient', retryable: true, delivery: 'not_sent' } };
}
