import { describe, expect, it } from 'vitest';
import { CLOSING_LABEL_MS, labelStateOf, nextLabelChangeAt } from './labels';
import { HUMAN_AGENT_LIMIT_MS, WINDOW_MS } from './window';

// The state-to-label rule every agent's browser applies to Meta's data (issue 22).
const C = Date.parse('2026-11-30T10:00:00Z');
const facts = (pageLastMessageAt: number | null = null) => ({ customerLastMessageAt: C, pageLastMessageAt });

describe('which Reopen label a person carries', () => {
  it('none while the window has more than 2 h left; "closes within 2 h" from then on, up to the close', () => {
    expect(labelStateOf(facts(), C + WINDOW_MS - CLOSING_LABEL_MS - 1)).toBeNull();
    expect(labelStateOf(facts(), C + WINDOW_MS - CLOSING_LABEL_MS)).toBe('closing');
    expect(labelStateOf(facts(), C + WINDOW_MS - 1)).toBe('closing');
  });

  it('"human agent only" from exactly 24 h, "closed" from exactly 7 days (Meta’s limits are "within")', () => {
    expect(labelStateOf(facts(), C + WINDOW_MS)).toBe('human_agent');
    expect(labelStateOf(facts(), C + HUMAN_AGENT_LIMIT_MS - 1)).toBe('human_agent');
    expect(labelStateOf(facts(), C + HUMAN_AGENT_LIMIT_MS)).toBe('closed');
  });

  it('"reactivated" once the Page wrote after the window closed, until the customer writes; a reply inside the window is not one', () => {
    expect(labelStateOf(facts(C + WINDOW_MS + 60_000), C + 2 * WINDOW_MS)).toBe('reactivated');
    expect(labelStateOf(facts(C + WINDOW_MS + 60_000), C + HUMAN_AGENT_LIMIT_MS + WINDOW_MS)).toBe('reactivated');
    expect(labelStateOf(facts(C + 60_000), C + 2 * WINDOW_MS)).toBe('human_agent');
  });

  it('"stop" while Meta’s block on the person holds; it lifts when the customer writes again or at Meta’s time', () => {
    const block = { scope: 'person' as const, since: C + 2 * WINDOW_MS, until: C + 3 * WINDOW_MS };
    expect(labelStateOf({ ...facts(), block }, C + 2 * WINDOW_MS + 1)).toBe('stop');
    expect(labelStateOf({ ...facts(), block }, C + 3 * WINDOW_MS)).toBe('human_agent');
    expect(labelStateOf({ customerLastMessageAt: C + 2 * WINDOW_MS + 5, pageLastMessageAt: null, block }, C + 2 * WINDOW_MS + 10)).toBeNull();
  });

  it('no label without a customer message; the next change by the clock alone is the next boundary', () => {
    expect(labelStateOf({ customerLastMessageAt: null, pageLastMessageAt: C }, C)).toBeNull();
    expect(nextLabelChangeAt(facts(), C)).toBe(C + WINDOW_MS - CLOSING_LABEL_MS);
    expect(nextLabelChangeAt(facts(), C + WINDOW_MS - 1)).toBe(C + WINDOW_MS);
    expect(nextLabelChangeAt(facts(), C + WINDOW_MS)).toBe(C + HUMAN_AGENT_LIMIT_MS);
    expect(nextLabelChangeAt(facts(), C + HUMAN_AGENT_LIMIT_MS)).toBeNull();
  });
});
