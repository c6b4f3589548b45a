import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, banner, eventually, sendRequests, startReopen, waitForBanner, WAIT, type Reopen } from './harness';

// Journey 2: the banner tells the messaging window from the customer's last message — open with the time
// left, human_agent with the days left, closed — counts down locally across the 24 h boundary, and shows the
// window open again once the customer writes.

const HOUR = 3_600_000;
const thread = (reopen: Reopen, name: string) => {
  const conversation = reopen.scenario.conversations.find((candidate) => candidate.id === `t_e2e_${name}`);
  if (!conversation) throw new Error(`no conversation t_e2e_${name} in the scenario`);
  return conversation;
};
const words = async (page: Page) => (await banner(page).innerText()).replace(/\s+/g, ' ').trim();

let reopen: Reopen;
let humanAgentPage: Page;
beforeAll(async () => {
  reopen = await startReopen({ scenario: 'tests/sandbox/scenarios/e2e.json' });
  await reopen.connectPage();
});
afterAll(async () => {
  await reopen?.close();
});

test('2 h, 30 h, 6 d 23 h and 9 d after the customer wrote: open, human_agent (days left), human_agent (minutes left), closed', async () => {
  const open = await reopen.openThread(thread(reopen, 'open_2h').selectedItemId);
  await waitForBanner(open, { window: 'open', cooldown: 'none' });
  expect(await words(open)).toMatch(/^Window open — closes in 21 hr \d{1,2} min$/);
  expect(await open.getByTestId('reopen-open').count()).toBe(0);
  await artifact(banner(open), 'banner-open');

  humanAgentPage = await reopen.openThread(thread(reopen, 'human_30h').selectedItemId);
  await waitForBanner(humanAgentPage, { window: 'human_agent', cooldown: 'none' });
  expect(await words(humanAgentPage)).toMatch(/^Expired 6 hr( \d{1,2} min)? ago — human-agent reply possible for 5 days 17 hr more/);
  expect(await humanAgentPage.getByTestId('reopen-open').isVisible()).toBe(true);
  await artifact(banner(humanAgentPage), 'banner-human-agent');

  const lastHour = await reopen.openThread(thread(reopen, 'human_6d23h').selectedItemId);
  await waitForBanner(lastHour, { window: 'human_agent' });
  const minutesLeft = /possible for (\d{1,2}) min more/.exec(await words(lastHour));
  expect(minutesLeft, await words(lastHour)).not.toBeNull();
  expect(Number(minutesLeft![1])).toBeGreaterThan(40);
  expect(Number(minutesLeft![1])).toBeLessThanOrEqual(59);
  expect(await words(lastHour)).toMatch(/^Expired 5 days 2[23] hr( \d{1,2} min)? ago/);

  const closed = await reopen.openThread(thread(reopen, 'closed_9d').selectedItemId);
  await waitForBanner(closed, { window: 'closed' });
  expect(await words(closed)).toContain("Closed: more than 7 days since the customer's last message");
  expect(await words(closed)).toContain('Only a utility message from an approved template can reach this customer now.');
  await artifact(banner(closed), 'banner-closed');

  // Looking is free: reads only, and every read found the conversation by its PSID (never by Business
  // Suite's id, which is not one).
  const calls = reopen.sim.requests();
  expect(sendRequests(reopen.sim)).toEqual([]);
  expect(calls.every((call) => call.method === 'GET' && call.status === 200)).toBe(true);
  const selectedIds = new Set(reopen.scenario.conversations.map((c) => c.selectedItemId));
  const foundByPsid = calls.filter((call) => call.query.user_id && !selectedIds.has(call.query.user_id));
  expect(foundByPsid).toEqual([]);
});

test('a thread 20 s before its 24 h crosses into human_agent on screen by the local countdown, with no new Graph call', async () => {
  const crossing = thread(reopen, 'crossing');
  // The customer's last message 23 h 59 min 40 s ago, set now so the page has ~20 s of open window to show.
  reopen.sim.addCustomerMessage(crossing.psid, 'Still there?', reopen.sim.clock.now() - 24 * HOUR + 20_000);
  const page = await reopen.openThread(crossing.selectedItemId);
  await waitForBanner(page, { window: 'open' });
  expect(await words(page)).toMatch(/^Window open — closes in \d{1,2} sec/);
  const readsBefore = reopen.sim.requests().length;

  await waitForBanner(page, { window: 'human_agent' }, WAIT.long);
  expect(await words(page)).toMatch(/^Expired \d{1,2} sec ago — human-agent reply possible for 5 days 23 hr more/);
  expect(await page.getByTestId('reopen-open').isVisible()).toBe(true);
  expect(reopen.sim.requests().length).toBe(readsBefore);
});

test('after the customer writes again, the expired thread shows the window open (a reload once the cached facts age out)', async () => {
  const replied = thread(reopen, 'human_30h');
  reopen.sim.addCustomerMessage(replied.psid, 'Are you still able to help?');
  // Reopen keeps a thread's facts for 60 s (Meta allows 2 calls/s per Page); an agent reloading sees the
  // reply once they are older than that. Bounded: one reload every 3 s for at most WAIT.long + 30 s.
  await eventually(
    async () => {
      await humanAgentPage.reload();
      // Settled: past "Checking this conversation…" (which shows as unknown).
      await humanAgentPage.locator('[data-testid="reopen-banner"]:not([data-window="unknown"])').waitFor({ timeout: WAIT.graph });
      return (await humanAgentPage.locator('[data-testid="reopen-banner"][data-window="open"]').count()) > 0;
    },
    { timeoutMs: WAIT.long + 30_000, everyMs: 3000, what: 'the banner to show the window open after the reply' },
  );
  expect(await words(humanAgentPage)).toMatch(/^Window open — closes in 23 hr 5\d min$/);
  expect(await humanAgentPage.getByTestId('reopen-open').count()).toBe(0);
});
