// Row badges on Business Suite's conversation list (issue 11, DESIGN.md §3-4): one small element first in each card
// whose conversation Reopen knows (laid over the card's top right, out of its flow: the card's size and line breaks
// never change), with the time left or what can be done. The list
// is virtualized and re-rendered by React, so badges are re-applied, never assumed to stay. A 50-row list may be
// re-rendered many times a second, every card new, so a badge costs the host page as little as it can
// (scripts/bench/rows.bench.ts):
//   - a badge is one light-DOM <span> and nothing inside: no shadow root. Its words are CSS generated content
//     (::before { content: attr(data-text) }), so the card's own text (and the name read from it) is unchanged, and
//     its accessible name is its aria-label (role img). Each badge used to carry a shadow root with the whole
//     stylesheet in it: making, filling and inserting 25 of those per re-render was about a third of the badges'
//     script time, the walk over every card's text leaves most of the rest;
//   - ONE <style> in the document's head styles every badge: the stylesheet's rules that name the badge
//     (entrypoints/inbox.content/style.css; specific attribute selectors with !important, so no page rule reaches
//     them and they reach nothing of the page), put back by the next pass if the page takes it out, removed by
//     stop(). Not document.adoptedStyleSheets: Firefox's content scripts cannot set it before Firefox 153 (bug
//     1751346), and a page that assigns its own array would drop Reopen's without a trace;
//   - a re-created badge is a clone of the last one made for that name (its words as of the last full pass, which
//     the clock runs every 30 s), so a re-render computes no words and sets no attribute;
//   - only the list's structure is observed (childList, no text, no attributes), and the text of each read card's
//     name element: React rewriting a preview or a time in place (nodeValue) makes no mutation record at all, which
//     the paired bench showed costs the page more than the badges' own script. Until a list is found, the
//     document's structure is observed, as the composer mount does while it waits (lib/inbox/composer-mount.ts).
//     Name elements are watched until the next full pass (the 30 s tick), which lets go of cards gone since;
//   - a card once read is skipped until a mutation may have renamed it: its name text changed or went, or its badge
//     was taken out. A preview or a typing indicator rewritten inside a read card wakes nothing. A record at the
//     list's level is not looked into (its added nodes are not read: a remount's hundred records cost more that way
//     than the pass's look): in an element that held read cards (a virtual list's rows container) the pass looks
//     at its children only (childCards), anywhere else over the list (listCards);
//   - passes are paced (./timers.ts pacedFrames): the first at the next frame, then at most one per gap while the list keeps
//     re-rendering, so a list re-rendered every few milliseconds (a fast scroll, a jump) is read once per gap, not
//     once per commit. A pass reads only the cards not read yet (listCards skips the read ones before any check; the
//     name's walk is the browser's walk over the card's text nodes, normalized once per text: page-geometry.ts
//     cardNameOf, wording.ts memo): a re-render that mounts one card pays for that card, not for the list;
//   - nothing else of React's is touched, and nothing is observed while the tab is hidden or there are no facts.
import type { PageTheme } from './page-theme';
import { cardList, cardNameOf, childCards, listCards } from './page-geometry';
import { factsByName, freshestFact, matchRow, nextBadgeChange, rowBadgeView, rowKey, type RowBadgeView, type RowFact } from './row-badge-model';

export interface RowBadgeHooks {
  /** The content script's stylesheet (lib/inbox/shadow-ui.ts loadUiCss): its row-badge rules go into the document. */
  css: string;
  /** The badge's words and accessible name, or null while the strings have not arrived. */
  words(view: RowBadgeView): { text: string; label: string } | null;
  now(): number;
  requestFrame(pass: () => void): void;
  /** A timer: the painter repaints at the next instant a badge changes kind (a window closing, a cooldown ending),
   *  instead of waiting for the next tick or listing. Returns its cancel. */
  later(run: () => void, ms: number): () => void;
}

