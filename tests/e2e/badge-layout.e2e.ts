import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { parseScenario } from '../sandbox/scenario';
import {
  artifact,
  composeTagged,
  eventually,
  FIXTURE_DIR,
  ROOT,
  startReopen,
  summaryFigures,
  waitForBanner,
  waitForResult,
  WAIT,
  type Reopen,
} from './harness';
import { E2E_SCENARIO } from './journey';

// Row badges that never move the page, and change within a second; one truth for urgency (issue 20, DESIGN.md §3
// "One truth for urgency"). The e2e scenario plus one customer whose window closes in 39 min, in the Page's listing
// only (no agent opened her conversation): her row is red, and the toolbar, the popup and the dashboard count her.

const scenario = JSON.parse(readFileSync(resolve(ROOT, E2E_SCENARIO), 'utf8')) as { conversations: unknown[] };
scenario.conversations.push({
  id: 't_e2e_closing_39m',
  pageId: '104512345678901',
  psid: '26500000000000039',
  customerName: 'Olga Ivanova',
  selectedItemId: '100090000000039',
  messages: [
    { from: 'page', text: 'Your parcel ships tomorrow.', ageMinutes: 24 * 60 - 30 },
    { from: 'customer', text: 'Great, thank you! Can I still change the address?', ageMinutes: 24 * 60 - 39 },
  ],
});

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario: parseScenario(scenario) });
  await reopen.connectPage();
});
afterAll(async () => {
  await reopen?.close();
});

/** Every badged card's box and the line boxes of its text (each text node's Range client rects), with the badges in
 *  place and then taken out (put back at once, in the same task: nothing of Reopen's runs in between). */
const measureWithAndWithout = (page: Page) =>
  page.evaluate(() => {
    const round = (rect: DOMRect) => [rect.x, rect.y, rect.width, rect.height].map((value) => Math.round(value * 100) / 100).join(',');
    const hosts = [...document.querySelectorAll<HTMLElement>('[data-testid="reopen-row-badge"]')];
    const cards = hosts.map((host) => host.parentElement!);
    const measure = () =>
      cards.map((card) => {
        const lines: string[] = [];
        const walker = document.createTreeWalker(card, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.nodeValue?.trim()) continue;
          const range = document.createRange();
          range.selectNodeContents(node);
          for (const rect of range.getClientRects()) lines.push(`${node.nodeValue.trim().slice(0, 20)}@${round(rect)}`);
        }
        return { box: round(card.getBoundingClientRect()), list: round(card.parentElement!.getBoundingClientRect()), lines };
      });
    const shown = measure();
    // What of its card's text the badge lies over (null: nothing), whether that is the row's name, and whether the
    // card gives the name a line of its own (compact one-line cards run name, preview and time on one line).
    const covers = hosts.map((host, index) => {
      const badge = host.getBoundingClientRect();
      const texts: { text: string; rect: DOMRect }[] = [];
      const walker = document.createTreeWalker(cards[index]!, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (!node.nodeValue?.trim()) continue;
        const range = document.createRange();
        range.selectNodeContents(node);
        for (const rect of range.getClientRects()) texts.push({ text: node.nodeValue.trim(), rect });
      }
      const name = texts.find((entry) => entry.text === host.dataset.name);
      const ownLine = !!name && texts.every((entry) => entry === name || entry.rect.bottom <= name.rect.top || entry.rect.top >= name.rect.bottom);
      const under = texts.find(({ rect }) => rect.left < badge.right && badge.left < rect.right && rect.top < badge.bottom && badge.top < rect.bottom);
      return { covered: under?.text ?? null, name: under !== undefined && under === name, ownLine };
    });
    const inside = hosts.map((host, index) => {
      const badge = host.getBoundingClientRect();
      const card = cards[index]!.getBoundingClientRect();
      return badge.top >= card.top && badge.bottom <= card.bottom && badge.left >= card.left && badge.right <= card.right;
    });
    const places = hosts.map((host) => [host, host.parentNode!, host.nextSibling] as const);
    for (const host of hosts) host.remove();
    const hidden = measure();
    for (const [host, parent, next] of places) parent.insertBefore(host, next);
    return { texts: hosts.map((host) => host.dataset.text!), shown, hidden, covers, inside, lang: document.documentElement.lang };
  });

