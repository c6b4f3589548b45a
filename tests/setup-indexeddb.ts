// Unit tests run in happy-dom, which has no IndexedDB: the Page-token vault (lib/storage/vault.ts) gets
// fake-indexeddb, a fresh empty one per test, as fakeBrowser.reset() gives every test empty extension storage.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach } from 'vitest';

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
});
