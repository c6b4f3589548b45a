// The layout report: a skeleton of the inbox page for the layouts nobody here has seen, for a manager to attach to
// a bug report (README, "Reporting a layout Reopen does not read"). It keeps what the selector registry and the name
// signals work from — tag names, roles, aria attributes, Business Suite's data-pagelet/data-testid, the shape of
// links, depth, and which registry entry matched where — and none of the customers' words: every text is replaced
// by its length, an aria-label is kept only as far as it is Business Suite's own wording (the rest replaced by its
// length), link paths and ids are reduced to their shape. Only wording Reopen already knows (its data lists) is
// kept as words, marked as such.

import { readIdentity, type IdentityContext, type IdentityReading } from './identity';
import { ANCHORS, findAnchor, type AnchorMatch, type AnchorName } from './selectors';
import {
  ASSIGNED_WORDS,
  GENERIC_TITLES,
  normalizeText,
  REPLY_WORDS,
  SEND_WORDS,
  THREAD_LIST_WORDS,
  TIME_TOKENS,
  VIEW_PROFILE_WORDS,
  WEEKDAY_TOKENS,
} from './wording';

export const LAYOUT_REPORT_VERSION = 1;
/** Bounds: a real inbox has thousands of nodes; the report stays a clipboard-sized JSON. */
export const MAX_REPORT_NODES = 4000;
const MAX_REPORT_DEPTH = 80;
const MAX_ATTRIBUTE_LENGTH = 80;

export interface LayoutNode {
  /** Depth below <body> (0 = body's children). */
  d: number;
  tag: string;
  role?: string;
  /** Business Suite's own wording of the aria-label, or `{ length }` for wording that may be the customer's. */
  label?: string | { length: number };
  attrs?: Record<string, string>;
  /** Own text: its length, or the known wording it is (`known:<words>`, `time`). */
  text?: number | string;
  /** Registry entries that matched this element (`anchor:<name>/<fallback>`, `name:<signal>`). */
  matched?: string[];
}

export interface LayoutReport {
  kind: 'reopen-layout-report';
  version: number;
  /** Inbox path only (the query names conversations). */
  path: string;
  lang: string;
  anchors: Record<string, string | null>;
  identity: { status: IdentityReading['status']; source: string | null; verdicts: IdentityReading['verdicts'] };
  nodeCount: number;
  truncated: boolean;
  nodes: LayoutNode[];
}

/** Words Reopen knows as Business Suite's (never a customer's): kept as words in the report. */
const KNOWN_WORDING: readonly string[] = [
  ...new Set([
    ...GENERIC_TITLES,
    ...REPLY_WORDS,
    ...SEND_WORDS,
    ...VIEW_PROFILE_WORDS,
    ...ASSIGNED_WORDS,
    ...THREAD_LIST_WORDS,
    'message list container',
    'reply in messenger',
    'responder en messenger',
    'mark as done',
    'like',
    'me gusta',
    'home',
    'inicio',
    'account menu',
    'inbox filters',
  ]),
].sort((a, b) => b.length - a.length);

const KEPT_ATTRIBUTES = [
  'aria-level',
  'aria-selected',
  'aria-current',
  'aria-hidden',
  'aria-busy',
  'aria-expanded',
  'dir',
  'contenteditable',
  'data-lexical-editor',
  'tabindex',
];
const SHAPED_ATTRIBUTES = ['data-pagelet', 'data-testid'];
const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'LINK', 'META']);
/** Path segments that are Business Suite's routes; any other segment may be a person's username. */
const ROUTE_SEGMENTS = new Set(['latest', 'inbox', 'all', 'messenger', 'instagram', 'home', 'messages', 'profile.php']);

/** An aria-label as far as it is known wording; the rest only as its length. */
export function redactLabel(label: string): string | { length: number } {
  const normalized = normalizeText(label);
  const known = KNOWN_WORDING.find((words) => normalized === words || normalized.startsWith(`${words} `) || normalized.startsWith(`${words}:`));
  if (!known) return { length: label.length };
  const rest = normalized.length - known.length;
  return rest > 0 ? `${known} …(+${rest})` : known;
}

/** A text as its length, or as the known wording / time token it is. */
function redactText(text: string): number | string {
  const normalized = normalizeText(text);
  if (KNOWN_WORDING.includes(normalized)) return `known:${normalized}`;
  if ([...TIME_TOKENS, ...WEEKDAY_TOKENS].some((pattern) => pattern.test(normalized))) return 'time';
  return text.length;
}

/** Long digit runs are ids (Pages, conversations, people): their shape only. */
const withoutIds = (value: string) => value.replace(/\d{5,}/g, '#').slice(0, MAX_ATTRIBUTE_LENGTH);

