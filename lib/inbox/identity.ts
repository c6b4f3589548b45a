// Who the selected conversation is with, as the page shows it: the customer's display name read from
// independent signals (DESIGN.md §2), each a registry entry with the fixtures where it must read a name and
// where it must not. One DOM shape never decides alone:
//   - a reading that is a generic title (the mailbox, a sidebar section, the platform) is no name; the live
//     inbox shows "Inbox" as the pane's heading for a moment after a direct navigation (reference §7a);
//   - a reading equal to the previous conversation's name is stale (the pane keeps it for a moment after a
//     switch), unless the selection itself proves it (the card the URL or the agent's click points at);
//   - trusted readings that disagree are not used: the agent picks.
// Only readings about the selected conversation count: headings inside the conversation list, the message log
// or the sidebar are not the pane's heading; a card counts only when it is the selected one.

import {
  normalizeText,
  CONTACT_SECTION_TITLES,
  GENERIC_TITLES,
  PROFILE_HOSTS,
  SIDEBAR_SECTION_TITLES,
  THREAD_LIST_WORDS,
  TIME_TOKENS,
  VIEW_PROFILE_WORDS,
  WEEKDAY_TOKENS,
} from './wording';

export const NAME_SIGNAL_IDS = ['paneHeading', 'profileLink', 'contactSidebar', 'selectedCard'] as const;
export type NameSignalId = (typeof NAME_SIGNAL_IDS)[number];

/** How a card was known to be the selected one; the first two follow the selection itself, never lag it. */
export type CardEvidence = 'url' | 'click' | 'aria-selected' | 'aria-current';

export interface IdentityContext {
  /** The URL's selected_item_id. */
  selectedItemId: string | null;
  /** What the agent clicked last, when that click was for this conversation (the caller bounds its age). */
  clickedTarget: Element | null;
  /** The previous conversation's name, while the page may still show it. */
  staleName: string | null;
}

export interface NameCandidate {
  text: string;
  element: Element;
  evidence?: CardEvidence;
}

/** One name signal. Where it must and must not read a name is pinned next door, in lib/inbox/registry-fixtures.ts
 *  (kept out of this module so the content script does not ship test data). */
export interface NameSignal {
  id: NameSignalId;
  /** Candidate names in this signal's order of preference (the first acceptable one is its reading). `sidebar` is
   *  findSidebar(root), looked up once per reading for every signal. */
  read(root: ParentNode, context: IdentityContext, sidebar: Element | null): NameCandidate[];
}

// --- DOM helpers ---------------------------------------------------------------------------------------

const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
const LIST_CONTAINERS = '[role="grid"], [role="list"], [role="listbox"], [role="tree"], [data-pagelet*="ThreadList"]';
const CARD_ROLES = '[role="row"], [role="listitem"], [role="option"], [role="treeitem"]';
const THREAD_LINK = 'a[href*="selected_item_id="]';
const MESSAGE_LOG = '[role="log"], [aria-label*="message list" i], [aria-label*="lista de mensajes" i]';
const PAGE_CHROME = '[role="banner"], [role="navigation"], [role="contentinfo"], [role="dialog"], [role="menu"]';
const EDITABLE = '[contenteditable="true"], textarea';
// A name is short; longer text is a preview or a message.
const MAX_NAME_LENGTH = 80;
// How far above a sidebar section title the sidebar may reach before it would swallow the conversation pane.
const MAX_SIDEBAR_CLIMB = 6;

export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

function headingLevel(element: Element): number {
  const tag = /^h([1-6])$/i.exec(element.tagName);
  if (tag) return Number(tag[1]);
  const level = Number(element.getAttribute('aria-level'));
  return Number.isInteger(level) && level > 0 ? level : 2;
}

function isThreadListLabel(element: Element): boolean {
  return THREAD_LIST_WORDS.includes(normalizeText(element.getAttribute('aria-label')));
}

