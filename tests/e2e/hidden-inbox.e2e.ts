import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../sandbox/simulator';
import { eventually, inboxUrl, startReopen, WAIT, type Reopen } from './harness';
import { hideBehindAnotherTab, launchWithTabVisibility, listingCalls, visibility } from './tab-visibility';

// Row badges ask the background for the Page's recent conversations (one Graph listing call) only while the inbox is
// visible (issue 11: 0 listing calls while hidden). In a browser where a background tab is hidden
// (./tab-visibility.ts): the inbox is first used in front (both conversations resolved, badges shown); then, behind
// another tab and with the background's listing forgotten (its worker restarted: the listing lives in its memory, so
// any ask would reach Graph), the inbox reloads and changes conversation and must make no listing call; brought to
// the front, it makes exactly one and shows its badges (so the silence before is the rule, not a broken page).

const PAGE_ID = '104857600000011';
const NAMES = ['Lucía Fernández', 'Andrés Gómez', 'Marta Vidal'];
const scenario = parseScenario({
  description: 'E2E: a Page with three conversations, its inbox used in front and then behind another tab.',
  clock: { mode: 'real' },
  pages: [{ id: PAGE_ID, name: 'Hidden Tab Shop', token: 'EAAB-hidden-tab-token' }],
  conversations: NAMES.map((customerName, index) => ({
    id: `t_30270000000000${index + 1}`,
    pageId: PAGE_ID,
    psid: `34703000000000${index + 1}`,
    customerName,
    selectedItemId: `10047030000000${index + 1}`,
    messages: [{ from: 'customer' as const, text: `Pregunta ${index + 1}`, ageMinutes: [30, 2 * 24 * 60, 10 * 24 * 60][index]! }],
  })),
  usageBudgetPerHour: 10_000,
});
/** How long the hidden inbox is watched after each occasion the content script would ask on (start, URL change). */
const QUIET_MS = 4000;

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario, fixture: 'suite-2026-es.html', launch: launchWithTabVisibility });
  await (await reopen.connectPage()).close();
});
afterAll(async () => {
  await reopen?.close();
});

const card = (name: string) => `[data-pagelet="GenericBizInboxThreadListViewBody"] [role="listitem"][data-fixture-name="${name}"]`;
const badgeCount = (page: Page) => page.locator('[data-testid="reopen-row-badge"]').count();

test('a hidden inbox makes no Graph listing call; shown again, it makes one and badges its rows', async () => {
  const [first, second] = reopen.scenario.conversations;
  const inbox = await reopen.context.newPage();
  await inbox.bringToFront();
  await inbox.goto(inboxUrl(PAGE_ID, first!.selectedItemId));
  await inbox.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  await inbox.locator(card(NAMES[1]!)).click();
  await inbox.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: WAIT.graph });
  await eventually(async () => (await badgeCount(inbox)) === NAMES.length, { what: 'a badge on every row while in front' });

  await hideBehindAnotherTab(reopen, inbox);
  await reopen.stopServiceWorker();
  const before = listingCalls(reopen);
  await inbox.goto(inboxUrl(PAGE_ID, first!.selectedItemId));
  // The content script has started (its session asks for the rows right after it creates its UI, and would have
  // asked by now were it visible): its banner shows the conversation. Only from there is the quiet watched, so a
  // slow start on a busy machine cannot pass for silence.
  await inbox.locator('[data-testid="reopen-banner"][data-window="open"]').waitFor({ timeout: WAIT.graph });
  await inbox.waitForTimeout(QUIET_MS);
  // Business Suite's own way to another conversation: a click on its card changes the URL in place.
  await inbox.evaluate((selector) => (document.querySelector(selector) as HTMLElement).click(), card(second!.customerName));
  await inbox.waitForFunction((id) => location.search.includes(id), second!.selectedItemId);
  // Reopen has taken the switch in (a URL change is an occasion to ask for the rows, which a hidden tab skips).
  await inbox.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: WAIT.graph });
  await inbox.waitForTimeout(QUIET_MS);
  expect(await visibility(inbox)).toBe('hidden');
  expect(listingCalls(reopen) - before).toBe(0);

  await inbox.bringToFront();
  await eventually(async () => (await badgeCount(inbox)) === NAMES.length, { timeoutMs: WAIT.graph, what: 'the row badges back once in front' });
  expect(listingCalls(reopen) - before).toBe(1);
});
