// Timers for the content script that end with its context, without a listener per timer, and the frame pacer of the
// row badges' passes. WXT's ctx.setTimeout registers an invalidation listener on every call and never removes it, so
// the countdown and the header watcher, which set timers all day, would pile them up in a long-lived inbox tab. Here
// the pending timers are tracked and cleared once when the context is invalidated.

export interface ContentContext {
  readonly isValid: boolean;
  onInvalidated(callback: () => void): unknown;
}

export interface ContextTimers {
  setTimeout: (handler: () => void, ms: number) => number;
  clearTimeout: (id: number) => void;
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

export interface PaceDeps {
  now(): number;
  frame(run: () => void): void;
  /** A timer; `ms` of 0 or less means as soon as may be. */
  later(run: () => void, ms: number): void;
}

/** The badges' requestFrame, paced: a pass runs at the first frame once the last one is `gapMs` old (a list
 *  re-rendered now and then is badged at once). A list re-rendered continuously (a fast scroll, a jump, a churning
 *  inbox: a commit every few milliseconds) gets one pass per gap instead of one per commit, each over the cards shown
 *  then: cards mounted and gone within the gap, which no one could have read, cost no name walk and no badge. */
export function pacedFrames(gapMs: number, deps: PaceDeps): (run: () => void) => void {
  // (0: long ago, on the clocks it is given: performance.now() counts from the page's load.)
  let last = 0;
  return (run) =>
    deps.later(
      () =>
        deps.frame(() => {
          last = deps.now();
          run();
        }),
      last + gapMs - deps.now(),
    );
}