/** The conversation list: a list-like container (by role or Business Suite's pagelet names, §7a), or a region
 *  labelled as the inbox's list. */
export function insideThreadList(element: Element): boolean {
  if (element.closest(LIST_CONTAINERS)) return true;
  for (let node: Element | null = element.parentElement; node; node = node.parentElement) {
    if (node.hasAttribute('aria-label') && isThreadListLabel(node)) return true;
  }
  return false;
}

/** Elements that hold text of their own, in document order (the "leaves" a person reads). */
function textLeaves(root: Element): Element[] {
  const leaves: Element[] = [];
  const visit = (element: Element) => {
    if (element.getAttribute('aria-hidden') === 'true') return;
    // Own text: a text node that is not all blank.
    for (let node = element.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === 3 && /\S/.test(node.nodeValue!)) {
        leaves.push(element);
        break;
      }
    }
    for (let child = element.firstElementChild; child; child = child.nextElementSibling) visit(child);
  };
  visit(root);
  return leaves;
}

/** The sidebar beside the conversation (§7a: "heading [level=3] sections — labels, notes, contact details"):
 *  a complementary region, else the largest ancestor of a section title that holds neither the reply box, the
 *  message log nor the conversation list. */
export function findSidebar(root: ParentNode): Element | null {
  const titled = [...root.querySelectorAll(HEADINGS)].filter(
    (heading) => SIDEBAR_SECTION_TITLES.includes(normalizeText(heading.textContent)) && !insideThreadList(heading),
  );
  for (const heading of titled) {
    const region = heading.closest('[role="complementary"], aside');
    if (region) return region;
  }
  const first = titled[0];
  if (!first) return null;
  let sidebar: Element = first;
  let node = first.parentElement;
  for (let level = 0; node && level < MAX_SIDEBAR_CLIMB; level += 1, node = node.parentElement) {
    if (node.matches('body, [role="main"]') || node.querySelector(`${EDITABLE}, ${MESSAGE_LOG}, ${LIST_CONTAINERS}`)) break;
    sidebar = node;
  }
  return sidebar;
}

/** Not about the selected conversation's pane: the list, the log, the sidebar, the page's own chrome. */
function outsidePane(element: Element, sidebar: Element | null): boolean {
  return insideThreadList(element) || !!element.closest(`${MESSAGE_LOG}, ${PAGE_CHROME}`) || !!sidebar?.contains(element);
}

export function insideSidebar(element: Element): boolean {
  return !!findSidebar(element.ownerDocument)?.contains(element);
}

/** The headings about the selected conversation, in document order: those of the pane, not of the list, the log,
 *  the sidebar or the page's chrome (generic titles included: the caller decides about those). */
export function paneHeadings(root: ParentNode, sidebar: Element | null = findSidebar(root)): Element[] {
  return [...root.querySelectorAll(HEADINGS)].filter((heading) => !outsidePane(heading, sidebar));
}

function isViewProfileWording(element: Element): boolean {
  const wording = normalizeText(element.getAttribute('aria-label')) || normalizeText(element.textContent);
  return VIEW_PROFILE_WORDS.includes(wording);
}

/** A link's address read against the inbox's origin; null when there is none or it does not parse. */
function hrefOf(element: Element): URL | null {
  const href = element.getAttribute('href');
  try {
    return href ? new URL(href, 'https://business.facebook.com/') : null;
  } catch {
    return null;
  }
}

function isProfileHref(element: Element): boolean {
  const url = hrefOf(element);
  return !!url && PROFILE_HOSTS.test(url.host) && url.pathname.length > 1 && !url.pathname.startsWith('/latest/');
}

/** The conversation list's cards: role rows/items inside list containers, or links to a conversation that sit
 *  among other such links (a list without roles, §7a "only sometimes a[href*=selected_item_id]"). Cards in `known`
 *  (read already, by the row badges) are left out before any check: a list re-render pays only for its new cards. */
