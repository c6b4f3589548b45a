// Business Suite is one page app: agents reach the inbox from its home or another section by history.pushState, and
// leave it the same way. The content script runs on every Business Suite route (manifest `matches`) and follows the
// route (WXT's wxt:locationchange: the Navigation API in Chromium, a 1 s poll elsewhere); on any route that is not the
// inbox it does nothing else. When the route becomes the inbox it starts one session, the inbox UI with its observers
// and timers, all tied to the session's context; when the route leaves the inbox the context ends and takes them all
// with it (WXT's own ContentScriptContext, ended early). There is never more than one session.
import type { ContentScriptContext } from 'wxt/utils/content-script-context';

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
  /** Starts the inbox UI in `session`: everything it sets up must end with the session's context. */
  start(session: SessionContext): void;
}

/** A context that ends when its parent does, or earlier (`end`). Its wxt:locationchange listeners are called by the
 *  route follower (`dispatchLocation`), so ending it leaves no listener on the page. */
function childContext(parent: SessionContext) {
  const controller = new AbortController();
  const locationHandlers = new Set<(event: Event) => void>();
  const end = () => {
    if (!controller.signal.aborted) controller.abort('Reopen left the inbox');
  };
  const unlink = parent.onInvalidated(end);
  controller.signal.addEventListener('abort', () => {
    unlink();
    locationHandlers.clear();
  });
  const context: SessionContext = {
    get isValid() {
      return parent.isValid && !controller.signal.aborted;
    },
    signal: controller.signal,
    onInvalidated(callback) {
      controller.signal.addEventListener('abort', callback);
      return () => controller.signal.removeEventListener('abort', callback);
    },
    addEventListener(target: EventTarget, type: string, handler: (event: Event) => void, options?: AddEventListenerOptions) {
      if (controller.signal.aborted) return;
      if (type === 'wxt:locationchange') {
        locationHandlers.add(handler);
        return;
      }
      target.addEventListener(type, handler, { ...options, signal: controller.signal });
    },
    setInterval(handler, ms) {
      const id = window.setInterval(() => context.isValid && handler(), ms);
      context.onInvalidated(() => window.clearInterval(id));
      return id;
    },
  };
  return {
    context,
    end,
    dispatchLocation(event: Event) {
      for (const handler of [...locationHandlers]) handler(event);
    },
  };
}

/** Follows Business Suite's route from `root` and keeps one inbox session running while the route is the inbox. */
export function followInboxRoute(root: RouteContext, options: RouteSessionOptions): void {
  let session: ReturnType<typeof childContext> | null = null;
  let pending = false;

  const startIfInbox = () => {
    if (session || !root.isValid || !options.isInbox(options.href())) return;
    const child = childContext(root);
    session = child;
    child.context.onInvalidated(() => {
      if (session === child) session = null;
    });
    options.start(child.context);
  };

  root.addEventListener(window, 'wxt:locationchange', (event) => {
    const inbox = options.isInbox(event.newUrl.href);
    if (session && !inbox) return session.end();
    if (session) return session.dispatchLocation(event);
    if (!inbox || pending) return;
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
