import { afterEach, describe, expect, it, vi } from 'vitest';
import { followInboxRoute, type RouteContext, type SessionContext } from './route-session';

const INBOX = 'https://business.facebook.com/latest/inbox?asset_id=1';
const THREAD = 'https://business.facebook.com/latest/inbox/messenger?asset_id=1&selected_item_id=2';
const HOME = 'https://business.facebook.com/latest/home?asset_id=1';

/** The content script's context, with the route announced by the test (as WXT's wxt:locationchange would). */
function rootContext() {
  const controller = new AbortController();
  let onLocation: ((event: Event & { newUrl: URL }) => void) | null = null;
  const root = {
    get isValid() {
      return !controller.signal.aborted;
    },
    signal: controller.signal,
    onInvalidated(callback: () => void) {
      controller.signal.addEventListener('abort', callback);
      return () => controller.signal.removeEventListener('abort', callback);
    },
    addEventListener: ((_target: EventTarget, type: string, handler: (event: Event & { newUrl: URL }) => void) => {
      if (type === 'wxt:locationchange') onLocation = handler;
    }) as RouteContext['addEventListener'],
    setInterval: (handler: () => void, ms: number) => window.setInterval(handler, ms),
    setTimeout: (handler: () => void, ms: number) => window.setTimeout(handler, ms),
  } satisfies RouteContext;
  return {
    root,
    invalidate: () => controller.abort(),
    navigate(url: string) {
      href = url;
      onLocation?.(Object.assign(new Event('wxt:locationchange'), { newUrl: new URL(url) }));
    },
  };
}

let href = HOME;

afterEach(() => {
  vi.useRealTimers();
});

describe('followInboxRoute', () => {
  it('starts nothing off the inbox, one session when the route becomes the inbox, and ends it when the route leaves', () => {
    vi.useFakeTimers();
    href = HOME;
    const route = rootContext();
    const sessions: SessionContext[] = [];
    followInboxRoute(route.root, {
      href: () => href,
      isInbox: (url) => url.includes('/latest/inbox'),
      rendered: () => true,
      start: (s) => void sessions.push(s),
    });
    route.navigate(THREAD);
    route.navigate(INBOX); // a second announcement before the first start: still one session
    vi.runAllTimers();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]!.isValid).toBe(true);

    const ended = vi.fn();
    sessions[0]!.onInvalidated(ended);
    route.navigate(HOME);
    expect(ended).toHaveBeenCalledOnce();
    expect(sessions[0]!.isValid).toBe(false);
    route.navigate(THREAD);
    vi.runAllTimers();
    expect(sessions).toHaveLength(2);
    expect(sessions[1]!.isValid).toBe(true);
  });

  it('passes switches within the inbox to the session, and ends its listeners with it', () => {
    vi.useFakeTimers();
    href = INBOX;
    const route = rootContext();
    let session: SessionContext | null = null;
    followInboxRoute(route.root, { href: () => href, isInbox: (url) => url.includes('/latest/inbox'), rendered: () => true, start: (s) => (session = s) });
    const switches = vi.fn();
    const clicks = vi.fn();
    session!.addEventListener(window, 'wxt:locationchange', (event) => switches(event.newUrl.href));
    session!.addEventListener(document, 'click', clicks);
    route.navigate(THREAD);
    expect(switches).toHaveBeenCalledWith(THREAD);
    document.body.click();
    expect(clicks).toHaveBeenCalledOnce();

    route.navigate(HOME);
    document.body.click();
    route.navigate(INBOX);
    expect(clicks).toHaveBeenCalledOnce();
    expect(switches).toHaveBeenCalledOnce();
  });

  it('a navigation that leaves before the start was due starts nothing; the content script ending ends the session', () => {
    vi.useFakeTimers();
    href = HOME;
    const route = rootContext();
    const start = vi.fn();
    followInboxRoute(route.root, { href: () => href, isInbox: (url) => url.includes('/latest/inbox'), rendered: () => true, start });
    route.navigate(THREAD);
    route.navigate(HOME);
    vi.runAllTimers();
    expect(start).not.toHaveBeenCalled();

    route.navigate(THREAD);
    vi.runAllTimers();
    const session = start.mock.calls[0]![0] as SessionContext;
    route.invalidate();
    expect(session.isValid).toBe(false);
  });
});
