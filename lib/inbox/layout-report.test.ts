// The layout report must help someone fix a layout Reopen doesn't know, without carrying the customers' words.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildLayoutReport, hrefShape, MAX_REPORT_NODES, redactLabel } from './layout-report';
import { normalizeText } from './wording';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');
const fixtureFiles = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
}

function fixtureUrl(doc: Document): string {
  return doc.querySelector('meta[name="fixture-url"]')!.getAttribute('content')!;
}

function reportOf(doc: Document) {
  const url = fixtureUrl(doc);
  return buildLayoutReport(doc, url, { selectedItemId: new URL(url).searchParams.get('selected_item_id'), clickedTarget: null, staleName: null });
}

/** Every piece of the fixture's text that is the customers' (names, previews, messages, notes): every text on the
 *  page but Business Suite's own wording, plus the ids and profile usernames in its links. */
function customerTexts(doc: Document): string[] {
  // Business Suite's wording the report keeps on purpose: known texts and the known part of labels.
  const report = reportOf(doc);
  const kept = report.nodes.flatMap((node) => [
    ...(typeof node.text === 'string' ? [node.text.replace(/^known:/, '')] : []),
    ...(typeof node.label === 'string' ? [node.label.replace(/ …\(\+\d+\)$/, '')] : []),
  ]);
  const isKept = (text: string) => kept.some((words) => words.includes(normalizeText(text)));
  const texts = new Set<string>();
  for (const element of doc.body.querySelectorAll('*')) {
    if (element.closest('script, style')) continue;
    for (const node of element.childNodes) {
      const text = node.nodeType === 3 ? (node.textContent ?? '').replace(/\s+/g, ' ').trim() : '';
      if (text.length >= 3 && !isKept(text)) texts.add(text);
    }
    for (const attribute of ['data-fixture-name', 'href']) {
      const value = element.getAttribute(attribute);
      if (!value) continue;
      if (attribute === 'data-fixture-name') texts.add(value);
      for (const id of value.match(/\d{6,}/g) ?? []) texts.add(id);
      const username = /facebook\.com\/([a-z][\w.]+)/i.exec(value)?.[1];
      if (username) texts.add(username);
    }
  }
  return [...texts];
}

describe('layout report', () => {
  test.each(fixtureFiles)('%s: no text of the customers ends up in it', (file) => {
    const doc = load(file);
    const json = JSON.stringify(reportOf(doc));
    const leaked = customerTexts(doc).filter((text) => json.toLowerCase().includes(text.toLowerCase()));
    expect(customerTexts(doc).length).toBeGreaterThan(3);
    expect(leaked).toEqual([]);
  });

  test('it says what the registry matched where, and keeps the structure a fix needs', () => {
    const report = reportOf(load('suite-2026-es.html'));
    expect(report).toMatchObject({ kind: 'reopen-layout-report', version: 1, path: '/latest/inbox/all', lang: 'es' });
    expect(report.anchors).toEqual({ composer: 'lexical-reply', conversationHeader: 'pane-heading', threadList: 'thread-list-pagelet' });
    expect(report.identity).toMatchObject({ status: 'trusted', source: 'paneHeading' });
    const marks = report.nodes.flatMap((node) => node.matched ?? []);
    expect(marks).toEqual(
      expect.arrayContaining(['anchor:composer/lexical-reply', 'anchor:threadList/thread-list-pagelet', 'name:paneHeading', 'name:contactSidebar']),
    );
    const pagelet = report.nodes.find((node) => node.attrs?.['data-pagelet']);
    expect(pagelet?.attrs?.['data-pagelet']).toBe('GenericBizInboxThreadListViewBody');
    expect(report.nodes.filter((node) => node.role === 'listitem')).toHaveLength(3);
    // The pane's heading: where it is, how long the name is, not the name.
    const heading = report.nodes.find((node) => node.matched?.includes('name:paneHeading'))!;
    expect(heading).toMatchObject({ tag: 'h2', attrs: { dir: 'auto' }, text: 'Lucía Fernández'.length });
    // Section titles are Business Suite's wording: kept, marked as known.
    expect(report.nodes.some((node) => node.tag === 'h3' && node.text === 'known:detalles del contacto')).toBe(true);
    // Depth is recorded and the page's scripts are not.
    expect(Math.max(...report.nodes.map((node) => node.d))).toBeGreaterThan(4);
    expect(report.nodes.some((node) => node.tag === 'script')).toBe(false);
  });

  test('an aria-label is kept only as far as it is Business Suite’s wording', () => {
    expect(redactLabel('Reply')).toBe('reply');
    expect(redactLabel('Reply to Omar')).toBe('reply …(+8)');
    expect(redactLabel('Asignado a: sin asignar')).toBe('asignado a …(+13)');
    expect(redactLabel('Conversation with Maria Lopez')).toEqual({ length: 29 });
  });

  test('links keep their shape: host, route, parameter names', () => {
    expect(hrefShape('/latest/inbox/messenger?asset_id=1045&selected_item_id=100045566778899&thread_type=FB_MESSAGE')).toBe(
      'business.facebook.com/latest/inbox/messenger?asset_id&selected_item_id&thread_type',
    );
    expect(hrefShape('https://www.facebook.com/omar.haddad.77')).toBe('www.facebook.com/*');
  });

  test('a huge page is cut at the bound and says so', () => {
    const doc = new DOMParser().parseFromString('<div role="main"></div>', 'text/html');
    const main = doc.querySelector('[role="main"]')!;
    for (let index = 0; index < MAX_REPORT_NODES + 10; index += 1) main.append(doc.createElement('div'));
    const report = buildLayoutReport(doc, 'https://business.facebook.com/latest/inbox/all', { selectedItemId: null, clickedTarget: null, staleName: null });
    expect(report.nodes).toHaveLength(MAX_REPORT_NODES);
    expect(report.truncated).toBe(true);
    expect(report.nodeCount).toBe(MAX_REPORT_NODES + 11);
  });
});
