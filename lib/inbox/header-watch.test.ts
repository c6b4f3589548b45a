import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { watchConversationHeader, type HeaderWatchOptions } from './header-watch';
import { readIdentity } from './identity';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');

function loadIntoDocument(file: string) {
  const parsed = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
  parsed.querySelectorAll('script').forEach((script) => script.remove());
  document.body.innerHTML = parsed.body.innerHTML;
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 30));
const timers = {
  setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
  clearTimeout: (id: number) => window.clearTimeout(id),
  now: () => performance.now(),
};

/** Starts a watcher that reads the identity signals (no selection context) and reports the names it reads. */
function watchNames(options: Omit<HeaderWatchOptions, 'read' | 'onReading'>, onName: (name: string | null) => void) {
  const watcher = watchConversationHeader(document, {
    ...options,
    read: () => readIdentity(document, { selectedItemId: null, clickedTarget: null, staleName: null }),
    onReading: (reading) => onName(reading.name),
  });
  watcher.rescan();
  return watcher;
}

/** The list's selection moves to another card, as it does at once when the agent picks a conversation. */
function selectRow(name: string) {
  for (const row of document.querySelectorAll('[role="grid"] [role="row"]')) {
    row.setAttribute('aria-selected', String(row.textContent.includes(name)));
  }
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('watchConversationHeader', () => {
  test('reports the new name once, after the header settles', async () => {
    loadIntoDocument('messenger-en.html');
    const onName = vi.fn();
    const watcher = watchNames({ ...timers, debounceMs: 10 }, onName);
    selectRow('John Carter');
    const name = document.querySelector('[data-fixture-header-name]')!;
    name.textContent = 'John';
    name.textContent = 'John Carter';
    await settle();
    expect(onName.mock.calls).toEqual([['John Carter']]);
    watcher.stop();
  });

  test('a name typed out over several commits is read once, when the header has been quiet for debounceMs', async () => {
    loadIntoDocument('messenger-en.html');
    let clock = 0;
    const armed: { at: number; handler: () => void; done: boolean }[] = [];
    const clockTimers = {
      setTimeout: (handler: () => void, ms: number) => armed.push({ at: clock + ms, handler, done: false }),
      clearTimeout: (id: number) => void (armed[id - 1]!.done = true),
      now: () => clock,
    };
    /** Fires the due timers in order (bounded), leaving the clock at `time`. */
    const advanceTo = (time: number) => {
      for (let fired = 0; fired < 50; fired++) {
        const due = armed.filter((timer) => !timer.done && timer.at <= time).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        clock = due.at;
        due.done = true;
        due.handler();
      }
      clock = time;
    };
    const onName = vi.fn();
    const watcher = watchNames({ ...clockTimers, debounceMs: 100 }, onName);
    selectRow('John Carter');
    const name = document.querySelector('[data-fixture-header-name]')!;
    for (const [at, text] of [
      [0, 'J'],
      [30, 'Jo'],
      [60, 'John'],
      [90, 'John C'],
      [120, 'John Carter'],
    ] as const) {
      advanceTo(at);
      name.textContent = text;
      await new Promise((done) => setTimeout(done, 0)); // the observer's records are delivered
    }
    advanceTo(219);
    expect(onName).not.toHaveBeenCalled();
    advanceTo(220);
    expect(onName.mock.calls).toEqual([['John Carter']]);
    // One timer per quiet window, not one per commit.
    expect(armed.length).toBeLessThanOrEqual(3);
    watcher.stop();
  });

  test('follows a header React replaced, and notices one appearing later', async () => {
    document.body.innerHTML = '<div role="main"><p>Loading…</p></div>';
    const onName = vi.fn();
    const watcher = watchNames({ ...timers, debounceMs: 10 }, onName);
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

  test('a generic title read first is followed by the name React writes into the same heading (text-only change)', async () => {
    document.body.innerHTML = '<div role="main"><div><h2 dir="auto">Inbox</h2></div><div role="log" aria-label="Messages"><div>Hi</div></div></div>';
    const onName = vi.fn();
    const watcher = watchNames({ ...timers, debounceMs: 10 }, onName);
    document.querySelector('h2')!.firstChild!.nodeValue = 'Ana Silva';
    await settle();
    expect(onName).toHaveBeenLastCalledWith('Ana Silva');
    watcher.stop();
  });

  test('with a trusted name only the header is observed: the message log churning does not wake the watcher', async () => {
    loadIntoDocument('messenger-en.html');
    const read = vi.fn(() => readIdentity(document, { selectedItemId: null, clickedTarget: null, staleName: null }));
    const watcher = watchConversationHeader(document, { ...timers, debounceMs: 10, read, onReading: () => undefined });
    watcher.rescan();
    const log = document.querySelector('[data-fixture-log]')!;
    for (let index = 0; index < 5; index += 1) log.append(Object.assign(document.createElement('div'), { textContent: `message ${index}` }));
    await settle();
    expect(read).toHaveBeenCalledTimes(1);
    watcher.stop();
  });

  test('stops observing when stopped', async () => {
    loadIntoDocument('messenger-es.html');
    const onName = vi.fn();
    watchNames({ ...timers, debounceMs: 10 }, onName).stop();
    document.querySelector('[data-fixture-header-name]')!.textContent = 'Lucía Fernández';
    await settle();
    expect(onName).not.toHaveBeenCalled();
  });
});
