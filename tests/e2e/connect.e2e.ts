import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifact, startReopen, waitForBanner, WAIT, type Reopen } from './harness';
import { E2E_SCENARIO } from './journey';

// Journey 1: an agent connects their Page on the options page. Connect checks what it is given before it stores
// anything (README "What Connect checks"): whose token it is (GET /me?metadata=1) and, for a Page token, that it may
// read the Page's conversations. A wrong, expired, app or permission-less token is explained and leaves nothing behind;
// a person's token offers that person's Pages, and the one picked is connected with its own Page token.

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario: E2E_SCENARIO });
});
afterAll(async () => {
  await reopen?.close();
});

/** The scenario's other tokens (tests/sandbox/scenarios/e2e.json `tokens`). */
function scenarioTokens() {
  const tokens = reopen.scenario.tokens;
  const person = tokens.find((token) => token.kind === 'user');
  const byPermission = tokens.find((token) => token.kind === 'page' && token.permissions && !token.permissions.includes('pages_messaging'));
  const expired = tokens.find((token) => token.kind === 'page' && token.status === 'expired');
  const app = tokens.find((token) => token.kind === 'app');
  if (person?.kind !== 'user' || !byPermission || !expired || !app) throw new Error('the e2e scenario lacks its person, app, expired or permission-less token');
  const northwind = person.accounts.find((account) => account.pageId === reopen.page.id);
  const outlet = person.accounts.find((account) => account.pageId !== reopen.page.id);
  if (!northwind || !outlet) throw new Error("the e2e scenario's person should manage Northwind and one other Page");
  return { person, northwind, outlet, noMessaging: byPermission.token, expired: expired.token, app: app.token };
}

/** Everything this browser profile keeps for Reopen: storage.local, and the tokens in the vault (read only when the
 *  vault exists: opening it from here first would create it without its store). */
async function storedByReopen(options: Page): Promise<{ local: string; vault: string[] }> {
  return options.evaluate(async () => {
    const area = (globalThis as unknown as { chrome: { storage: { local: { get(keys: null): Promise<unknown> } } } }).chrome.storage.local;
    const local = JSON.stringify(await area.get(null));
    if (!(await indexedDB.databases()).some((db) => db.name === 'reopen-vault')) return { local, vault: [] };
    const vault = await new Promise<string[]>((resolve, reject) => {
      const opened = indexedDB.open('reopen-vault');
      opened.onerror = () => reject(new Error(`the vault did not open: ${opened.error?.message}`));
      opened.onsuccess = () => {
        const db = opened.result;
        if (!db.objectStoreNames.contains('pageTokens')) {
          db.close();
          resolve([]);
          return;
        }
        const all = db.transaction('pageTokens').objectStore('pageTokens').getAll();
        all.onsuccess = () => {
          db.close();
          resolve(all.result as string[]);
        };
        all.onerror = () => reject(new Error(`the vault could not be read: ${all.error?.message}`));
      };
    });
    return { local, vault };
  });
}

const calls = () => reopen.sim.requests().map((call) => `${call.method} ${call.path} ${call.status}`);

test("an app's, an expired and a permission-less token are each refused with what to do; nothing is stored", async () => {
  const tokens = scenarioTokens();
  const options = await reopen.options();
  const field = options.getByTestId('page-token');
  const refusals = [
    { token: tokens.app, kind: 'connect_app_token', code: '2500', says: ['app access token', 'Page access token'] },
    { token: tokens.expired, kind: 'connect_token_expired', code: '190', subcode: '463', says: ['expired', 'Create a new token'] },
    { token: tokens.noMessaging, kind: 'connect_cannot_message', code: '200', says: ['pages_messaging', 'MESSAGING task'] },
  ];
  reopen.sim.clearLog();
  for (const refusal of refusals) {
    await field.fill(refusal.token);
    await options.getByTestId('page-connect').click();
    const error = options.locator(`[data-testid="connect-error"][data-error-kind="${refusal.kind}"]`);
    await error.waitFor({ timeout: WAIT.graph });
    expect(await error.getAttribute('data-error-code')).toBe(refusal.code);
    expect(await error.getAttribute('data-error-subcode')).toBe(refusal.subcode ?? null);
    const words = await error.innerText();
    for (const said of refusal.says) expect(words).toContain(said);
    expect(await field.inputValue()).toBe('');
    expect(await options.getByTestId('page-item').count()).toBe(0);
    await artifact(options, `connect-refused-${refusal.kind}`);
  }
  expect(calls()).toEqual(['GET /v25.0/me 400', 'GET /v25.0/me 400', 'GET /v25.0/me 200', `GET /v25.0/${reopen.page.id}/conversations 403`]);
  const stored = await storedByReopen(options);
  expect(stored.vault).toEqual([]);
  for (const { token } of refusals) {
    expect(stored.local).not.toContain(token);
    expect(await options.content()).not.toContain(token);
  }
  await options.close();
});

