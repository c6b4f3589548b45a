import { afterEach, describe, expect, test } from 'vitest';
import type { LayoutHealth } from '../inbox/layout-health';
import { parseInboxUrl } from '../inbox/url';
import { HEADER_DEBOUNCE_MS, PANE_DEBOUNCE_MS, trackConversation } from './conversation-tracker';
import type { InboxStore, NameHint } from './inbox-store';
import type { PaneReading } from '../inbox/schema';

// The content script's conversation tracker on a small inbox page: which conversation the store is told about, with
// which name, and what is left alone.

const INBOX = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&thread_type=FB_MESSAGE';
const url = (selectedItemId: string) => `${INBOX}&selected_item_id=${selectedItemId}`;

/** A pane heading and a list of two cards, each linking to its conversation (or, `links: false`, not saying which
 *  conversation it is, as in the 2026 layout). */
function page(heading: string, { links = true } = {}) {
  const card = (id: string, name: string) => (links ? `<a href="${url(id)}">${name}</a>` : `<span>${name}</span>`);
  document.body.innerHTML = `
    <div role="grid" aria-label="Conversations">
      <div role="row">${card('111', 'Ana Ruiz')}</div>
      <div role="row">${card('222', 'Bruno Diaz')}</div>
    </div>
    <div role="main"><h2 id="heading">${heading}</h2><div contenteditable="true" role="textbox" aria-label="Reply"></div></div>`;
}

type TrackerContext = Parameters<typeof trackConversation>[0];

/** The parts of WXT's context the tracker uses: listeners that end with it, as WXT's do. */
function fakeContext(): TrackerContext & { end(): void } {
  const controller = new AbortController();
  const invalidated: (() => void)[] = [];
  const context = {
    addEventListener: (target: EventTarget, type: string, handler: EventListener, options?: AddEventListenerOptions) =>
      target.addEventListener(type, handler, { ...options, signal: controller.signal }),
    onInvalidated: (callback: () => void) => {
      invalidated.push(callback);
      return () => {};
    },
    end: () => {
      controller.abort();
      invalidated.forEach((callback) => callback());
    },
  };
  return context;
}

