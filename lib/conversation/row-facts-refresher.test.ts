import { describe, expect, it } from 'vitest';
import { FACTS, NOW } from '../../tests/support/row-facts';
import type { ThreadView } from '../threads/view';
import { rowsRefresher, screenRowFact } from './row-facts-refresher';

describe('rowsRefresher: at most once a minute per Page, never while hidden', () => {
  function setUp() {
    const state = { now: NOW, visible: true, pageId: 'p1' as string | null };
    const asked: string[] = [];
    const applied: number[] = [];
    const refresh = rowsRefresher({
      ask: async (pageId) => {
        asked.push(pageId);
        return { rows: FACTS, closesSoonMinutes: 90 };
      },
      apply: (_rows, closesSoonMinutes) => applied.push(closesSoonMinutes),
      pageId: () => state.pageId,
      visible: () => state.visible,
      now: () => state.now,
      everyMs: 60_000,
    });
    return { state, asked, applied, refresh };
  }

  it('asks when visible, not again within the minute, again after it; hands the answer on', async () => {
    const { state, asked, applied, refresh } = setUp();
    refresh();
    refresh();
    state.now += 30_000;
    refresh();
    expect(asked).toEqual(['p1']);
    await Promise.resolve();
    expect(applied).toEqual([90]);
    state.now += 30_000;
    refresh();
    expect(asked).toEqual(['p1', 'p1']);
  });

  it("asks at once when the background says a conversation's facts changed; hidden, at the next occasion once shown", () => {
    const { state, asked, refresh } = setUp();
    refresh();
    state.now += 1_000;
    refresh({ force: true });
    expect(asked).toEqual(['p1', 'p1']);
    state.visible = false;
    refresh({ force: true });
    expect(asked).toHaveLength(2);
    state.visible = true;
    state.now += 1_000;
    refresh();
    expect(asked).toHaveLength(3);
    // Told once: the next ordinary occasion within the minute asks nothing.
    refresh();
    expect(asked).toHaveLength(3);
  });

  it('asks nothing while hidden, however long; at once when shown again', () => {
    const { state, asked, refresh } = setUp();
    state.visible = false;
    for (let minute = 0; minute < 10; minute++) {
      state.now += 60_000;
      refresh();
    }
    expect(asked).toEqual([]);
    state.visible = true;
    refresh();
    expect(asked).toEqual(['p1']);
  });

  it('another Page is asked at once; no Page, no ask', () => {
    const { state, asked, refresh } = setUp();
    refresh();
    state.pageId = 'p2';
    refresh();
    state.pageId = null;
    refresh();
    expect(asked).toEqual(['p1', 'p2']);
  });
});

describe("screenRowFact: the conversation on screen's row, from its banner's own facts", () => {
  const HOUR = 3_600_000;
  const DAY = 24 * HOUR;
  const resolved = (attempts: { at: number; status: 'sent' | 'failed' | 'unknown' | 'pending' | 'blocked'; requestId: string }[] = []): ThreadView => ({
    status: 'resolved',
    pageId: 'p1',
    psid: '1',
    customerName: 'Bruno  Díaz',
    facts: { customerLastMessageAt: NOW - 2 * DAY, pageLastMessageAt: null, attempts },
    recentAttempts: [],
    checkedAt: NOW,
  });

  it('is the thread read: its C and its running cooldown, by normalized name', () => {
    expect(screenRowFact({ thread: resolved(), result: null, now: NOW })).toEqual({
      name: 'bruno diaz',
      customerLastMessageAt: NOW - 2 * DAY,
      cooldownUntil: null,
    });
    const cooling = screenRowFact({ thread: resolved([{ at: NOW - HOUR, status: 'sent', requestId: 'r' }]), result: null, now: NOW });
    expect(cooling?.cooldownUntil).toBe(NOW - HOUR + DAY);
  });

  it('a send just answered holds the cooldown at once, before the thread is read again; a failure does not', () => {
    const sent = screenRowFact({ thread: resolved(), result: { outcome: 'sent', decidedBy: 'background', nextAttemptAt: NOW + DAY }, now: NOW });
    expect(sent?.cooldownUntil).toBe(NOW + DAY);
    const unknown = screenRowFact({ thread: resolved(), result: { outcome: 'unknown', decidedBy: 'background' }, now: NOW });
    expect(unknown?.cooldownUntil).toBe(NOW + DAY);
    expect(screenRowFact({ thread: resolved(), result: { outcome: 'failed', decidedBy: 'background' }, now: NOW })?.cooldownUntil).toBeNull();
  });

  it('nothing for a conversation not resolved or without a name', () => {
    expect(screenRowFact({ thread: null, result: null, now: NOW })).toBeNull();
    expect(screenRowFact({ thread: { ...resolved(), customerName: null } as ThreadView, result: null, now: NOW })).toBeNull();
  });
});
