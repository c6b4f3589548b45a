import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createStore } from './store';
import { createTokenVault, type TokenVault } from './vault';

// Page tokens at rest: only in the vault (the extension origin's IndexedDB), never in storage.local, which
// content scripts can read on Firefox. fake-indexeddb stands in for the browser's IndexedDB (fresh per test).

const NOW = Date.parse('2026-07-12T12:00:00Z');
const TOKEN_A = 'EAAG-token-of-page-A-0123456789';
const TOKEN_B = 'EAAG-token-of-page-B-9876543210';
const legacy = (id: string, token: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: `Page ${id}`,
  token,
  status: 'connected',
  checkedAt: NOW - 1000,
  managed: false,
  ...extra,
});

/** Everything storage.local holds, as one string (what a content script could read on Firefox). */
const localDump = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

beforeEach(() => fakeBrowser.reset());

describe('token vault', () => {
  it('keeps tokens by Page id across connections to the same database, and removes them', async () => {
    const factory = new IDBFactory();
    const vault = createTokenVault({ factory: () => factory });
    await vault.put('1', TOKEN_A);
    await vault.put('2', TOKEN_B);
    await vault.put('1', `${TOKEN_A}-new`);
    await vault.remove('2');
    // A second worker (a new connection) sees what the first wrote.
    const later = createTokenVault({ factory: () => factory });
    expect([...(await later.all())]).toEqual([['1', `${TOKEN_A}-new`]]);
  });

  it('is a database of the context that opens it: another origin (a content script in the page) finds nothing', async () => {
    const extensionOrigin = new IDBFactory();
    const pageOrigin = new IDBFactory();
    await createTokenVault({ factory: () => extensionOrigin }).put('1', TOKEN_A);
    expect((await createTokenVault({ factory: () => pageOrigin }).all()).size).toBe(0);
  });
});

describe('Page list and vault', () => {
  it('connect writes the token to the vault only; the Page list in storage.local has everything else', async () => {
    const store = createStore({ now: () => NOW });
    await store.updatePages(() => [{ ...legacy('1', TOKEN_A), status: 'connected' as const }]);
    expect(await localDump()).not.toContain(TOKEN_A);
    expect((await fakeBrowser.storage.local.get('pages')).pages).toEqual([
      { id: '1', name: 'Page 1', status: 'connected', checkedAt: NOW - 1000, managed: false },
    ]);
    expect((await store.getPages())[0]).toMatchObject({ id: '1', token: TOKEN_A, status: 'connected' });
    // Disconnect deletes the token from the vault too.
    await store.updatePages(() => []);
    expect((await createTokenVault().all()).size).toBe(0);
  });

  it('a listed Page whose token is gone from the vault needs reconnecting (not a send with an empty token)', async () => {
    await fakeBrowser.storage.local.set({ pages: [{ id: '1', name: 'A', status: 'connected', checkedAt: 1, managed: false }] });
    expect(await createStore({ now: () => NOW }).getPages()).toEqual([
      { id: '1', name: 'A', token: '', status: 'needs_reconnect', reconnectReason: 'token_missing', checkedAt: 1, managed: false },
    ]);
  });
});

describe('migration of tokens an older version kept in storage.local', () => {
  it('moves every token to the vault once and rewrites the list without it; a second run changes nothing', async () => {
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A), legacy('2', TOKEN_B)] });
    const store = createStore({ now: () => NOW });
    expect(await store.secureAtRest()).toEqual({ tokensMoved: 2 });
    expect(await localDump()).not.toContain('EAAG');
    expect((await store.getPages()).map((page) => [page.id, page.token, page.status])).toEqual([
      ['1', TOKEN_A, 'connected'],
      ['2', TOKEN_B, 'connected'],
    ]);
    expect(await store.secureAtRest()).toEqual({ tokensMoved: 0 });
    expect([...(await createTokenVault().all()).values()].sort()).toEqual([TOKEN_A, TOKEN_B]);
  });

  it('a worker that dies midway (one token in the vault, the list not rewritten) loses nothing: the next start finishes', async () => {
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A), legacy('2', TOKEN_B)] });
    const real = createTokenVault();
    let puts = 0;
    const dying: TokenVault = {
      ...real,
      put: async (id, token) => {
        if (++puts > 1) throw new Error('worker stopped');
        await real.put(id, token);
      },
    };
    await expect(createStore({ now: () => NOW, vault: dying }).secureAtRest()).rejects.toThrow('worker stopped');
    // The list still holds both tokens: none is lost.
    expect(await localDump()).toContain(TOKEN_B);
    const restarted = createStore({ now: () => NOW });
    await restarted.secureAtRest();
    expect(await localDump()).not.toContain('EAAG');
    expect((await restarted.getPages()).map((page) => page.token)).toEqual([TOKEN_A, TOKEN_B]);
  });

  it('a read of the Page list before the start-up migration migrates as well', async () => {
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A)] });
    expect((await createStore({ now: () => NOW }).getPages())[0]!.token).toBe(TOKEN_A);
    expect(await localDump()).not.toContain(TOKEN_A);
  });

  it('copies an older version quarantined with their token are rewritten without it', async () => {
    await fakeBrowser.storage.local.set({ [`quarantine:pages:${NOW - 5000}`]: [legacy('1', TOKEN_A, { status: 'weird' })] });
    await createStore({ now: () => NOW }).secureAtRest();
    expect(await localDump()).not.toContain(TOKEN_A);
    expect((await fakeBrowser.storage.local.get(`quarantine:pages:${NOW - 5000}`))[`quarantine:pages:${NOW - 5000}`]).toEqual([
      { id: '1', name: 'Page 1', status: 'weird', checkedAt: NOW - 1000, managed: false },
    ]);
  });

  it('drops vault tokens of Pages no longer listed (a disconnect interrupted after the list was written)', async () => {
    await createTokenVault().put('gone', TOKEN_B);
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A)] });
    await createStore({ now: () => NOW }).secureAtRest();
    expect([...(await createTokenVault().all()).keys()]).toEqual(['1']);
  });
});

describe('a damaged Page record', () => {
  it('is quarantined without its token and kept as "needs reconnecting (record damaged)"; the other Pages stay', async () => {
    const damaged = legacy('2', TOKEN_B, { name: 42, status: 'connected-ish' });
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A), damaged] });
    const store = createStore({ now: () => NOW });
    const pages = await store.getPages();
    expect(pages.map((page) => [page.id, page.status, page.reconnectReason])).toEqual([
      ['1', 'connected', undefined],
      ['2', 'needs_reconnect', 'record_damaged'],
    ]);
    expect(await store.warnings()).toMatchObject([{ key: 'pages', recovery: 'salvaged' }]);
    expect((await store.quarantined()).length).toBe(1);
    // Not in the quarantined copy, not anywhere in storage.local.
    const dump = await localDump();
    expect(dump).not.toContain(TOKEN_A);
    expect(dump).not.toContain(TOKEN_B);
  });

  it('an entry that does not even name its Page is dropped (quarantined without a token)', async () => {
    await fakeBrowser.storage.local.set({ pages: [legacy('1', TOKEN_A), { id: 2, token: TOKEN_B }] });
    const store = createStore({ now: () => NOW });
    expect((await store.getPages()).map((page) => page.id)).toEqual(['1']);
    expect(await localDump()).not.toContain(TOKEN_B);
  });
});
