// The name signals against every fixture layout, and the verdict rules that decide which reading is the customer's name.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { readIdentity, SWITCH_CLICK_MS, switchClickTarget, type IdentityContext } from './identity';
import { NAME_SIGNALS, type NameSignalId } from './name-signals';
import { NAME_SIGNAL_FIXTURES, type FixtureLayout } from './registry-fixtures';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');
const fixtureFiles = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
}

/** The selection each fixture stands for: its `<meta name="fixture-url">`. */
function contextOf(doc: Document, extra: Partial<IdentityContext> = {}): IdentityContext {
  const url = new URL(doc.querySelector('meta[name="fixture-url"]')!.getAttribute('content')!);
  return { selectedItemId: url.searchParams.get('selected_item_id'), clickedTarget: null, staleName: null, ...extra };
}

/** What one signal reads in a document, after the rules (its first acceptable candidate), or null. */
function reading(doc: Document, id: NameSignalId, context = contextOf(doc)): string | null {
  const identity = readIdentity(doc, context);
  return identity.verdicts[id] === 'trusted' ? (identity.elements[id]?.textContent?.replace(/\s+/g, ' ').trim() ?? null) : null;
}

describe('name signal registry: each signal where it must (and must not) read a name', () => {
  const cases = NAME_SIGNALS.flatMap((entry) => [
    ...Object.entries(NAME_SIGNAL_FIXTURES[entry.id].mustMatchIn).map(([file, name]) => [entry.id, file, name] as const),
    ...NAME_SIGNAL_FIXTURES[entry.id].mustMissIn.map((file) => [entry.id, file, null] as const),
  ]);
  test.each(cases)('%s in %s → %s', (id, file, name) => {
    expect(fixtureFiles).toContain(file);
    expect(reading(load(file), id)).toBe(name);
  });

  test('every fixture is listed by every signal, so a new layout cannot be forgotten', () => {
    expect(Object.keys(NAME_SIGNAL_FIXTURES).sort()).toEqual(NAME_SIGNALS.map((entry) => entry.id).sort());
    for (const entry of NAME_SIGNALS) {
      const listed = [...Object.keys(NAME_SIGNAL_FIXTURES[entry.id].mustMatchIn), ...NAME_SIGNAL_FIXTURES[entry.id].mustMissIn].sort();
      expect(listed, entry.id).toEqual([...fixtureFiles].sort());
    }
  });

  test('every fixture gets its customer name from at least two signals or from one alone without disagreement', () => {
    for (const file of fixtureFiles) {
      const doc = load(file);
      const identity = readIdentity(doc, contextOf(doc));
      expect(identity.status, file).toBe('trusted');
      const expected = NAME_SIGNALS.map((entry) => NAME_SIGNAL_FIXTURES[entry.id].mustMatchIn[file as FixtureLayout]).filter(Boolean);
      expect(new Set(expected).size, file).toBe(1);
      expect(identity.name, file).toBe(expected[0]);
    }
  });
});

