import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { watchConversationHeader } from './header-watch';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');

function loadIntoDocument(file: string) {
  const parsed = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
  parsed.querySelectorAll('script').forEach((script) => script.remove());
  document.body.innerHTML = parsed.body.innerHTML;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const timers = { setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms), clearTimeout: (id: number) => window.clearTimeout(id) };

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchConversationHeader', () => {
  test('reports the new name once, after the header settles', async () => {
    loadIntoDocument('messenger-en.html');
    const onName = vi.fn();
    const watcher = watchConversationHeader(document, { ...timers, debounceMs: 10, onName });
    const name = document.querySelector('[data-fixture-header-name]')!;
    name.textContent = 'John';
    name.textContent = 'John Carter';
    await settle();
    expect(onName.mock.calls).toEqual([['John Carter']]);
    watcher.stop();
  });

  test('follows a header React replaced, and notices one appearing later', async () => {
    document.body.innerHTML = '<div role="main"><p>Loading…</p></div>';
    const onName = vi.fn();
    const watcher = watchConversationHeader(document, { ...timers, debounceMs: 10, onName });
    document.querySelector('[role="main"]')!.innerHTML =
      '<div><div role="heading" aria-level="2"><span>Ana Silva</span></div><a href="#">View profile</a></div>';
    await settle();
    expect(onName).toHaveBeenLastCalledWith('Ana Silva');
    // the header is now observed directly: a text-only change is seen
    document.querySelector('[role="heading"] span')!.firstChild!.nodeValue = 'Ana S. Silva';
    await settle();
    expect(onName).toHaveBeenLastCalledWith('Ana S. Silva');
    watcher.stop();
  });

  test('stops observing when stopped', async () => {
    loadIntoDocument('messenger-es.html');
    const onName = vi.fn();
    watchConversationHeader(document, { ...timers, debounceMs: 10, onName }).stop();
    document.querySelector('[data-fixture-header-name]')!.textContent = 'Lucía Fernández';
    await settle();
    expect(onName).not.toHaveBeenCalled();
  });
});
