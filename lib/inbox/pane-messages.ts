// The messages the conversation pane shows, read as an independent witness of who the conversation is with: the
// background compares them with the messages Meta returns for the person it resolved (lib/threads/proof.ts). A
// reading is made of layout-tolerant signals only, each named in ./page-geometry.ts:
//   - the message region: one of several marks (§7a's "Message list container" label, a region labelled for
//     messages, role="log"); none, or more than one outside the list → unreadable;
//   - the region still loading (aria-busy, a progress bar) → unreadable;
//   - the texts: the region's text leaves marked dir="auto" (§7a), else every text leaf; time labels are the leaves
//     whose whole text is a time token (./wording.ts, optionally followed by a clock time), delivery marks and the
//     customer's own name are left out;
//   - rows: the children of the element that holds every text; a time label in a text's own row dates that text, a
//     label elsewhere separates what comes before it from what comes after.
// The labels are passed on as the page wrote them: the background reads them (./time-labels.ts), which keeps this
// reading small in the content script.
// Whatever cannot be read this way is "unreadable", never a guess: the background then asks the agent.
import type { PaneMessage, PaneReading } from './schema';
import { cleanText, MESSAGE_REGIONS, MESSAGE_TEXT, PANE_LOADING, textLeaves, insideThreadList } from './page-geometry';
import { isCardTimeToken, normalizeText, PANE_STATUS_WORDS } from './wording';

/** The newest texts a reading keeps (the proof looks at the last few). */
export const PANE_MESSAGES_KEPT = 8;
/** A text longer than this is cut (the comparison uses its start). */
export const PANE_TEXT_CHARS = 300;

/** The region holding the conversation's messages: exactly one outside the conversation list, else null. */
export function messageRegion(root: ParentNode): Element | null {
  const found = [...root.querySelectorAll(MESSAGE_REGIONS)].filter((region) => !insideThreadList(region));
  // Marks nest (a labelled region around a log): the outermost of a nested pair is the same region.
  const outermost = found.filter((region) => !found.some((other) => other !== region && other.contains(region)));
  return outermost.length === 1 ? outermost[0]! : null;
}

function commonAncestor(elements: Element[], within: Element): Element {
  let ancestor: Element = elements[0]!;
  for (const element of elements.slice(1)) {
    while (ancestor !== within && !ancestor.contains(element)) ancestor = ancestor.parentElement ?? within;
  }
  return ancestor;
}

/** The child of `container` that holds `element` (the element itself when it is one). */
function rowOf(element: Element, container: Element): Element {
  let row = element;
  while (row.parentElement && row.parentElement !== container && container.contains(row.parentElement)) row = row.parentElement;
  return row;
}

interface Leaf {
  element: Element;
  text: string;
  /** A time label, not a message. */
  time: boolean;
}

/** "5 d", "Nov 27", "lun", and those followed by a clock time ("ayer 10:42", "Mon 3:15 PM"). */
export function isTimeLabel(text: string): boolean {
  if (text.length > 40) return false;
  if (isCardTimeToken(text)) return true;
  const split = /^(.+?),? (\d{1,2}:\d{2}(?: ?[ap]\.? ?m\.?)?)$/i.exec(text.trim());
  return !!split && isCardTimeToken(split[1]!);
}

/** What the pane shows now; `displayName` (the customer's name as the page shows it) is no message text. */
export function readPane(root: ParentNode, now: number, displayName: string | null): PaneReading {
  const region = messageRegion(root);
  if (!region) return { status: 'unreadable', why: 'no_region' };
  if (region.matches(PANE_LOADING) || region.querySelector(PANE_LOADING)) return { status: 'unreadable', why: 'loading' };

  const name = displayName ? normalizeText(displayName) : null;
  const leaves: Leaf[] = [];
  for (const element of textLeaves(region)) {
    const text = cleanText(element.textContent);
    if (!text) continue;
    const normalized = normalizeText(text);
    if (PANE_STATUS_WORDS.includes(normalized) || normalized === name) continue;
    leaves.push({ element, text, time: isTimeLabel(text) });
  }
  const marked = leaves.filter((leaf) => !leaf.time && leaf.element.closest(MESSAGE_TEXT) && region.contains(leaf.element.closest(MESSAGE_TEXT)));
  const texts = marked.length > 0 ? marked : leaves.filter((leaf) => !leaf.time);
  if (texts.length === 0) return { status: 'unreadable', why: 'empty' };
  const labels = leaves.filter((leaf) => leaf.time);

  const container =
    texts.length > 1
      ? commonAncestor(
          texts.map((leaf) => leaf.element),
          region,
        )
      : region;
  const ordered = [...texts, ...labels].sort((a, b) => (a.element.compareDocumentPosition(b.element) & 4 /* FOLLOWING */ ? -1 : 1));
  const rowOfLeaf = new Map(ordered.map((leaf) => [leaf, rowOf(leaf.element, container)] as const));
  // A row with one text is that message's row: its labels date it. In a row with several (a day's group) a label
  // only separates what comes before it from what comes after, as a separator row does.
  const textsPerRow = new Map<Element, number>();
  for (const leaf of texts) textsPerRow.set(rowOfLeaf.get(leaf)!, (textsPerRow.get(rowOfLeaf.get(leaf)!) ?? 0) + 1);
  const ownRow = (row: Element) => textsPerRow.get(row) === 1;

  const messages: PaneMessage[] = [];
  // A separating label bounds the texts after it from below and the texts before it from above.
  let after: string | null = null;
  const waitingForBefore: PaneMessage[] = [];
  for (const leaf of ordered) {
    const row = rowOfLeaf.get(leaf)!;
    if (leaf.time) {
      if (ownRow(row)) continue; // a text's own label: read with its text below
      for (const before of waitingForBefore.splice(0)) before.before = leaf.text.slice(0, 40);
      after = leaf.text.slice(0, 40);
      continue;
    }
    const own = ownRow(row) ? labels.filter((label) => rowOfLeaf.get(label) === row).map((label) => label.text.slice(0, 40)) : [];
    const message: PaneMessage = { text: leaf.text.slice(0, PANE_TEXT_CHARS) };
    if (own.length) message.labels = own.slice(0, 4);
    else {
      if (after !== null) message.after = after;
      waitingForBefore.push(message);
    }
    messages.push(message);
  }
  return { status: 'read', readAt: now, messages: messages.slice(-PANE_MESSAGES_KEPT) };
}

/** Two readings that show the same messages (a re-render that changed nothing the proof looks at). */
export function samePane(a: PaneReading | null, b: PaneReading | null): boolean {
  if (!a || !b) return a === b;
  if (a.status !== 'read' || b.status !== 'read') return a.status === b.status;
  return a.messages.length === b.messages.length && a.messages.every((message, index) => message.text === b.messages[index]!.text);
}
