// The geometry of Business Suite's inbox page as Reopen reads it: every CSS selector Reopen uses on the page, and the
// regions they find (the conversation list and its cards, the conversation pane and its headings, the sidebar, the
// message log). Business Suite is an obfuscated React app whose class names change with every deploy, so a selector
// names a role, an aria attribute, a data-* attribute, contenteditable or an href shape only (STYLE item 7), each
// backed by a fixture layout or the live-inbox evidence (reference/meta-messenger.md §7, §7a). Wording (English and
// Spanish) is data in ./wording.ts; which regions give the customer's name is ./name-signals.ts; where the UI anchors
// is ./selectors.ts.
import { isCardTimeToken, normalizeText, SIDEBAR_SECTION_TITLES, THREAD_LIST_WORDS } from './wording';

// --- every selector string ---------------------------------------------------------------------------------

/** Any heading (§7a: `h2[dir=auto], h1, h3, div[role=heading]`). */
export const HEADINGS = 'h1, h2, h3, h4, h5, h6, [role="heading"]';
/** The upper headings, where the anchor registry looks for the conversation header's title. */
export const TOP_HEADINGS = '[role="heading"], h1, h2, h3';
/** List-like containers: by role, or by Business Suite's pagelet names (§7a: GenericBizInboxThreadListViewBody and
 *  BizP13NInboxUinifiedThreadListView, sic). */
export const LIST_CONTAINERS = '[role="grid"], [role="list"], [role="listbox"], [role="tree"], [data-pagelet*="ThreadList"]';
/** Lists with a label of their own (messenger-en.html, messenger-es.html; §7a: `div[aria-label="Inbox"]`). */
export const LABELLED_LISTS = '[role="grid"][aria-label], [role="list"][aria-label], [role="listbox"][aria-label]';
export const THREAD_LIST_PAGELET = '[data-pagelet*="ThreadList"]';
/** A card of a list (§7a: virtualized `div[role="listitem"]` cards). */
export const CARD_ROLES = '[role="row"], [role="listitem"], [role="option"], [role="treeitem"]';
/** A link to a conversation (§7a: "only sometimes a[href*=selected_item_id]"). */
export const THREAD_LINK = 'a[href*="selected_item_id="]';
export const MESSAGE_LOG = '[role="log"], [aria-label*="message list" i], [aria-label*="lista de mensajes" i]';
/** The conversation's messages, by independent marks (§7a: `div[aria-label*="Message list container"]`,
 *  `div[role="region"][aria-label*="message"]`; the fixtures' `role="log"`, English and Spanish labels). */
export const MESSAGE_REGIONS =
  '[aria-label*="message list container" i], [role="region"][aria-label*="message" i], [role="region"][aria-label*="mensaje" i], [role="log"], [aria-label*="message list" i], [aria-label*="lista de mensajes" i]';
/** The message list still loading (§7a: `[aria-busy="true"]`, `div[role="progressbar"]`, `svg[aria-label*="Loading"]`). */
export const PANE_LOADING = '[aria-busy="true"], [role="progressbar"], svg[aria-label*="loading" i], svg[aria-label*="cargando" i]';
/** A message's own text (§7a: rows with `dir="auto"` text). */
export const MESSAGE_TEXT = '[dir="auto"]';
export const PAGE_CHROME = '[role="banner"], [role="navigation"], [role="contentinfo"], [role="dialog"], [role="menu"]';
export const EDITABLE = '[contenteditable="true"], textarea';
export const MAIN = '[role="main"]';
/** The sidebar as a region of its own, where the page marks it as one. */
export const SIDEBAR_REGION = '[role="complementary"], aside';
export const LINKS = 'a, [role="link"]';
export const LINKS_WITH_HREF = 'a[href]';
export const CONTROLS = 'button, [role="button"]';
/** The reply box (§7: `div[contenteditable=true][data-lexical-editor=true]`), or a plain textbox. */
export const LEXICAL_EDITOR = '[data-lexical-editor="true"][contenteditable="true"]';
export const TEXTBOX_EDITOR = '[contenteditable="true"][role="textbox"]';
export const LEXICAL_IN_MAIN = '[role="main"] [data-lexical-editor="true"][contenteditable="true"]';
/** Links and controls of the main region, where the header's "View profile" and "Assigned to" are looked for. */
export const MAIN_LINKS = '[role="main"] a, [role="main"] [role="link"]';
export const MAIN_CONTROLS = '[role="main"] span, [role="main"] [role="button"], [role="main"] button';

