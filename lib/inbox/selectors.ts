// The anchors Reopen's UI attaches to on Business Suite's page, in one registry of ordered fallbacks: the reply box,
// the conversation header, the conversation list. Their selector strings are ./page-geometry.ts's (role, aria, data-*,
// contenteditable and href shape only); aria wording is matched in English and Spanish (./wording.ts). A missing
// anchor never breaks another one: the UI degrades (floating banner, no name). The customer's name is not an
// anchor: ./identity.ts reads it from independent signals.

import {
  cleanText,
  CONTROLS,
  insideSidebar,
  insideThreadList,
  LABELLED_LISTS,
  LEXICAL_EDITOR,
  LEXICAL_IN_MAIN,
  MAIN_CONTROLS,
  MAIN_LINKS,
  paneHeadings,
  TEXTBOX_EDITOR,
  THREAD_LINK,
  THREAD_LIST_PAGELET,
  TOP_HEADINGS,
} from './page-geometry';
import { ASSIGNED_WORDS, isGenericTitle, normalizeText, REPLY_WORDS, SEND_WORDS, THREAD_LIST_WORDS, VIEW_PROFILE_WORDS } from './wording';

export type AnchorName = 'composer' | 'conversationHeader' | 'threadList';

export interface AnchorFallback {
  /** Reported by the health check, so a layout change shows which fallback took over. */
  id: string;
  /** Candidates. Never generated class names. */
  selector: string;
  /** Narrows the candidates with what one look at the whole page decides (e.g. which headings are the
   *  conversation pane's), so `accept` does not redo that page-wide work for each element. */
  within?: (root: ParentNode) => readonly Element[];
  /** What a selector cannot say (localized wording). */
  accept?: (element: Element) => boolean;
  /** From the matched element to the element the anchor stands for. */
  resolve?: (element: Element) => Element | null;
}

export interface AnchorDefinition {
  /** Ordered fallbacks. Where the anchor must and must not be found is pinned in lib/inbox/registry-fixtures.ts. */
  fallbacks: readonly AnchorFallback[];
}

export interface AnchorMatch {
  element: Element;
  fallbackId: string;
}

export { normalizeText };

// Up to this many levels above a matched element we look for the region it belongs to; deeper would
// start swallowing unrelated parts of the page.
const MAX_CLIMB = 6;

function labelOf(element: Element): string {
  return normalizeText(
    [element.getAttribute('aria-placeholder'), element.getAttribute('aria-label'), element.getAttribute('placeholder')].filter(Boolean).join(' '),
  );
}

const mentions = (words: readonly string[]) => (element: Element) => {
  const label = labelOf(element);
  return words.some((word) => label.includes(word));
};

/** The element's own wording: its aria-label, else its short text. */
function wordingOf(element: Element): string {
  const label = normalizeText(element.getAttribute('aria-label'));
  if (label) return label;
  const text = normalizeText(element.textContent);
  return text.length <= 60 ? text : '';
}

const saysExactly = (words: readonly string[]) => (element: Element) => words.includes(wordingOf(element));
const startsWithAny = (words: readonly string[]) => (element: Element) => {
  const wording = wordingOf(element);
  return words.some((word) => wording.startsWith(word));
};

/** The nearest ancestor (within MAX_CLIMB) for which `test` holds. */
function climb(element: Element, test: (ancestor: Element) => boolean): Element | null {
  let current: Element | null = element.parentElement;
  for (let level = 0; current && level < MAX_CLIMB; level += 1, current = current.parentElement) {
    if (test(current)) return current;
  }
  return null;
}

const headingOutsideThreadList = (region: Element) => [...region.querySelectorAll(TOP_HEADINGS)].some((heading) => !insideThreadList(heading));

/** The composer's row: the nearest ancestor that also holds the Send control, so the banner sits above the
 *  whole reply box rather than inside it. The live inbox shows Send only after typing (§7a: a like button is
 *  there before), so without one the row is the nearest ancestor holding any control beside the editor. */
function composerRegion(editor: Element): Element | null {
  const controls = (ancestor: Element) => [...ancestor.querySelectorAll(CONTROLS)].filter((control) => !editor.contains(control));
  const isSend = (candidate: Element) => SEND_WORDS.includes(wordingOf(candidate));
  return climb(editor, (ancestor) => controls(ancestor).some(isSend)) ?? climb(editor, (ancestor) => controls(ancestor).length > 0) ?? editor.parentElement;
}

