import AxeBuilder from '@axe-core/playwright';
import type { Result } from 'axe-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { browser } from 'wxt/browser';
import { artifact, banner, eventually, startReopen, WAIT, type Reopen } from './harness';
import { darkenInbox, SCREENS, showScreen, STORE_SCENARIO, waitForInboxTheme, type Scheme } from './screens';

// axe-core on every screen an agent or manager sees (the banner, the reopen panel, the popup, the options page), in
// light and in dark: no serious or critical violation, colour contrast included. The inbox UI is checked inside its
// shadow root only: the page around it is Business Suite's (here a fixture), not ours. Then the keyboard route to
// the panel, and the inbox UI following Business Suite's dark theme.

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario: STORE_SCENARIO });
  await reopen.connectPage();
});
afterAll(async () => {
  await reopen?.close();
});

const describeViolation = (violation: Result) =>
  `${violation.id} (${violation.impact}): ${violation.help} — ${violation.nodes
    .slice(0, 3)
    .map((node) => `${JSON.stringify(node.target)} ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
    .join(' | ')}`;

describe.each(['light', 'dark'] as const)('%s', (scheme: Scheme) => {
  test.each(SCREENS)('%s: no serious or critical axe violation, contrast checked', async (screen) => {
    const { page, include } = await showScreen(reopen, screen, scheme);
    // label-content-name-mismatch (WCAG 2.5.3) is experimental in axe, so off unless asked for.
    const builder = new AxeBuilder({ page }).options({ rules: { 'label-content-name-mismatch': { enabled: true } } });
    if (include) builder.include(include);
    const results = await builder.analyze();
    await artifact(page, `a11y-${scheme}-${screen}`);
    const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
    expect(serious.map(describeViolation)).toEqual([]);
    // The check looked at our UI's text, not at an empty selection (a check that saw nothing cannot fail).
    const contrast = results.passes.find((rule) => rule.id === 'color-contrast');
    expect(contrast?.nodes.length ?? 0).toBeGreaterThan(1);
    if (screen === 'dashboard') {
      // The scan button's name was checked against its visible words ("Scan again" once a scan ran).
      expect(await page.getByTestId('overview-scan').textContent()).toBe('Scan again');
      const labelRule = [...results.passes, ...results.incomplete].find((rule) => rule.id === 'label-content-name-mismatch');
      expect(labelRule?.nodes.some((node) => JSON.stringify(node.target).includes('overview-scan'))).toBe(true);
    }
    if (screen === 'banner' || screen === 'panel') {
      // The badges whose white-on-orange failed before are among what was checked.
      const badgeChecked = contrast!.nodes.some((node) => node.html.includes('reopen-badge'));
      expect(badgeChecked).toBe(true);
    }
    await page.close();
  });
});

test('the inbox UI follows Business Suite: dark on its dark theme, light again when it switches back', async () => {
  const { page } = await showScreen(reopen, 'banner', 'light');
  const surface = () => banner(page).evaluate((element) => getComputedStyle(element.closest('.reopen-root')!.querySelector('.reopen-banner')!).backgroundColor);
  const light = await surface();
  await darkenInbox(page);
  await waitForInboxTheme(page, 'dark');
  expect(await surface()).not.toBe(light);
  await page.evaluate(() => document.documentElement.classList.replace('__fb-dark-mode', '__fb-light-mode'));
  await waitForInboxTheme(page, 'light');
  expect(await surface()).toBe(light);
  await page.close();
});

test('the keyboard shortcut reaches the inbox tab: the background relays it and the reopen panel opens', async () => {
  const expired = await reopen.openThread(reopen.conversation('t_10160000000000011').selectedItemId);
  await expired.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: WAIT.graph });
  expect(await expired.getByTestId('reopen-panel').count()).toBe(0);
  await expired.bringToFront();
  // What the background's commands.onCommand listener does for Alt+Shift+O (a browser accelerator, which
  // Playwright's synthetic keys do not reach): the same message to the inbox tab that is on screen.
  const worker = await reopen.session.worker();
  const outcome = await worker.evaluate(async () => {
    const { tabs } = (globalThis as unknown as { chrome: typeof browser }).chrome;
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    if (!tab?.id) return 'no active tab';
    await tabs.sendMessage(tab.id, { type: 'panel.open' });
    return 'sent';
  });
  expect(outcome).toBe('sent');
  await expired.getByTestId('reopen-panel').waitFor({ timeout: WAIT.ui });
  // The panel's heading takes the focus, so the keyboard user lands inside it.
  await eventually(
    () =>
      expired.evaluate(() => {
        const active = document.querySelector('reopen-inbox')?.shadowRoot?.activeElement;
        return !!active?.closest('[data-testid="reopen-panel"]');
      }),
    { what: 'the focus inside the reopen panel' },
  );
  await expired.close();
});
