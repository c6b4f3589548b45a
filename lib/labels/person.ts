import type { GraphFailure, LabelsApi } from '../graph';
import { labelStateOf, type LabelState } from '../policy/labels';
import type { StopBlockFacts } from '../policy/types';
import type { LabelPerson } from '../storage/schema';
import type { LabelIds } from './label-set';
import { reopenLabelState } from './names';

// One person's Reopen label (issue 22): which one they should carry, and the writes that get them there. Before
// writing, the person's labels are read (another agent's browser may have written already); then at most one remove
// and one add. The people's own labels are never touched.

/** The label the person should carry now. A "stop" label another browser wrote (it holds Meta's block, this one does
 *  not) is kept until the customer writes again: `s` is the customer's last message when it was found. */
export function desiredLabel(person: LabelPerson, block: StopBlockFacts | undefined, now: number): LabelState | null {
  const state = labelStateOf({ customerLastMessageAt: person.c, pageLastMessageAt: person.p, block }, now);
  if (state !== 'stop' && person.s !== undefined && !(person.c !== null && person.c > person.s)) return 'stop';
  return state;
}

/** Whether the person needs a read and maybe writes: their label is not the one they should carry. A person whose
 *  label is not known and who should carry none is left alone (Reopen labels only what it computed; every browser
 *  computes the same). */
export function needsWrite(person: LabelPerson, desired: LabelState | null, now: number): boolean {
  if (person.d !== undefined && person.d > now) return false;
  if (person.l === undefined) return desired !== null;
  return person.l !== desired;
}

export type PersonWrite =
  /** Done: the person carries `to` (and carried `from` before). `writes`: calls that changed something. */
  | { ok: true; from: LabelState | null; to: LabelState | null; writes: number; keptStop: boolean }
  | { ok: false; failure: GraphFailure; from: LabelState | null }
  /** The label to add is not among the Page's labels this sync knows (someone deleted it): nothing was written. */
  | { ok: false; labelMissing: true; from: LabelState | null };

/**
 * Reads the person's labels and makes Reopen's the one of `desired`: removes every other Reopen label (a duplicate
 * another browser made included), adds the canonical one when missing. A "stop" found on the person while this
 * browser wanted something else, and did not write that stop itself, is kept (see desiredLabel).
 */
export async function writePerson(
  deps: { api: LabelsApi; pageId: string; token: string; labelIds: LabelIds },
  psid: string,
  person: LabelPerson,
  desired: LabelState | null,
  hasOwnBlock: boolean,
): Promise<PersonWrite> {
  const read = await deps.api.personLabels(deps.pageId, psid, deps.token);
  if (!read.ok) return { ok: false, failure: read.error, from: person.l ?? null };
  const carried = read.value.flatMap((label) => {
    const state = reopenLabelState(label.name);
    return state ? [{ id: label.id, state }] : [];
  });
  const from = carried[0]?.state ?? null;
  const foreignStop = desired !== 'stop' && !hasOwnBlock && person.l !== 'stop' && carried.some((label) => label.state === 'stop');
  const target = foreignStop ? 'stop' : desired;
  const targetId = target ? deps.labelIds[target] : undefined;
  if (target && !targetId) return { ok: false, labelMissing: true, from };
  let writes = 0;
  for (const label of carried) {
    if (label.id === targetId || (foreignStop && label.state === 'stop')) continue;
    const removed = await deps.api.remove(deps.pageId, label.id, psid, deps.token);
    if (!removed.ok) return { ok: false, failure: removed.error, from };
    writes++;
  }
  if (targetId && !carried.some((label) => label.id === targetId) && !foreignStop) {
    const added = await deps.api.associate(deps.pageId, targetId, psid, deps.token);
    if (!added.ok) return { ok: false, failure: added.error, from };
    writes++;
  }
  return { ok: true, from, to: target, writes, keptStop: foreignStop };
}
