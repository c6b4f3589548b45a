// The container: store + banner + panel together, with the background mocked at `ask` and a manual clock.
import { readFileSync } from 'node:fs';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { storeWithPanel } from '../../tests/support/inbox-store';
import type { InboxStore } from '../../lib/conversation/inbox-store';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ProtocolFailure } from '../../lib/messaging/client';
import type { RequestOf, RequestType } from '../../lib/messaging/protocol';
import type { ThreadView } from '../../lib/threads/view';
import { parseInboxUrl } from '../../lib/inbox/url';
import { bundledPanel, FOLLOW_MAX_ASKS } from './panel-module';
import { InboxRoot, NAME_WAIT_MS, type Scheduler } from './InboxRoot';
import type { Ask } from '../../lib/messaging/client';
import { C, DAY, HOUR, MIN, facts, resolvedThread, stringsAnswer } from '../../tests/support/inbox';

afterEach(cleanup);

/** The line the content script passes from the extension's own locale files (public/_locales). */
const STRINGS_FAILED = Object.fromEntries(
  (['en', 'es'] as const).map((lang) => [
    lang,
    (JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Record<string, { message: string }>).inboxStringsFailed!.message,
  ]),
) as Record<'en' | 'es', string>;

const URL_A = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1045&selected_item_id=100029016673099&thread_type=FB_MESSAGE';

/** A clock the test moves; timers fire only when it passes them. */
function manualClock(start: number) {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; handler: () => void }>();
  const scheduler: Scheduler = {
    setTimeout(handler, ms) {
      const id = nextId++;
      timers.set(id, { at: now + ms, handler });
      return id;
    },
    clearTimeout(id) {
      timers.delete(id);
    },
  };
  return {
    scheduler,
    now: () => now,
    pending: () => timers.size,
    advanceTo(target: number) {
      // Bounded: each step fires the earliest due timer; a countdown schedules at most one at a time.
      for (let step = 0; step < 10_000; step += 1) {
        const due = [...timers.entries()].filter(([, timer]) => timer.at <= target).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        void act(() => due[1].handler());
      }
      now = target;
    },
  };
}

type Background = (request: RequestOf<RequestType>) => unknown;

/** Mounts the root on one conversation; `background` is the thread every read returns, or a handler for every ask. */
async function mount(background: ThreadView | Background, start: number, url = URL_A, displayName: string | null = 'Maria Lopez') {
  const clock = manualClock(start);
  const answer: Background = typeof background === 'function' ? background : (request) => (request.type === 'thread.get' ? background : undefined);
  const ask = vi.fn(async (request: RequestOf<RequestType>) => {
    if (request.type === 'ui.strings') return stringsAnswer(request.locale);
    return answer(request);
  }) as unknown as Ask;
  const store = storeWithPanel({
    ask,
    now: clock.now,
    newRequestId: () => crypto.randomUUID(),
    browserLanguage: 'en',
  });
  const onOpenOptions = vi.fn();
  render(
    <InboxRoot
      store={store}
      scheduler={clock.scheduler}
      onOpenOptions={onOpenOptions}
      panel={bundledPanel}
      timeZone="UTC"
      stringsFailedLine={STRINGS_FAILED.en}
    />,
  );
  await act(async () => {
    store.actions.showConversation(parseInboxUrl(url), displayName);
    // As the content script does: the settings (none here, so the browser's language) and then their words.
    await store.actions.loadSettings();
    await new Promise((resolve) => setTimeout(resolve, 0));
  });
  return { clock, store, ask, onOpenOptions };
}

