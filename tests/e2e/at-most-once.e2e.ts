import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { artifact, composeTagged, eventually, sendRequests, waitForBanner, waitForResult, WAIT, type Reopen } from './harness';
import { ONLY_SENDS, useConnectedReopen } from './journey';

// Journey 7: a reactivation reaches Meta at most once — whatever the agent clicks, however many tabs show the
// thread, and even when the service worker dies while Meta is still answering.

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

test("a page script clicking Send sends nothing; the agent's double click sends one message", async () => {
  const ivan = reopen.conversation('t_e2e_double_click');
  const page = await reopen.openThread(ivan.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(page, 'Hi Ivan, you were right: the size chart is fixed now.');
  // The host page's own script reaches into Reopen's open shadow root and clicks Send (an untrusted event). Had it
  // sent, the agent's click below would meet the cooldown (or the send lock) and not be `sent`.
  const scripted = await page.evaluate(() => {
    const hosts = [...document.querySelectorAll('*')].filter((element) => element.shadowRoot);
    const button = hosts.map((host) => host.shadowRoot!.querySelector<HTMLButtonElement>('[data-testid="reopen-send"]')).find(Boolean);
    button?.click();
    return button !== undefined && button !== null;
  });
  expect(scripted).toBe(true);
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

test('"It did not arrive — send again" 10 minutes on: the panel asks first, naming the risk; Escape sends nothing; one POST on confirmation', async () => {
  const john = reopen.conversation('t_e2e_human_30h');
  // An attempt Meta's answer left unknown 15 minutes ago, whose 10-minute read found nothing (reads go on until the
  // hour), as a worker would have stored it: the real schedule cannot be waited for in a browser test.
  const options = await reopen.options();
  const firstId = '00000000-0000-4000-8000-0000000e2e01';
  await options.evaluate(
    async ({ key, record }) => {
      const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } };
      await chrome.storage.local.set({ [key]: record });
    },
    {
      key: `thread:${reopen.page.id}:${john.psid}`,
      record: {
        pageId: reopen.page.id,
        psid: john.psid,
        customerName: null,
        selectedItemId: null,
        conversationId: null,
        facts: null,
        attempts: [
          {
            requestId: firstId,
            at: Date.now() - 15 * 60_000,
            postedAt: Date.now() - 15 * 60_000,
            route: 'HUMAN_AGENT',
            status: 'unknown',
            contentKind: 'text',
            textDigest: '0'.repeat(64),
            error: { kind: 'maybe_processed', retryable: false, code: 1 },
            settledAt: Date.now() - 15 * 60_000,
            reconciliation: { state: 'checking', reads: 4, nextReadAt: Date.now() + 45 * 60_000, lastReadAfterMs: 10 * 60_000 },
          },
        ],
        updatedAt: Date.now(),
      },
    },
  );
  await options.close();
  const page = await reopen.openThread(john.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  await composeTagged(page, 'Hi John, here is the tracking link you asked for: it left the warehouse today.');
  const status = page.locator('[data-testid="reopen-reconcile"][data-state="checking"]');
  expect(await status.innerText()).toContain('Not in the conversation 10 minutes after sending (4 of 5 checks done).');
  // The only send offered is the explicit one; by keyboard it opens the confirmation, focused on its answer.
  expect(await page.getByTestId('reopen-send').count()).toBe(0);
  await page.getByTestId('reopen-send-again').focus();
  await page.keyboard.press('Enter');
  const confirm = page.getByTestId('reopen-send-again-confirm');
  expect(await confirm.innerText()).toContain('Your first message may still arrive late: if it does, the customer gets it twice. Send it again?');
  expect(await page.getByTestId('reopen-send-again-yes').evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement)).toBe(true);
  await page.keyboard.press('Escape');
  expect(await confirm.count()).toBe(0);
  expect(await page.getByTestId('reopen-panel').count()).toBe(1);
  expect(sendRequests(reopen.sim, john.psid)).toHaveLength(0);
  // Confirmed: one POST, recorded as a new attempt that names the first.
  await page.getByTestId('reopen-send-again').focus();
  await page.keyboard.press('Enter');
  const yes = page.getByTestId('reopen-send-again-yes');
  await yes.waitFor({ timeout: WAIT.ui });
  await eventually(() => yes.evaluate((element) => element === (element.getRootNode() as ShadowRoot).activeElement), {
    timeoutMs: WAIT.ui,
    what: 'the focus on "Send again anyway"',
  });
  await page.keyboard.press('Enter');
  const result = await waitForResult(page);
  expect(result.outcome).toBe('sent');
  expect(sendRequests(reopen.sim, john.psid)).toHaveLength(1);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(sendRequests(reopen.sim, john.psid)).toHaveLength(1);
  await artifact(page.getByTestId('reopen-panel'), 'panel-resend-confirmed');
  // The ledger keeps both: the first still being read until its hour, the resend naming it.
  const ledger = await reopen.options();
  const stored = (await ledger.evaluate(async (key) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { get(key: string): Promise<Record<string, unknown>> } } } };
    return (await chrome.storage.local.get(key))[key];
  }, `thread:${reopen.page.id}:${john.psid}`)) as { attempts: { requestId: string; status: string; retryOf?: string; reconciliation?: { state: string } }[] };
  expect(stored.attempts.map((attempt) => [attempt.status, attempt.retryOf ?? null, attempt.reconciliation?.state ?? null])).toEqual([
    ['unknown', null, 'checking'],
    ['sent', firstId, null],
  ]);
  await ledger.close();
  await page.close();
});
