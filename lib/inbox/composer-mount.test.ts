// The banner's place beside the composer row on the Messenger fixture, as React changes the page around it.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mountBesideComposer, type ComposerMount } from './composer-mount';
import { COMPOSER_MARK } from './selectors';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');

function loadIntoDocument(file: string) {
  const parsed = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
  parsed.querySelectorAll('script').forEach((script) => script.remove());
  document.body.innerHTML = parsed.body.innerHTML;
}

/** Mutation observers deliver their records after the current task's microtasks. */
const delivered = () => new Promise((done) => setTimeout(done, 0));

const editor = () => document.querySelector('[data-lexical-editor="true"]')!;
/** The fixture's composer row: the editor's wrapper together with the Send button. */
const composerRow = () => document.querySelector('[aria-label="Send"]')!.parentElement!;
const messageLog = () => document.querySelector('[role="log"]')!;
const conversationPane = () => messageLog().parentElement!;

/** A copy of `element` as React would render it afresh: same markup, none of Reopen's marks. */
function freshCopy(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  copy.removeAttribute(COMPOSER_MARK);
  copy
    .querySelectorAll(`[${COMPOSER_MARK}], reopen-test-ui`)
    .forEach((node) => (node.tagName === 'REOPEN-TEST-UI' ? node.remove() : node.removeAttribute(COMPOSER_MARK)));
  return copy;
}

let frames: (() => void)[];
let mounts: Element[];
let unmounts: number;
let ui: Element;
let watch: ComposerMount | null;

function start(): ComposerMount {
  watch = mountBesideComposer(document, {
    mount(row) {
      mounts.push(row);
      row.parentNode!.insertBefore(ui, row);
      return ui;
    },
    unmount() {
      unmounts += 1;
      ui.remove();
    },
    requestFrame(check) {
      frames.push(check);
    },
  });
  return watch;
}

/** Runs the frames requested so far (a bounded number: each check requests at most one more). */
function paint() {
  const pending = frames.splice(0);
  pending.forEach((check) => check());
}

/** The banner is directly before the row and outside it (never inside React's or Lexical's nodes). */
function expectBeside(row: Element) {
  expect(ui.isConnected).toBe(true);
  expect(ui.nextSibling).toBe(row);
  expect(row.contains(ui)).toBe(false);
  expect(editor().contains(ui)).toBe(false);
}

beforeEach(() => {
  frames = [];
  mounts = [];
  unmounts = 0;
  ui = document.createElement('reopen-test-ui');
  watch = null;
  loadIntoDocument('messenger-en.html');
});

afterEach(() => {
  watch?.stop();
  document.body.innerHTML = '';
});

describe('mountBesideComposer', () => {
  test('mounts before the composer row at once when the row is already there', () => {
    const mount = start();
    expect(mount.row).toBe(composerRow());
    expect(mounts).toEqual([composerRow()]);
    expectBeside(composerRow());
  });

  test('waits for a composer that renders later, and checks once per frame however many commits arrive', async () => {
    const row = composerRow();
    const parent = row.parentElement!;
    row.remove();
    const mount = start();
    expect(mount.row).toBeNull();
    expect(mounts).toEqual([]);

    for (let commit = 0; commit < 5; commit++) {
      messageLog().append(document.createElement('div'));
      await delivered();
    }
    expect(frames).toHaveLength(1);
    paint();
    expect(mounts).toEqual([]);

    parent.append(freshCopy(row));
    await delivered();
    paint();
    expect(mounts).toHaveLength(1);
    expectBeside(composerRow());
  });

  test('React replacing the composer row moves the banner beside the new row without unmounting it', async () => {
    start();
    const old = composerRow();
    const fresh = freshCopy(old);
    old.replaceWith(fresh);
    await delivered();
    paint();
    expect(mounts).toEqual([old, fresh]);
    expect(unmounts).toBe(0);
    expectBeside(fresh);
    expect(document.querySelectorAll('reopen-test-ui')).toHaveLength(1);
  });

  test('React re-rendering the whole conversation pane (banner included) mounts it again beside the new row', async () => {
    start();
    const pane = conversationPane();
    pane.replaceWith(freshCopy(pane));
    expect(ui.isConnected).toBe(false);
    await delivered();
    paint();
    expect(mounts).toHaveLength(2);
    expectBeside(composerRow());
  });

  test('React dropping the banner but keeping the row puts the banner back', async () => {
    start();
    ui.remove();
    await delivered();
    paint();
    expect(mounts).toHaveLength(2);
    expectBeside(composerRow());
  });

  test('the composer going away unmounts the banner; a new composer mounts it again', async () => {
    start();
    const row = composerRow();
    const parent = row.parentElement!;
    row.remove();
    await delivered();
    paint();
    expect(unmounts).toBe(1);
    expect(ui.isConnected).toBe(false);

    parent.append(freshCopy(row));
    await delivered();
    paint();
    expect(mounts).toHaveLength(2);
    expectBeside(composerRow());
  });

  test('churn in the message log, the conversation list and the header never wakes it while mounted', async () => {
    start();
    const snippets = [...document.querySelectorAll('[role="grid"] [role="row"] span + span')];
    const headerName = document.querySelector('[data-fixture-header-name]')!;
    for (let commit = 0; commit < 20; commit++) {
      const message = document.createElement('div');
      message.setAttribute('role', 'row');
      message.textContent = `Message ${commit}`;
      messageLog().append(message);
      messageLog().firstElementChild!.remove();
      snippets.forEach((snippet) => (snippet.textContent = `Typing… ${commit}`));
      headerName.textContent = `Customer ${commit}`;
      editor().append(document.createElement('p'));
      await delivered();
    }
    expect(frames).toHaveLength(0);
    expectBeside(composerRow());
  });

  test('paused (tab hidden) nothing is observed; resuming finds the new row at once', async () => {
    const mount = start();
    mount.pause();
    const fresh = freshCopy(composerRow());
    composerRow().replaceWith(fresh);
    await delivered();
    expect(frames).toHaveLength(0);
    mount.resume();
    expect(mounts).toHaveLength(2);
    expectBeside(fresh);
  });

  test('a check while paused (the floating fallback in a hidden tab) still finds the row, and still observes nothing', async () => {
    const row = composerRow();
    const parent = row.parentElement!;
    row.remove();
    const mount = start();
    mount.pause();
    parent.append(freshCopy(row));
    await delivered();
    expect(frames).toHaveLength(0);
    mount.check();
    expectBeside(composerRow());
    composerRow().replaceWith(freshCopy(composerRow()));
    await delivered();
    expect(frames).toHaveLength(0);
  });

  test('after stop (extension updated) it neither mounts nor unmounts', async () => {
    const mount = start();
    mount.stop();
    composerRow().replaceWith(freshCopy(composerRow()));
    await delivered();
    paint();
    mount.check();
    mount.resume();
    expect(mounts).toHaveLength(1);
    expect(unmounts).toBe(0);
  });
});
