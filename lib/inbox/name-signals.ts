// The name signals (DESIGN.md §2): independent places of the page that may show the selected conversation's customer
// name, each a registry entry with the fixture layouts where it must read a name and where it must not
// (./registry-fixtures.ts, kept apart so the content script ships no test data). A signal only proposes candidates;
// which one is the name is ./identity.ts's verdict. Only readings about the selected conversation count: headings
// inside the conversation list, the message log or the sidebar are not the pane's heading; a card counts only when
// it is the selected one.
import {
  cardNameOf,
  cleanText,
  headingLevel,
  HEADINGS,
  hrefOf,
  LINKS,
  LINKS_WITH_HREF,
  outsidePane,
  paneHeadings,
  selectedCard,
  textLeaves,
  type CardEvidence,
  type CardSelection,
} from './page-geometry';
import { CONTACT_SECTION_TITLES, normalizeText, PROFILE_HOSTS, VIEW_PROFILE_WORDS } from './wording';

export const NAME_SIGNAL_IDS = ['paneHeading', 'profileLink', 'contactSidebar', 'selectedCard'] as const;
export type NameSignalId = (typeof NAME_SIGNAL_IDS)[number];

export interface NameCandidate {
  text: string;
  element: Element;
  evidence?: CardEvidence;
}

/** One name signal. */
export interface NameSignal {
  id: NameSignalId;
  /** Candidate names in this signal's order of preference (the first acceptable one is its reading). `sidebar` is
   *  findSidebar(root), looked up once per reading for every signal. */
  read(root: ParentNode, selection: CardSelection, sidebar: Element | null): NameCandidate[];
}

function isViewProfileWording(element: Element): boolean {
  const wording = normalizeText(element.getAttribute('aria-label')) || normalizeText(element.textContent);
  return VIEW_PROFILE_WORDS.includes(wording);
}

/** What an href must contain to be parsed for a profile host, not counting business.facebook.com (the Suite's own
 *  links, which no profile host matches): every link of the page is looked at per reading, the conversation list's
 *  many. The parser also reads a host with escapes or tabs and newlines in it. */
const MAY_NAME_PROFILE_HOST = /(?<!business\.)facebook\.com|instagram\.com|[%\t\n\r]/i;

function isProfileHref(element: Element): boolean {
  if (!MAY_NAME_PROFILE_HOST.test(element.getAttribute('href') ?? '')) return false;
  const url = hrefOf(element);
  return !!url && PROFILE_HOSTS.test(url.host) && url.pathname.length > 1 && !url.pathname.startsWith('/latest/');
}

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
      return [...root.querySelectorAll(LINKS_WITH_HREF)]
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
      const profile = [...sidebar.querySelectorAll(LINKS)].find(isViewProfileWording);
      const contactTitle = [...sidebar.querySelectorAll(HEADINGS)].find((heading) => CONTACT_SECTION_TITLES.includes(normalizeText(heading.textContent)));
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
