import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../sandbox/simulator';
import { inboxUrl, ROOT, startReopen, SUITE_ORIGIN, WAIT, type Reopen } from './harness';

// Agents reach the inbox from Business Suite's home by in-app navigation (history.pushState), not by loading an inbox
// address. From /latest/home, the "Inbox" link (tests/fixtures/suite/home-en.html: pushState, then the inbox rendered in
// place) shows the right banner; leaving the inbox by pushState removes Reopen's UI; coming back shows it again; one
// mount each time. An inbox address without a slash after /latest/inbox gets Reopen too.

const PAGE_ID = '104857600000021';
const scenario = parseScenario({
  description: 'E2E: a Page with an open and an expired conversation, reached from Business Suite home.',
  clock: { mode: 'real' },
  pages: [{ id: PAGE_ID, name: 'Lifecycle Shop', token: 'EAAB-lifecycle-token' }],
  conversations: [
    { name: 'Irene Soto', age: 30 },
    { name: 'Tomás Rey', age: 2 * 24 * 60 },
  ].map(({ name, age }, index) => ({
    id: `t_30280000000000${index + 1}`,
    pageId: PAGE_ID,
    psid: `34704000000000${index + 1}`,
    customerName: name,
    selectedItemId: `10048030000000${index + 1}`,
    messages: [{ from: 'customer' as const, text: `Question ${index + 1} about my order`, ageMinutes: age }],
  })),
  usageBudgetPerHour: 10_000,
});
const HOME = readFileSync(resolve(ROOT, 'tests/fixtures/suite/home-en.html'), 'utf8');
const homeUrl = `${SUITE_ORIGIN}/latest/home?asset_id=${PAGE_ID}`;

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario });
  await (await reopen.connectPage()).close();
  // Business Suite's home at its own address (registered last, so it wins over the inbox fixture for this path).
  await reopen.context.route(`${SUITE_ORIGIN}/latest/home**`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: HOME }));
});
afterAll(async () => {
  await reopen?.close();
});

/** Reopen's UI hosts in the document, and its banners inside their (open) shadow roots. */
const mounts = (page: Page) =>
  page.evaluate(() => {
    const hosts = [...document.querySelectorAll('reopen-inbox, reopen-inbox-floating')];
    const banners = hosts.filter((host) => host.shadowRoot?.querySelector('[data-testid="reopen-banner"]')).length;
    return { hosts: hosts.length, banners, badges: document.querySelectorAll('[data-testid="reopen-row-badge"]').length };
  });

const pushState = (page: Page, url: string) => page.evaluate((target) => history.pushState({}, '', target), url);

test('from Business Suite home, an in-app navigation to a conversation shows its banner; leaving removes it; coming back shows it once', async () => {
  const [open, expired] = reopen.scenario.conversations;
  const page = await reopen.context.newPage();
  await page.goto(homeUrl);
  await page.locator('[data-fixture-nav="inbox"]').evaluate((link, href) => link.setAttribute('data-href', href), inboxUrl(PAGE_ID, open!.selectedItemId));
  expect(await mounts(page)).toEqual({ hosts: 0, banners: 0, badges: 0 });

  await page.locator('[data-fixture-nav="inbox"]').click();
  await page.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  await expect.poll(() => mounts(page), { timeout: WAIT.graph }).toMatchObject({ hosts: 1, banners: 1, badges: 2 });

  // Leaving the inbox the way Business Suite does: Reopen's banner, host and row badges go.
  await pushState(page, homeUrl);
  await expect.poll(() => mounts(page), { timeout: WAIT.ui }).toEqual({ hosts: 0, banners: 0, badges: 0 });

  // Back to the inbox (the page still shows it, as Business Suite keeps a section it rendered): its banner, one host.
  await pushState(page, inboxUrl(PAGE_ID, open!.selectedItemId));
  await page.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  await expect.poll(() => mounts(page), { timeout: WAIT.graph }).toMatchObject({ hosts: 1, banners: 1, badges: 2 });

  // Back and forth with the browser's history (popstate): still one mount at a time.
  await page.goBack();
  await expect.poll(() => mounts(page), { timeout: WAIT.ui }).toEqual({ hosts: 0, banners: 0, badges: 0 });
  await page.goForward();
  await page.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  await expect.poll(() => mounts(page), { timeout: WAIT.graph }).toMatchObject({ hosts: 1, banners: 1 });

  // A switch within the inbox is the same session: Business Suite's click on the expired conversation's card.
  await page.locator(`[data-fixture-name="${expired!.customerName}"]`).first().click();
  await page.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: WAIT.graph });
  await expect.poll(() => mounts(page), { timeout: WAIT.graph }).toMatchObject({ hosts: 1, banners: 1 });

  // The panel loads on demand and opens in that one host.
  await page.getByTestId('reopen-open').click();
  await page.getByTestId('reopen-panel').waitFor({ timeout: WAIT.ui });
  expect(await page.getByTestId('reopen-panel').count()).toBe(1);
  await page.close();
});

test('an inbox address with no slash after /latest/inbox gets Reopen', async () => {
  const [open] = reopen.scenario.conversations;
  const url = new URL('/latest/inbox', SUITE_ORIGIN);
  url.searchParams.set('asset_id', PAGE_ID);
  url.searchParams.set('selected_item_id', open!.selectedItemId);
  url.searchParams.set('thread_type', 'FB_MESSAGE');
  const page = await reopen.context.newPage();
  await page.goto(url.toString());
  await page.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  expect((await mounts(page)).hosts).toBe(1);
  await page.close();
});
