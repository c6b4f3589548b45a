import { describe, expect, it } from 'vitest';
import { DAY, FACTS, HOUR, MIN, NOW } from '../../tests/support/row-facts';
import { compactMs, factsByName, matchRow, rowBadgeView } from './row-badge-model';

// What a row badge says, from the background's facts and the clock.

describe('rowBadgeView', () => {
  it('says time left while open (urgent under the threshold), ready, cooling or closed', () => {
    const view = (name: string) =>
      rowBadgeView(
        FACTS.find((fact) => fact.name === name)!,
        NOW,
        120,
      );
    expect(view('ana lopez')).toEqual({ window: 'open', kind: 'open', urgent: true, left: HOUR });
    expect(view('fede sanz')).toMatchObject({ window: 'open', urgent: false, left: 22 * HOUR });
    expect(view('bruno diaz')).toMatchObject({ window: 'human_agent', kind: 'ready' });
    expect(view('elena martin')).toMatchObject({ window: 'human_agent', kind: 'cooling', left: 5 * HOUR + 10 * MIN });
    expect(view('carla gomez')).toMatchObject({ window: 'closed', kind: 'closed' });
  });

  it('counts in the largest unit, rounding down', () => {
    expect(compactMs(5 * HOUR + 59 * MIN)).toBe(5 * HOUR);
    expect(compactMs(DAY + 3 * HOUR)).toBe(DAY);
    expect(compactMs(42 * MIN + 30_000)).toBe(42 * MIN);
  });

  it('matches a row by its normalized name only; an unknown name matches nothing', () => {
    const facts = factsByName(FACTS);
    expect(matchRow('  ANA   López ', facts)?.name).toBe('ana lopez');
    expect(matchRow('María García', facts)).toBeNull();
    expect(matchRow(null, facts)).toBeNull();
  });
});
