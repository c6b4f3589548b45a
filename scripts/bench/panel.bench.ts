// Panel open after the click on a warm page (real Chromium, production build, Meta simulator): an expired conversation's
// banner shown, then the time from the click on "Reopen expired conversation" to the panel in Reopen's shadow root,
// measured in the page (performance.now, the panel polled each frame). *First open*: a fresh tab, so the panel script
// is loaded by that click (components/inbox/lazy-panel.tsx); *again*: the panel closed and opened in the same tab.
import { afterAll, beforeAll, test } from 'vitest';
import type { Page } from 'playwright-core';
import { inboxUrl, startReopen, type Reopen } from '../../tests/e2e/harness';
import { parseScenario } from '../../tests/sandbox/simulator';
import { recordFigures } from './record';
import { median } from './stats';

const RUNS = 7;
const PAGE_ID = '104857600000031';
const scenario = parseScenario({
  description: 'Bench: one expired conversation whose panel is opened.',
  clock: { mode: 'real' },
  pages: [{ id: PAGE_ID, name: 'Panel Bench Shop', token: 'EAAB-panel-bench-token' }],
  conversations: [
    {
      id: 't_302900000000001',
      pageId: PAGE_ID,
      psid: '347050000000001',
      customerName: 'Nora Gil',
      selectedItemId: '100490300000001',
      messages: [{ from: 'customer' as const, text: 'Is my order on its way?', ageMinutes: 2 * 24 * 60 }],
    },
  ],
  usageBudgetPerHour: 100_000,
});

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario });
  await (await reopen.connectPage()).close();
});
afterAll(async () => {
  await reopen?.close();
});

/** Clicks the opener inside Reopen's shadow root and resolves with the ms until the panel is there (bounded: 10 s). */
const timedOpen = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<number>((done, fail) => {
        const find = (selector: string) => {
          for (const host of document.querySelectorAll('reopen-inbox, reopen-inbox-floating')) {
            const found = host.shadowRoot?.querySelector<HTMLElement>(selector);
            if (found) return found;
          }
          return null;
        };
        const start = performance.now();
        find('[data-testid="reopen-open"]')!.click();
        const check = () => {
          if (find('[data-testid="reopen-panel"]')) return done(performance.now() - start);
          if (performance.now() - start > 10_000) return fail(new Error('no panel within 10 s'));
          requestAnimationFrame(check);
        };
        check();
      }),
  );

test('panel open after the click on a warm page', async () => {
  const first: number[] = [];
  const again: number[] = [];
  const [thread] = reopen.scenario.conversations;
  for (let run = 0; run < RUNS; run += 1) {
    const page = await reopen.context.newPage();
    await page.goto(inboxUrl(PAGE_ID, thread!.selectedItemId));
    await page.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: 15_000 });
    await page.getByTestId('reopen-open').waitFor({ timeout: 15_000 });
    first.push(await timedOpen(page));
    await page.getByTestId('reopen-open').click();
    await page.getByTestId('reopen-panel').waitFor({ state: 'detached', timeout: 10_000 });
    again.push(await timedOpen(page));
    await page.close();
  }
  recordFigures('panelOpen', {
    firstOpenMedianMs: Number(median(first).toFixed(1)),
    againMedianMs: Number(median(again).toFixed(1)),
    runs: RUNS,
    targetMs: 100,
  });
});