test('a bad token is explained with Meta code 190 and nothing is listed; the good one lists the Page by name', async () => {
  const options = await reopen.options();
  const field = options.getByTestId('page-token');
  reopen.sim.clearLog();

  await field.fill('EAAB-a-token-that-expired');
  await options.getByTestId('page-connect').click();
  const error = options.getByTestId('connect-error');
  await error.waitFor({ timeout: WAIT.graph });
  expect(await error.getAttribute('data-error-kind')).toBe('connect_token_invalid');
  expect(await error.getAttribute('data-error-code')).toBe('190');
  const words = await error.innerText();
  expect(words).toContain('Meta does not accept this access token');
  expect(words).toContain('Copy the whole token again');
  expect(words).toContain('190');
  // The token left the page at once, whatever happened.
  expect(await field.inputValue()).toBe('');
  expect(await options.getByTestId('page-item').count()).toBe(0);
  await artifact(options, 'connect-bad-token');

  await field.fill(`  ${reopen.page.token} `);
  await options.getByTestId('page-connect').click();
  const item = options.locator(`[data-testid="page-item"][data-page-id="${reopen.page.id}"]`);
  await item.waitFor({ timeout: WAIT.graph });
  expect(await item.locator('h3').innerText()).toBe('Northwind Outfitters');
  expect(await item.getAttribute('data-status')).toBe('connected');
  expect(await options.getByTestId('connect-error').count()).toBe(0);
  expect(await field.inputValue()).toBe('');
  expect(await options.content()).not.toContain(reopen.page.token);
  await artifact(options, 'connect-page-listed');

  // Whose token, then one conversation's id with it (what pages_messaging and the MESSAGING task allow).
  expect(calls()).toEqual(['GET /v25.0/me 400', 'GET /v25.0/me 200', `GET /v25.0/${reopen.page.id}/conversations 200`]);
  const requests = reopen.sim.requests();
  expect(requests[0]!.headers.authorization).toBe('Bearer EAAB-a-token-that-expired');
  expect(requests[1]!.query).toEqual({ metadata: '1', fields: 'id,name,metadata{type}' });
  for (const call of requests.slice(1)) expect(call.headers.authorization).toBe(`Bearer ${reopen.page.token}`);
  for (const call of requests) expect(call.query.access_token).toBeUndefined();

  // The popup agrees: one Page, connected.
  const dashboard = await reopen.dashboard();
  const health = dashboard.locator(`[data-testid="page-health"][data-page-id="${reopen.page.id}"]`);
  expect(await health.getAttribute('data-status')).toBe('connected');
  await Promise.all([options.close(), dashboard.close()]);
});

test("a person's token offers their Pages, never the person; the Page picked by keyboard connects with its own token and reads with it", async () => {
  const { person, northwind, outlet } = scenarioTokens();
  const options = await reopen.options();
  reopen.sim.clearLog();
  await options.getByTestId('page-token').fill(person.token);
  await options.getByTestId('page-connect').click();
  const offers = options.getByTestId('page-offers');
  await offers.waitFor({ timeout: WAIT.graph });
  expect(await offers.locator('legend').innerText()).toContain(person.name);
  expect(calls()).toEqual(['GET /v25.0/me 200', 'GET /v25.0/me/accounts 200']);

  const offered = offers.getByTestId('page-offer');
  expect(await offered.evaluateAll((items) => items.map((item) => [item.getAttribute('data-page-id'), item.getAttribute('data-can-message')]))).toEqual([
    [northwind.pageId, 'true'],
    [outlet.pageId, 'false'],
  ]);
  const outletRow = offers.locator(`[data-testid="page-offer"][data-page-id="${outlet.pageId}"]`);
  expect(await outletRow.getByTestId('page-offer-pick').isDisabled()).toBe(true);
  expect(await outletRow.getByTestId('page-offer-reason').innerText()).toContain('does not have the MESSAGING task');
  // The person is no Page: not listed, not offered.
  expect(await options.locator(`[data-page-id="${person.id}"]`).count()).toBe(0);
  expect(await options.getByTestId('page-item').count()).toBe(1);
  for (const token of [person.token, northwind.token, outlet.token]) expect(await options.content()).not.toContain(token);

  // Labelled and keyboard usable: axe finds nothing serious in the list.
  const axe = await new AxeBuilder({ page: options }).include('[data-testid="page-offers"]').analyze();
  expect(axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);
  await artifact(options, 'connect-person-offer');

  // The first Page that can be picked has the focus: Space picks it, Tab skips the disabled one to the button.
  const focused = () => options.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.testid ?? null);
  await expect.poll(focused, { timeout: WAIT.ui }).toBe('page-offer-pick');
  await options.keyboard.press('Space');
  await options.keyboard.press('Tab');
  expect(await focused()).toBe('page-offer-connect');
  reopen.sim.clearLog();
  await options.keyboard.press('Enter');

  const northwindRow = offers.locator(`[data-testid="page-offer"][data-page-id="${northwind.pageId}"][data-outcome="connected"]`);
  await northwindRow.waitFor({ timeout: WAIT.graph });
  const item = options.locator(`[data-testid="page-item"][data-page-id="${northwind.pageId}"][data-status="connected"]`);
  await item.waitFor({ timeout: WAIT.ui });
  expect(await options.getByTestId('page-item').count()).toBe(1);
  const pickCalls = reopen.sim.requests().filter((call) => call.path.endsWith('/conversations'));
  expect(pickCalls.map((call) => call.headers.authorization)).toEqual([`Bearer ${northwind.token}`]);
  await artifact(options, 'connect-person-picked');

  // Only the Page's own token rests in the vault; the person's token nowhere.
  const stored = await storedByReopen(options);
  expect(stored.vault).toEqual([northwind.token]);
  expect(stored.local).not.toContain(person.token);
  expect(stored.local).not.toContain(northwind.token);
  expect(await options.content()).not.toContain(person.token);

  // And it works: the banner reads the conversation with that Page token.
  reopen.sim.clearLog();
  const inbox = await reopen.openThread(reopen.conversation('t_e2e_human_30h').selectedItemId);
  await waitForBanner(inbox, { window: 'human_agent' });
  const reads = reopen.sim.requests().filter((call) => call.path.includes('/conversations'));
  expect(reads.length).toBeGreaterThan(0);
  for (const read of reads) expect(read.headers.authorization).toBe(`Bearer ${northwind.token}`);
  await Promise.all([options.close(), inbox.close()]);
});