export function listCards(root: ParentNode, known?: WeakMap<Element, unknown>): Element[] {
  const cards = new Set<Element>();
  root.querySelectorAll(CARD_ROLES).forEach((card, index, all) => {
    // Innermost only: one that holds another is followed by it in document order (no search of its subtree). Inside
    // the list the badges found (an element), a card is in the thread list and out of the message log.
    if (!known?.has(card) && !card.contains(all[index + 1] ?? null) && ((known && root.nodeType === 1) || (insideThreadList(card) && !card.closest(MESSAGE_LOG)))) {
      cards.add(card);
    }
  });
  for (const link of root.querySelectorAll(THREAD_LINK)) {
    const owner = link.closest(CARD_ROLES);
    const parent = link.parentElement;
    if ((owner && (cards.has(owner) || known?.has(owner))) || known?.has(parent!) || known?.has(link)) continue;
    const group = parent?.parentElement;
    if (group && group.querySelectorAll(THREAD_LINK).length > 1) cards.add(parent.querySelectorAll(THREAD_LINK).length === 1 ? parent : link);
  }
  return [...cards];
}

/** The cards among the children of elements that held the list's cards (a virtual list's rows container): those not
 *  in `known`. Null when a child that is no card, nor one of `parents`, holds one (a wrapper of cards: only
 *  listCards can tell). */
export function childCards(parents: ReadonlySet<Element>, known: WeakMap<Element, unknown>): Element[] | null {
  const cards: Element[] = [];
  for (const parent of parents) {
    for (let child = parent.firstElementChild; child; child = child.nextElementSibling) {
      if (known.has(child) || parents.has(child)) continue;
      if (child.matches(CARD_ROLES)) cards.push(child);
      else if (child.querySelector(CARD_ROLES)) return null;
    }
  }
  return cards;
}

/** The name a card shows: its first text that is not a time token (what follows is the preview, never a name). */
export function cardName(card: Element): string | null {
  return cardNameOf(card)?.text ?? null;
}

/** The element whose text is the card's name, and that text: its first text that is not a time token (the leaves
 *  after it are not looked at: the row badges read every new card of each list re-render). */
export function cardNameOf(card: Element): { element: Element; text: string } | null {
  // The browser walks the card's text nodes (a card is dozens of elements and a handful of texts; the row badges read
  // every new card of each list re-render); text under aria-hidden within the card is not read.
  const texts = card.ownerDocument.createTreeWalker(card, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node; (node = texts.nextNode()); ) {
    const element = node.parentElement!;
    const hidden = /\S/.test(node.nodeValue!) ? element.closest('[aria-hidden="true"]') : card;
    if (hidden && card.contains(hidden)) continue;
    const text = cleanText(element.textContent);
    if (!isCardTimeToken(text)) return { element, text };
  }
  return null;
}

/** The list a card belongs to: its list container, else the group of conversation links it sits in. */
export function cardList(card: Element): Element | null {
  return card.closest(LIST_CONTAINERS) ?? card.parentElement?.parentElement ?? null;
}

function matchesSelection(card: Element, selectedItemId: string): boolean {
  const nodes = [card, ...card.querySelectorAll('*')];
  return nodes.some((node) => {
    if (hrefOf(node)?.searchParams.get('selected_item_id') === selectedItemId) return true;
    return [...node.attributes].some((attribute) => attribute.name.startsWith('data-') && attribute.value === selectedItemId);
  });
}

const flagged = (card: Element, attribute: string, accept: (value: string) => boolean) =>
  [card, ...card.querySelectorAll(`[${attribute}]`)].some((node) => {
    const value = node.getAttribute(attribute);
    return value !== null && accept(value);
  });

