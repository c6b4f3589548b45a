import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { SUITE_ORIGIN, WAIT, artifact, banner, sendAndWaitForResult, sendRequests, waitForBanner, waitForResult, type Reopen } from './harness';
import { useConnectedReopen } from './journey';

// Instagram Direct threads in Business Suite's unified inbox (thread_type=IG_MESSAGE; DESIGN.md §1 and §4): the same
// banner and panel as Messenger, only HUMAN_AGENT offered, one POST with Meta's body to the IGSID, then the cooldown;
// after 7 days the banner says nothing can be sent on Instagram. The header shows the customer's Instagram username,
// which Reopen matches against the participants' `username` of the Page's Instagram conversations.

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

const tag = (page: Page, id: string) => page.locator(`[data-testid="reopen-tag"][data-tag="${id}"]`);
const words = async (page: Page) => (await banner(page).locator(':scope > p').allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();

/** Business Suite on an Instagram thread, as the unified inbox links it (selected_item_id is its own long id). */
async function openInstagramThread(selectedItemId: string): Promise<Page> {
  const url = new URL('/latest/inbox/all', SUITE_ORIGIN);
  url.searchParams.set('asset_id', reopen.page.id);
  url.searchParams.set('mailbox_id', reopen.page.id);
  url.searchParams.set('selected_item_id', selectedItemId);
  url.searchParams.set('thread_type', 'IG_MESSAGE');
  const page = await reopen.context.newPage();
  await page.goto(url.toString());
  await banner(page).waitFor({ timeout: WAIT.ui });
  return page;
}

test('30 h after the customer wrote on Instagram: human_agent banner, only HUMAN_AGENT enabled, one POST to the IGSID, then the cooldown', async () => {
  const shopper = reopen.conversation('t_e2e_ig_human_30h');
  const page = await openInstagramThread(shopper.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  expect(await words(page)).toMatch(/^Expired 6 hr( \d{1,2} min)? ago — human-agent reply possible for 5 days 17 hr more/);

  // Resolved through platform=instagram by the username in the header; Business Suite's id was never tried as an IGSID,
  // nor any id looked up on Messenger. (The row badges read the Page's Messenger listing too, in whatever order the
  // background gets to it: a listing read without user_id says nothing about how this thread was resolved.)
  const reads = reopen.sim.requests().filter((call) => call.path.endsWith('/conversations'));
  expect(reads.some((call) => call.query.platform === 'instagram')).toBe(true);
  expect(reads.some((call) => call.query.user_id === shopper.selectedItemId)).toBe(false);
  expect(reads.some((call) => call.query.user_id !== undefined && call.query.platform !== 'instagram')).toBe(false);

  await page.getByTestId('reopen-open').click();
  const panel = page.getByTestId('reopen-panel');
  await panel.waitFor({ timeout: WAIT.ui });
  const tags = page.getByTestId('reopen-tag');
  expect(await tags.count()).toBe(6);
  // One line says what Meta allows on Instagram; the five other routes and why wait behind a disclosure, not on screen.
  expect(await page.getByTestId('reopen-platform-routes').innerText()).toBe('On Instagram, Meta allows only: Human agent.');
  const details = page.getByTestId('reopen-platform-details');
  expect(await details.evaluate((element) => (element as HTMLDetailsElement).open)).toBe(false);
  expect(await tag(page, 'CUSTOMER_FEEDBACK').isVisible()).toBe(false);
  expect(await panel.innerText()).not.toContain("Meta's Instagram messaging accepts only");
  await details.locator('summary').click();
  expect(await tag(page, 'CUSTOMER_FEEDBACK').isVisible()).toBe(true);
  expect(await details.innerText()).toContain("Meta's Instagram messaging accepts only the Human Agent tag");
  for (const other of ['CUSTOMER_FEEDBACK', 'UTILITY', 'ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE']) {
    expect(await tag(page, other).isDisabled(), other).toBe(true);
    expect(await tag(page, other).getAttribute('aria-disabled'), other).toBe('true');
    expect(await page.locator(`#reopen-tag-reason-${other}`).innerText(), other).toMatch(/^Not available on Instagram/);
  }
  expect(await tag(page, 'HUMAN_AGENT').isEnabled()).toBe(true);
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-disabled')).toBe('false');
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-pressed')).toBe('true');
  await details.locator('summary').click();
  await artifact(panel, 'panel-instagram');

  const text = 'Hi! The green parka is back in stock: I have put a size M aside for you.';
  await page.getByTestId('reopen-text').fill(text);
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');

  const sends = sendRequests(reopen.sim);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.path).toBe(`/v25.0/${reopen.page.id}/messages`);
  expect(sends[0]!.headers.authorization).toBe(`Bearer ${reopen.page.token}`);
  expect(sends[0]!.body).toEqual({ recipient: { id: shopper.psid }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text } });
  expect(sends[0]!.status).toBe(200);
  const delivered = reopen.sim
    .state()
    .conversations.find((c) => c.psid === shopper.psid)!
    .messages.at(-1)!;
  expect(delivered).toMatchObject({ from: 'page', text, tag: 'HUMAN_AGENT' });

  // The cooldown, as on Messenger: the banner says so, HUMAN_AGENT is disabled, nothing more is sent.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(await banner(page).innerText()).toMatch(/Next reactivation possible in 2[34] hr/);
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-disabled')).toBe('true');
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);
  expect((await waitForResult(page)).outcome).toBe('sent');
  expect(sendRequests(reopen.sim)).toHaveLength(1);
  await artifact(banner(page), 'banner-instagram-cooldown');
});

test('9 days after the customer wrote on Instagram: closed, the banner says nothing can be sent, every route disabled', async () => {
  const runner = reopen.conversation('t_e2e_ig_closed_9d');
  const page = await openInstagramThread(runner.selectedItemId);
  await waitForBanner(page, { window: 'closed', cooldown: 'none' });
  expect(await words(page)).toContain("Closed: more than 7 days since the customer's last message");
  expect(await words(page)).toContain('On Instagram nothing can be sent through the Send API now');
  expect(await words(page)).not.toContain('utility message from an approved template');
  await artifact(banner(page), 'banner-instagram-closed');

  await page.getByTestId('reopen-open').click();
  await page.getByTestId('reopen-panel').waitFor({ timeout: WAIT.ui });
  expect(await page.locator('[data-testid="reopen-tag"][aria-disabled="false"]').count()).toBe(0);
  expect(await page.locator('#reopen-tag-reason-HUMAN_AGENT').innerText()).toMatch(/^7 days have passed/);
  await page.getByTestId('reopen-platform-details').locator('summary').click();
  expect(await page.locator('#reopen-tag-reason-UTILITY').innerText()).toMatch(/^Not available on Instagram/);
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);
  expect(sendRequests(reopen.sim, runner.psid)).toEqual([]);
});
