import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { WAIT, artifact, eventually, inboxUrl, startReopen, waitForBanner, type Reopen } from './harness';

// The panel's keyboard route and its layout, in the real build against the demo scenario (issue 20): the shortcut the
// browser really assigns, the draft that outlives Escape, closing and a switch, and a panel whose Send and × fit a
// 1366×768 laptop screen.

const DAY = 24 * 60 * 60 * 1000;
let reopen: Reopen;

beforeAll(async () => {
  reopen = await startReopen({ scenario: 'tests/sandbox/scenarios/demo.json' });
  await reopen.connectPage();
});
afterAll(async () => {
  await reopen?.close();
});

/** The demo's conversations in a window, the most recent customer message first, without namesakes or unavailable people. */
function inWindow(window: 'human_agent' | 'closed') {
  const now = reopen.sim.clock.now();
  const live = reopen.sim.state().conversations;
  return reopen.scenario.conversations
    .filter((c) => !c.unavailable && reopen.scenario.conversations.filter((other) => other.customerName === c.customerName).length === 1)
    .map((c) => ({ c, last: live.find((l) => l.id === c.id)?.customerLastMessageAt ?? null }))
    .filter(({ last }) => last !== null && (window === 'closed' ? now - last >= 7 * DAY : now - last >= DAY && now - last < 7 * DAY))
    .sort((a, b) => b.last! - a.last!)
    .map(({ c }) => c);
}

/** Business Suite on a conversation in a laptop-sized window (1366×768), as an agent would see it. */
async function openAt1366(selectedItemId: string): Promise<Page> {
  const page = await reopen.context.newPage();
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(inboxUrl(reopen.page.id, selectedItemId));
  await page.getByTestId('reopen-banner').waitFor({ timeout: WAIT.ui });
  return page;
}

async function openPanel(page: Page) {
  await page.getByTestId('reopen-open').click();
  await page.getByTestId('reopen-panel').waitFor({ timeout: WAIT.ui });
}

test('Chromium assigns the default shortcut; the opener and the options page name it', async () => {
  const worker = await reopen.session.worker();
  const commands = await worker.evaluate(async () => (globalThis as unknown as { chrome: typeof browser }).chrome.commands.getAll());
  const command = commands.find((c) => c.name === 'open-reopen-panel');
  expect(command?.shortcut).toBe('Alt+Shift+O');

  const page = await openAt1366(inWindow('human_agent')[0]!.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  const opener = page.getByTestId('reopen-open');
  await eventually(async () => (await opener.getAttribute('title'))?.includes('Alt+Shift+O'), { what: "the shortcut in the opener's title" });
  expect(await opener.getAttribute('aria-keyshortcuts')).toBe('Alt+Shift+O');
  await page.close();

  const options = await reopen.options();
  const current = options.getByTestId('shortcut-current');
  await current.waitFor({ timeout: WAIT.ui });
  expect(await current.innerText()).toContain('Alt+Shift+O');
  expect(await options.getByTestId('shortcut-setting').innerText()).toContain('chrome://extensions/shortcuts');
  await options.close();
});

test('at 1366×768 the human-agent panel shows Send without scrolling', async () => {
  const page = await openAt1366(inWindow('human_agent')[0]!.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  await openPanel(page);
  const send = page.getByTestId('reopen-send');
  await send.waitFor({ timeout: WAIT.ui });
  // Nothing scrolled: neither the page nor the panel was asked to move.
  const box = await send.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y).toBeGreaterThanOrEqual(0);
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1366);
  // Not hidden under the panel's own scrolled-out part either: the button is what is drawn at its centre.
  const hit = await send.evaluate((button) => {
    const rect = button.getBoundingClientRect();
    const root = button.getRootNode() as ShadowRoot;
    return root.elementFromPoint(rect.x + rect.width / 2, rect.y + rect.height / 2) === button;
  });
  expect(hit).toBe(true);
  await artifact(page, 'panel-human-agent-1366x768');
  await page.close();
});

