// Row badges on Business Suite's conversation list (issue 11, DESIGN.md §3-4): one small host element appended to
// each card whose conversation Reopen knows (first in the card, floated to its top right), with the time left or what can be done. The list is virtualized and
// re-rendered by React, so badges are re-applied, never assumed to stay:
//   - only the list's subtree is observed (childList and text, no attributes); until a list is found, the document's
//     structure is, as the composer mount does while it waits (lib/inbox/composer-mount.ts);
//   - a mutation that cannot have changed a card's name (a preview or a typing indicator rewritten inside a badged
//     card, whose name text is still in place) wakes nothing; the rest are folded into one pass per frame, which
//     skips cards whose badge is in place for the same name;
//   - the badge's words live in its shadow root, so the card's own text (and the name read from it) is unchanged;
//   - nothing else of React's is touched, and nothing is observed while the tab is hidden.
import { windowState } from '../policy/window';
import type { WindowState } from '../policy/types';
import type { RowFact } from '../urgency/rows';
import { normalizeDisplayName } from '../threads/names';
import { cardList, cardNameLeaf, cleanText, listCards } from './identity';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export type RowBadgeKind = 'open' | 'ready' | 'cooling' | 'closed';

export interface RowBadgeView {
  window: WindowState;
  kind: RowBadgeKind;
  /** The open window closes within the "closes soon" threshold. */
  urgent: boolean;
  /** The time the words count (window or cooldown), in ms; 0 when none. */
  left: number;
}

/** What one row's badge shows at `now`. */
export function rowBadgeView(fact: RowFact, now: number, closesSoonMinutes: number): RowBadgeView {
  const window = windowState(fact.customerLastMessageAt, now);
  if (window.state === 'open') {
    const left = window.windowClosesAt! - now;
    return { window: 'open', kind: 'open', urgent: left <= closesSoonMinutes * MINUTE, left };
  }
  if (fact.cooldownUntil !== null && fact.cooldownUntil > now) {
    return { window: window.state, kind: 'cooling', urgent: false, left: fact.cooldownUntil - now };
  }
  return { window: window.state, kind: window.state === 'closed' ? 'closed' : 'ready', urgent: false, left: 0 };
}

/** A badge counts in its largest unit only ("5 h", not "5 h 12 min"): floor, so it never shows more than is left. */
export function compactMs(ms: number): number {
  const unit = ms >= DAY ? DAY : ms >= HOUR ? HOUR : MINUTE;
  return ms - (ms % unit);
}

/** Facts by normalized name: a row is matched only to a name the background found unique. */
export function factsByName(rows: readonly RowFact[]): Map<string, RowFact> {
  return new Map(rows.map((row) => [row.name, row]));
}

// A list re-render shows the same names again: normalizing each once (Unicode decomposition) is enough.
const normalized = new Map<string, string>();
function normalizedName(name: string): string {
  let value = normalized.get(name);
  if (value === undefined) {
    if (normalized.size >= 1000) normalized.clear();
    normalized.set(name, (value = normalizeDisplayName(name)));
  }
  return value;
}

/** The fact of a row, by the name it shows; null for a name Reopen does not know (or knows twice). */
export function matchRow(name: string | null, facts: ReadonlyMap<string, RowFact>): RowFact | null {
  return name ? (facts.get(normalizedName(name)) ?? null) : null;
}

export interface RowBadgeHooks {
  /** The content script's stylesheet (lib/inbox/shadow-ui.ts loadUiCss): its .reopen-row-badge rules style the
   *  badge in its shadow root; every badge carries the same text, whose parsed sheet browsers share. */
  css: string;
  /** The badge's words and accessible name, or null while the strings have not arrived. */
  words(view: RowBadgeView): { text: string; label: string } | null;
  now(): number;
  requestFrame(pass: () => void): void;
}

export interface RowBadges {
  /** New facts from the background (or none: every badge goes). */
  update(rows: readonly RowFact[], closesSoonMinutes: number): void;
  /** Re-renders every badge now (the clock moved on). */
  tick(): void;
  pause(): void;
  resume(): void;
  stop(): void;
}

