// @vitest-environment node
// Row badges on a churning conversation list (issue 11), in real Chromium with the production build:
//   (a) what the badges add to the host page while React re-renders a list of ROWS cards, side by side with and
//       without Reopen (the same fixture at a URL outside the content script's matches), and
//   (b) the Graph listing calls the badges cost while the inbox is visible.
// Figures go to bench/results.json (section rowBadges); nothing here asserts a speed.
//
// The list is suite-2026-es.html's (data-pagelet ThreadList, absolutely positioned div[role=listitem] cards, §7a)
// listing the bench scenario's ROWS conversations. One re-render replaces every card with new nodes (none of
// Reopen's inside, as React renders them) and recycles one card for another conversation (its name's text node
// rewritten in place, as virtualized scrolling does); each re-render is its own timer task. Paired runs alternate
// their order, as in browser.bench.ts; the extension's own JS is split out with V8's sampling profiler.

import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, test } from 'vitest';
import type { CDPSession, Page } from 'playwright-core';
import { ROOT, SUITE_ORIGIN, inboxUrl, startReopen, type Reopen } from '../../tests/e2e/harness';
import { parseScenario } from '../../tests/sandbox/simulator';
import { recordFigures } from './record';
import { median } from './stats';
import { profiledSplit, type ProfiledSplit } from './profile';

const ROWS = 50;
const RENDERS = 60;
const RUNS = 9;
const PROFILED_RUNS = 3;
const SETTLE_MS = 500;
/** Long enough for the content script's once-a-minute refresh to come round. */
const WATCH_MS = 65_000;
const PAGE_ID = '104857600000003';
const TOKEN = 'EAAB-bench-rows-token';
/** Customers' last messages from 10 minutes to 10 days ago, so every kind of badge is on the list. */
const AGES = [10, 23 * 60, 2 * 24 * 60, 10 * 24 * 60];

const round = (value: number, digits = 1) => Number(value.toFixed(digits));

