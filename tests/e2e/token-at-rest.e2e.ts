import { expect, test } from 'vitest';
import { waitForBanner, type Reopen } from './harness';
import { useConnectedReopen } from './journey';

// Where the Page token rests, in real Chromium with the production build: not in storage.local (which Firefox
// lets content scripts read), but in the extension origin's IndexedDB, which the inbox page's origin — where
// content scripts run — does not have.

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

test('after connecting, storage.local holds no token; the vault is an extension-origin database the inbox page does not have', async () => {
  const inbox = await reopen.openThread(reopen.conversation('t_e2e_human_30h').selectedItemId);
  // The background found the token (in the vault) and read the conversation with it.
  const banner = await waitForBanner(inbox, { window: 'human_agent' });
  expect(await banner.getAttribute('data-window')).toBe('human_agent');

  const options = await reopen.options();
  const local = await options.evaluate(async () => {
    // The extension page's own chrome.storage (typed loosely: the tests' tsconfig has no chrome types).
    const area = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<unknown> } } } }).chrome.storage.local;
    return JSON.stringify(await area.get(null));
  });
  expect(local).toContain(reopen.page.id);
  expect(local).not.toContain(reopen.page.token);
  const extensionDatabases = await options.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
  expect(extensionDatabases).toContain('reopen-vault');

  const pageDatabases = await inbox.evaluate(async () => (await indexedDB.databases()).map((db) => db.name));
  expect(pageDatabases).not.toContain('reopen-vault');
  const opened = await inbox.evaluate(
    () =>
      new Promise<number>((resolve) => {
        // Opening it by name from the page's origin finds an empty, new database (no store, no token).
        const request = indexedDB.open('reopen-vault');
        request.onsuccess = () => resolve(request.result.objectStoreNames.length);
        request.onerror = () => resolve(-1);
      }),
  );
  expect(opened).toBe(0);
});
