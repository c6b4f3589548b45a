import { afterEach, describe, expect, test } from 'vitest';
import { luminanceOf, pageThemeOf, watchPageTheme, type PageTheme } from './page-theme';

// The inbox UI turns dark with Business Suite (its <html> class, or a dark page) and otherwise with the system.

afterEach(() => {
  document.documentElement.className = '';
});

const backgrounds =
  (body: string, html = 'rgba(0, 0, 0, 0)') =>
  (element: Element) =>
    element === document.body ? body : html;

describe('luminanceOf', () => {
  test.each([
    ['rgb(255, 255, 255)', 1],
    ['rgb(0, 0, 0)', 0],
    ['rgba(24, 25, 26, 1)', 0.0097],
  ])('%s → %d', (color, expected) => {
    expect(luminanceOf(color)).toBeCloseTo(expected, 3);
  });

  test.each(['rgba(0, 0, 0, 0)', 'transparent', '', 'rgb(nope)'])('%s says nothing', (color) => {
    expect(luminanceOf(color)).toBeNull();
  });
});

describe('pageThemeOf', () => {
  test("Meta's dark class on <html> makes it dark, even on a white body", () => {
    document.documentElement.classList.add('__fb-dark-mode');
    expect(pageThemeOf(document, backgrounds('rgb(255, 255, 255)'))).toBe('dark');
  });

  test("Meta's light class on <html> keeps it light, even on a dark body", () => {
    document.documentElement.classList.add('__fb-light-mode');
    expect(pageThemeOf(document, backgrounds('rgb(24, 25, 26)'))).toBe('light');
  });

  test('no class: a dark body background makes it dark', () => {
    expect(pageThemeOf(document, backgrounds('rgb(24, 25, 26)'))).toBe('dark');
  });

  test('no class: a transparent body defers to a dark <html> background', () => {
    expect(pageThemeOf(document, backgrounds('rgba(0, 0, 0, 0)', 'rgb(36, 37, 38)'))).toBe('dark');
  });

  test('a light or unpainted page says nothing (the system preference decides)', () => {
    expect(pageThemeOf(document, backgrounds('rgb(255, 255, 255)'))).toBeNull();
    expect(pageThemeOf(document, backgrounds('rgba(0, 0, 0, 0)'))).toBeNull();
  });
});

describe('watchPageTheme', () => {
  test('follows Business Suite switching to dark and back', async () => {
    const seen: PageTheme[] = [];
    const watch = watchPageTheme(window, (theme) => seen.push(theme));
    expect(seen).toEqual(['light']);
    document.documentElement.classList.add('__fb-dark-mode');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['light', 'dark']);
    document.documentElement.classList.replace('__fb-dark-mode', '__fb-light-mode');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toEqual(['light', 'dark', 'light']);
    watch.stop();
    document.documentElement.classList.replace('__fb-light-mode', '__fb-dark-mode');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(seen).toHaveLength(3);
  });

  test('no page signal: the system preference decides', () => {
    const seen: PageTheme[] = [];
    const prefersDark = { matches: true, addEventListener: () => undefined, removeEventListener: () => undefined };
    const fakeWindow = {
      document,
      matchMedia: () => prefersDark,
      getComputedStyle: () => ({ backgroundColor: 'rgba(0, 0, 0, 0)' }),
    } as unknown as Window;
    watchPageTheme(fakeWindow, (theme) => seen.push(theme)).stop();
    expect(seen).toEqual(['dark']);
  });
});
