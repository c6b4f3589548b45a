// Page tokens at rest, in the extension origin's IndexedDB.
//
// Why not storage.local: Firefox lets content scripts read storage.local (there is no setAccessLevel for it),
// and Chrome closes it only from 102 on. IndexedDB is per origin: a content script runs in the page's origin
// (https://business.facebook.com), so `indexedDB.open` there opens the page's databases, never the extension's
// — on every browser. Only extension contexts (the background) can reach this database.
//
// No encryption on top: a key would have to live beside the tokens, in this same database, readable by exactly
// the contexts that can already read the tokens; it would add code without closing any reader out.

export interface TokenVault {
  /** Every stored token by Page id. */
  all(): Promise<Map<string, string>>;
  put(pageId: string, token: string): Promise<void>;
  remove(pageId: string): Promise<void>;
}

export const VAULT_DB_NAME = 'reopen-vault';
const STORE = 'pageTokens';
const DB_VERSION = 1;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
    tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction aborted'));
  });
}

/** The vault on `factory` (the context's own `indexedDB` unless given), opened on first use. */
export function createTokenVault(options: { factory?: () => IDBFactory; name?: string } = {}): TokenVault {
  const factory = options.factory ?? (() => globalThis.indexedDB);
  const name = options.name ?? VAULT_DB_NAME;
  let opening: Promise<IDBDatabase> | null = null;

  function open(): Promise<IDBDatabase> {
    if (!opening) {
      const req = factory().open(name, DB_VERSION);
      req.onupgradeneeded = () => {
        if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
      };
      opening = request(req).then((db) => {
        // Another context upgrading the database closes this connection; the next use reopens it.
        db.onversionchange = () => {
          db.close();
          opening = null;
        };
        return db;
      });
      opening.catch(() => {
        opening = null;
      });
    }
    return opening;
  }

  async function write(work: (store: IDBObjectStore) => void): Promise<void> {
    const tx = (await open()).transaction(STORE, 'readwrite');
    work(tx.objectStore(STORE));
    await done(tx);
  }

  return {
    async all() {
      const tx = (await open()).transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
      const tokens = new Map<string, string>();
      keys.forEach((key, index) => {
        const value: unknown = values[index];
        if (typeof key === 'string' && typeof value === 'string' && value) tokens.set(key, value);
      });
      return tokens;
    },
    put: (pageId, token) => write((store) => void store.put(token, pageId)),
    remove: (pageId) => write((store) => void store.delete(pageId)),
  };
}
