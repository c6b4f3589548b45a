// The page's regions as Reopen finds them: the conversation list's cards, on fixture layouts and small pages.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { childCards, listCards } from './page-geometry';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
}

describe("listCards: the list's cards, without those already read", () => {
  // Role cards (suite-2026-es: div[role=listitem]) and link cards (messenger-en: links among links).
  test.each(['suite-2026-es.html', 'messenger-en.html'])('%s: cards already known are left out, the others found as before', (file) => {
    const doc = load(file);
    const all = listCards(doc);
    expect(all.length).toBeGreaterThan(2);
    const known = new WeakMap<Element, unknown>(all.slice(0, -1).map((card) => [card, null]));
    expect(listCards(doc, known)).toEqual(all.slice(-1));
    expect(listCards(doc, new WeakMap())).toEqual(all);
  });

  test('a role element holding another is not a card; the innermost are, the last one included', () => {
    const doc = new DOMParser().parseFromString(
      `<div role="list"><div role="listitem" id="outer"><div role="row" id="a">Ana</div><div role="row" id="b">Bo</div></div>` +
        `<div role="listitem" id="c">Cy</div><div role="listitem" id="d"><span>Di</span></div></div>`,
      'text/html',
    );
    expect(listCards(doc).map((card) => card.id)).toEqual(['a', 'b', 'c', 'd']);
    const list = doc.querySelector('[role="list"]')!;
    expect(listCards(list, new WeakMap()).map((card) => card.id)).toEqual(['a', 'b', 'c', 'd']);
  });
});

describe("childCards: the new cards of the containers the list's cards sat in", () => {
  const doc = () =>
    new DOMParser().parseFromString(
      `<div data-pagelet="GenericBizInboxThreadListViewBody" id="list"><div id="rows">` +
        `<div role="listitem" id="a">Ana</div><div role="listitem" id="b">Bo</div><div id="spacer"></div></div></div>`,
      'text/html',
    );

  test('cards not read yet, in order; read cards, spacers and containers among the children are passed over', () => {
    const page = doc();
    const [rows, list, a] = ['rows', 'list', 'a'].map((id): Element => page.getElementById(id)!) as [Element, Element, Element];
    const known = new WeakMap<Element, unknown>([[a, null]]);
    expect(childCards(new Set([rows]), known)!.map((card) => card.id)).toEqual(['b']);
    // The list held cards before the virtual list wrapped them (its old cards' container): the wrapper is a container too.
    expect(childCards(new Set([list, rows]), known)!.map((card) => card.id)).toEqual(['b']);
  });

  test('a child that is no card but holds one (a wrapper of cards): only a look over the list can tell', () => {
    const page = doc();
    const rows = page.getElementById('rows')!;
    rows.insertAdjacentHTML('beforeend', '<div class="group"><div role="listitem" id="c">Cy</div></div>');
    expect(childCards(new Set([rows]), new WeakMap())).toBeNull();
    expect(listCards(page.getElementById('list')!, new WeakMap()).map((card) => card.id)).toEqual(['a', 'b', 'c']);
  });
});