/** A link's shape: host, the route part of its path, and its parameter names. */
export function hrefShape(href: string): string {
  try {
    const url = new URL(href, 'https://business.facebook.com/');
    const path = url.pathname
      .split('/')
      .map((segment) => (segment === '' || ROUTE_SEGMENTS.has(segment) ? segment : '*'))
      .join('/');
    const params = [...new Set(url.searchParams.keys())].sort().join('&');
    return `${url.host}${path}${params ? `?${params}` : ''}`;
  } catch {
    return '?';
  }
}

function ownText(element: Element): string {
  let text = '';
  for (const node of element.childNodes) if (node.nodeType === 3) text += node.textContent ?? '';
  return text.replace(/\s+/g, ' ').trim();
}

function describe(element: Element, depth: number, matched: Map<Element, string[]>): LayoutNode {
  const node: LayoutNode = { d: depth, tag: element.tagName.toLowerCase() };
  const role = element.getAttribute('role');
  if (role) node.role = role.slice(0, MAX_ATTRIBUTE_LENGTH);
  const label = element.getAttribute('aria-label');
  if (label) node.label = redactLabel(label);
  const attrs: Record<string, string> = {};
  for (const name of KEPT_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) attrs[name] = withoutIds(value);
  }
  for (const name of SHAPED_ATTRIBUTES) {
    const value = element.getAttribute(name);
    if (value !== null) attrs[name] = withoutIds(value);
  }
  const placeholder = element.getAttribute('aria-placeholder') ?? element.getAttribute('placeholder');
  if (placeholder) attrs.placeholder = JSON.stringify(redactLabel(placeholder));
  const href = element.getAttribute('href');
  if (href) attrs.href = hrefShape(href);
  if (Object.keys(attrs).length) node.attrs = attrs;
  const text = ownText(element);
  if (text) node.text = redactText(text);
  const marks = matched.get(element);
  if (marks) node.matched = marks;
  return node;
}

/** Which registry entry matched which element, from the anchors found and the identity read. */
function registryMatches(anchors: Partial<Record<AnchorName, AnchorMatch>>, identity: IdentityReading): Map<Element, string[]> {
  const matched = new Map<Element, string[]>();
  const mark = (element: Element | undefined, entry: string) => {
    if (!element) return;
    matched.set(element, [...(matched.get(element) ?? []), entry]);
  };
  for (const [name, match] of Object.entries(anchors)) mark(match.element, `anchor:${name}/${match.fallbackId}`);
  for (const [signal, element] of Object.entries(identity.elements)) mark(element, `name:${signal}`);
  return matched;
}

/** Builds the report of `doc` as it is now. Reopen's own UI (shadow hosts named reopen-*) is left out. */
export function buildLayoutReport(doc: Document, pageUrl: string, context: IdentityContext): LayoutReport {
  const identity = readIdentity(doc, context);
  // Each anchor looked up once: for the marks on the nodes and for the summary.
  const found: Partial<Record<AnchorName, AnchorMatch>> = {};
  const anchors: Record<string, string | null> = {};
  for (const name of Object.keys(ANCHORS) as AnchorName[]) {
    const match = findAnchor(doc, name);
    if (match) found[name] = match;
    anchors[name] = match?.fallbackId ?? null;
  }
  const matched = registryMatches(found, identity);
  const nodes: LayoutNode[] = [];
  let nodeCount = 0;
  let truncated = false;
  const visit = (element: Element, depth: number) => {
    for (const child of element.children) {
      if (SKIPPED_TAGS.has(child.tagName) || child.tagName.toLowerCase().startsWith('reopen-')) continue;
      nodeCount += 1;
      if (nodes.length >= MAX_REPORT_NODES || depth > MAX_REPORT_DEPTH) {
        truncated = true;
        continue;
      }
      nodes.push(describe(child, depth, matched));
      // An SVG's insides are drawing, not layout.
      if (child.tagName.toLowerCase() !== 'svg') visit(child, depth + 1);
    }
  };
  if (doc.body) visit(doc.body, 0);
  let path = '';
  try {
    path = new URL(pageUrl).pathname;
  } catch {
    // an unreadable address is left empty
  }
  return {
    kind: 'reopen-layout-report',
    version: LAYOUT_REPORT_VERSION,
    path,
    lang: (doc.documentElement.getAttribute('lang') ?? '').slice(0, 16),
    anchors,
    identity: { status: identity.status, source: identity.source, verdicts: identity.verdicts },
    nodeCount,
    truncated,
    nodes,
  };
}
