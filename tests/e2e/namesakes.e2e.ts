import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Scenario } from '../sandbox/simulator';
import { banner, composeTagged, eventually, sendAndWaitForResult, sendRequests, startReopen, waitForBanner, WAIT, type Reopen } from './harness';

// Issue 19, item 1: a tagged message reaches the person on screen or nobody. Business Suite's cards carry no PSID
// (selected_item_id is its own id), and two customers are named "Ana Ruiz": the older one wrote 5 days ago and sits
// beyond the Page's 150 most recent conversations; her namesake wrote 26 hours ago and is among the recent ones. A
// reopen from either conversation reaches that customer (proven by the pane's messages) or asks the agent (a layout
// whose pane Reopen cannot read); the namesake never gets a POST. Assertions are on the simulator's request log;
// every wait is bounded and none depends on the order of the background's reads.

const PAGE = { id: '104512345678901', name: 'Northwind Outfitters', token: 'EAAB-e2e-namesakes-token' };
const OLD = { psid: '26510000000000001', item: '100091000000001' };
const RECENT = { psid: '26510000000000002', item: '100091000000002' };
const FILLERS = 160;

function namesakes(): Scenario {
  const conversations: Scenario['conversations'] = [];
  for (let index = 0; index < FILLERS; index += 1) {
    conversations.push({
      id: `t_fill_${index}`,
      pageId: PAGE.id,
      psid: `265200000${String(index).padStart(8, '0')}`,
      customerName: `Customer ${index}`,
      selectedItemId: `1000920${String(index).padStart(8, '0')}`,
      messages: [{ from: 'customer', text: `Question number ${index}`, ageMinutes: 60 + index * 15 }],
    });
  }
  conversations.push(
    {
      id: 't_ana_old',
      pageId: PAGE.id,
      psid: OLD.psid,
      customerName: 'Ana Ruiz',
      selectedItemId: OLD.item,
      messages: [
        { from: 'customer', text: 'Hi, is the green raincoat still in stock?', ageMinutes: 5 * 1440 + 300 },
        { from: 'page', text: 'Yes, in sizes S and M.', ageMinutes: 5 * 1440 + 240 },
        { from: 'customer', text: 'Can you hold a size M for me?', ageMinutes: 5 * 1440 + 200 },
      ],
    },
    {
      id: 't_ana_recent',
      pageId: PAGE.id,
      psid: RECENT.psid,
      customerName: 'Ana Ruiz',
      selectedItemId: RECENT.item,
      messages: [
        { from: 'customer', text: 'Do you ship to the Canary Islands?', ageMinutes: 27 * 60 },
        { from: 'page', text: 'We do, in 3 to 5 days.', ageMinutes: 26.5 * 60 },
        { from: 'customer', text: 'Perfect, I will order tonight', ageMinutes: 26 * 60 },
      ],
    },
  );
  // Older than 7 days: where the listing may stop.
  for (let index = 0; index < 5; index += 1) {
    conversations.push({
      id: `t_past_${index}`,
      pageId: PAGE.id,
      psid: `265300000${String(index).padStart(8, '0')}`,
      customerName: `Past ${index}`,
      selectedItemId: `1000930${String(index).padStart(8, '0')}`,
      messages: [{ from: 'customer', text: `Long ago ${index}`, ageMinutes: (9 + index) * 1440 }],
    });
  }
  return { description: 'Two customers named Ana Ruiz, one beyond the 150 most recent conversations', clock: { mode: 'real' }, pages: [PAGE], conversations };
}

let reopen: Reopen;
beforeAll(async () => {
  reopen = await startReopen({ scenario: namesakes() });
  await reopen.connectPage(PAGE.token);
}, 60_000);
afterAll(async () => {
  await reopen?.close();
});

const conversationReads = () => reopen.sim.requests().filter((request) => request.method === 'GET' && request.path.endsWith('/conversations'));

/** Sets (or, with null, removes) the stored link of a Business Suite conversation, as this or an older version
 *  left it in the browser profile. */
async function storeMapping(item: string, mapping: { psid: string; source: string; at: number } | null) {
  const worker = await reopen.session.worker();
  await worker.evaluate(
    async ([key, value]) => {
      const area = (globalThis as unknown as { chrome: { storage: { local: { set(v: object): Promise<void>; remove(k: string[]): Promise<void> } } } }).chrome
        .storage.local;
      if (value === null) await area.remove([key, `${key}$`]);
      else await area.set({ [key]: value, [`${key}$`]: { v: 1 } });
    },
    [`psidmap:${PAGE.id}:${item}`, mapping] as const,
  );
}

test('a layout whose pane cannot be read: Reopen asks the agent between the two Anas, and nothing is sent before the choice', async () => {
  const page = await reopen.openThread(OLD.item, { fixture: 'changed-layout.html' });
  // Two people by that name and no proof: the agent picks; each candidate shows Meta's last customer message.
  const candidates = page.getByTestId('reopen-candidate');
  await candidates.first().waitFor({ timeout: WAIT.long });
  const offered = await candidates.evaluateAll((buttons) => buttons.map((button) => [button.getAttribute('data-psid'), button.textContent ?? '']));
  expect(offered.map(([psid]) => psid).sort()).toEqual([OLD.psid, RECENT.psid].sort());
  expect(offered.find(([psid]) => psid === OLD.psid)?.[1]).toContain('Can you hold a size M for me?');
  expect(offered.find(([psid]) => psid === RECENT.psid)?.[1]).toContain('Perfect, I will order tonight');
  expect(await banner(page).getAttribute('data-window')).toBe('unknown');
  expect(sendRequests(reopen.sim)).toHaveLength(0);

  await page.locator(`[data-testid="reopen-candidate"][data-psid="${OLD.psid}"]`).click();
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' }, WAIT.long);
  expect(sendRequests(reopen.sim)).toHaveLength(0);
  await page.close();
  // Another browser profile, as it were: this conversation's link is forgotten for the next test.
  await storeMapping(OLD.item, null);
});

