import { describe, expect, it } from 'vitest';
import { decodePeople, decodePerson, encodePeople, encodePerson } from './label-people';

describe('the label sync’s people in their short stored form', () => {
  it('reads back every field as it was written, absent and null kept apart', () => {
    const people = {
      a: { c: 1764700000123, p: null, l: 'human_agent' as const },
      b: { c: 1764700000000, p: 1764800000000, l: null, s: 1764700000000, d: 1764900000000 },
      c: { c: null, p: null },
      d: { c: 1764700000000, p: null, l: 'stop' as const },
    };
    const stored = encodePeople(people);
    expect(Object.values(stored).every((text) => text.length <= 40)).toBe(true);
    expect(decodePeople(stored)).toEqual(people);
  });

  it('an unreadable entry drops that person only; objects of an earlier build still read', () => {
    expect(decodePerson('zz!,1,2')).toBeNull();
    expect(decodePerson('1,2,9')).toBeNull();
    expect(decodePerson('1,2,1,3,4,5')).toBeNull();
    expect(decodePeople({ good: encodePerson({ c: 5, p: null, l: 'closed' }), bad: '??', old: { c: 1, p: 2, l: 'closing' } })).toEqual({
      good: { c: 5, p: null, l: 'closed' },
      old: { c: 1, p: 2, l: 'closing' },
    });
  });
});