export interface RowBadges {
  /** New facts from the background (or none: every badge goes). */
  update(rows: readonly RowFact[], closesSoonMinutes: number): void;
  /** The conversation on screen's own fresh facts (its send's result, its thread read), or null: they win over the
   *  background's for that name when fresher (row-badge-model freshestFact), so its row changes with the banner. A
   *  name the background's facts do not have (unknown, or shared by two conversations) still gets no badge. */
  local(fact: RowFact | null): void;
  /** Re-renders every badge now (the clock moved on, or the words' language). */
  tick(): void;
  /** The page's theme (lib/inbox/page-theme.ts): the badges' colours follow it. */
  theme(value: PageTheme): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

const HOST = 'reopen-row-badge';
const NAME_TEXT: MutationObserverInit = { characterData: true, subtree: true };

/** The rules of the content script's stylesheet that style the row badges: every rule whose selector names them
 *  (style.css keeps them flat, outside any @media, so each is one `selector{declarations}`). */
export function badgeCss(css: string): string {
  return (css.match(/[^{}]*reopen-row-badge[^{}]*\{[^{}]*\}/g) ?? []).join('');
}

export function watchRowBadges(doc: Document, hooks: RowBadgeHooks): RowBadges {
  // The background's facts, the conversation on screen's, and both merged (what the badges show).
  let listed = new Map<string, RowFact>();
  let onScreen: RowFact | null = null;
  let facts = new Map<string, RowFact>();
  let cancelChange: (() => void) | null = null;
  let threshold = 120;
  let theme: PageTheme = 'light';
  let list: Element | null = null;
  let frame = false;
  // Hidden tab, or stopped for good (the content script's context ended: nothing resumes it then).
  let paused = false;
  // Cards read since the last full pass, each with the element its name was read from (null: it shows no name).
  let read = new WeakMap<Element, Element | null>();
  // The badge last made for each name shown (detached): a card re-rendered with that name gets a clone of it.
  const models = new Map<string, HTMLElement>();
  const sheet = doc.createElement('style');
  sheet.textContent = badgeCss(hooks.css);

  // (getAttribute, not dataset: a card's first child is new at every remount, and its dataset would be one more object.)
  const isBadge = (node: Node): boolean => (node as Element).getAttribute?.('data-testid') === HOST;

  // The elements the cards read sit in (a virtual list's rows container; mostly one), and whether a record since the
  // last pass was anywhere else in the list.
  let containers = new Set<Element>();
  let scan = false;

  /** Could this mutation have changed which cards there are or what name one shows (or taken a badge out)? A read
   *  card it may have renamed is forgotten, so the next pass reads it again. */
  function mayRename(record: MutationRecord): boolean {
    // (From a text node too: a name's text rewritten in place.)
    const start = record.target;
    for (let node = start as Element | null; node; node = node.parentNode as Element | null) {
      // In an element that held read cards (cards added or removed there; the list itself, when they are its
      // children), or in a card of it not read (a new one, or one renamed since the last pass): the pass looks at
      // its children.
      if (containers.has(node)) return true;
      if (node === list) break;
      const leaf = read.get(node);
      if (leaf === undefined) continue;
      // Inside a read card: only its name text (or its removal) matters, not its preview, time or labels; and our badge.
      const renamed = !node.contains(leaf) || leaf!.contains(start) || (node === start && [...record.removedNodes].some(isBadge));
      if (renamed) read.delete(node);
      return renamed;
    }
    // Anywhere else in the list (its added nodes are not looked at: a commit's hundred records cost more that way
    // than the pass's look over the list).
    scan = true;
    return true;
  }

  // (Paused, it is disconnected, which also drops the records not delivered yet.)
  const observer = new MutationObserver((records) => {
    // Every record is looked at (map, not some): each forgets the read card it may have renamed.
    if (!records.map(mayRename).includes(true) || frame) return;
    frame = true;
    hooks.requestFrame(() => {
      frame = false;
      pass(false);
    });
  });

  /** Watches the list's structure (or, until there is a list, the document's); a card's name text is watched on its
   *  name element alone (`read`), so React rewriting previews and times in place makes no record at all. */
  function observe() {
    // Nothing to badge (no Page connected, no facts yet): nothing to watch either.
    if (paused || facts.size === 0) return observer.disconnect();
    observer.observe(list ?? doc, { childList: true, subtree: true });
    // This pass's own insertions.
    observer.takeRecords();
  }

  /** The badge for a name, as a detached element to clone; null while there are no words. */
  function model(name: string, fact: RowFact): HTMLElement | null {
    let badge = models.get(name);
    if (badge) return badge;
    const view = rowBadgeView(fact, hooks.now(), threshold);
    const words = hooks.words(view);
    if (!words) return null;
    badge = doc.createElement('span');
    Object.assign(badge.dataset, {
      testid: HOST,
      window: view.window,
      name,
      kind: view.urgent ? 'urgent' : view.kind,
      text: words.text,
      reopenTheme: theme,
    });
    badge.setAttribute('role', 'img');
    badge.setAttribute('aria-label', words.label);
    models.set(name, badge);
    return badge;
  }

  function merge() {
    facts = listed;
    const known = onScreen && listed.get(onScreen.name);
    if (!known || !onScreen) return;
    facts = new Map(listed);
    facts.set(onScreen.name, freshestFact(known, onScreen));
  }

  /** Repaints every badge at the next instant one changes kind (and again from there); nothing while paused. */
  function scheduleChange() {
    cancelChange?.();
    cancelChange = null;
    if (paused || facts.size === 0) return;
    const now = hooks.now();
    const next = nextBadgeChange(facts.values(), now, threshold);
    // (A few ms past the instant, so the clock has crossed it; the 30 s tick covers anything further than a day.)
    if (next !== null && next - now < 86_400_000) cancelChange = hooks.later(() => pass(true), next - now + 20);
  }

  function removeAll() {
    for (const host of doc.querySelectorAll(`[data-testid="${HOST}"]`)) host.remove();
    sheet.remove();
  }

  function badgeOf(card: Element): Element | null {
    for (let child = card.firstElementChild; child; child = child.nextElementSibling) if (isBadge(child)) return child;
    return null;
  }

  /** One pass over the list's cards; `all`: every card and badge anew (new facts, the clock, the theme). */
  function pass(all: boolean) {
    if (paused) return;
    // No facts (no Page connected, or none yet): no badge, no stylesheet, and no card read for nothing.
    if (facts.size === 0) return (removeAll(), observe());
    // Mutations since the frame was asked for: a card renamed meanwhile is read again below.
    observer.takeRecords().map(mayRename);
    if (all) {
      read = new WeakMap();
      models.clear();
      containers = new Set();
      // Every card is read again below, and its name element watched again: cards gone since are let go.
      observer.disconnect();
    }
    // Only the cards not read yet (all of them after a full pass's reset): among the containers' children when the
    // records were all there, else over the list.
    const cards = (!all && !scan && list?.isConnected && childCards(containers, read)) || listCards(list?.isConnected ? list : doc, read);
    scan = false;
    // A list emptied for a moment, or whose cards are all read, is still the list.
    const before = list;
    list = cards[0] ? cardList(cards[0]) : list?.isConnected ? list : null;
    // Found, replaced or gone: watch only the new one (the previous registrations would stay otherwise, the
    // document's among them), its cards all read and their names watched anew.
    if (!all && list !== before) return pass(true);
    for (const card of cards) {
      const shown = cardNameOf(card);
      // (null: a card that shows no name; undefined would be a card not read.)
      read.set(card, shown && shown.element);
      containers.add(card.parentElement!);
      // React recycles a card by rewriting its name's text in place.
      if (shown) observer.observe(shown.element, NAME_TEXT);
      const fact = matchRow(shown?.text, facts);
      const host = badgeOf(card);
      const badge = fact && model(shown!.text, fact);
      if (badge && host?.isEqualNode(badge)) continue;
      if (!badge) host?.remove();
      else if (host) host.replaceWith(badge.cloneNode());
      else card.prepend(badge.cloneNode());
    }
    if (!sheet.isConnected) (doc.head ?? doc.documentElement).append(sheet);
    observe();
    if (all) scheduleChange();
  }

  pass(true);
  return {
    update(rows, closesSoonMinutes) {
      listed = factsByName(rows);
      threshold = closesSoonMinutes;
      merge();
      pass(true);
    },
    local(fact) {
      const before = onScreen;
      onScreen = fact;
      // The store re-renders often: the same facts repaint nothing.
      const same =
        before &&
        fact &&
        before.name === fact.name &&
        before.customerLastMessageAt === fact.customerLastMessageAt &&
        before.cooldownUntil === fact.cooldownUntil;
      if (same || before === fact) return;
      const previous = facts;
      merge();
      // Only the rows of the names whose fact changed (the conversation left, the one arrived at) are read again: a
      // switch or a send repaints one or two badges, not the list (a full pass at every switch was the largest part
      // of the content script's cost per switch; scripts/bench/browser.bench.ts, switch cost).
      const changed = [before?.name, fact?.name].filter((name) => name && previous.get(name) !== facts.get(name));
      if (!changed.length) return;
      for (const name of models.keys()) if (changed.includes(rowKey(name))) models.delete(name);
      for (const host of (list ?? doc).querySelectorAll<HTMLElement>(`[data-testid="${HOST}"]`))
        if (changed.includes(rowKey(host.dataset.name!))) read.delete(host.parentElement!);
      pass(false);
      scheduleChange();
    },
    tick() {
      pass(true);
    },
    theme(value) {
      theme = value;
      pass(true);
    },
    pause() {
      paused = true;
      observer.disconnect();
      cancelChange?.();
      cancelChange = null;
    },
    resume() {
      paused = false;
      pass(true);
    },
    stop() {
      paused = true;
      observer.disconnect();
      cancelChange?.();
      cancelChange = null;
      removeAll();
    },
  };
}