describe('words from the background', () => {
  function mountWith(strings: (locale: 'en' | 'es') => Promise<unknown>) {
    const clock = manualClock(C + 3 * DAY);
    const ask = vi.fn(async (request: RequestOf<RequestType>) => {
      if (request.type === 'thread.get') return resolvedThread(facts());
      if (request.type === 'ui.strings') return strings(request.locale);
      throw new ProtocolFailure('no_reply', 'silent');
    }) as unknown as Ask;
    const store = storeWithPanel({
      ask,
      now: clock.now,
      newRequestId: () => crypto.randomUUID(),
      browserLanguage: 'es-AR',
    });
    render(
      <InboxRoot store={store} scheduler={clock.scheduler} onOpenOptions={vi.fn()} panel={bundledPanel} timeZone="UTC" stringsFailedLine={STRINGS_FAILED.en} />,
    );
    void act(() => store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez'));
    return store;
  }

  test('nothing is shown until they arrive, then the banner in that language', async () => {
    let release: () => void = () => undefined;
    const store = mountWith((locale) => new Promise((resolve) => (release = () => resolve(stringsAnswer(locale)))));
    const settingsRead = store.actions.loadSettings();
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.queryByTestId('reopen-banner')).toBeNull();
    expect(document.body.textContent).toBe('');
    await act(async () => {
      release();
      await settingsRead;
    });
    expect(screen.getByTestId('reopen-banner').dataset.window).toBe('human_agent');
    expect(screen.getByTestId('reopen-open').textContent).toBe('Reabrir conversación expirada');
  });

  test("they never arrive: the line from the extension's own locale files, no keys, no banner", async () => {
    const store = mountWith(() => Promise.reject(new ProtocolFailure('no_reply', 'silent')));
    await act(async () => {
      await store.actions.loadSettings();
    });
    expect(screen.queryByTestId('reopen-banner')).toBeNull();
    const line = screen.getByRole('alert');
    expect(line.dataset.testid).toBe('reopen-strings-failed');
    expect(line.textContent).toBe('Reopen could not load its texts. Reload the page to try again.');
    expect(STRINGS_FAILED.es).toBe('Reopen no pudo cargar sus textos. Recarga la página para intentarlo de nuevo.');
    expect(document.body.textContent).not.toMatch(/banner\.|common\.|panel\./);
  });
});

describe('the countdown', () => {
  test('ticks locally and crosses 24 h into human_agent without a reload or a call', async () => {
    const start = C + DAY - 2 * MIN - 30_000;
    const { clock, ask } = await mount(resolvedThread(facts()), start);
    const banner = () => screen.getByTestId('reopen-banner');
    expect(banner().dataset.window).toBe('open');
    expect(banner().textContent).toContain('closes in 2 min');
    expect(clock.pending()).toBe(1); // one timer, not a loop
    clock.advanceTo(start + 31_000);
    expect(banner().textContent).toContain('closes in 1 min');
    clock.advanceTo(C + DAY - 20_000);
    expect(banner().textContent).toContain('closes in 20 sec');
    clock.advanceTo(C + DAY);
    expect(banner().dataset.window).toBe('human_agent');
    expect(screen.getByTestId('reopen-open')).toBeTruthy();
    expect(vi.mocked(ask).mock.calls.filter(([request]) => request.type === 'thread.get')).toHaveLength(1);
  });

  test('the end of a cooldown re-enables reactivation on its own', async () => {
    const now = C + 3 * DAY;
    const { clock } = await mount(resolvedThread(facts({ attempts: [{ at: now - DAY + HOUR, status: 'sent' }] })), now);
    expect(screen.getByTestId('reopen-banner').dataset.cooldown).toBe('active');
    clock.advanceTo(now + HOUR);
    expect(screen.getByTestId('reopen-banner').dataset.cooldown).toBe('none');
  });
});

