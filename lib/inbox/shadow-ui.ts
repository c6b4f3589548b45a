// Reopen's UI in an open shadow root beside Business Suite's nodes: the part of WXT's createShadowRootUi that Reopen
// uses (inline position, an anchor with `before`/`last`, keyboard events kept inside, the content script's CSS
// loaded into the root with `:root` read as `:host`), in a fraction of its size. WXT's version also carries the
// overlay and modal positions, autoMount, document-level @property rules and a Unicode custom-element-name check,
// none of which Reopen uses, and the content script runs in every inbox tab under a 20 KB gzip budget
// (scripts/bench/bundle.bench.ts). Removal is tied to the content script's context, as WXT's is. The stylesheet is
// read once (loadUiCss) and shared by every shadow root Reopen puts in the page; the row badges take their rules from
// it into one stylesheet of the document (lib/inbox/row-badges.ts).

/** What the content script context offers that the UI needs (WXT's ContentScriptContext). */
export interface UiContext {
  onInvalidated(callback: () => void): unknown;
}

export interface ShadowUiOptions<T> {
  /** The host element's tag name (a custom element name: lower case, with a hyphen). */
  name: string;
  /** The element the UI goes next to or into, looked up at each mount. */
  anchor: () => Element | null;
  append: 'before' | 'last';
  /** The content script's stylesheet, as loadUiCss read it. */
  css: string;
  onMount(container: HTMLElement): T;
  onRemove?(mounted: T | undefined): void;
}

export interface ShadowUi<T> {
  readonly shadowHost: HTMLElement;
  readonly mounted: T | undefined;
  mount(): void;
  remove(): void;
}

/** Key events typed into Reopen's fields must not reach Business Suite's shortcuts. */
const ISOLATED_EVENTS = ['keydown', 'keyup', 'keypress'] as const;

/** The content script's own stylesheet, as built ('' when it cannot be read). It is written for shadow roots
 *  (`:host`, never `:root`, which matches nothing inside one: the shadow-ui test checks the source) — when it cannot be
 *  read — the UI still works, unstyled, and there is nothing to tell the page. */
export async function loadUiCss(url: string): Promise<string> {
  try {
    return await (await fetch(url)).text();
  } catch {
    return '';
  }
}

export function createShadowUi<T>(ctx: UiContext, doc: Document, options: ShadowUiOptions<T>): ShadowUi<T> {
  const shadowHost = doc.createElement(options.name);
  const shadow = shadowHost.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  // The page's inherited styles stop at the host; the stylesheet starts from there.
  style.textContent = `:host{all:initial !important;}\n${options.css}`;
  const container = doc.createElement('div');
  shadow.append(style, container);
  for (const type of ISOLATED_EVENTS) shadow.addEventListener(type, (event) => event.stopPropagation());

  let mounted: T | undefined;
  const ui: ShadowUi<T> = {
    shadowHost,
    get mounted() {
      return mounted;
    },
    mount() {
      const anchor = options.anchor();
      if (!anchor) throw new Error(`Reopen: no anchor to mount ${options.name} beside`);
      if (options.append === 'before') anchor.parentElement?.insertBefore(shadowHost, anchor);
      else anchor.append(shadowHost);
      mounted = options.onMount(container);
    },
    remove() {
      options.onRemove?.(mounted);
      shadowHost.remove();
      container.replaceChildren();
      mounted = undefined;
    },
  };
  ctx.onInvalidated(() => ui.remove());
  return ui;
}
