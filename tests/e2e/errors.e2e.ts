import { beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { MAX_TRIES } from '../../lib/graph/config';
import { artifact, banner, composeTagged, sendAndWaitForResult, sendRequests, waitForBanner, waitForResult, WAIT, type Reopen } from './harness';
import { ONLY_SENDS, useConnectedReopen } from './journey';

// Journey 6: every refusal from Meta is explained in the panel (outcome, Meta's code/subcode, words that say
// what to do), and a click is one POST whatever Meta answers: a rate-limit refusal is explained with the wait,
// not tried again. An answer that does not say whether Meta took the message (code 2) is never repeated: it is
// `unknown`, and Reopen reads the conversation to settle it.

let reopen: Reopen;
let kofiPage: Page;
useConnectedReopen((started) => (reopen = started));
beforeAll(async () => {
  kofiPage = await reopen.openThread(reopen.conversation('t_e2e_errors').selectedItemId);
  await waitForBanner(kofiPage, { window: 'human_agent', cooldown: 'none' });
});

test("outside the window by Meta's clock (10/2018278): failed, explained, sent once, and no cooldown", async () => {
  const kofi = reopen.conversation('t_e2e_errors');
  reopen.sim.injectFault({ kind: 'graph_error', error: { code: 10, error_subcode: 2018278 }, match: ONLY_SENDS });
  await composeTagged(kofiPage, 'Hi Kofi, your invoice is attached to your account page now.');
  const result = await sendAndWaitForResult(kofiPage);
  expect(result).toMatchObject({ outcome: 'failed', code: '10', subcode: '2018278' });
  expect(result.text).toContain('Not sent: Meta refused the message because the conversation is outside the time it allows');
  expect(result.text).toContain('Wait for the customer to write again');
  await artifact(kofiPage.getByTestId('reopen-panel'), 'panel-error-outside-window');
  expect(sendRequests(reopen.sim, kofi.psid).map((call) => call.status)).toEqual([400]);
  // A refused message did not reach the customer: it does not start the 24 h cooldown.
  await waitForBanner(kofiPage, { window: 'human_agent', cooldown: 'none' });
});

test('rate limit (613 with the usage header at 100 %): one POST, failed and explained, not tried again', async () => {
  const kofi = reopen.conversation('t_e2e_errors');
  reopen.sim.clearLog();
  const usage = JSON.stringify({
    [reopen.page.id]: [{ type: 'messenger', call_count: 100, total_cputime: 40, total_time: 40, estimated_time_to_regain_access: 0 }],
  });
  // More faults queued than one POST: any extra POST would show in the log.
  reopen.sim.injectFault({
    kind: 'graph_error',
    error: { code: 613, message: 'Calls to this api have exceeded the rate limit.' },
    headers: { 'X-Business-Use-Case-Usage': usage },
    count: MAX_TRIES + 3,
    match: ONLY_SENDS,
  });
  await composeTagged(kofiPage, 'Hi Kofi, the invoice question is settled: no payment is due.');
  const result = await sendAndWaitForResult(kofiPage, WAIT.long);
  reopen.sim.clearFaults();
  expect(result).toMatchObject({ outcome: 'failed', code: '613' });
  expect(result.text).toContain('Meta is limiting how many requests this Page can make right now.');
  expect(result.text).toContain('Wait a few minutes, then try again.');
  const sends = sendRequests(reopen.sim, kofi.psid);
  expect(sends.map((call) => call.status)).toEqual([400]);
  expect(sends.every((call) => call.fault === 'graph_error')).toBe(true);
});

test("person unavailable (551/1545041, the scenario's blocked customer): failed, explained, never retried", async () => {
  const yuki = reopen.conversation('t_e2e_unavailable');
  const page = await reopen.openThread(yuki.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  await composeTagged(page, 'Hi Yuki, we tried to call you back this morning.');
  const result = await sendAndWaitForResult(page);
  expect(result).toMatchObject({ outcome: 'failed', code: '551', subcode: '1545041' });
  expect(result.text).toContain("This person isn't available right now");
  expect(result.text).toContain('Do not try again.');
  expect(sendRequests(reopen.sim, yuki.psid).map((call) => call.status)).toEqual([400]);
});

test('code 2 (is_transient) after Meta took the message: one POST, "unknown" not "failed", then found in the conversation', async () => {
  const fatima = reopen.conversation('t_e2e_two_tabs');
  const page = await reopen.openThread(fatima.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  // More faults queued than the old retry policy would use: any repeated POST would show in the log.
  reopen.sim.injectFault({ kind: 'graph_error', error: { code: 2, is_transient: true }, applied: true, count: 3, match: ONLY_SENDS });
  await composeTagged(page, 'Hi Fatima, the green one is back in stock in your size.');
  const result = await sendAndWaitForResult(page);
  expect(result).toMatchObject({ outcome: 'unknown', code: '2' });
  expect(result.text).toContain('Meta did not say whether it was delivered; Reopen will check the conversation.');
  // It may have reached the customer: the cooldown holds at once.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  const checking = page.locator('[data-testid="reopen-reconcile"]');
  await checking.waitFor({ timeout: WAIT.ui });
  await page.locator('[data-testid="reopen-reconcile"][data-state="found"]').waitFor({ timeout: WAIT.long });
  reopen.sim.clearFaults();
  expect(sendRequests(reopen.sim, fatima.psid).map((call) => call.status)).toEqual([400]);
  await artifact(page.getByTestId('reopen-panel'), 'panel-code-2-found');
  await page.close();
});

test('token expired (190): not sent, and the Page then shows as needing reconnection in banner, options and popup', async () => {
  const kofi = reopen.conversation('t_e2e_errors');
  reopen.sim.clearLog();
  reopen.sim.injectFault({
    kind: 'graph_error',
    error: { code: 190, error_subcode: 463, message: 'Error validating access token: Session has expired.' },
    match: ONLY_SENDS,
  });
  await composeTagged(kofiPage, 'Hi Kofi, the corrected invoice is in your account now.');
  const sent = await sendAndWaitForResult(kofiPage);
  expect(sent).toMatchObject({ outcome: 'failed', code: '190', subcode: '463' });
  // The re-read after the send finds the Page needing reconnection: the banner says so, and the outcome of the
  // send stays on screen with Meta's code and what to do, until the agent dismisses it.
  await kofiPage
    .locator('[data-testid="reopen-banner"][data-window="unknown"]')
    .getByText("Window unknown: this Page's connection to Reopen has expired.")
    .waitFor({ timeout: WAIT.graph });
  expect(await banner(kofiPage).getByRole('button', { name: 'Reconnect this Page' }).isVisible()).toBe(true);
  const kept = await waitForResult(kofiPage);
  expect(kept).toMatchObject({ outcome: 'failed', code: '190', subcode: '463' });
  expect(kept.text).toContain("Not sent: This Page's access token is no longer valid");
  expect(kept.text).toContain("Reconnect this Page in Reopen's options.");
  expect(await kept.locator.isVisible()).toBe(true);
  await artifact(kofiPage, 'panel-error-token-expired');
  const sends = sendRequests(reopen.sim, kofi.psid);
  expect(sends.map((call) => [call.status, call.fault])).toEqual([[400, 'graph_error']]);
  // The token never comes back to the page, not even inside Meta's words.
  expect(await kofiPage.content()).not.toContain(reopen.page.token);
  await artifact(banner(kofiPage), 'banner-needs-reconnect');

  const options = await reopen.options();
  const item = options.locator(`[data-testid="page-item"][data-page-id="${reopen.page.id}"]`);
  await item.waitFor({ timeout: WAIT.ui });
  expect(await item.getAttribute('data-status')).toBe('needs_reconnect');
  expect(await item.getByTestId('page-status').innerText()).toMatch(/reconnect/i);

  const dashboard = await reopen.dashboard();
  const health = dashboard.locator(`[data-testid="page-health"][data-page-id="${reopen.page.id}"]`);
  expect(await health.getAttribute('data-status')).toBe('needs_reconnect');
  expect(await health.getByTestId('page-reconnect').isVisible()).toBe(true);
  // Every refusal of this file is in the manager's failure list, once each.
  const failures: Record<string, string | null> = {};
  for (const kind of await dashboard.getByTestId('failure-kind').all())
    failures[(await kind.getAttribute('data-kind'))!] = await kind.getAttribute('data-value');
  expect(failures).toEqual({ window_closed: '1', rate_limited: '1', person_unavailable: '1', token_invalid: '1' });
  await artifact(dashboard, 'popup-needs-reconnect');

  // Nothing more goes to Meta for this Page until it is reconnected: reloading the thread reads nothing.
  const callsBefore = reopen.sim.requests().length;
  await kofiPage.reload();
  await kofiPage.getByText("Window unknown: this Page's connection to Reopen has expired.").waitFor({ timeout: WAIT.ui });
  expect(reopen.sim.requests()).toHaveLength(callsBefore);
  expect(sendRequests(reopen.sim)).toHaveLength(1);
});