describe('the rules', () => {
  test('§7a: the sidebar section title "Detalles del contacto" is never read as the name, even next to "Ver perfil"', () => {
    const doc = load('suite-2026-es.html');
    const heading = doc.querySelector('[data-fixture-header-name]')!;
    heading.textContent = 'Bandeja de entrada'; // the generic moment after a direct navigation
    const identity = readIdentity(doc, contextOf(doc));
    expect(identity).toMatchObject({ name: 'Lucía Fernández', status: 'trusted', source: 'contactSidebar' });
    expect(identity.verdicts.paneHeading).toBe('generic');
  });

  test('a generic heading and nothing else: wait for the name (never "not found")', () => {
    const doc = load('suite-2026-es.html');
    doc.querySelector('[data-fixture-header-name]')!.textContent = 'Bandeja de entrada';
    doc.querySelector('[data-fixture-sidebar-name]')!.remove();
    expect(readIdentity(doc, contextOf(doc))).toMatchObject({ name: null, status: 'waiting', source: null });
  });

  test('a page with no signal at all says none (not waiting)', () => {
    const doc = new DOMParser().parseFromString('<div role="main"><textarea aria-label="Message"></textarea></div>', 'text/html');
    expect(readIdentity(doc, { selectedItemId: '1', clickedTarget: null, staleName: null })).toMatchObject({ status: 'none', name: null });
  });

  test('the previous customer’s name still in the header is stale: the selected card’s new name wins', () => {
    const doc = load('list-current-en.html');
    // The agent clicked Paul: the list moved aria-current at once, the header still says Grace.
    const paul = [...doc.querySelectorAll('a[data-fixture-name]')].find((link) => link.textContent.includes('Paul Meyer'))!;
    doc.querySelectorAll('[aria-current]').forEach((link) => link.removeAttribute('aria-current'));
    paul.setAttribute('aria-current', 'page');
    const identity = readIdentity(doc, { selectedItemId: null, clickedTarget: null, staleName: 'Grace Kim' });
    expect(identity).toMatchObject({ name: 'Paul Meyer', status: 'trusted', source: 'selectedCard' });
    expect(identity.verdicts.paneHeading).toBe('stale');
  });

  test('only the stale name on the page: wait', () => {
    const doc = load('messenger-en.html');
    expect(readIdentity(doc, { selectedItemId: null, clickedTarget: null, staleName: 'Maria Lopez' })).toMatchObject({
      name: null,
      status: 'waiting',
    });
  });

  test('two customers with one name: the card the URL points at proves the name is not stale', () => {
    const doc = load('messenger-en.html');
    const identity = readIdentity(doc, contextOf(doc, { staleName: 'Maria Lopez' }));
    expect(identity).toMatchObject({ name: 'Maria Lopez', source: 'selectedCard' });
    expect(identity.verdicts).toMatchObject({ paneHeading: 'stale', selectedCard: 'trusted' });
  });

  test('trusted signals that disagree are not used: the agent picks among the names they read', () => {
    const doc = load('header-link-en.html');
    doc.querySelector('[data-fixture-profile]')!.textContent = 'Lily Chen';
    expect(readIdentity(doc, contextOf(doc))).toMatchObject({ name: null, status: 'conflict', conflicting: ['Lily Chen', 'Omar Haddad'] });
  });

  test('a card without links or marks is the selected one when the agent just clicked it (§7a virtualized cards)', () => {
    const doc = load('suite-2026-es.html');
    const andres = doc.querySelector('[data-fixture-index="1"] [data-fixture-card-name]')!;
    const identity = readIdentity(doc, contextOf(doc, { clickedTarget: andres, staleName: 'Lucía Fernández' }));
    // Header and sidebar still show Lucía (stale); the clicked card says who this is.
    expect(identity).toMatchObject({ name: 'Andrés Gómez', source: 'selectedCard' });
    expect(identity.verdicts).toMatchObject({ paneHeading: 'stale', contactSidebar: 'stale', selectedCard: 'trusted' });
  });

  test('a card’s time token is not its name ("Mon" before "Omar Haddad")', () => {
    const doc = load('header-link-en.html');
    doc.querySelector('[data-fixture-profile]')!.remove();
    expect(readIdentity(doc, contextOf(doc)).name).toBe('Omar Haddad');
  });

  test('a heading in the message log ("Today") or the sidebar ("Labels") is not the pane’s heading', () => {
    const doc = load('list-current-en.html');
    doc.querySelector('[data-fixture-header-name]')!.closest('[role="heading"]')!.remove();
    const identity = readIdentity(doc, contextOf(doc));
    expect(identity.verdicts.paneHeading).toBe('generic'); // only "All messages" is left, a title
    expect(identity).toMatchObject({ name: 'Grace Kim', source: 'selectedCard' });
  });

  test('two cards marked selected prove nothing', () => {
    const doc = load('header-link-en.html');
    doc.querySelectorAll('[role="option"]').forEach((option) => option.setAttribute('aria-selected', 'true'));
    doc.querySelector('[data-fixture-profile]')!.remove();
    expect(readIdentity(doc, { selectedItemId: null, clickedTarget: null, staleName: null })).toMatchObject({ status: 'none', name: null });
  });
});

describe('the click that selected the conversation (fixed clock)', () => {
  const card = new DOMParser().parseFromString('<div role="listitem">Ana</div>', 'text/html').body.firstElementChild!;
  const CLICK_AT = 10_000;
  test.each([
    ['no click yet', null, CLICK_AT, null],
    ['the URL changed at the click', CLICK_AT, CLICK_AT, card],
    ['the URL changed within the window', CLICK_AT, CLICK_AT + SWITCH_CLICK_MS, card],
    ['a click from before: not this conversation’s', CLICK_AT, CLICK_AT + SWITCH_CLICK_MS + 1, null],
    ['a clock that went back proves nothing', CLICK_AT, CLICK_AT - 1, null],
  ] as const)('%s', (_case, clickedAt, urlChangedAt, expected) => {
    const lastClick = clickedAt === null ? null : { target: card, at: clickedAt };
    expect(switchClickTarget(lastClick, urlChangedAt)).toBe(expected);
  });
});
