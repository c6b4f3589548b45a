import { afterAll, beforeAll, expect, test } from 'vitest';
import { artifact, startReopen, WAIT, type Reopen } from './harness';

// Journey 1: an agent connects their Page on the options page. A wrong token is explained (Meta's 190), the
// right one lists the Page by name; only Graph's /me was asked, with the token in the header, never the URL.

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario: 'tests/sandbox/scenarios/e2e.json' });
});
afterAll(async () => {
  await reopen?.close();
});

test('a bad token is explained with Meta code 190 and nothing is listed; the good one lists the Page by name', async () => {
  const options = await reopen.options();
  const field = options.getByTestId('page-token');

  await field.fill('EAAB-a-token-that-expired');
  await options.getByTestId('page-connect').click();
  const error = options.getByTestId('connect-error');
  await error.waitFor({ timeout: WAIT.graph });
  expect(await error.getAttribute('data-error-kind')).toBe('token_invalid');
  expect(await error.getAttribute('data-error-code')).toBe('190');
  const words = await error.innerText();
  expect(words).toContain('no longer valid');
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

  const calls = reopen.sim.requests();
  expect(calls.map((call) => `${call.method} ${call.path} ${call.status}`)).toEqual(['GET /v25.0/me 400', 'GET /v25.0/me 200']);
  expect(calls[0]!.headers.authorization).toBe('Bearer EAAB-a-token-that-expired');
  expect(calls[1]!.headers.authorization).toBe(`Bearer ${reopen.page.token}`);
  for (const call of calls) expect(call.query.access_token).toBeUndefined();

  // The popup agrees: one Page, connected.
  const dashboard = await reopen.dashboard();
  const health = dashboard.locator(`[data-testid="page-health"][data-page-id="${reopen.page.id}"]`);
  expect(await health.getAttribute('data-status')).toBe('connected');
});