export const ANCHORS: Readonly<Record<AnchorName, AnchorDefinition>> = {
  composer: {
    // The reply box; the banner is mounted just before its row (beside React's nodes, never inside Lexical).
    fallbacks: [
      {
        id: 'lexical-reply',
        selector: LEXICAL_EDITOR,
        accept: mentions(REPLY_WORDS),
        resolve: composerRegion,
      },
      {
        id: 'textbox-reply',
        selector: TEXTBOX_EDITOR,
        accept: mentions(REPLY_WORDS),
        resolve: composerRegion,
      },
      {
        id: 'lexical-in-main',
        selector: LEXICAL_IN_MAIN,
        resolve: composerRegion,
      },
    ],
  },
  conversationHeader: {
    // The selected conversation's header: the region the name watcher observes. Found from a heading that is about the conversation (not a title of the list, the sidebar or the mailbox), else from the header's controls.
    fallbacks: [
      {
        id: 'pane-heading',
        selector: TOP_HEADINGS,
        within: paneHeadings,
        accept: (element) => !isGenericTitle(cleanText(element.textContent)),
        resolve: (element) => element.parentElement,
      },
      {
        id: 'view-profile',
        selector: MAIN_LINKS,
        accept: (element) => saysExactly(VIEW_PROFILE_WORDS)(element) && !insideThreadList(element) && !insideSidebar(element),
        resolve: (element) => element.parentElement,
      },
      {
        id: 'assigned-to',
        selector: MAIN_CONTROLS,
        accept: (element) => startsWithAny(ASSIGNED_WORDS)(element) && !insideThreadList(element),
        resolve: (element) => climb(element, headingOutsideThreadList),
      },
    ],
  },
  threadList: {
    // The list of conversations; only checked for health (it tells a redesign from a page that isn't the inbox).
    fallbacks: [
      {
        id: 'labelled-list',
        selector: LABELLED_LISTS,
        accept: (element) => THREAD_LIST_WORDS.some((word) => wordingOf(element) === word),
      },
      {
        // §7a: the live list's containers are pagelets named GenericBizInboxThreadListViewBody and
        // BizP13NInboxUinifiedThreadListView (sic), holding virtualized div[role="listitem"] cards.
        id: 'thread-list-pagelet',
        selector: THREAD_LIST_PAGELET,
      },
      {
        id: 'conversation-links',
        selector: THREAD_LINK,
        resolve: (element) => climb(element, (ancestor) => ancestor.querySelectorAll(THREAD_LINK).length > 1),
      },
    ],
  },
};

/** The first fallback, in order, that finds the anchor; null when none does. */
export function findAnchor(root: ParentNode, name: AnchorName): AnchorMatch | null {
  for (const fallback of ANCHORS[name].fallbacks) {
    const candidates = fallback.within
      ? fallback.within(root).filter((element) => element.matches(fallback.selector))
      : root.querySelectorAll(fallback.selector);
    for (const candidate of candidates) {
      if (fallback.accept && !fallback.accept(candidate)) continue;
      const element = fallback.resolve ? fallback.resolve(candidate) : candidate;
      if (element) return { element, fallbackId: fallback.id };
    }
  }
  return null;
}

/** Attribute Reopen puts on the composer row it mounts beside: a mark that survives until React replaces the
 *  node (then lib/inbox/composer-mount.ts looks the anchor up again), and a selector tests can find it by. */
export const COMPOSER_MARK = 'data-reopen-anchor';
export const COMPOSER_ANCHOR_SELECTOR = `[${COMPOSER_MARK}="composer"]`;

/** Finds and marks the composer row; returns the selector that finds it. Cheap when already marked. */
export function markComposerRegion(doc: Document): string {
  const marked = doc.querySelector(COMPOSER_ANCHOR_SELECTOR);
  if (marked) return COMPOSER_ANCHOR_SELECTOR;
  const match = findAnchor(doc, 'composer');
  if (match) match.element.setAttribute(COMPOSER_MARK, 'composer');
  return COMPOSER_ANCHOR_SELECTOR;
}
