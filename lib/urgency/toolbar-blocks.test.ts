// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACME, startBackground, type TestBackground } from '../../tests/support/background';
import { READY_COLOR, PAGE_BLOCKED_COLOR, blockedPages, createToolbarSync, toolbarBadge, touchesCount } from './toolbar';

// The toolbar when Meta restricted a Page (10/1893063). DESIGN.md §4 keeps the badge text for the count of
// conversations that need action, so the block shows in the title (first line, naming the Page) and the badge colour.

describe('the toolbar with a Page block', () => {
  it('keeps the count as the badge text; the colour and the first line of the title say the Page is restricted', () => {
    const badge = toolbarBadge({ closing: 0, ready: 3, closesSoonMinutes: 120, source: 'recent' }, 'en', [{ pageName: 'Acme Store' }]);
    expect(badge.text).toBe('3');
    expect(badge.color).toBe(PAGE_BLOCKED_COLOR);
    expect(badge.title.split('\n')).toEqual([
      '⚠ Meta restricted the Page Acme Store from sending: Reopen sends nothing from that Page. Open Reopen to read why.',
      'Reopen: 3 conversations need action now — 0 closing within 2 hr, 3 expired and ready to reopen',
      "From the Page's recent conversations and the ones opened in Reopen",
    ]);
    const es = toolbarBadge({ closing: 0, ready: 0, closesSoonMinutes: 120, source: 'recent' }, 'es', [{ pageName: 'Acme' }, { pageName: 'Beta' }]);
    expect(es.text).toBe('');
    expect(es.title.split('\n')[0]).toBe(
      '⚠ Meta restringió el envío desde las páginas Acme, Beta: Reopen no envía nada desde esas páginas. Abre Reopen para leer por qué.',
    );
    expect(toolbarBadge({ closing: 0, ready: 0, closesSoonMinutes: 120, source: 'recent' }, 'en', []).color).toBe(READY_COLOR);
  });

  it("is recounted when any context writes a Page's block", () => {
    expect(touchesCount([`pageblock:${ACME.id}`])).toBe(true);
  });

  it('sets the title from the blocked Pages it is given', async () => {
    const action = { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn(), setTitle: vi.fn() };
    const sync = createToolbarSync({
      action,
      count: async () => ({ closing: 1, ready: 0, closesSoonMinutes: 120, source: 'recent' }),
      blockedPages: async () => [{ pageName: 'Acme Store' }],
      language: async () => 'en',
      browserLanguage: () => 'en-US',
    });
    await sync.update();
    expect(action.setBadgeText).toHaveBeenCalledWith({ text: '1' });
    expect(action.setBadgeBackgroundColor).toHaveBeenCalledWith({ color: PAGE_BLOCKED_COLOR });
    expect(action.setTitle.mock.calls[0]![0].title).toMatch(/^⚠ Meta restricted the Page Acme Store/);
  });
});

describe('blockedPages against the stored blocks', () => {
  let bg: TestBackground;
  afterEach(async () => bg?.close());

  it('names the Pages whose block holds now; a cleared one or one past its time is not named', async () => {
    bg = await startBackground();
    const now = bg.sim.clock.now();
    const { store } = bg.services;
    const base = { scope: 'page' as const, code: 10, subcode: 1893063, kind: 'page_restricted', since: now - 1000, requestId: 'r' };
    await store.setPageBlock(ACME.id, { ...base, pageId: ACME.id });
    expect(await blockedPages(store, now)).toEqual([{ pageName: ACME.name }]);
    await store.setPageBlock(ACME.id, { ...base, pageId: ACME.id, until: now });
    expect(await blockedPages(store, now)).toEqual([]);
    await store.setPageBlock(ACME.id, { ...base, pageId: ACME.id, clearedAt: now });
    expect(await blockedPages(store, now)).toEqual([]);
  });
});