describe('"Check again"', () => {
  test("asks Meta past the background's cache and shows the customer's reply at once", async () => {
    const now = C + 3 * DAY;
    let replied = false;
    const { ask } = await mount(
      (request) => (request.type === 'thread.get' ? resolvedThread(facts(replied ? { customerLastMessageAt: now - MIN } : {})) : undefined),
      now,
    );
    expect(screen.getByTestId('reopen-banner').dataset.window).toBe('human_agent');
    replied = true;
    await act(async () => {
      fireEvent.click(screen.getByTestId('reopen-refresh'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    const reads = vi
      .mocked(ask)
      .mock.calls.map(([request]) => request)
      .filter((request) => request.type === 'thread.get');
    expect(reads.map((request) => (request as { refresh?: boolean }).refresh)).toEqual([undefined, true]);
    expect(screen.getByTestId('reopen-banner').dataset.window).toBe('open');
  });
});

describe("a page where the customer's name can't be read", () => {
  const candidates = [
    { psid: '7001', name: 'Noah Berg' },
    { psid: '7002', name: 'Ana Silva' },
  ];
  /** The background as it answers a nameless ask: it waits for the name unless asked to read Meta now. */
  const nameless: Background = (request) => {
    if (request.type !== 'thread.get') return undefined;
    if (request.displayName) return resolvedThread();
    return request.refresh
      ? { status: 'unresolved', pageId: '1045', reason: 'not_found', candidates }
      : { status: 'unresolved', pageId: '1045', reason: 'awaiting_name' };
  };
  const reads = (ask: Ask) =>
    vi
      .mocked(ask)
      .mock.calls.map(([request]) => request)
      .filter((request): request is RequestOf<'thread.get'> => request.type === 'thread.get');

  test('no name shows up: after a short wait the agent is told so and picks from the candidates', async () => {
    const { clock, ask } = await mount(nameless, C, URL_A, null);
    expect(screen.getByTestId('reopen-banner').textContent).toContain("waiting for the customer's name");
    await act(async () => {
      clock.advanceTo(C + NAME_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(reads(ask).map((request) => request.refresh)).toEqual([undefined, true]);
    const banner = screen.getByTestId('reopen-banner');
    expect(banner.textContent).toContain("Reopen couldn't read the customer's name on this page.");
    expect(banner.textContent).not.toContain('recent Messenger conversations');
    expect(screen.getAllByTestId('reopen-candidate').map((item) => item.dataset.psid)).toEqual(['7001', '7002']);
  });

  test('the name shows up in time: no extra read of Meta', async () => {
    const { clock, ask, store } = await mount(nameless, C, URL_A, null);
    await act(async () => {
      store.actions.showConversation(parseInboxUrl(URL_A), 'Maria Lopez');
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    clock.advanceTo(C + 10 * NAME_WAIT_MS);
    expect(reads(ask).map((request) => [request.displayName, request.refresh])).toEqual([
      [null, undefined],
      ['Maria Lopez', undefined],
    ]);
    expect(screen.getByTestId('reopen-banner').dataset.window).toBe('open');
  });
});

describe('panel and keyboard', () => {
  test('opening moves focus into the panel; Escape closes it and focus returns to the opener', async () => {
    await mount(resolvedThread(facts()), C + 3 * DAY);
    const opener = screen.getByTestId('reopen-open');
    opener.focus();
    fireEvent.click(opener);
    expect(screen.getByTestId('reopen-panel')).toBeTruthy();
    expect(opener.getAttribute('aria-expanded')).toBe('true');
    expect(document.activeElement?.id).toBe('reopen-panel-title');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('reopen-panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('reopen-open'));
  });

  test("the opener's title names the key the browser assigned (read from the background), and where to change it", async () => {
    await mount(
      (request) => (request.type === 'shortcut.get' ? { shortcut: 'Alt+Shift+O' } : request.type === 'thread.get' ? resolvedThread(facts()) : undefined),
      C + 3 * DAY,
    );
    const opener = screen.getByTestId('reopen-open');
    expect(opener.title).toBe("Keyboard shortcut: Alt+Shift+O (change it on the browser's extension shortcuts page)");
    expect(opener.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+O');
  });

  test('no key assigned: the title says so and how to set one; no aria-keyshortcuts', async () => {
    await mount(
      (request) => (request.type === 'shortcut.get' ? { shortcut: '' } : request.type === 'thread.get' ? resolvedThread(facts()) : undefined),
      C + 3 * DAY,
    );
    const opener = screen.getByTestId('reopen-open');
    expect(opener.title).toBe("No keyboard shortcut: set one on the browser's extension shortcuts page");
    expect(opener.hasAttribute('aria-keyshortcuts')).toBe(false);
  });

  test('the close button closes too', async () => {
    await mount(resolvedThread(facts()), C + 9 * DAY);
    fireEvent.click(screen.getByTestId('reopen-open'));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByTestId('reopen-panel')).toBeNull();
  });
});

describe('what is shown where', () => {
  test('comments and other thread types: no banner, no panel, no error', async () => {
    await mount(resolvedThread(), C, URL_A.replace('FB_MESSAGE', 'FB_COMMENT'));
    expect(screen.queryByTestId('reopen-banner')).toBeNull();
  });

  test('Instagram, 3 days after the customer wrote: the same banner, and only Human Agent can be picked', async () => {
    const instagram = facts({ platform: 'instagram' });
    await mount(resolvedThread(instagram), C + 3 * DAY, URL_A.replace('FB_MESSAGE', 'IG_MESSAGE'), 'insta.shopper');
    const banner = screen.getByTestId('reopen-banner');
    expect(banner.getAttribute('data-window')).toBe('human_agent');
    fireEvent.click(screen.getByTestId('reopen-open'));
    const tags = screen.getAllByTestId('reopen-tag');
    const enabled = tags.filter((tag) => tag.getAttribute('aria-disabled') === 'false').map((tag) => tag.getAttribute('data-tag'));
    expect(enabled).toEqual(['HUMAN_AGENT']);
    expect(tags).toHaveLength(6);
    const feedback = tags.find((tag) => tag.getAttribute('data-tag') === 'CUSTOMER_FEEDBACK')!;
    expect(feedback.hasAttribute('disabled')).toBe(true);
    expect(document.getElementById('reopen-tag-reason-CUSTOMER_FEEDBACK')!.textContent).toMatch(/^Not available on Instagram/);
    expect(document.getElementById('reopen-tag-reason-UTILITY')!.textContent).toMatch(/^Not available on Instagram/);
    // One line names what Meta allows there; the five others and the one explanation wait inside a closed <details>.
    expect(screen.getByTestId('reopen-platform-routes').textContent).toBe('On Instagram, Meta allows only: Human agent.');
    const details = screen.getByTestId<HTMLDetailsElement>('reopen-platform-details');
    expect(details.open).toBe(false);
    expect(details.querySelector('summary')!.textContent).toBe('Why not the other 5 routes');
    expect(details.contains(feedback)).toBe(true);
    expect(screen.getByTestId('reopen-panel').textContent.split("Meta's Instagram messaging accepts only").length - 1).toBe(1);
  });

  test('Instagram after 7 days: the banner says nothing can be sent there (no utility message either)', async () => {
    await mount(resolvedThread(facts({ platform: 'instagram' })), C + 8 * DAY, URL_A.replace('FB_MESSAGE', 'IG_MESSAGE'), 'insta.shopper');
    const banner = screen.getByTestId('reopen-banner');
    expect(banner.getAttribute('data-window')).toBe('closed');
    expect(banner.textContent).toContain('On Instagram nothing can be sent through the Send API now');
    expect(banner.textContent).not.toContain('utility message from an approved template');
  });

  test('Page not connected: the fix opens the options page', async () => {
    const { onOpenOptions } = await mount({ status: 'unresolved', pageId: '1045', reason: 'page_not_connected' }, C);
    fireEvent.click(screen.getByRole('button', { name: 'Connect this Page' }));
    expect(onOpenOptions).toHaveBeenCalledOnce();
  });

  test('floating mode marks the root so it is positioned bottom-right', async () => {
    const { store } = await mount(resolvedThread(), C);
    void act(() => store.actions.setFloating(true));
    expect(screen.getByTestId('reopen-banner').closest('.reopen-root--floating')).toBeTruthy();
  });
});

describe('the outcome of a send', () => {
  const settle = () =>
    act(async () => {
      for (let turn = 0; turn < 5; turn += 1) await new Promise((resolve) => setTimeout(resolve, 0));
    });

  /** A send that Meta refuses with 190: the Page then needs reconnecting, so the re-read thread is unresolved. */
  async function failWith190() {
    const now = C + 3 * DAY;
    let tokenExpired = false;
    const mounted = await mount((request) => {
      if (request.type === 'reopen.send') {
        tokenExpired = true;
        return { requestId: request.requestId, outcome: 'failed', at: now, error: { kind: 'token_invalid', retryable: false, code: 190, subcode: 463 } };
      }
      if (request.type === 'thread.get') {
        return tokenExpired ? { status: 'unresolved', pageId: '1045', reason: 'page_needs_reconnect' } : resolvedThread(facts());
      }
      return undefined;
    }, now);
    fireEvent.click(screen.getByTestId('reopen-open'));
    fireEvent.input(screen.getByTestId('reopen-text'), { target: { value: 'Your corrected invoice is ready.' } });
    fireEvent.click(screen.getByTestId('reopen-send'));
    await settle();
    return mounted;
  }

  test('a 190 stays on screen with its code and explanation after the thread turns unresolved', async () => {
    await failWith190();
    expect(screen.getByTestId('reopen-banner').dataset.window).toBe('unknown');
    expect(screen.getByTestId('reopen-banner').textContent).toContain("this Page's connection to Reopen has expired");
    const result = screen.getByTestId('reopen-result');
    expect(result.dataset.outcome).toBe('failed');
    expect(result.dataset.errorCode).toBe('190');
    expect(result.dataset.errorSubcode).toBe('463');
    expect(result.textContent).toContain("Not sent: This Page's access token is no longer valid");
    expect(result.textContent).toContain("Reconnect this Page in Reopen's options.");
    // The panel it replaced had the focus: it lands on the outcome's heading, not on the page.
    expect(document.activeElement?.textContent).toBe('Your last reactivation attempt');
  });

  test('the agent dismisses it; it is gone and stays gone', async () => {
    const { store } = await failWith190();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByTestId('reopen-result')).toBeNull();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reconnect this Page' }));
    await act(() => store.actions.refresh());
    expect(screen.queryByTestId('reopen-result')).toBeNull();
  });

  test('switching conversation clears it', async () => {
    const { store } = await failWith190();
    await act(async () => {
      store.actions.showConversation(parseInboxUrl(URL_A.replace('100029016673099', '61584041913037')), null);
    });
    await settle();
    expect(screen.queryByTestId('reopen-result')).toBeNull();
  });
});

describe('following the reconciliation of an unknown send', () => {
  const SENT = C + 3 * DAY;
  const attempt = (state: 'checking' | 'found', reads: number, nextReadAt?: number) => ({
    requestId: 'first',
    at: SENT,
    route: 'HUMAN_AGENT' as const,
    status: state === 'found' ? ('sent' as const) : ('unknown' as const),
    reconciliation: { state, reads, ...(nextReadAt !== undefined ? { nextReadAt } : {}) },
  });
  const threadWith = (view: ReturnType<typeof attempt>) =>
    resolvedThread(facts({ attempts: [{ at: SENT, status: view.status, requestId: 'first' }] }), { recentAttempts: [view] });

  test('asks for the thread a moment after each read is due, shows "found", then stops asking', async () => {
    let reads = 0;
    const { clock, store, ask } = await mount((request) => {
      if (request.type !== 'thread.get') return undefined;
      reads += 1;
      // The background's first read (5 s after the answer) finds the message.
      return reads < 2 ? threadWith(attempt('checking', 0, SENT + 5_000)) : threadWith(attempt('found', 1));
    }, SENT + 1_000);
    await act(async () => store.actions.openPanel());
    expect(screen.getByTestId('reopen-reconcile').dataset.state).toBe('checking');
    const asked = () => vi.mocked(ask).mock.calls.filter(([request]) => request.type === 'thread.get').length;
    expect(asked()).toBe(1);
    await act(async () => clock.advanceTo(SENT + 5_000 + 1_499));
    expect(asked()).toBe(1);
    await act(async () => {
      clock.advanceTo(SENT + 5_000 + 1_500);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(asked()).toBe(2);
    expect(screen.getByTestId('reopen-reconcile').dataset.state).toBe('found');
    await act(async () => clock.advanceTo(SENT + 10 * MIN));
    expect(asked()).toBe(2);
  });

  test('a background that never settles it is asked a bounded number of times', async () => {
    const { clock, store, ask } = await mount(threadWith(attempt('checking', 1, SENT + 30_000)), SENT + 10_000);
    await act(async () => store.actions.openPanel());
    for (let minute = 1; minute <= 30; minute += 1) {
      await act(async () => {
        clock.advanceTo(SENT + minute * MIN);
        await new Promise((resolve) => setTimeout(resolve, 0));
      });
    }
    const asked = vi.mocked(ask).mock.calls.filter(([request]) => request.type === 'thread.get').length;
    expect(asked).toBeLessThanOrEqual(1 + FOLLOW_MAX_ASKS);
    expect(asked).toBeGreaterThan(1);
  });
});

describe('the draft survives (per conversation, in memory)', () => {
  const URL_B = URL_A.replace('100029016673099', '100029016673100');
  const threads = (request: RequestOf<RequestType>) => {
    if (request.type !== 'thread.get') return undefined;
    return request.selectedItemId === '100029016673100' ? resolvedThread(facts(), { psid: '7002', customerName: 'Ana Ruiz' }) : resolvedThread(facts());
  };
  const show = async (store: InboxStore, url: string, name: string) => {
    await act(async () => {
      store.actions.showConversation(parseInboxUrl(url), name);
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
  };
  const open = () => fireEvent.click(screen.getByTestId('reopen-open'));
  const text = () => screen.getByTestId<HTMLTextAreaElement>('reopen-text');

  test('Escape in the text field closes the panel and keeps the text; opening again shows it', async () => {
    await mount(threads, C + 3 * DAY);
    open();
    text().focus();
    fireEvent.input(text(), { target: { value: 'Your refund was approved yesterday.' } });
    fireEvent.keyDown(text(), { key: 'Escape' });
    expect(screen.queryByTestId('reopen-panel')).toBeNull();
    expect(document.activeElement).toBe(screen.getByTestId('reopen-open'));
    open();
    expect(text().value).toBe('Your refund was approved yesterday.');
  });

  test('Escape while an input method composes does not close the panel', async () => {
    await mount(threads, C + 3 * DAY);
    open();
    fireEvent.input(text(), { target: { value: 'にほん' } });
    fireEvent.keyDown(text(), { key: 'Escape', isComposing: true });
    expect(screen.getByTestId('reopen-panel')).toBeTruthy();
    expect(text().value).toBe('にほん');
  });

  test('the route picked and the feedback fields survive the close button', async () => {
    await mount(threads, C + 3 * DAY);
    open();
    fireEvent.click(screen.getByRole('button', { name: /Customer feedback/ }));
    fireEvent.input(screen.getByLabelText('Title'), { target: { value: 'How did we do?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    open();
    expect(screen.getByRole('button', { name: /Customer feedback/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByLabelText<HTMLInputElement>('Title').value).toBe('How did we do?');
  });

  test('each conversation keeps its own draft across a switch away and back', async () => {
    const { store } = await mount(threads, C + 3 * DAY);
    open();
    fireEvent.input(text(), { target: { value: 'For Maria: your parcel left today.' } });
    await show(store, URL_B, 'Ana Ruiz');
    expect(screen.queryByTestId('reopen-panel')).toBeNull();
    open();
    expect(text().value).toBe('');
    fireEvent.input(text(), { target: { value: 'For Ana: the size you asked for is back.' } });
    await show(store, URL_A, 'Maria Lopez');
    open();
    expect(text().value).toBe('For Maria: your parcel left today.');
    await show(store, URL_B, 'Ana Ruiz');
    open();
    expect(text().value).toBe('For Ana: the size you asked for is back.');
  });

  test('a message that was sent is no draft any more: the panel opens empty again', async () => {
    await mount(
      (request) => {
        if (request.type === 'reopen.send') return { requestId: request.requestId, outcome: 'sent', at: C + 3 * DAY, messageId: 'm_1' };
        return threads(request);
      },
      C + 3 * DAY,
    );
    open();
    fireEvent.input(text(), { target: { value: 'Your corrected invoice is ready.' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('reopen-send'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByTestId('reopen-result').dataset.outcome).toBe('sent');
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    open();
    expect(text().value).toBe('');
  });
});
