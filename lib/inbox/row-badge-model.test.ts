import { describe, expect, it } from 'vitest';
import { DAY, FACTS, HOUR, MIN, NOW } from '../../tests/support/row-facts';
import { compactMs, factsByName, freshestFact, matchRow, nextBadgeChange, rowBadgeView } from './row-badge-model';

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

describe('fresh facts and the next change', () => {
  const bruno = { name: 'bruno diaz', customerLastMessageAt: NOW - 2 * DAY, cooldownUntil: null };
  it('the newer customer message wins; for the same one, the later cooldown', () => {
    const sent = { ...bruno, cooldownUntil: NOW + DAY };
    expect(freshestFact(bruno, sent)).toBe(sent);
    expect(freshestFact(sent, bruno)).toBe(sent);
    const wrote = { ...bruno, customerLastMessageAt: NOW - MIN };
    expect(freshestFact(sent, wrote)).toBe(wrote);
  });

  it('is the nearest of: entering the threshold, the window closing, 7 days, a cooldown ending', () => {
    expect(nextBadgeChange([{ ...bruno, customerLastMessageAt: NOW - 20 * HOUR }], NOW, 120)).toBe(NOW + 2 * HOUR);
    expect(nextBadgeChange([{ ...bruno, customerLastMessageAt: NOW - 23 * HOUR }], NOW, 120)).toBe(NOW + HOUR);
    expect(nextBadgeChange([bruno], NOW, 120)).toBe(NOW + 5 * DAY);
    expect(nextBadgeChange([{ ...bruno, cooldownUntil: NOW + 3 * HOUR }], NOW, 120)).toBe(NOW + 3 * HOUR);
    expect(nextBadgeChange([{ ...bruno, customerLastMessageAt: NOW - 10 * DAY }], NOW, 120)).toBeNull();
  });
});
