import { describe, expect, it } from 'vitest';
import { compareLabelIds, LABEL_NAMES, reopenLabelState } from './names';

describe('Reopen label names', () => {
  it('a label is recognised by its name in either language, the people’s own labels never', () => {
    expect(reopenLabelState(LABEL_NAMES.en.human_agent)).toBe('human_agent');
    expect(reopenLabelState(LABEL_NAMES.es.reactivated)).toBe('reactivated');
    expect(reopenLabelState(` ${LABEL_NAMES.es.closed} `)).toBe('closed');
    for (const own of ['VIP', 'Reopen', 'reopen · closed', 'Reopen · closed soon', '', null]) expect(reopenLabelState(own)).toBeNull();
  });

  it('every name is distinct across states and languages', () => {
    const names = Object.values(LABEL_NAMES).flatMap((set) => Object.values(set));
    expect(new Set(names).size).toBe(names.length);
  });

  it('the canonical label is the lowest id, compared as Meta’s decimal ids', () => {
    expect(['900', '1000', '95'].sort(compareLabelIds)).toEqual(['95', '900', '1000']);
  });
});
