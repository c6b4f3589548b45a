// Whether Reopen's inbox UI should be dark: it sits inside Business Suite's page, so it follows the page's own
// theme when the page says it, else the system's preference (prefers-color-scheme).
//
// Signals, strongest first:
// 1. The class on <html>: Meta's web apps built on the same front end as facebook.com mark the document
//    `__fb-dark-mode` or `__fb-light-mode` and scope their colour variables to it (public evidence: extensions and
//    user styles that toggle or rewrite those classes on facebook.com and messenger.com). That Business Suite's
//    inbox carries the same class is not yet confirmed on a live inbox (reference/meta-messenger.md §7 has no
//    capture of it), so signal 2 backs it up.
// 2. Heuristic: the page's painted background (body, else html) is dark (relative luminance < 0.2). A light
//    background says nothing, since that is also what an unthemed page shows.
// 3. Otherwise the system's preference.

export type PageTheme = 'dark' | 'light';

const DARK_CLASS = '__fb-dark-mode';
const LIGHT_CLASS = '__fb-light-mode';
const DARK_LUMINANCE = 0.2;

/** Relative luminance (WCAG) of a computed `rgb()`/`rgba()` colour; null when (mostly) transparent or unreadable. */
export function luminanceOf(color: string): number | null {
  const parts = /^rgba?\(/.test(color.trim()) ? color.match(/[\d.]+/g)?.map(Number) : undefined;
  if (!parts || parts.length < 3 || (parts[3] ?? 1) <= 0.5) return null;
  const [r, g, b] = parts.map((value) => {
    const channel = value / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** What the page itself says about its theme (signals 1 and 2); null when it says nothing. */
export function pageThemeOf(document: Document, backgroundOf: (element: Element) => string): PageTheme | null {
  const root = document.documentElement;
  if (root.classList.contains(DARK_CLASS)) return 'dark';
  if (root.classList.contains(LIGHT_CLASS)) return 'light';
  for (const element of [document.body, root]) {
    if (!element) continue;
    const luminance = luminanceOf(backgroundOf(element));
    if (luminance !== null) return luminance < DARK_LUMINANCE ? 'dark' : null;
  }
  return null;
}

export interface PageThemeWatch {
  stop(): void;
}

/**
 * Tells `onTheme` the theme now and whenever it changes: the <html> class (Business Suite switching theme) and the
 * system preference. Watches only <html>'s class attribute, never the subtree, so the page's DOM churn costs
 * nothing.
 */
export function watchPageTheme(window: Window, onTheme: (theme: PageTheme) => void): PageThemeWatch {
  const { document } = window;
  const media = window.matchMedia?.('(prefers-color-scheme: dark)');
  let last: PageTheme | null = null;
  const update = () => {
    const theme = pageThemeOf(document, (element) => window.getComputedStyle(element).backgroundColor) ?? (media?.matches ? 'dark' : 'light');
    if (theme === last) return;
    last = theme;
    onTheme(theme);
  };
  const observer = new MutationObserver(update);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['class'] });
  media?.addEventListener('change', update);
  update();
  return {
    stop() {
      observer.disconnect();
      media?.removeEventListener('change', update);
    },
  };
}