test("from the older Ana (beyond the 150 most recent), with an older version's name match to her namesake stored: proven by the pane, the POST reaches her", async () => {
  // What older versions stored after matching the name among the recent conversations: the namesake.
  await storeMapping(OLD.item, { psid: RECENT.psid, source: 'name_match', at: Date.now() - 3_600_000 });
  const before = conversationReads().length;
  const page = await reopen.openThread(OLD.item, { fixture: 'messenger-en.html' });
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' }, WAIT.long);
  // Proven, not in doubt: the pane's texts and "5 d" labels agree with Meta's messages of this Ana, not her namesake's.
  await eventually(async () => (await banner(page).getAttribute('data-doubt')) === null && (await banner(page).innerText()).startsWith('Expired 4 days'), {
    timeoutMs: WAIT.long,
    what: 'the older Ana’s window, without doubt',
  });
  const reads = conversationReads().slice(before);
  const proofReads = reads.filter((request) => request.query.user_id === OLD.psid || request.query.user_id === RECENT.psid).length;
  // The stale link's check read the namesake's conversation once; the name search found the older Ana in the listing.
  expect(proofReads).toBeLessThanOrEqual(2);
  console.info(`older Ana, stale link: ${reads.length} Conversations API reads (${proofReads} of the two Anas' conversations)`);

  await composeTagged(page, 'Hi Ana, we kept a size M raincoat for you until Friday.');
  expect(await page.getByTestId('reopen-recipient').count()).toBe(0);
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');
  expect(sendRequests(reopen.sim, OLD.psid)).toHaveLength(1);
  expect(sendRequests(reopen.sim, RECENT.psid)).toHaveLength(0);
  await page.close();
});

test('from the recent Ana, first visit: proven by the pane with at most one read for the proof, the POST reaches her', async () => {
  const before = conversationReads().length;
  const page = await reopen.openThread(RECENT.item, { fixture: 'suite-2026-es.html' });
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' }, WAIT.long);
  await eventually(async () => (await banner(page).getAttribute('data-doubt')) === null, { what: 'a banner without doubt' });
  // This visit's reads start with the probe of its selected item (a read the previous page's send follow-up made
  // just before is not this visit's).
  const since = conversationReads().slice(before);
  const probe = since.find((request) => request.query.user_id === RECENT.item)!;
  const reads = since.filter((request) => request.at >= probe.at);
  const listingPages = reads.filter((request) => !request.query.user_id).length;
  const proofReads = reads.filter((request) => request.query.user_id === RECENT.psid || request.query.user_id === OLD.psid).length;
  expect(reads.filter((request) => request.query.user_id === RECENT.item)).toHaveLength(1);
  expect(proofReads).toBeLessThanOrEqual(1);
  console.info(`recent Ana, first visit: ${reads.length} Conversations API reads (1 probe, ${listingPages} listing pages, ${proofReads} for the proof)`);

  await composeTagged(page, 'Hi Ana, your order for the Canary Islands left today.');
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');
  expect(sendRequests(reopen.sim, RECENT.psid)).toHaveLength(1);
  // Still exactly one to the older Ana: nothing went to the wrong person.
  expect(sendRequests(reopen.sim, OLD.psid)).toHaveLength(1);
  await page.close();
});

test('found by name only (an older link, pane unreadable): the panel names the person, is labelled and keyboard-usable, and nothing is sent until the agent confirms', async () => {
  await storeMapping(RECENT.item, { psid: RECENT.psid, source: 'name_match', at: Date.now() - 3_600_000 });
  const posts = sendRequests(reopen.sim).length;
  const page = await reopen.openThread(RECENT.item, { fixture: 'changed-layout.html' });
  await eventually(async () => (await banner(page).getAttribute('data-doubt')) === 'true', { timeoutMs: WAIT.long, what: 'a banner in doubt' });
  expect(await banner(page).getAttribute('data-window')).toBe('human_agent');
  expect(await page.getByTestId('reopen-doubt').innerText()).toContain('Not confirmed: Reopen found Ana Ruiz by name only');
  await page.getByTestId('reopen-open').click();
  const check = page.getByTestId('reopen-recipient');
  await check.waitFor({ timeout: WAIT.ui });
  const proposed = page.locator(`[data-testid="reopen-recipient"] [data-testid="reopen-candidate"][data-psid="${RECENT.psid}"]`);
  expect(await proposed.innerText()).toContain('Perfect, I will order tonight');
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);

  const results = await new AxeBuilder({ page })
    .include({ fromShadowDom: ['reopen-inbox-floating', '.reopen-root'] })
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual(
    [],
  );

  // By keyboard: focus the confirmation and press Enter.
  await proposed.focus();
  await page.keyboard.press('Enter');
  await check.waitFor({ state: 'detached', timeout: WAIT.graph });
  expect(sendRequests(reopen.sim)).toHaveLength(posts);
  await page.close();
});