const HOST = 'reopen-row-badge';
export function watchRowBadges(doc: Document, hooks: RowBadgeHooks): RowBadges {
  let facts = new Map<string, RowFact>();
  let threshold = 120;
  let list: Element | null = null;
  let frame = false;
  let paused = false;
  let stopped = false;
  const hosts = new Set<HTMLElement>();
  // Each badged card and the element its name was read from: what a mutation must touch to matter.
  let nameLeafOf = new WeakMap<Element, Element>();

  /** Could this mutation have changed which cards there are or what name one shows? */
  function mayRename(record: MutationRecord): boolean {
    const start = record.target.nodeType === 1 ? (record.target as Element) : record.target.parentElement;
    for (let node = start; node && node !== list; node = node.parentElement) {
      const leaf = nameLeafOf.get(node);
      if (!leaf) continue;
      // Inside a badged card: only its name text (or its removal) matters, not its preview, time or labels.
      return !leaf.isConnected || !node.contains(leaf) || leaf.contains(start);
    }
    // At the list's level (cards added, removed, replaced) or in a card not badged yet.
    return true;
  }

  const observer = new MutationObserver((records) => {
    if (frame || paused || stopped || !records.some(mayRename)) return;
    frame = true;
    hooks.requestFrame(() => {
      frame = false;
      pass(false);
    });
  });

  function observe() {
    observer.disconnect();
    // Nothing to badge (no Page connected, no facts yet): nothing to watch either.
    if (paused || stopped || facts.size === 0) return;
    // characterData: React recycles a card by changing its text nodes in place. Only within the list.
    const target = list?.isConnected ? list : null;
    observer.observe(target ?? doc, { childList: true, subtree: true, characterData: !!target });
  }

  function render(host: HTMLElement, fact: RowFact, name: string) {
    const view = rowBadgeView(fact, hooks.now(), threshold);
    const words = hooks.words(view);
    if (!words) return host.remove();
    const kind = view.urgent ? 'urgent' : view.kind;
    host.dataset.window = view.window;
    host.dataset.name = name;
    host.dataset.kind = kind;
    if (host.getAttribute('aria-label') !== words.label) host.setAttribute('aria-label', words.label);
    const text = host.shadowRoot!.lastChild as HTMLElement;
    if (text.textContent !== words.text) text.textContent = words.text;
    text.className = `reopen-row-badge reopen-row-badge--${kind}`;
  }

  function badgeOf(card: Element): HTMLElement | null {
    for (const child of card.children) if (child.getAttribute('data-testid') === HOST) return child as HTMLElement;
    return null;
  }

  /** One pass over the list's cards; `all`: re-render badges already in place too (new facts, the clock). */
  function pass(all: boolean) {
    if (stopped) return;
    const cards = listCards(list?.isConnected ? list : doc);
    list = cards[0] ? cardList(cards[0]) : null;
    for (const card of cards) {
      const leaf = cardNameLeaf(card);
      const name = leaf ? cleanText(leaf.textContent) : null;
      const fact = matchRow(name, facts);
      let host = badgeOf(card);
      if (!fact || !name || !leaf) {
        host?.remove();
        nameLeafOf.delete(card);
        continue;
      }
      nameLeafOf.set(card, leaf);
      if (host && host.dataset.name === name && !all) continue;
      if (!host) {
        host = doc.createElement('span');
        host.setAttribute('data-testid', HOST);
        host.setAttribute('role', 'img');
        // First in the card and floated: at the card's top right, inside its box whatever its height (cards of a
        // virtual list are fixed-height and absolutely positioned, so a badge below the text would cover the next).
        // Clicks go through to the card (it selects the conversation): the badge only informs.
        host.style.cssText = 'float:right;margin:0 0 0 6px;pointer-events:none';
        const style = doc.createElement('style');
        style.textContent = hooks.css;
        host.attachShadow({ mode: 'open' }).append(style, doc.createElement('span'));
        card.prepend(host);
        hosts.add(host);
      }
      render(host, fact, name);
    }
    for (const host of hosts) if (!host.isConnected) hosts.delete(host);
    observe();
  }

  pass(true);
  return {
    update(rows, closesSoonMinutes) {
      facts = factsByName(rows);
      nameLeafOf = new WeakMap();
      threshold = closesSoonMinutes;
      if (!paused) pass(true);
    },
    tick() {
      if (!paused) pass(true);
    },
    pause() {
      paused = true;
      observer.disconnect();
    },
    resume() {
      paused = false;
      pass(true);
    },
    stop() {
      stopped = true;
      observer.disconnect();
      for (const host of hosts) host.remove();
    },
  };
}

export interface RowsRefreshDeps {
  /** Asks the background for one Page's row facts. */
  ask(pageId: string): Promise<{ rows: RowFact[]; closesSoonMinutes: number }>;
  apply(rows: RowFact[], closesSoonMinutes: number): void;
  pageId(): string | null;
  visible(): boolean;
  now(): number;
  /** At most one ask per Page this often (a timer tick may come a little early: 5 s of slack). */
  everyMs: number;
}

/** The content script's side of "at most once a minute, never while hidden": call it on every occasion (start, timer,
 *  tab shown, URL change); it asks only when visible and when the Page changed or the interval is over. */
export function rowsRefresher(deps: RowsRefreshDeps): () => void {
  let last: { pageId: string; at: number } | null = null;
  return () => {
    const pageId = deps.pageId();
    if (!pageId || !deps.visible()) return;
    if (last?.pageId === pageId && deps.now() - last.at < deps.everyMs - 5000) return;
    last = { pageId, at: deps.now() };
    deps.ask(pageId).then((view) => deps.apply(view.rows, view.closesSoonMinutes), () => undefined);
  };
}
