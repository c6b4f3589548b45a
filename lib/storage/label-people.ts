import { LABEL_STATES, type LabelState } from '../policy/labels';
import type { LabelPerson } from './schema';

// The label sync's people (issue 22) as stored: one short string per person instead of an object, so a Page with
// thousands of new conversations a day fits (about 40 bytes a person with its PSID, against about 70 as JSON objects).
//   "<c>,<p>,<l>,<s>,<d>"   times in base 36 (epoch ms), empty when absent or null;
//   l: a digit (the state's index in LABEL_STATES), "-" for no label, empty when not known.
// A string that does not read back drops that person only: the sync reads their labels again when they matter.

const time = (at: number | null | undefined) => (at === null || at === undefined ? '' : at.toString(36));

export function encodePerson(person: LabelPerson): string {
  const label = person.l === undefined ? '' : person.l === null ? '-' : String(LABEL_STATES.indexOf(person.l));
  return [time(person.c), time(person.p), label, time(person.s), time(person.d)].join(',').replace(/,+$/, '');
}

const readTime = (text: string | undefined): number | null | 'bad' => {
  if (!text) return null;
  if (!/^[0-9a-z]{1,12}$/.test(text)) return 'bad';
  return parseInt(text, 36);
};

export function decodePerson(text: string): LabelPerson | null {
  const [c, p, l, s, d, ...rest] = text.split(',');
  if (rest.length > 0) return null;
  const times = [readTime(c), readTime(p), readTime(s), readTime(d)];
  if (times.includes('bad')) return null;
  const [cAt, pAt, sAt, dAt] = times as (number | null)[];
  let label: LabelState | null | undefined;
  if (!l) label = undefined;
  else if (l === '-') label = null;
  else {
    label = LABEL_STATES[Number(l)];
    if (!/^\d$/.test(l) || !label) return null;
  }
  return { c: cAt!, p: pAt!, ...(label !== undefined ? { l: label } : {}), ...(sAt !== null ? { s: sAt } : {}), ...(dAt !== null ? { d: dAt } : {}) };
}

export function encodePeople(people: Record<string, LabelPerson>): Record<string, string> {
  return Object.fromEntries(Object.entries(people).map(([psid, person]) => [psid, encodePerson(person)]));
}

/** Reads either form: strings (this version), or the objects of a build before it. */
export function decodePeople(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== 'object') return {};
  const people: Record<string, unknown> = {};
  for (const [psid, value] of Object.entries(raw as Record<string, unknown>)) {
    if (typeof value === 'string') {
      const person = decodePerson(value);
      if (person) people[psid] = person;
    } else people[psid] = value;
  }
  return people;
}
