import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { artifact, composeTagged, eventually, sendRequests, waitForBanner, waitForResult, WAIT, type Reopen } from './harness';
import { ONLY_SENDS, useConnectedReopen } from './journey';

// Journey 7: a reactivation reaches Meta at most once — whatever the agent clicks, however many tabs show the
// thread, and even when the service worker dies while Meta is still answering.

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

test('a double click on send sends one message', async () => {
  const ivan = reopen.conversation('t_e2e_double_click');
  const page = await reopen.openThread(ivan.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(page, 'Hi Ivan, you were right: the size chart is fixed now.');
  await page.getByTestId('reopen-send').dblclick();
  const result = await waitForResult(page);
  expect(result.outcome).toBe('sent');
  // The store's refresh after the send has come back: anything the second click started has happened by now.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(sendRequests(reopen.sim, ivan.psid)).toHaveLength(1);
});

test('two tabs on the same thread sending at the same moment: one message, the other tab is told about the cooldown', async () => {
  const fatima = reopen.conversation('t_e2e_two_tabs');
  const first = await reopen.openThread(fatima.selectedItemId);
  const second = await reopen.openThread(fatima.selectedItemId);
  for (const page of [first, second]) {
    await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
    await composeTagged(page, 'Hi Fatima, yes: the green one is back in stock in your size.');
  }
  // Meta answers after 2 s, long enough to look at the lock from another context of the extension meanwhile.
  reopen.sim.injectFault({ kind: 'delay', ms: 2000, match: ONLY_SENDS });
  const options = await reopen.options();
  await Promise.all([first.getByTestId('reopen-send').click(), second.getByTestId('reopen-send').click()]);
  // The send holds the thread's Web Lock, which every context of the extension's origin shares: the options page
  // sees it held and cannot take it while the message is on its way.
  const lockName = `reopen-send:${reopen.page.id}:${fatima.psid}`;
  await eventually(
    () =>
      options.evaluate(async (name) => {
        const state = await navigator.locks.query();
        return (state.held ?? []).some((lock) => lock.name === name);
      }, lockName),
    { timeoutMs: WAIT.graph, what: "the send's Web Lock to be held" },
  );
  expect(await options.evaluate((name) => navigator.locks.request(name, { ifAvailable: true }, (lock) => lock === null), lockName)).toBe(true);
  const outcomes = await Promise.all([waitForResult(first), waitForResult(second)]);
  expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['blocked', 'sent']);
  const blocked = outcomes.find((outcome) => outcome.outcome === 'blocked')!;
  expect(blocked.text).toMatch(/^Not sent: One reactivation per conversation every 24 hours/);
  expect(sendRequests(reopen.sim, fatima.psid)).toHaveLength(1);
  await first.close();
  await second.close();
  await options.close();
});

test('the service worker stopped while Meta delays the answer: "unknown", the cooldown holds, nothing is resent, and reading the conversation finds it delivered', async () => {
  const diego = reopen.conversation('t_e2e_worker_stop');
  const page = await reopen.openThread(diego.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(page, 'Hi Diego, yes: the warranty is two years from delivery.');
  // Meta takes the message at once but answers only 8 s later; the worker is stopped in between.
  reopen.sim.injectFault({ kind: 'delay', ms: 8000, match: ONLY_SENDS });
  await page.getByTestId('reopen-send').click();
  await eventually(() => sendRequests(reopen.sim, diego.psid).length === 1, { timeoutMs: WAIT.graph, what: 'the POST to reach the simulator' });
  await reopen.stopServiceWorker();

  const result = await waitForResult(page);
  expect(result.outcome).toBe('unknown');
  expect(result.text).toContain('Meta did not say whether it was delivered; Reopen will check the conversation.');
  // The content script's next message (its refresh) woke a new worker, which turned the pending attempt into
  // unknown — and unknown keeps the cooldown.
  expect(await reopen.serviceWorkerRestarted()).toBe(true);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);
  await artifact(page.getByTestId('reopen-panel'), 'panel-unknown');

  // Meta's late answer arrives to nobody; still exactly the one POST.
  await eventually(() => sendRequests(reopen.sim, diego.psid)[0]!.status === 200, { timeoutMs: WAIT.graph, what: "the simulator's delayed answer" });
  expect(sendRequests(reopen.sim, diego.psid)).toHaveLength(1);
  // The new worker reads the conversation about 5 s after it settled the attempt `unknown`, finds the Page's message
  // with the same text, and the panel (asking again a moment after that read) says it was delivered.
  const reconcile = page.locator('[data-testid="reopen-reconcile"][data-state="found"]');
  await reconcile.waitFor({ timeout: WAIT.long });
  expect(await reconcile.innerText()).toContain('Reopen found your message in the conversation: it was delivered.');
  expect(await page.getByTestId('reopen-send-again').count()).toBe(0);
  await artifact(page.getByTestId('reopen-panel'), 'panel-unknown-found');
  expect(sendRequests(reopen.sim, diego.psid)).toHaveLength(1);
  // Trying again from a fresh tab is refused by the cooldown, before anything leaves.
  const again = await reopen.openThread(diego.selectedItemId);
  await waitForBanner(again, { window: 'human_agent', cooldown: 'active' });
  await again.getByTestId('reopen-open').click();
  expect(await again.locator('[data-testid="reopen-tag"][data-tag="HUMAN_AGENT"]').getAttribute('aria-disabled')).toBe('true');
  expect(sendRequests(reopen.sim, diego.psid)).toHaveLength(1);

  // The manager's export says the same: sent for Ivan and Fatima, blocked for Fatima's second tab; Diego's answer was
  // lost (network_unknown) but the conversation showed the message: sent, reconciled "found".
  const dashboard = await reopen.dashboard();
  await artifact(dashboard, 'popup-after-worker-stop');
  const download = dashboard.waitForEvent('download', { timeout: WAIT.ui });
  await dashboard.getByTestId('export-csv').click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  const rows = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .slice(1)
    .map((row) => row.split(','));
  const outcomesByCustomer = rows.map((cells) => `${cells[3]}:${cells[6]}:${cells[8]}:${cells[11]}`).sort();
  expect(outcomesByCustomer).toEqual(['Diego Ruiz:sent:network_unknown:found', 'Fatima Zahra:blocked::', 'Fatima Zahra:sent::', 'Ivan Petrov:sent::']);
});