test('on a closed thread the × is whole inside the panel', async () => {
  const page = await openAt1366(inWindow('closed')[0]!.selectedItemId);
  await waitForBanner(page, { window: 'closed' });
  await openPanel(page);
  const panel = await page.getByTestId('reopen-panel').boundingBox();
  const close = await page.getByTestId('reopen-panel').getByRole('button', { name: 'Close' }).boundingBox();
  expect(panel && close).toBeTruthy();
  expect(close!.x).toBeGreaterThanOrEqual(panel!.x);
  expect(close!.y).toBeGreaterThanOrEqual(panel!.y);
  expect(close!.x + close!.width).toBeLessThanOrEqual(panel!.x + panel!.width);
  expect(close!.y + close!.height).toBeLessThanOrEqual(panel!.y + panel!.height);
  // And nothing in the panel is wider than it (the cause of a clipped ×).
  const overflow = await page.getByTestId('reopen-panel').evaluate((element) => element.scrollWidth - element.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  // Scrolled to its end (the routes are longer than the panel), the × and Send are still whole and on top.
  const onTop = await page.getByTestId('reopen-panel').evaluate((element) => {
    element.scrollTop = element.scrollHeight;
    const panelBox = element.getBoundingClientRect();
    const root = element.getRootNode() as ShadowRoot;
    return [element.querySelector('.reopen-panel__header button'), element.querySelector('[data-testid="reopen-send"]')].map((button) => {
      const box = button!.getBoundingClientRect();
      const inside = box.top >= panelBox.top && box.bottom <= panelBox.bottom && box.left >= panelBox.left && box.right <= panelBox.right;
      return inside && root.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === button;
    });
  });
  expect(onTop).toEqual([true, true]);
  await artifact(page, 'panel-closed-1366x768');
  await page.close();
});

test('the draft survives Escape, closing the panel and a switch to another conversation and back', async () => {
  const [first, second] = inWindow('human_agent');
  const page = await openAt1366(first!.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  await openPanel(page);
  const text = 'Your parcel left our warehouse this morning; tracking is in your email.';
  await page.getByTestId('reopen-text').fill(text);
  // Escape in the text field: the panel closes, the focus goes back to the opener, the text is kept.
  await page.getByTestId('reopen-text').press('Escape');
  await page.getByTestId('reopen-panel').waitFor({ state: 'detached', timeout: WAIT.ui });
  await openPanel(page);
  expect(await page.getByTestId('reopen-text').inputValue()).toBe(text);

  // Another conversation (as the agent clicks it in the list): its own, empty draft; then back.
  await page.locator(`[role="grid"] a[href*="selected_item_id=${second!.selectedItemId}&"]`).click();
  await page.waitForURL((url) => url.searchParams.get('selected_item_id') === second!.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  await eventually(async () => (await page.getByTestId('reopen-panel').count()) === 0, { what: 'the panel closed by the switch' });
  await openPanel(page);
  expect(await page.getByTestId('reopen-text').inputValue()).toBe('');
  await page.getByRole('button', { name: 'Close' }).click();

  await page.locator(`[role="grid"] a[href*="selected_item_id=${first!.selectedItemId}&"]`).click();
  await page.waitForURL((url) => url.searchParams.get('selected_item_id') === first!.selectedItemId);
  await waitForBanner(page, { window: 'human_agent' });
  await openPanel(page);
  expect(await page.getByTestId('reopen-text').inputValue()).toBe(text);
  // Nothing was sent along the way, and the draft was never written to storage (customer data).
  expect(reopen.sim.requests().filter((call) => call.method === 'POST' && call.path.endsWith('/messages'))).toHaveLength(0);
  const worker = await reopen.session.worker();
  const stored = await worker.evaluate(async () => JSON.stringify(await (globalThis as unknown as { chrome: typeof browser }).chrome.storage.local.get(null)));
  expect(stored).not.toContain('tracking is in your email');
  await page.close();
});
