import { afterEach, describe, expect, test, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createShadowUi, loadUiCss, type UiContext } from './shadow-ui';

// The inbox UI's shadow root: where it goes, what CSS it gets, what it keeps from the page, how it leaves.

function context() {
  const callbacks: (() => void)[] = [];
  const ctx: UiContext = { onInvalidated: (callback) => callbacks.push(callback) };
  return { ctx, invalidate: () => callbacks.forEach((callback) => callback()) };
}

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('createShadowUi', () => {
  test("the content script's stylesheet is written for shadow roots: no :root rule, which would match nothing there", () => {
    const css = readFileSync(resolve(import.meta.dirname, '../../entrypoints/inbox.content/style.css'), 'utf8');
    expect(css).not.toMatch(/:root|@import/);
    expect(css).toContain(':host');
  });

  test('mounts just before its anchor in an open shadow root with the stylesheet', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(':host { --reopen-bg: #fff; } .reopen-banner { color: red; }')),
    );
    document.body.innerHTML = '<div id="row"><div contenteditable="true"></div></div>';
    const row = document.getElementById('row')!;
    const onMount = vi.fn((container: HTMLElement) => {
      container.textContent = 'banner';
      return container;
    });
    const css = await loadUiCss('chrome-extension://x/content-scripts/inbox.css');
    const ui = createShadowUi(context().ctx, document, { name: 'reopen-inbox', anchor: () => row, append: 'before', css, onMount });
    ui.mount();
    expect(row.previousElementSibling).toBe(ui.shadowHost);
    expect(ui.shadowHost.tagName.toLowerCase()).toBe('reopen-inbox');
    const applied = ui.shadowHost.shadowRoot!.querySelector('style')!.textContent;
    expect(applied).toContain(':host{all:initial !important;}');
    expect(applied).toContain(':host { --reopen-bg: #fff; }');
    expect(ui.mounted).toBe(onMount.mock.results[0]!.value);
    expect(ui.shadowHost.shadowRoot!.textContent).toContain('banner');
  });

  test('keys typed inside do not reach the page (Business Suite has its own shortcuts); clicks do', async () => {
    const ui = createShadowUi(context().ctx, document, {
      name: 'reopen-inbox-floating',
      anchor: () => document.body,
      append: 'last',
      css: '',
      onMount: (container) => {
        container.innerHTML = '<textarea></textarea>';
        return container;
      },
    });
    ui.mount();
    const seen: string[] = [];
    for (const type of ['keydown', 'keyup', 'keypress', 'click']) document.addEventListener(type, () => seen.push(type));
    const field = ui.shadowHost.shadowRoot!.querySelector('textarea')!;
    for (const type of ['keydown', 'keyup', 'keypress']) field.dispatchEvent(new KeyboardEvent(type, { bubbles: true, composed: true, key: 'a' }));
    field.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    expect(seen).toEqual(['click']);
  });

  test('remove empties and detaches it, tells onRemove; the context ending removes it too; an unreadable stylesheet still mounts', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('blocked'))),
    );
    const { ctx, invalidate } = context();
    const onRemove = vi.fn();
    const css = await loadUiCss('x');
    expect(css).toBe('');
    const ui = createShadowUi(ctx, document, { name: 'reopen-inbox', anchor: () => document.body, append: 'last', css, onMount: () => 'mounted', onRemove });
    ui.mount();
    ui.remove();
    expect(onRemove).toHaveBeenCalledWith('mounted');
    expect(ui.shadowHost.isConnected).toBe(false);
    expect(ui.mounted).toBeUndefined();
    ui.mount();
    invalidate();
    expect(ui.shadowHost.isConnected).toBe(false);
    expect(onRemove).toHaveBeenCalledTimes(2);
  });

  test('without its anchor it refuses to mount, loudly', async () => {
    const ui = createShadowUi(context().ctx, document, { name: 'reopen-inbox', anchor: () => null, append: 'before', css: '', onMount: () => 1 });
    expect(() => ui.mount()).toThrow(/no anchor/);
  });
});
