import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DAY, FACTS, HOUR, MIN, NOW } from '../../tests/support/row-facts';
import { cardName } from './page-geometry';
import { badgeCss, watchRowBadges, type RowBadges } from './row-badges';

// The content script's own stylesheet, as the badges get it (their rules are copied into the document from it).
const STYLESHEET = readFileSync(resolve(__dirname, '../../entrypoints/inbox.content/style.css'), 'utf8');

// Row badges on a virtualized conversation list (Business Suite's pagelet with role=listitem cards, §7a): which rows
// get a badge, what it says, and that it comes back when React replaces or recycles the cards.

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

  let clock = NOW;
  let wordsAsked = 0;
  const start = () => {
    clock = NOW;
    wordsAsked = 0;
    timers.length = 0;
    badges = watchRowBadges(document, {
      css: STYLESHEET,
      words: (view) => (wordsAsked++, { text: `${view.kind}:${view.left}`, label: `label ${view.kind}` }),
      now: () => clock,
      requestFrame: (pass) => void frames.push(pass),
      later: (run, ms) => {
        const timer = { run, at: clock + ms };
        timers.push(timer);
        return () => timers.splice(timers.indexOf(timer) >>> 0, 1);
      },
    });
    badges.update(FACTS, 120);
  };
  // The painter's own timer (the next instant a badge changes kind): at most one pending.
  const timers: { run: () => void; at: number }[] = [];
  const hosts = () => [...document.querySelectorAll<HTMLElement>('[data-testid="reopen-row-badge"]')];
  const shown = () => hosts().map((host) => [host.dataset.name, host.dataset.window, host.dataset.kind]);
  const sheets = () => [...document.head.querySelectorAll('style')].filter((style) => style.textContent.includes('reopen-row-badge'));

  it('badges each known row inside its card, with the contract attributes and an accessible name; unknown rows get none', () => {
    const list = renderList(['Ana López', 'María García', 'Bruno Díaz', 'Carla Gómez']);
    const cardText = [...list.children].map((card) => card.textContent);
    start();
    expect(shown()).toEqual([
      ['Ana López', 'open', 'urgent'],
      ['Bruno Díaz', 'human_agent', 'ready'],
      ['Carla Gómez', 'closed', 'closed'],
    ]);
    const host = hosts()[0]!;
    expect(host.parentElement!.firstElementChild).toBe(host);
    expect(host.getAttribute('role')).toBe('img');
    expect(host.getAttribute('aria-label')).toBe('label open');
    // Its words are generated content (style.css: ::before { content: attr(data-text) }): no shadow root, no child,
    // so the card's own text, and the name read from it, are what they were without the badge.
    expect(host.dataset.text).toBe(`open:${HOUR}`);
    expect(host.shadowRoot).toBeNull();
    expect(host.childNodes).toHaveLength(0);
    expect([...list.children].map((card) => card.textContent)).toEqual(cardText);
    expect(cardName(host.parentElement!)).toBe('Ana López');
  });

  it("styles every badge from one stylesheet in the document: the badge rules only, proof against the page's inherited styles", () => {
    renderList(['Ana López', 'Bruno Díaz']);
    // A page whose cards set their own font, colour and line height for everything inside them.
    const page = document.head.appendChild(document.createElement('style'));
    page.textContent = '[role="listitem"] span { font: 400 20px/40px serif; color: red; pointer-events: auto; letter-spacing: 3px; }';
    start();
    expect(sheets()).toHaveLength(1);
    const css = sheets()[0]!.textContent;
    expect(css).toBe(badgeCss(STYLESHEET));
    expect(css).toContain('content: attr(data-text)');
    // Nothing of the banner's stylesheet (its :host variables, .reopen-root…) reaches the page.
    expect(css).not.toMatch(/:host|reopen-root|reopen-banner/);
    const style = getComputedStyle(hosts()[0]!);
    // A click on the badge is a click on the card: it must not swallow the conversation's selection.
    expect(style.pointerEvents).toBe('none');
    // (letter-spacing too in Chromium: tests/e2e/urgency.e2e.ts; happy-dom does not compute `normal`.)
    expect([style.fontSize, style.lineHeight]).toEqual(['11px', '16px']);
    expect(style.color).not.toBe('red');
    page.remove();
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

  it('a row mounted as the list scrolls, and cards added inside a wrapper, are badged; a row unmounted takes its badge', async () => {
    const list = renderList(['Ana López', 'Bruno Díaz']);
    start();
    // Scrolling a virtual list: the top card unmounts, one mounts at the bottom (the others stay as they are).
    const mounted = list.firstElementChild!.cloneNode(true) as HTMLElement;
    mounted.querySelector('[data-testid]')?.remove();
    mounted.querySelector('span')!.textContent = 'Fede Sanz';
    list.firstElementChild!.remove();
    list.append(mounted);
    await runFrames();
    expect(shown()).toEqual([
      ['Bruno Díaz', 'human_agent', 'ready'],
      ['Fede Sanz', 'open', 'open'],
    ]);
    // A block of rows mounted in a wrapper (not a card itself): found by looking over the list.
    const wrapper = document.createElement('div');
    const carla = mounted.cloneNode(true) as HTMLElement;
    carla.querySelector('[data-testid]')?.remove();
    carla.querySelector('span')!.textContent = 'Carla Gómez';
    wrapper.append(carla);
    list.append(wrapper);
    await runFrames();
    expect(shown()).toEqual([
      ['Bruno Díaz', 'human_agent', 'ready'],
      ['Fede Sanz', 'open', 'open'],
      ['Carla Gómez', 'closed', 'closed'],
    ]);
  });

  it('commits made before the pass cost one pass, over the cards shown by then', async () => {
    renderList(['Ana López', 'Bruno Díaz']);
    start();
    // A churning list: four commits, every card new each time, before the (paced) frame comes.
    renderList(['Carla Gómez']);
    await Promise.resolve();
    renderList(['María García', 'Elena Martin']);
    await Promise.resolve();
    renderList(['Fede Sanz', 'Ana López']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(1);
    await runFrames();
    expect(shown()).toEqual([
      ['Fede Sanz', 'open', 'open'],
      ['Ana López', 'open', 'urgent'],
    ]);
    expect(hosts()).toHaveLength(2);
  });

  it('watches the document only until the list is found, then the list alone', async () => {
    start();
    renderList(['Ana López', 'Bruno Díaz']);
    await runFrames();
    expect(shown()).toEqual([
      ['Ana López', 'open', 'urgent'],
      ['Bruno Díaz', 'human_agent', 'ready'],
    ]);
    // The rest of Business Suite changes all day: none of it wakes the badges any more.
    document.body.append(document.createElement('aside'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(frames).toHaveLength(0);
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

  it('no facts, no badges and no stylesheet; stop takes every badge and the stylesheet out', () => {
    renderList(['Ana López']);
    start();
    badges!.update([], 120);
    expect([shown(), sheets()]).toEqual([[], []]);
    badges!.update(FACTS, 120);
    expect(shown()).toHaveLength(1);
    badges!.stop();
    expect([shown(), sheets()]).toEqual([[], []]);
  });

  it('a re-rendered card gets its badge back without new words; the clock ticking renews every badge', async () => {
    renderList(['Ana López', 'Fede Sanz']);
    start();
    const asked = wordsAsked;
    renderList(['Ana López', 'Fede Sanz']);
    await runFrames();
    expect(wordsAsked).toBe(asked);
    expect(hosts().map((host) => host.dataset.text)).toEqual([`open:${HOUR}`, `open:${22 * HOUR}`]);
    clock += 30 * MIN;
    badges!.tick();
    expect(hosts().map((host) => host.dataset.text)).toEqual([`open:${30 * MIN}`, `open:${21 * HOUR + 30 * MIN}`]);
    renderList(['Fede Sanz', 'Ana López']);
    await runFrames();
    expect(hosts().map((host) => [host.dataset.name, host.dataset.text])).toEqual([
      ['Fede Sanz', `open:${21 * HOUR + 30 * MIN}`],
      ['Ana López', `open:${30 * MIN}`],
    ]);
  });

  it('repaints on its own at the instant a window closes, enters the threshold, or a cooldown ends: no tick, no listing', () => {
    renderList(['Ana López', 'Elena Martín', 'Fede Sanz']);
    start();
    expect(shown()).toEqual([
      ['Ana López', 'open', 'urgent'],
      ['Elena Martín', 'human_agent', 'cooling'],
      ['Fede Sanz', 'open', 'open'],
    ]);
    // The first change: Ana's window closes an hour from now.
    expect(timers).toHaveLength(1);
    expect(timers[0]!.at - NOW).toBeGreaterThanOrEqual(HOUR);
    expect(timers[0]!.at - NOW).toBeLessThan(HOUR + 1000);
    clock = timers[0]!.at;
    timers.shift()!.run();
    expect(shown()[0]).toEqual(['Ana López', 'human_agent', 'ready']);
    // Then Elena's cooldown ends (5 h 10 min from the start), and so on: one timer pending at a time.
    expect(timers).toHaveLength(1);
    clock = timers[0]!.at;
    timers.shift()!.run();
    expect(shown()[1]).toEqual(['Elena Martín', 'human_agent', 'ready']);
    expect(timers).toHaveLength(1);
    badges!.stop();
    expect(timers).toHaveLength(0);
  });

  it("the conversation on screen's fresh facts win for its row at once: a send's cooldown, a customer's new message", () => {
    renderList(['Ana López', 'Bruno Díaz', 'María García']);
    start();
    expect(shown()[1]).toEqual(['Bruno Díaz', 'human_agent', 'ready']);
    // The agent sent a reactivation to Bruno: the panel knows the cooldown before any listing does.
    badges!.local({ name: 'bruno diaz', customerLastMessageAt: NOW - 2 * DAY, cooldownUntil: NOW + DAY });
    expect(shown()[1]).toEqual(['Bruno Díaz', 'human_agent', 'cooling']);
    // A listing read before the send (no cooldown yet) does not take it back.
    badges!.update(FACTS, 120);
    expect(shown()[1]).toEqual(['Bruno Díaz', 'human_agent', 'cooling']);
    // Bruno writes again: his window is open, whatever the older cooldown.
    badges!.local({ name: 'bruno diaz', customerLastMessageAt: NOW - MIN, cooldownUntil: null });
    expect(shown()[1]).toEqual(['Bruno Díaz', 'open', 'open']);
    // A name the background left out (two "María García") gets no badge from the screen either.
    badges!.local({ name: 'maria garcia', customerLastMessageAt: NOW - MIN, cooldownUntil: null });
    expect(shown().map(([name]) => name)).toEqual(['Ana López', 'Bruno Díaz']);
  });

  it('a switch or a send repaints only the rows whose facts changed: the other badges stay the same elements', () => {
    renderList(['Ana López', 'Bruno Díaz', 'Carla Gómez']);
    start();
    const [ana, bruno, carla] = hosts();
    badges!.local({ name: 'bruno diaz', customerLastMessageAt: NOW - 2 * DAY, cooldownUntil: NOW + DAY });
    expect(shown()[1]).toEqual(['Bruno Díaz', 'human_agent', 'cooling']);
    expect(hosts()[0]).toBe(ana);
    expect(hosts()[2]).toBe(carla);
    expect(hosts()[1]).not.toBe(bruno);
    // The agent moves on to Carla, whose facts are the listing's: Bruno's row goes back to the listing's facts, and
    // Carla's badge is left as it is.
    const cooling = hosts()[1];
    badges!.local({ ...FACTS.find((fact) => fact.name === 'carla gomez')! });
    expect(hosts()[2]).toBe(carla);
    expect(hosts()[0]).toBe(ana);
    expect(shown()[1]).toEqual(['Bruno Díaz', 'human_agent', 'ready']);
    expect(hosts()[1]).not.toBe(cooling);
  });

  it('follows the page theme, on the badges in place and on those made after', async () => {
    renderList(['Ana López', 'Bruno Díaz']);
    start();
    expect(hosts().map((host) => host.dataset.reopenTheme)).toEqual(['light', 'light']);
    badges!.theme('dark');
    expect(hosts().map((host) => host.dataset.reopenTheme)).toEqual(['dark', 'dark']);
    renderList(['Bruno Díaz', 'Carla Gómez']);
    await runFrames();
    expect(hosts().map((host) => host.dataset.reopenTheme)).toEqual(['dark', 'dark']);
  });

  it('puts back a badge or the stylesheet the page took out', async () => {
    const list = renderList(['Ana López', 'Bruno Díaz']);
    start();
    hosts()[1]!.remove();
    await runFrames();
    expect(shown().map(([name]) => name)).toEqual(['Ana López', 'Bruno Díaz']);
    sheets()[0]!.remove();
    list.append(document.createElement('div'));
    await runFrames();
    expect(sheets()).toHaveLength(1);
  });

  it('reads the name past a time shown first in the card', () => {
    const list = renderList(['Ana López']);
    const card = list.firstElementChild!;
    const time = document.createElement('span');
    time.textContent = '3 h';
    card.prepend(time);
    start();
    expect(shown()).toEqual([['Ana López', 'open', 'urgent']]);
  });

  it('watches nothing while paused; every badge back on resume', async () => {
    renderList(['Ana López']);
    start();
    badges!.pause();
    renderList(['Ana López', 'Bruno Díaz']);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([frames.length, shown()]).toEqual([0, []]);
    badges!.resume();
    expect(shown().map(([name]) => name)).toEqual(['Ana López', 'Bruno Díaz']);
  });
});