/** The selected card and how it is known; null when no single card is. */
export function selectedCard(root: ParentNode, context: IdentityContext): { card: Element; evidence: CardEvidence } | null {
  const cards = listCards(root);
  const tests: [CardEvidence, (card: Element) => boolean][] = [
    ['url', (card) => !!context.selectedItemId && matchesSelection(card, context.selectedItemId)],
    ['click', (card) => !!context.clickedTarget && card.contains(context.clickedTarget)],
    ['aria-selected', (card) => flagged(card, 'aria-selected', (value) => value === 'true')],
    ['aria-current', (card) => flagged(card, 'aria-current', (value) => value !== 'false')],
  ];
  for (const [evidence, test] of tests) {
    const hits = cards.filter(test);
    if (hits.length === 1) return { card: hits[0]!, evidence };
  }
  return null;
}

// --- the signals -----------------------------------------------------------------------------------------

export const NAME_SIGNALS: readonly NameSignal[] = [
  // The conversation pane's heading (§7a: `h2[dir=auto], h1, h3, div[role=heading]` inside `div[role=main]`).
  {
    id: 'paneHeading',
    read(root, _context, sidebar) {
      return paneHeadings(root, sidebar)
        .map((heading, order) => ({ heading, order, level: headingLevel(heading) }))
        .sort((a, b) => a.level - b.level || a.order - b.order)
        .map(({ heading }) => ({ text: cleanText(heading.textContent), element: heading }));
    },
  },
  // The header's link to the customer's profile, when the link shows the name (not 'View profile').
  {
    id: 'profileLink',
    read(root, _context, sidebar) {
      return [...root.querySelectorAll('a[href]')]
        .filter((link) => isProfileHref(link) && !outsidePane(link, sidebar) && !isViewProfileWording(link))
        .map((link) => ({ text: cleanText(link.textContent) || cleanText(link.getAttribute('aria-label')), element: link }));
    },
  },
  // The contact-details sidebar: the name next to its 'View profile' link or under its section title (never the title).
  {
    id: 'contactSidebar',
    read(_root, _context, sidebar) {
      if (!sidebar) return [];
      const leaves = textLeaves(sidebar);
      const profile = [...sidebar.querySelectorAll('a, [role="link"]')].find(isViewProfileWording);
      const contactTitle = [...sidebar.querySelectorAll(HEADINGS)].find((heading) =>
        CONTACT_SECTION_TITLES.includes(normalizeText(heading.textContent)),
      );
      const before = profile
        ? leaves.filter((leaf) => leaf.compareDocumentPosition(profile) & Node.DOCUMENT_POSITION_FOLLOWING && !profile.contains(leaf))
        : [];
      const after = contactTitle
        ? leaves.filter((leaf) => contactTitle.compareDocumentPosition(leaf) & Node.DOCUMENT_POSITION_FOLLOWING && !contactTitle.contains(leaf))
        : [];
      // Nearest before the profile link first, then the first text under the contact-details title.
      const ordered = [...before.reverse().slice(0, 2), ...after.slice(0, 2)];
      return ordered.map((leaf) => ({ text: cleanText(leaf.textContent), element: leaf }));
    },
  },
  // The selected card of the conversation list (by the URL, the click, aria-selected or aria-current): its first text.
  {
    id: 'selectedCard',
    read(root, context) {
      const selected = selectedCard(root, context);
      const name = selected && cardNameOf(selected.card);
      return name ? [{ ...name, evidence: selected.evidence }] : [];
    },
  },
];

// --- the rules ---------------------------------------------------------------------------------------------

/** A click this recent when the URL changes is the click that selected the conversation (Chromium reports the
 *  change at once through the Navigation API; WXT polls every second where that API is missing). */
export const SWITCH_CLICK_MS = 2000;

/** The element the agent clicked to select the conversation whose URL just arrived, if the last click was that. */
export function switchClickTarget(lastClick: { target: Element; at: number } | null, now: number): Element | null {
  return lastClick && now - lastClick.at >= 0 && now - lastClick.at <= SWITCH_CLICK_MS ? lastClick.target : null;
}

const matchesAny = (patterns: readonly RegExp[], text: string) => {
  const normalized = normalizeText(text);
  return patterns.some((pattern) => pattern.test(normalized));
};