test('in every inbox fixture, en and es, a card and its text lines are the same with and without its badge', async () => {
  const fixtures = readdirSync(FIXTURE_DIR).filter((file) => file.endsWith('.html'));
  const maria = reopen.conversation('t_e2e_open_2h');
  const measured: { fixture: string; lang: string; badges: number }[] = [];
  for (const fixture of fixtures) {
    const page = await reopen.openThread(maria.selectedItemId, { fixture });
    // Every layout's cards show a name Reopen reads (changed-layout's in its list links): each gets its badges.
    const count = await eventually(async () => (await page.locator('[data-testid="reopen-row-badge"]').count()) || false, {
      timeoutMs: WAIT.graph,
      what: `row badges in ${fixture}`,
    });
    const result = await measureWithAndWithout(page);
    expect(result.shown, fixture).toEqual(result.hidden);
    // Over its card, readable, and over none of its text (name, preview, time).
    expect(result.inside, fixture).toEqual(result.texts.map(() => true));
    // Never over the row's name; over nothing of the card's text when the name has a line of its own (in a compact
    // card whose one line runs name, preview and time, it may lie over that line's far end, as a time would).
    expect(
      result.covers.filter((cover) => cover.name),
      fixture,
    ).toEqual([]);
    expect(
      result.covers.filter((cover) => cover.ownLine && cover.covered),
      fixture,
    ).toEqual([]);
    measured.push({ fixture, lang: result.lang, badges: count });
    if (fixture === 'suite-2026-es.html' || fixture === 'messenger-en.html') await artifact(page, `badge-layout-${fixture.replace('.html', '')}`);
    await page.close();
  }
  // Both languages, every fixture.
  expect(new Set(measured.map((entry) => entry.lang))).toEqual(new Set(['en', 'es']));
  expect(measured.map((entry) => entry.fixture)).toEqual(fixtures);
});

test('the toolbar, the popup and the dashboard count the same conversations, a customer 39 min from closing included', async () => {
  const page = await reopen.openThread(reopen.conversation('t_e2e_human_30h').selectedItemId, { fixture: 'messenger-en.html' });
  // Her row is red: the listing has her, though nobody opened her conversation.
  const olga = page.locator('[data-testid="reopen-row-badge"][data-name="Olga Ivanova"]');
  await olga.waitFor({ timeout: WAIT.graph });
  expect(await olga.getAttribute('data-kind')).toBe('urgent');
  const worker = await reopen.session.worker();
  const toolbar = () =>
    worker.evaluate(async () => {
      const { action } = (globalThis as unknown as { chrome: { action: { getBadgeText(d: object): Promise<string>; getTitle(d: object): Promise<string> } } })
        .chrome;
      return { text: await action.getBadgeText({}), title: await action.getTitle({}) };
    });
  // The toolbar is recounted after the listing's read: wait until it says where its count comes from.
  const badge = await eventually(
    async () => {
      const now = await toolbar();
      return now.title.includes("From the Page's recent conversations") ? now : null;
    },
    { timeoutMs: WAIT.graph, what: 'the toolbar counting the recent conversations' },
  );
  const popup = await reopen.popup();
  const figures = await summaryFigures(popup);
  const total = (where: Page, list: string) => where.getByTestId(list).getAttribute('data-total').then(Number);
  const popupCount = { closing: await total(popup, 'summary-closing-list'), ready: figures.ready! };
  expect(await popup.getByTestId('summary-source').getAttribute('data-source')).toBe('recent');
  expect(await popup.getByTestId('summary-closing-list').innerText()).toContain('Olga Ivanova');
  expect(String(popupCount.closing + popupCount.ready)).toBe(badge.text);
  expect(badge.title).toContain(`${popupCount.closing} closing within`);
  expect(badge.title).toContain(`${popupCount.ready} expired and ready`);
  const dashboard = await reopen.dashboard();
  expect(await summaryFigures(dashboard)).toEqual(figures);
  expect(await total(dashboard, 'summary-closing-list')).toBe(popupCount.closing);
  expect(await dashboard.getByTestId('summary-source').innerText()).toBe("From the Page's recent conversations");
  await Promise.all([popup.close(), dashboard.close(), page.close()]);
});

test("a row's badge changes within a second of the send's outcome on screen", async () => {
  const chen = reopen.conversation('t_e2e_send');
  // Another inbox tab, on another conversation, lists Chen's row too.
  const other = await reopen.openThread(reopen.conversation('t_e2e_open_2h').selectedItemId, { fixture: 'messenger-en.html' });
  const page = await reopen.openThread(chen.selectedItemId, { fixture: 'messenger-en.html' });
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  const row = page.locator(`[data-testid="reopen-row-badge"][data-name="${chen.customerName}"]`);
  await expect.poll(() => row.getAttribute('data-kind').catch(() => null), { timeout: WAIT.graph }).toBe('ready');
  await composeTagged(page, 'Hi Chen, your replacement is on its way: it should arrive on Friday.');
  await page.getByTestId('reopen-send').click();
  const result = await waitForResult(page);
  expect(result.outcome).toBe('sent');
  // From the moment the panel shows the outcome: the row says "cooling" within a second (no listing, no tick).
  await expect.poll(() => row.getAttribute('data-kind'), { timeout: 1000, interval: 50 }).toBe('cooling');
  expect(await row.getAttribute('aria-label')).toMatch(/next reactivation is possible in/);
  // The other tab hears it from the background (the stored send), long before its next minute: a few seconds at most
  // here, where the bound is the tab's scheduling, not the minute.
  await page.close();
  await other.bringToFront();
  const otherRow = other.locator(`[data-testid="reopen-row-badge"][data-name="${chen.customerName}"]`);
  await expect.poll(() => otherRow.getAttribute('data-kind').catch(() => null), { timeout: 5000, interval: 100 }).toBe('cooling');
  await other.close();
});
