import type { Locale } from '../i18n/core';
import { LABEL_STATES, type LabelState } from '../policy/labels';

// Reopen's label set (issue 22): one Page custom label per state, named in the Page's language. The names are data
// shared by every agent's browser, not interface words: two browsers must find the same labels, so a name never
// changes with a translation, and a label is recognised by any of its names in any language (a Page whose labels
// were created in Spanish keeps them when an English browser switches the sync on).

export const LABEL_NAMES: Record<Locale, Record<LabelState, string>> = {
  en: {
    closing: 'Reopen · closes within 2 h',
    human_agent: 'Reopen · human agent only',
    closed: 'Reopen · closed',
    reactivated: 'Reopen · reactivated, awaiting reply',
    stop: 'Reopen · stop',
  },
  es: {
    closing: 'Reopen · cierra en menos de 2 h',
    human_agent: 'Reopen · solo agente humano',
    closed: 'Reopen · cerrada',
    reactivated: 'Reopen · reactivada, esperando respuesta',
    stop: 'Reopen · alto',
  },
};

const BY_NAME = new Map<string, LabelState>(
  Object.values(LABEL_NAMES).flatMap((names) => LABEL_STATES.map((state) => [names[state].normalize('NFC'), state] as const)),
);

/** The state a label's name stands for when it is one of Reopen's (any language), else null: the people's own labels
 *  (any other name, "Reopen" alone included) are never Reopen's to touch. */
export function reopenLabelState(name: string | null): LabelState | null {
  return name === null ? null : (BY_NAME.get(name.trim().normalize('NFC')) ?? null);
}

/** Meta gives ids as decimal strings; the canonical label of a state is the lowest id, so every browser that sees
 *  the same labels picks the same one. */
export function compareLabelIds(a: string, b: string): number {
  if (a.length !== b.length && /^\d+$/.test(a) && /^\d+$/.test(b)) return a.length - b.length;
  return a < b ? -1 : a > b ? 1 : 0;
}
