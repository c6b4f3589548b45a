import { afterEach, describe, expect, it } from 'vitest';
import type { RowFact } from '../urgency/rows';
import { cardName } from './identity';
import { compactMs, matchRow, factsByName, rowBadgeView, rowsRefresher, watchRowBadges, type RowBadges } from './row-badges';

// Row badges on a virtualized conversation list (Business Suite's pagelet with role=listitem cards, §7a): which rows
// get a badge, what it says, and that it comes back when React replaces or recycles the cards.

const NOW = Date.parse('2026-07-12T12:00:00Z');
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

const FACTS: RowFact[] = [
  { name: 'ana lopez', customerLastMessageAt: NOW - 23 * HOUR, cooldownUntil: null },
  { name: 'bruno diaz', customerLastMessageAt: NOW - 2 * DAY, cooldownUntil: null },
  { name: 'carla gomez', customerLastMessageAt: NOW - 10 * DAY, cooldownUntil: null },
  { name: 'elena martin', customerLastMessageAt: NOW - 3 * DAY, cooldownUntil: NOW + 5 * HOUR + 10 * MIN },
  { name: 'fede sanz', customerLastMessageAt: NOW - 2 * HOUR, cooldownUntil: null },
];

describe('rowBadgeView', () => {
  it('says time left while open (urgent under the threshold), ready, cooling or closed', () => {
    const view = (name: string) => rowBadgeView(FACTS.find((fact) => fact.name === name)!, NOW, 120);
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

describe('watchRowBadges', () => {
  let badges: RowBadges | null = null;
  afterEach(() => {
    badges?.stop();
    document.body.innerHTML = '';
  });

  const frames: (() => void)[] = [];
  const runFrames = async () => {
    await new Promise((resolve) => setTimeout(resolve, 0)); // mutation records are delivered as a microtask
    while (frames.length) frames.shift()!();
  };

  function renderList(names: string[]) {
    const list = document.querySelector('[data-pagelet="GenericBizInboxThreadListViewBody"]') ?? document.body.appendChild(document.createElement('div'));
    list.setAttribute('data-pagelet', 'GenericBizInboxThreadListViewBody');
    // React replaces the cards: new nodes, none of ours.
    list.replaceChildren(
      ...names.map((name) => {
        const card = document.createElement('div');
        card.setAttribute('role', 'listitem');
        card.innerHTML = `<div><span></span><span>3h</span></div><div><span></span></div>`;
        card.querySelectorAll('span')[0]!.textContent = name;
        card.querySelectorAll('span')[2]!.textContent = 'Thanks, see you tomorrow';
        return card;
      }),
    );
    return list;
  }

  const start = () => {
    badges = watchRowBadges(document, {
      css: '.reopen-row-badge { display: inline-block; }',
      words: (view) => ({ text: `${view.kind}:${view.left}`, label: `label ${view.kind}` }),
      now: () => NOW,
      requestFrame: (pass) => void frames.push(pass),
    });
    badges.update(FACTS, 120);
  };
  const shown = () =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="reopen-row-badge"]')].map((host) => [host.dataset.name, host.dataset.window, host.dataset.kind]);

  it('badges each known row inside its card, with the contract attributes and an accessible name; unknown rows get none', () => {
    renderList(['Ana López', 'María García', 'Bruno Díaz', 'Carla Gómez']);
    start();
    expect(shown()).toEqual([
      ['Ana López', 'open', 'urgent'],
      ['Bruno Díaz', 'human_agent', 'ready'],
      ['Carla Gómez', 'closed', 'closed'],
    ]);
    const host = document.querySelector<HTMLElement>('[data-testid="reopen-row-badge"]')!;
    expect(host.closest('[role="listitem"]')!.textContent).toContain('Ana López');
    expect(host.getAttribute('aria-label')).toBe('label open');
    // A click on the badge is a click on the card: it must not swallow the conversation's selection.
    expect(host.style.pointerEvents).toBe('none');
    expect(host.shadowRoot!.lastChild!.textContent).toBe(`open:${HOUR}`);
    expect((host.shadowRoot!.lastChild as HTMLElement).className).toBe('reopen-row-badge reopen-row-badge--urgent');
    // Styled by the content script's own stylesheet (its .reopen-row-badge rules), shared with the banner's roots.
    expect(host.shadowRoot!.querySelector('style')!.textContent).toContain('.reopen-row-badge');
    // The badge's words are in its shadow root: the card's name reads the same with the badge in it.
    expect(cardName(host.parentElement!)).toBe('Ana López');
  });

  it('comes back after React re-renders the list, and follows a recycled card to its new name', async () => {
    const list = renderList(['Ana López', 'Bruno Díaz']);
    start();
    renderList(['Bruno Díaz', 'Elena Martín', 'Nobody Known']);
    await runFrames();
    expect(shown()).toEqual([
      ['Bruno Díaz', 'human_agent', 'ready'],
      ['Elena Martín', 'human_agent', 'cooling'],
    ]);
    // Virtualization reuses a card node for another conversation: the badge follows the name, or goes.
    const names = [...list.querySelectorAll('[role="listitem"]')].map((card) => card.querySelector(':scope > div > span')!);
    names[0]!.firstChild!.nodeValue = 'Carla Gómez';
    names[1]!.textContent = 'Somebody Else';
    await runFrames();
    expect(shown()).toEqual([['Carla Gómez', 'closed', 'closed']]);
  });

  it('a preview or a time rewritten inside a badged card wakes nothing; its name changing does', async () => {
    const list = renderList(['Ana López', 'Bruno Díaz']);
    start();
    await runFrames();
    const [ana] = [...list.querySelectorAll('[role="listitem"]')];
    const [name, time, preview] = [...ana!.querySelectorAll('span:not([data-testid])')];
    // A chat list churns all day: typing indicators, previews, times. None of it can change who a row is.
    preview!.textContent = 'Typing…';
    preview!.firstChild!.nodeValue = 'New message';
    time!.textContent = '4h';
    ana!.append(document.createElement('div'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(0);
    name!.textContent = 'Carla Gómez';
    await runFrames();
    expect(shown()).toEqual([
      ['Carla Gómez', 'closed', 'closed'],
      ['Bruno Díaz', 'human_agent', 'ready'],
    ]);
  });

  it('no facts, no badges; stop takes every badge out', () => {
    renderList(['Ana López']);
    start();
    badges!.update([], 120);
    expect(shown()).toEqual([]);
    badges!.update(FACTS, 120);
    expect(shown()).toHaveLength(1);
    badges!.stop();
    expect(shown()).toEqual([]);
  });
});

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
