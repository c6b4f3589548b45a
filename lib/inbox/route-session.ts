// Business Suite is one page app: agents reach the inbox from its home or another section by history.pushState, and
// leave it the same way. The content script runs on every Business Suite route (manifest `matches`) and follows the
// route (WXT's wxt:locationchange: the Navigation API in Chromium, a 1 s poll elsewhere); on any route that is not the
// inbox it does nothing else. When the route becomes the inbox it starts one session, the inbox UI with its observers
// and timers, all tied to the session's context; when the route leaves the inbox the context ends and takes them all
// with it (WXT's own ContentScriptContext, ended early). There is never more than one session.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LEXICAL_EDITOR, MESSAGE_LOG, THREAD_LIST_PAGELET } from './page-geometry';

/** How long an in-app arrival waits for the inbox to render before the session starts anyway (a layout Reopen does
 *  not know renders none of the marks below; the session then finds what it can, as on a load). */
export const RENDER_WAIT_MS = 5000;

/** The inbox has rendered: its conversation list, its reply box or a message log is in the document. Business Suite
 *  changes the address first and renders after, and the session's watchers start from what the document shows. */
export function inboxRendered(doc: Document): boolean {
  return doc.querySelector(`${THREAD_LIST_PAGELET}, ${LEXICAL_EDITOR}, ${MESSAGE_LOG}`) !== null;
}

/** What a session needs of a content script context: WXT's ContentScriptContext has it, and so does a session. */
export interface SessionContext {
  readonly isValid: boolean;
  readonly signal: AbortSignal;
  onInvalidated(callback: () => void): () => void;
  addEventListener: ContentScriptContext['addEventListener'];
  setInterval(handler: () => void, ms: number): number;
}

/** The root context the route is followed from (the content script's). */
export interface RouteContext extends SessionContext {
  setTimeout(handler: () => void, ms: number): number;
}

export interface RouteSessionOptions {
  /** The current URL (window.location.href). */
  href(): string;
  /** True for a URL the inbox UI serves. */
  isInbox(url: string): boolean;
  /** True once the inbox has rendered (inboxRendered); until then an arrival waits, at most RENDER_WAIT_MS. */
  rendered(): boolean;
  /** Starts the inbox UI in `session`: everything it sets up must end with the session's context. */
  start(session: SessionContext): void;
}

/** A context that ends when its parent does, or earlier (`end`). Its wxt:locationchange listeners are called by the
 *  route follower while it is the running session (`dispatchLocation`), so ending it leaves no listener on the page;
 *  its other listeners and intervals end with its signal. */
function childContext(parent: Pick<SessionContext, 'onInvalidated'>) {
  const controller = new AbortController();
  const { signal } = controller;
  const locationHandlers: ((event: Event) => void)[] = [];
  const end = () => controller.abort();
  parent.onInvalidated(end);
  const onInvalidated = (callback: () => void) => {
    signal.addEventListener('abort', callback);
    return () => signal.removeEventListener('abort', callback);
  };
  const context: SessionContext = {
    get isValid() {
      return !signal.aborted;
    },
    signal,
    onInvalidated,
    addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions) {
      if (type === 'wxt:locationchange') locationHandlers.push(handler);
      else target.addEventListener(type, handler, { ...options, signal });
    },
    setInterval(handler, ms) {
      const id = window.setInterval(handler, ms);
      onInvalidated(() => window.clearInterval(id));
      return id;
    },
  };
  return { context, end, dispatchLocation: (event: Event) => locationHandlers.forEach((handler) => handler(event)) };
}

/** Follows Business Suite's route from `root` and keeps one inbox session running while the route is the inbox. */
export function followInboxRoute(root: RouteContext, options: RouteSessionOptions): void {
  let session: ReturnType<typeof childContext> | null = null;
  // An arrival before the inbox rendered waits for it (one observer of the document, bounded; only on the inbox route).
  let waiting: MutationObserver | null = null;
  let pending = false;
  const inbox = () => root.isValid && options.isInbox(options.href());

  const start = () => {
    waiting?.disconnect();
    waiting = null;
    if (session || !inbox()) return;
    const child = (session = childContext(root));
    child.context.onInvalidated(() => session === child && (session = null));
    options.start(child.context);
  };
  const startIfInbox = () => {
    if (session || waiting || !inbox()) return;
    if (options.rendered()) return start();
    waiting = new MutationObserver(() => options.rendered() && start());
    waiting.observe(document, { childList: true, subtree: true });
    root.setTimeout(() => waiting && start(), RENDER_WAIT_MS);
  };

  root.addEventListener(window, 'wxt:locationchange', (event) => {
    if (!options.isInbox(event.newUrl.href)) {
      waiting?.disconnect();
      waiting = null;
      return session?.end();
    }
    if (session) return session.dispatchLocation(event);
    if (pending) return;
    // The Navigation API announces a pushState before the address changes: start once it has (the session reads
    // the page's own URL, as at load).
    pending = true;
    root.setTimeout(() => {
      pending = false;
      startIfInbox();
    }, 0);
  });
  startIfInbox();
}