/** Business Suite moves to another URL (happy-dom's own setter: its history refuses another origin's address). */
function navigate(to: string) {
  (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(to);
  window.dispatchEvent(Object.assign(new Event('wxt:locationchange'), { newUrl: new URL(to), oldUrl: new URL(INBOX) }));
}

function fakeStore() {
  const shown: { selectedItemId: string | null; name: string | null; hint: NameHint | undefined }[] = [];
  const panes: (PaneReading | null)[] = [];
  let displayName: string | null = null;
  const store = {
    getState: () => ({ displayName }),
    actions: {
      showPane: (pane: PaneReading | null) => panes.push(pane),
      showConversation: (location: { selectedItemId: string | null } | null, name: string | null, hint?: NameHint, pane?: PaneReading | null) => {
        shown.push({ selectedItemId: location?.selectedItemId ?? null, name, hint });
        if (pane !== undefined) panes.push(pane);
        displayName = name;
      },
    },
  } as unknown as Pick<InboxStore, 'actions' | 'getState'>;
  return { store, shown, panes };
}

const timers = { setTimeout: (run: () => void, ms: number) => window.setTimeout(run, ms), clearTimeout: (id: number) => window.clearTimeout(id) };
const settle = () => new Promise((resolve) => setTimeout(resolve, HEADER_DEBOUNCE_MS + 50));

let context = fakeContext();
afterEach(() => {
  context.end();
  context = fakeContext();
  document.body.innerHTML = '';
});

describe('trackConversation', () => {
  test("tells the store the URL's conversation and the name the page shows, at once", () => {
    page('Ana Ruiz');
    navigate(url('111'));
    const { store, shown } = fakeStore();
    trackConversation(context, store, timers, () => {});
    expect(shown).toEqual([{ selectedItemId: '111', name: 'Ana Ruiz', hint: { status: 'trusted', conflicting: [] } }]);
  });

  test("after a switch, the previous customer's name still on screen is not taken for the new one; the real one is, once it renders", async () => {
    page('Ana Ruiz', { links: false });
    navigate(url('111'));
    const { store, shown } = fakeStore();
    trackConversation(context, store, timers, () => {});
    navigate(url('222'));
    // The pane still says "Ana Ruiz" and no card says it is the selected one: the name is stale, Reopen waits.
    expect(shown.at(-1)).toEqual({ selectedItemId: '222', name: null, hint: { status: 'waiting', conflicting: [] } });
    document.getElementById('heading')!.textContent = 'Bruno Diaz';
    await settle();
    expect(shown.at(-1)).toMatchObject({ selectedItemId: '222', name: 'Bruno Diaz' });
  });

  test("the card the agent clicked just before the switch proves the name, even one equal to the previous customer's", () => {
    page('Ana Ruiz', { links: false });
    document.querySelectorAll('[role="row"] span')[1]!.textContent = 'Ana Ruiz';
    navigate(url('111'));
    const { store, shown } = fakeStore();
    trackConversation(context, store, timers, () => {});
    document.querySelectorAll('[role="row"] span')[1]!.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    navigate(url('222'));
    expect(shown.at(-1)).toMatchObject({ selectedItemId: '222', name: 'Ana Ruiz' });
  });

  test("the pane's messages are reported, but not the previous conversation's still on screen after a switch", async () => {
    page('Ana Ruiz', { links: false });
    const main = document.querySelector('[role="main"]')!;
    main.insertAdjacentHTML(
      'beforeend',
      '<div role="log" aria-label="Messages"><div><div dir="auto">Can you hold the order?</div><span>5 d</span></div></div>',
    );
    navigate(url('111'));
    const { store, panes } = fakeStore();
    trackConversation(context, store, timers, () => {});
    expect(panes.at(-1)).toMatchObject({ status: 'read', messages: [{ text: 'Can you hold the order?' }] });
    navigate(url('222'));
    expect(panes.at(-1)).toBeNull();
    document.querySelector('[dir="auto"]')!.textContent = 'Do you ship to Canarias?';
    await new Promise((resolve) => setTimeout(resolve, PANE_DEBOUNCE_MS + 80));
    expect(panes.at(-1)).toMatchObject({ status: 'read', messages: [{ text: 'Do you ship to Canarias?' }] });
  });

  test("a pane that shows the new conversation's messages by the time the URL changes is reported at once", () => {
    page('Ana Ruiz', { links: false });
    document
      .querySelector('[role="main"]')!
      .insertAdjacentHTML('beforeend', '<div role="log" aria-label="Messages"><div><div dir="auto">Can you hold the order?</div><span>5 d</span></div></div>');
    navigate(url('111'));
    const { store, panes } = fakeStore();
    trackConversation(context, store, timers, () => {});
    document.querySelector('[dir="auto"]')!.textContent = 'Do you ship to Canarias?';
    navigate(url('222'));
    expect(panes.at(-1)).toMatchObject({ status: 'read', messages: [{ text: 'Do you ship to Canarias?' }] });
  });

  test('a URL change within the same conversation is not a switch', () => {
    page('Ana Ruiz');
    navigate(url('111'));
    const { store, shown } = fakeStore();
    trackConversation(context, store, timers, () => {});
    navigate(`${url('111')}&mailbox_id=1045`);
    expect(shown).toHaveLength(1);
  });

  test('the layout is reported once while it says the same thing, and again when it changes', () => {
    page('Ana Ruiz');
    navigate(url('111'));
    const reports: LayoutHealth[] = [];
    const check = trackConversation(context, fakeStore().store, timers, (report) => reports.push(report));
    check();
    check();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ floating: false, identity: { source: 'paneHeading', status: 'trusted' } });
    document.querySelector('[contenteditable]')!.remove();
    check();
    expect(reports.map((report) => report.floating)).toEqual([false, true]);
  });

  test('nothing is followed once the context ends', () => {
    page('Ana Ruiz');
    navigate(url('111'));
    const { store, shown } = fakeStore();
    const ended = fakeContext();
    trackConversation(ended, store, timers, () => {});
    ended.end();
    navigate(url('222'));
    expect(shown).toHaveLength(1);
    expect(parseInboxUrl(window.location.href)?.selectedItemId).toBe('222');
  });
});
