import { describe, expect, it } from 'vitest';
import { FACTS, NOW } from '../../tests/support/row-facts';
import { rowsRefresher } from './row-facts-refresher';

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
