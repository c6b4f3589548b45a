import AxeBuilder from '@axe-core/playwright';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, composeTagged, eventually, sendAndWaitForResult, sendRequests, waitForBanner, waitForResult, WAIT, type Reopen } from './harness';
import { ONLY_SENDS, useConnectedReopen } from './journey';

// Stop means stop (DESIGN.md §1, "Refusals that mean stop"), in the real extension: Meta answers 10/1893063 ("You are
// temporarily restricted from sending messages") to one customer's send in tab 1; a send to ANOTHER customer of the
// same Page from tab 2 makes no POST and says the Page is blocked; the toolbar and the popup show the block with Meta's
// words; a manager clears it in the popup (keyboard only, after a confirmation), and sending works again. No wait
// here depends on timing or on the order of the background's reads: each waits (bounded) for a state on screen.

const META_WORDS = 'You are temporarily restricted from sending messages.';

/** The toolbar title as the worker set it (chrome.action, typed here: the e2e files have no extension types). */
const toolbarTitle = (page: Reopen) =>
  page.session
    .worker()
    .then((worker) =>
      worker.evaluate(() => (globalThis as unknown as { chrome: { action: { getTitle(details: object): Promise<string> } } }).chrome.action.getTitle({})),
    );

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

/** axe-core's serious and critical findings on a page (WCAG 2.5.3's label check included, as in accessibility.e2e.ts). */
async function seriousViolations(page: Page, inboxUi = false): Promise<string[]> {
  const builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
  // In the inbox, only Reopen's own UI (the fixture page around it is not ours).
  if (inboxUi) builder.include({ fromShadowDom: ['reopen-inbox', '.reopen-root'] });
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
}

/** Clicks Send and waits for this click's outcome. When the tab already knows the Page is blocked, Send is marked
 *  unavailable (aria-disabled) yet still clickable: `force` skips Playwright's enabled check, the click stays real. */
async function clickSend(page: Page) {
  const result = page.getByTestId('reopen-result');
  if ((await result.count()) > 0) await result.evaluate((element) => element.remove());
  await page.getByTestId('reopen-send').click({ force: true, timeout: WAIT.ui });
  return waitForResult(page);
}

test('a Page restricted in tab 1 stops a send to another customer in tab 2; the popup clears it, then sending works', async () => {
  const kofi = reopen.conversation('t_e2e_errors');
  const john = reopen.conversation('t_e2e_human_30h');

  // Tab 2 first, its message composed before anything happened in tab 1 (it has not heard of any block).
  const tab2 = await reopen.openThread(john.selectedItemId);
  await waitForBanner(tab2, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(tab2, 'Hi John, your replacement left the warehouse today.');

  // Tab 1: Meta restricts the Page. More refusals are queued than one click uses: an extra POST would show.
  const tab1 = await reopen.openThread(kofi.selectedItemId);
  await waitForBanner(tab1, { window: 'human_agent', cooldown: 'none' });
  reopen.sim.injectFault({ kind: 'graph_error', error: { code: 10, error_subcode: 1893063, message: META_WORDS }, count: 3, match: ONLY_SENDS });
  await composeTagged(tab1, 'Hi Kofi, the corrected invoice is in your account.');
  const refused = await sendAndWaitForResult(tab1);
  expect(refused).toMatchObject({ outcome: 'failed', code: '10', subcode: '1893063' });
  expect(await refused.locator.getAttribute('data-block')).toBe('page');
  expect(refused.text).toContain("Reopen will not send anything from this Page, in any agent's browser tab");
  expect(sendRequests(reopen.sim)).toHaveLength(1);

  // Tab 2: another customer of the same Page. Whether the tab re-read the thread meanwhile (the panel then shows the
  // block) or not (the background refuses it), the click is answered `blocked` for the Page, and nothing is POSTed.
  await tab2.bringToFront();
  const blocked = await clickSend(tab2);
  expect(blocked.outcome).toBe('blocked');
  expect(await blocked.locator.getAttribute('data-block')).toBe('page');
  expect(blocked.text).toContain('Not sent: Meta has restricted this Page from sending messages');
  expect(blocked.text).toContain(META_WORDS);
  expect(sendRequests(reopen.sim, john.psid)).toEqual([]);
  expect(sendRequests(reopen.sim)).toHaveLength(1);
  await artifact(tab2.getByTestId('reopen-panel'), 'panel-page-blocked');

  // A new look at the conversation shows the block as soon as the panel opens; reading is never blocked.
  await tab2.reload();
  await waitForBanner(tab2, { window: 'human_agent' });
  await tab2.getByTestId('reopen-open').click();
  const notice = tab2.locator('[data-testid="reopen-stop"][data-block="page"]');
  await notice.waitFor({ timeout: WAIT.graph });
  expect(await notice.innerText()).toContain(META_WORDS);
  expect(await tab2.getByTestId('reopen-send').getAttribute('aria-disabled')).toBe('true');
  expect(await seriousViolations(tab2, true)).toEqual([]);

  // The toolbar: its title names the restricted Page first (the badge text stays the count).
  await eventually(async () => (await toolbarTitle(reopen)).startsWith('⚠ Meta restricted the Page'), {
    timeoutMs: WAIT.ui,
    what: "the toolbar title naming the Page's block",
  });

  reopen.sim.clearFaults();

  // The popup: Meta's words, and the manager's clear beside them, by keyboard, after a confirmation.
  const popup = await reopen.popup();
  const shown = popup.locator(`[data-testid="page-block"][data-page-id="${reopen.page.id}"]`);
  await shown.waitFor({ timeout: WAIT.ui });
  expect(await shown.getByTestId('page-block-meta').innerText()).toContain(META_WORDS);
  await artifact(popup, 'popup-page-blocked');
  expect(await seriousViolations(popup)).toEqual([]);
  await shown.getByTestId('page-block-clear').focus();
  await popup.keyboard.press('Enter');
  const confirm = shown.getByTestId('page-block-confirm');
  await confirm.waitFor({ timeout: WAIT.ui });
  expect(await seriousViolations(popup)).toEqual([]);
  await eventually(() => confirm.evaluate((element) => element === document.activeElement), { timeoutMs: WAIT.ui, what: 'the focus on the confirmation' });
  await popup.keyboard.press('Enter');
  await shown.waitFor({ state: 'detached', timeout: WAIT.ui });
  await eventually(async () => !(await toolbarTitle(reopen)).startsWith('⚠'), {
    timeoutMs: WAIT.ui,
    what: 'the toolbar title without the block',
  });

  // Cleared: the send to John goes out, once.
  await tab2.reload();
  await waitForBanner(tab2, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(tab2, 'Hi John, your replacement left the warehouse today.');
  expect(await tab2.getByTestId('reopen-stop').count()).toBe(0);
  const sent = await sendAndWaitForResult(tab2);
  expect(sent.outcome).toBe('sent');
  expect(sendRequests(reopen.sim, john.psid).map((call) => call.status)).toEqual([200]);
});
