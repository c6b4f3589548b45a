// The Business Suite adapter against every fixture layout (tests/fixtures/inbox/), loaded as inert HTML.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { checkLayout, sameHealth } from './health';
import { ANCHORS, COMPOSER_ANCHOR_SELECTOR, findAnchor, markComposerRegion, normalizeText, type AnchorName } from './selectors';
import { readIdentity } from './identity';
import { ANCHOR_FIXTURES, FIXTURE_LAYOUTS } from './registry-fixtures';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');
const fixtureFiles = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));

/** The fixture's name as the identity signals read it, with the selection its fixture URL says. */
function nameIn(doc: Document): string | null {
  const url = new URL(doc.querySelector('meta[name="fixture-url"]')!.getAttribute('content')!);
  return readIdentity(doc, { selectedItemId: url.searchParams.get('selected_item_id'), clickedTarget: null, staleName: null }).name;
}

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
}

const anchorNames = Object.keys(ANCHORS) as AnchorName[];

describe('selector registry: each anchor where it must (and must not) match', () => {
  const cases = anchorNames.flatMap((name) => [
    ...ANCHOR_FIXTURES[name].mustMatchIn.map((file) => [name, file, true] as const),
    ...ANCHOR_FIXTURES[name].mustMissIn.map((file) => [name, file, false] as const),
  ]);
  test.each(cases)('%s in %s → found: %s', (name, file, found) => {
    expect(fixtureFiles).toContain(file);
    expect(findAnchor(load(file), name) !== null).toBe(found);
  });

  test('every fixture is listed by every anchor, so a new layout cannot be forgotten', () => {
    expect([...FIXTURE_LAYOUTS].sort()).toEqual([...fixtureFiles].sort());
    for (const name of anchorNames) {
      const listed = [...ANCHOR_FIXTURES[name].mustMatchIn, ...ANCHOR_FIXTURES[name].mustMissIn].sort();
      expect(listed, name).toEqual([...fixtureFiles].sort());
    }
  });

  test('no selector relies on generated class names or ids', () => {
    for (const name of anchorNames) {
      for (const fallback of ANCHORS[name].fallbacks) {
        expect(fallback.selector, `${name}/${fallback.id}`).not.toMatch(/\.[a-z_]|#|\[class|\[id/i);
      }
    }
  });
});

describe('what each layout yields', () => {
  test.each([
    ['messenger-en.html', { composer: 'lexical-reply', conversationHeader: 'pane-heading', threadList: 'labelled-list' }, 'Maria Lopez'],
    ['messenger-es.html', { composer: 'lexical-reply', conversationHeader: 'pane-heading', threadList: 'labelled-list' }, 'José Martínez'],
    ['all-en.html', { composer: 'textbox-reply', conversationHeader: 'pane-heading', threadList: 'labelled-list' }, 'Maria Lopez'],
    // No composer and no header: the name still comes from the list's link that carries the URL's selected_item_id.
    ['changed-layout.html', { composer: null, conversationHeader: null, threadList: 'conversation-links' }, 'Maria Lopez'],
    ['suite-2026-es.html', { composer: 'lexical-reply', conversationHeader: 'pane-heading', threadList: 'thread-list-pagelet' }, 'Lucía Fernández'],
    ['header-link-en.html', { composer: 'textbox-reply', conversationHeader: null, threadList: 'labelled-list' }, 'Omar Haddad'],
    ['list-current-en.html', { composer: 'lexical-reply', conversationHeader: 'pane-heading', threadList: 'labelled-list' }, 'Grace Kim'],
    ['card-only-es.html', { composer: 'lexical-reply', conversationHeader: null, threadList: 'labelled-list' }, 'Carmen Ruiz'],
  ])('%s', (file, fallbacks, displayName) => {
    const doc = load(file);
    const health = checkLayout(doc, 'https://business.facebook.com/latest/inbox/messenger?asset_id=1&selected_item_id=2', 1_000);
    expect(health.anchors).toEqual(fallbacks);
    expect(health.floating).toBe(fallbacks.composer === null);
    expect(nameIn(doc)).toBe(displayName);
  });

  test('the banner goes beside the composer row, never inside the Lexical editor', () => {
    for (const file of ANCHOR_FIXTURES.composer.mustMatchIn) {
      const doc = load(file);
      const region = findAnchor(doc, 'composer')!.element;
      const editor = doc.querySelector('[contenteditable="true"][role="textbox"]')!;
      expect(region.contains(editor), file).toBe(true);
      expect(region.closest('[contenteditable="true"]'), file).toBeNull();
      // the row holds the Send control too (or, where Send shows only after typing, the like button in its
      // place: §7a), so a banner placed before it sits above the whole reply box
      const controls = [...region.querySelectorAll('[role="button"], button')].map((b) => normalizeText(b.getAttribute('aria-label')));
      expect(
        controls.some((label) => ['send', 'enviar', 'me gusta'].includes(label)),
        file,
      ).toBe(true);
    }
  });

  test('the display name follows the header when the conversation changes', () => {
    const doc = load('messenger-es.html');
    doc.querySelector('[data-fixture-header-name]')!.textContent = '  Lucía   Fernández ';
    const read = (staleName: string | null) => readIdentity(doc, { selectedItemId: null, clickedTarget: null, staleName });
    // The list still marks José's card as selected: two trusted signals disagree, so neither name is used.
    expect(read(null)).toMatchObject({ name: null, status: 'conflict', conflicting: ['Lucía Fernández', 'José Martínez'] });
    // After a switch from José, his card is the stale one: the header's new name is used.
    expect(read('José Martínez')).toMatchObject({ name: 'Lucía Fernández', source: 'paneHeading' });
  });

  test('fallbacks are tried in order: an unlabelled Lexical editor in the main region still anchors the banner', () => {
    const doc = load('messenger-en.html');
    const editor = doc.querySelector('[data-lexical-editor="true"]')!;
    editor.removeAttribute('aria-placeholder');
    editor.setAttribute('aria-label', 'Message');
    editor.removeAttribute('role');
    expect(findAnchor(doc, 'composer')?.fallbackId).toBe('lexical-in-main');
  });

  test('a "View profile" link inside the conversation list is not the header', () => {
    const doc = load('changed-layout.html');
    const list = doc.createElement('div');
    list.setAttribute('role', 'list');
    list.innerHTML = '<h2>Someone else</h2><a href="/x">View profile</a>';
    doc.body.append(list);
    expect(findAnchor(doc, 'conversationHeader')).toBeNull();
    expect(readIdentity(doc, { selectedItemId: null, clickedTarget: null, staleName: null }).name).toBeNull();
  });
});

describe('marking the composer row for autoMount', () => {
  test('marks the row once and keeps returning the same string anchor', () => {
    const doc = load('messenger-en.html');
    expect(markComposerRegion(doc)).toBe(COMPOSER_ANCHOR_SELECTOR);
    const marked = doc.querySelectorAll(COMPOSER_ANCHOR_SELECTOR);
    expect(marked).toHaveLength(1);
    expect(marked[0]).toBe(findAnchor(doc, 'composer')!.element);
    markComposerRegion(doc);
    expect(doc.querySelectorAll(COMPOSER_ANCHOR_SELECTOR)).toHaveLength(1);
  });

  test('when React replaces the row, the new row is found and marked', () => {
    const doc = load('messenger-en.html');
    markComposerRegion(doc);
    const old = doc.querySelector(COMPOSER_ANCHOR_SELECTOR)!;
    const fresh = old.cloneNode(true) as Element;
    fresh.removeAttribute('data-reopen-anchor');
    old.replaceWith(fresh);
    expect(doc.querySelector(COMPOSER_ANCHOR_SELECTOR)).toBeNull();
    markComposerRegion(doc);
    expect(doc.querySelector(COMPOSER_ANCHOR_SELECTOR)).toBe(fresh);
  });

  test('in a changed layout nothing is marked (the content script goes floating)', () => {
    const doc = load('changed-layout.html');
    markComposerRegion(doc);
    expect(doc.querySelector(COMPOSER_ANCHOR_SELECTOR)).toBeNull();
  });
});

describe('health report', () => {
  test('keeps the inbox path and drops the query that names customers', () => {
    const report = checkLayout(load('messenger-en.html'), 'https://business.facebook.com/latest/inbox/messenger?asset_id=1&selected_item_id=2', 42);
    expect(report.url).toBe('https://business.facebook.com/latest/inbox/messenger');
    expect(report.checkedAt).toBe(42);
  });

  test('an unchanged report is recognised so it is sent once', () => {
    const a = checkLayout(load('all-en.html'), 'https://business.facebook.com/latest/inbox/all', 1);
    const b = checkLayout(load('all-en.html'), 'https://business.facebook.com/latest/inbox/all', 2);
    const c = checkLayout(load('changed-layout.html'), 'https://business.facebook.com/latest/inbox/all', 3);
    expect(sameHealth(null, a)).toBe(false);
    expect(sameHealth(a, b)).toBe(true);
    expect(sameHealth(a, c)).toBe(false);
  });
});