/** `read` with its answers kept per text (at most 1000): a list re-render shows the same names and times again. */
export function memo<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= 1000) known.clear();
      known.set(text, (value = read(text)));
    }
    return value;
  };
}

const isCardTimeToken = memo((text) => matchesAny(TIME_TOKENS, text) || matchesAny(WEEKDAY_TOKENS, text));

/** A title that names a place, not a person: generic wording (optionally with a count), a time token, no
 *  letters at all, or text too long to be a name. */
export function isGenericTitle(text: string): boolean {
  if (matchesAny(TIME_TOKENS, text)) return true;
  const normalized = normalizeText(text).replace(/\s*\(?\d+\)?$/, '');
  if (!normalized || !/\p{L}/u.test(normalized) || text.length > MAX_NAME_LENGTH) return true;
  return GENERIC_TITLES.includes(normalized);
}

/** What became of one signal's reading. */
export type ReadingVerdict = 'trusted' | 'generic' | 'stale' | 'missing';

export interface IdentityReading {
  /** The customer's name, when the trusted signals agree on one. */
  name: string | null;
  /** trusted: a name; waiting: only titles or stale names so far (the real name renders soon, wait, bounded);
   *  conflict: trusted signals disagree (the agent picks); none: no signal on this page. */
  status: 'trusted' | 'waiting' | 'conflict' | 'none';
  /** The first trusted signal in registry order (what the health report names). */
  source: NameSignalId | null;
  verdicts: Record<NameSignalId, ReadingVerdict>;
  /** The disagreeing names, for the agent's choice. */
  conflicting: string[];
  /** The element each trusted signal read (the layout report marks them). */
  elements: Partial<Record<NameSignalId, Element>>;
}

const selectionProves = (candidate: NameCandidate) => candidate.evidence === 'url' || candidate.evidence === 'click';

/** One signal's verdict: its first candidate that is neither generic nor stale. */
function judge(candidates: NameCandidate[], staleName: string | null): { verdict: ReadingVerdict; candidate?: NameCandidate } {
  let verdict: ReadingVerdict = 'missing';
  const stale = staleName ? normalizeText(staleName) : null;
  for (const candidate of candidates) {
    if (isGenericTitle(candidate.text)) {
      if (verdict === 'missing') verdict = 'generic';
      continue;
    }
    if (stale && normalizeText(candidate.text) === stale && !selectionProves(candidate)) {
      verdict = 'stale';
      continue;
    }
    return { verdict: 'trusted', candidate };
  }
  return { verdict };
}

export function readIdentity(root: ParentNode, context: IdentityContext): IdentityReading {
  const verdicts = {} as Record<NameSignalId, ReadingVerdict>;
  const trusted: { id: NameSignalId; candidate: NameCandidate }[] = [];
  const elements: IdentityReading['elements'] = {};
  const sidebar = findSidebar(root);
  for (const signal of NAME_SIGNALS) {
    const { verdict, candidate } = judge(signal.read(root, context, sidebar), context.staleName);
    verdicts[signal.id] = verdict;
    if (candidate) {
      trusted.push({ id: signal.id, candidate });
      elements[signal.id] = candidate.element;
    }
  }
  const distinct = new Map<string, string>();
  for (const { candidate } of trusted) {
    const key = normalizeText(candidate.text);
    if (!distinct.has(key)) distinct.set(key, candidate.text.slice(0, 300));
  }
  const base = { verdicts, elements };
  if (distinct.size > 1) return { ...base, name: null, status: 'conflict', source: null, conflicting: [...distinct.values()].slice(0, 4) };
  const first = trusted[0];
  if (first) return { ...base, name: first.candidate.text.slice(0, 300), status: 'trusted', source: first.id, conflicting: [] };
  const rejected = Object.values(verdicts).some((verdict) => verdict === 'generic' || verdict === 'stale');
  return { ...base, name: null, status: rejected ? 'waiting' : 'none', source: null, conflicting: [] };
}