// --- the regions ---------------------------------------------------------------------------------------------

// How far above a sidebar section title the sidebar may reach before it would swallow the conversation pane.
const MAX_SIDEBAR_CLIMB = 6;

/** How a card was known to be the selected one; the first two follow the selection itself, never lag it. */
export type CardEvidence = 'url' | 'click' | 'aria-selected' | 'aria-current';

/** What says which conversation is selected: the URL's selected_item_id, and what the agent clicked last when that
 *  click was for this conversation (the caller bounds its age). */
export interface CardSelection {
  selectedItemId: string | null;
  clickedTarget: Element | null;
}

export function cleanText(text: string | null | undefined): string {
  return (text ?? '').replace(/\s+/g, ' ').trim();
}

export function headingLevel(element: Element): number {
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
export function textLeaves(root: Element): Element[] {
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
    const region = heading.closest(SIDEBAR_REGION);
    if (region) return region;
  }
  const first = titled[0];
  if (!first) return null;
  let sidebar: Element = first;
  let node = first.parentElement;
  for (let level = 0; node && level < MAX_SIDEBAR_CLIMB; level += 1, node = node.parentElement) {
    if (node.matches(`body, ${MAIN}`) || node.querySelector(`${EDITABLE}, ${MESSAGE_LOG}, ${LIST_CONTAINERS}`)) break;
    sidebar = node;
  }
  return sidebar;
}

/** Not about the selected conversation's pane: the list, the log, the sidebar, the page's own chrome. */
export function outsidePane(element: Element, sidebar: Element | null): boolean {
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

/** A link's address read against the inbox's origin; null when there is none or it does not parse. */
export function hrefOf(element: Element): URL | null {
  const href = element.getAttribute('href');
  try {
    return href ? new URL(href, 'https://business.facebook.com/') : null;
  } catch {
    return null;
  }
}

/** The conversation list's cards: role rows/items inside list containers, or links to a conversation that sit
 *  among other such links (a list without roles, §7a "only sometimes a[href*=selected_item_id]"). Cards in `known`
 *  (read already, by the row badges) are left out before any check: a list re-render pays only for its new cards. */
export function listCards(root: ParentNode, known?: WeakMap<Element, unknown>): Element[] {
  const cards = new Set<Element>();
  root.querySelectorAll(CARD_ROLES).forEach((card, index, all) => {
    // Innermost only: one that holds another is followed by it in document order (no search of its subtree). Inside
    // the list the badges found (an element), a card is in the thread list and out of the message log.
    if (
      !known?.has(card) &&
      !card.contains(all[index + 1] ?? null) &&
      ((known && root.nodeType === 1) || (insideThreadList(card) && !card.closest(MESSAGE_LOG)))
    ) {
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
  for (let node; (node = texts.nextNode());) {
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

/** A node of the card links to the conversation (its href's selected_item_id) or names it in a data- attribute. Runs
 *  for every card at each identity reading: an href is parsed only when its text may hold the id (written as is, or
 *  percent-encoded), and attributes are walked without copying them. */
function matchesSelection(card: Element, selectedItemId: string): boolean {
  const nodes = card.getElementsByTagName('*');
  for (let index = -1; index < nodes.length; index++) {
    const node = index < 0 ? card : nodes[index]!;
    const href = node.getAttribute('href');
    if (href && (href.includes(selectedItemId) || href.includes('%')) && hrefOf(node)?.searchParams.get('selected_item_id') === selectedItemId) return true;
    const attributes = node.attributes;
    for (let at = 0; at < attributes.length; at++) {
      const attribute = attributes[at]!;
      if (attribute.value === selectedItemId && attribute.name.startsWith('data-')) return true;
    }
  }
  return false;
}

const flagged = (card: Element, attribute: string, accept: (value: string) => boolean) =>
  [card, ...card.querySelectorAll(`[${attribute}]`)].some((node) => {
    const value = node.getAttribute(attribute);
    return value !== null && accept(value);
  });

/** The selected card and how it is known; null when no single card is. */
export function selectedCard(root: ParentNode, context: CardSelection): { card: Element; evidence: CardEvidence } | null {
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