let reopen: Reopen;
beforeAll(async () => {
  if (!process.env.CHROMIUM_PATH) {
    process.env.CHROMIUM_PATH = execFileSync('bash', [resolve(ROOT, 'scripts/ensure-chromium.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  }
  const scenario = parseScenario({
    description: `Bench: one Page with ${ROWS} conversations for the list's row badges.`,
    clock: { mode: 'real' },
    pages: [{ id: PAGE_ID, name: 'Rows Bench Shop', token: TOKEN }],
    conversations: Array.from({ length: ROWS }, (_, index) => {
      const n = String(index + 1).padStart(2, '0');
      return {
        id: `t_3026000000000${n}`,
        pageId: PAGE_ID,
        psid: `3460300000000${n}`,
        customerName: `Row Customer ${n}`,
        selectedItemId: `1000390300000${n}`,
        messages: [{ from: 'customer' as const, text: `Question ${n}`, ageMinutes: AGES[index % AGES.length]! + index }],
      };
    }),
    usageBudgetPerHour: 10_000,
  });
  reopen = await startReopen({ scenario, fixture: 'suite-2026-es.html' });
  await (await reopen.connectPage(TOKEN)).close();
}, 120_000);

afterAll(async () => {
  await reopen?.close();
});

interface Side {
  page: Page;
  cdp: CDPSession;
}

async function openSide(url: string): Promise<Side> {
  const page = await reopen.context.newPage();
  await page.goto(url);
  const cdp = await reopen.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { page, cdp };
}

const badgeCount = (page: Page) => page.evaluate(() => document.querySelectorAll('[data-testid="reopen-row-badge"]').length);

/** RENDERS re-renders of the whole list, one timer task each, as React's commits would be. */
async function rerender(page: Page): Promise<void> {
  await page.evaluate(
    (renders) =>
      new Promise<void>((done) => {
        const list = document.querySelector('[data-pagelet="GenericBizInboxThreadListViewBody"]')!;
        let i = 0;
        function step() {
          for (const card of [...list.querySelectorAll('[role="listitem"]')]) {
            const fresh = card.cloneNode(true) as Element;
            fresh.querySelectorAll('[data-testid="reopen-row-badge"]').forEach((node) => node.remove());
            card.replaceWith(fresh);
          }
          const names = list.querySelectorAll('[data-fixture-card-name]');
          const a = names[i % names.length]!.firstChild!;
          const b = names[(i + 1) % names.length]!.firstChild!;
          [a.nodeValue, b.nodeValue] = [b.nodeValue, a.nodeValue];
          if (++i < renders) setTimeout(step, 0);
          else setTimeout(done, 50); // the last observer callbacks and frames run inside the measured span
        }
        setTimeout(step, 0);
      }),
    RENDERS,
  );
}

async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
  return (metrics.find((metric) => metric.name === 'ScriptDuration')?.value ?? 0) * 1000;
}

async function churnScript({ page, cdp }: Side): Promise<number> {
  await page.bringToFront();
  await page.waitForTimeout(SETTLE_MS);
  const before = await scriptMs(cdp);
  await rerender(page);
  return (await scriptMs(cdp)) - before;
}

/** The extension's JS during one churn, and the page's (./profile.ts). */
async function profiledChurn({ page, cdp }: Side): Promise<ProfiledSplit> {
  await page.bringToFront();
  await page.waitForTimeout(SETTLE_MS);
  return profiledSplit(cdp, () => rerender(page));
}

const listingCalls = () =>
  reopen.sim.requests().filter((request) => request.method === 'GET' && request.path.endsWith('/conversations') && !request.query.user_id).length;

test('row badges: host-page cost per list re-render, and Graph listing calls while visible', async () => {
  const first = reopen.scenario.conversations[0]!;
  const withUrl = inboxUrl(PAGE_ID, first.selectedItemId);
  const withoutUrl = withUrl.replace(`${SUITE_ORIGIN}/latest/inbox/`, `${SUITE_ORIGIN}/latest/bench-no-extension/`);
  const withSide = await openSide(withUrl);
  // The listing returns the 25 most recent conversations: those rows get a badge, the others are read and skipped.
  for (let waited = 0; (await badgeCount(withSide.page)) < 25; waited += 200) {
    if (waited > 20_000) throw new Error(`only ${await badgeCount(withSide.page)} row badges after 20 s`);
    await withSide.page.waitForTimeout(200);
  }
  const badges = await badgeCount(withSide.page);
  const withoutSide = await openSide(withoutUrl);
  const withRuns: number[] = [];
  const withoutRuns: number[] = [];
  const profiled: ProfiledSplit[] = [];
  let badgesAfter = 0;
  let visibleCalls = 0;
  try {
    await churnScript(withoutSide);
    await churnScript(withSide);
    for (let run = 0; run < RUNS; run++) {
      const order = run % 2 === 0 ? [withoutSide, withSide] : [withSide, withoutSide];
      for (const side of order) (side === withSide ? withRuns : withoutRuns).push(await churnScript(side));
    }
    for (let run = 0; run < PROFILED_RUNS; run++) profiled.push(await profiledChurn(withSide));
    await withSide.page.waitForTimeout(100);
    badgesAfter = await badgeCount(withSide.page);

    // Graph: the inbox visible for a minute and more. (Hidden is not measured here: headless Chromium reports every
    // page visible, even in a minimized window; the content script asks only while document.visibilityState is
    // "visible", and the background reads the listing only when asked.)
    await withSide.page.bringToFront();
    let before = listingCalls();
    await withSide.page.waitForTimeout(WATCH_MS);
    visibleCalls = listingCalls() - before;
  } finally {
    await withSide.page.close();
    await withoutSide.page.close();
  }
  console.log('[bench] row re-render script ms', { with: withRuns.map((ms) => round(ms)), without: withoutRuns.map((ms) => round(ms)) });
  const extensionMs = median(profiled.map((run) => run.extensionMs));
  recordFigures('rowBadges', {
    rows: ROWS,
    badges,
    badgesAfterChurn: badgesAfter,
    rendersPerRun: RENDERS,
    runsEach: RUNS,
    scriptMsWithout: round(median(withoutRuns)),
    scriptMsWith: round(median(withRuns)),
    scriptRatioPairedMedian: round(median(withRuns.map((ms, index) => ms / withoutRuns[index]!)), 3),
    extensionScriptMsPerRerender: round(extensionMs / RENDERS, 3),
    extensionMsPerRerenderTarget: 1,
    profiledScriptRatio: round(median(profiled.map((run) => (run.pageMs + run.extensionMs) / run.pageMs)), 3),
    ratioTarget: 1.05,
    listingCallsVisiblePer65s: visibleCalls,
  });
});
