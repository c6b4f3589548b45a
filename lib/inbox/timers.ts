// Timers for the content script that end with its context, without a listener per timer. WXT's
// ctx.setTimeout registers an invalidation listener on every call and never removes it, so the countdown
// and the header watcher, which set timers all day, would pile them up in a long-lived inbox tab. Here the
// pending timers are tracked and cleared once when the context is invalidated.

export interface ContentContext {
  readonly isValid: boolean;
  onInvalidated(callback: () => void): unknown;
}

export interface ContextTimers {
  setTimeout(handler: () => void, ms: number): number;
  clearTimeout(id: number): void;
}

export function createContextTimers(ctx: ContentContext): ContextTimers {
  const pending = new Set<number>();
  ctx.onInvalidated(() => {
    for (const id of pending) clearTimeout(id);
    pending.clear();
  });
  return {
    setTimeout(handler, ms) {
      const id = window.setTimeout(() => {
        pending.delete(id);
        if (ctx.isValid) handler();
      }, ms);
      pending.add(id);
      return id;
    },
    clearTimeout(id) {
      pending.delete(id);
      window.clearTimeout(id);
    },
  };
}
