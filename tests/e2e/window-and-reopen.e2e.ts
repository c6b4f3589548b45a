import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  banner,
  eventually,
  listingReadsBeyondBadges,
  readsOf,
  sendAndWaitForResult,
  sendRequests,
  summaryFigures,
  waitForBanner,
  waitForResult,
  WAIT,
  type Reopen,
} from './harness';
import { useConnectedReopen } from './journey';

// Journeys 2, 3, 4, 5 and 10 in one browser, in the order a thread lives them. The banner tells the window
// from the customer's last message (open with the time left, human_agent with the days left, closed) and counts
// down locally across 24 h. Reopening: HUMAN_AGENT (one POST, Meta's documented body, then the cooldown), the
// dated catalog (retired tags, the utility route after 7 days), the customer-feedback template. When customers
// reply the banner shows the window open again. Finally the popup's figures and CSV add up to all of it.
//
// One browser for the life of these threads: the replies at the end arrive on the tabs opened at the start.
// Reopen keeps a thread's facts 60 s for thread switches (Meta allows 2 calls/s per Page); the agent's
// "Check again" reads past that cache, so a reply shows at once.

const HOUR = 3_600_000;
/** What the banner says (its lines, not its buttons). */
const words = async (page: Page) => (await banner(page).locator(':scope > p').allInnerTexts()).join(' ').replace(/\s+/g, ' ').trim();
const tag = (page: Page, id: string) => page.locator(`[data-testid="reopen-tag"][data-tag="${id}"]`);
/** The words under a route in the picker (its reason when disabled). */
const tagReason = (page: Page, id: string) => page.locator(`#reopen-tag-reason-${id}`);

let reopen: Reopen;
/** John (30 h) and Chen (reopened by HUMAN_AGENT): both get a customer reply at the end. */
let johnPage: Page;
let chenPage: Page;
useConnectedReopen((started) => (reopen = started));

test('2 h, 30 h, 6 d 23 h and 9 d after the customer wrote: open, human_agent (days left), human_agent (minutes left), closed', async () => {
  const open = await reopen.openThread(reopen.conversation('t_e2e_open_2h').selectedItemId);
  await waitForBanner(open, { window: 'open', cooldown: 'none' });
  expect(await words(open)).toMatch(/^Window open — closes in 21 hr \d{1,2} min$/);
  expect(await open.getByTestId('reopen-open').count()).toBe(0);
  await artifact(banner(open), 'banner-open');

  johnPage = await reopen.openThread(reopen.conversation('t_e2e_human_30h').selectedItemId);
  await waitForBanner(johnPage, { window: 'human_agent', cooldown: 'none' });
  expect(await words(johnPage)).toMatch(/^Expired 6 hr( \d{1,2} min)? ago — human-agent reply possible for 5 days 17 hr more/);
  expect(await johnPage.getByTestId('reopen-open').isVisible()).toBe(true);
  await artifact(banner(johnPage), 'banner-human-agent');

  const lastHour = await reopen.openThread(reopen.conversation('t_e2e_human_6d23h').selectedItemId);
  await waitForBanner(lastHour, { window: 'human_agent' });
  const minutesLeft = /possible for (\d{1,2}) min more/.exec(await words(lastHour));
  expect(minutesLeft, await words(lastHour)).not.toBeNull();
  expect(Number(minutesLeft![1])).toBeGreaterThan(40);
  expect(Number(minutesLeft![1])).toBeLessThanOrEqual(59);
  expect(await words(lastHour)).toMatch(/^Expired 5 days 2[23] hr( \d{1,2} min)? ago/);

  const closed = await reopen.openThread(reopen.conversation('t_e2e_closed_9d').selectedItemId);
  await waitForBanner(closed, { window: 'closed' });
  expect(await words(closed)).toContain("Closed: more than 7 days since the customer's last message");
  expect(await words(closed)).toContain(
    'Through the Send API (Reopen or any integration), only a utility message from an approved template can reach this customer now.',
  );
  // Said of Meta's Send API, never of Business Suite's own reply box (reference §7c).
  expect(await words(closed)).toContain("Business Suite's own reply box may not be bound by them.");
  expect(await words(closed)).not.toMatch(/reply box (is|was) closed/i);
  await artifact(banner(closed), 'banner-closed');

  // Looking is free: reads only, all answered 200, and each conversation was found in the Page's listing: no read
  // of one person's conversation by PSID (the one user_id lookup per visit is the probe of Business Suite's id,
  // which is not a PSID). A background read still on its way (the row badges' Instagram listing after Messenger's)
  // is counted once Meta answered it.
  await eventually(() => reopen.sim.requests().every((call) => call.status !== 0), { timeoutMs: WAIT.graph, what: 'every read answered' });
  const calls = reopen.sim.requests();
  expect(sendRequests(reopen.sim)).toEqual([]);
  expect(calls.every((call) => call.method === 'GET' && call.status === 200)).toBe(true);
  const selectedIds = new Set(reopen.scenario.conversations.map((c) => c.selectedItemId));
  const foundByPsid = calls.filter((call) => call.query.user_id && !selectedIds.has(call.query.user_id));
  expect(foundByPsid).toEqual([]);
});

test('HUMAN_AGENT: one POST with Meta\'s documented body, "sent" shown, then the 24 h cooldown turns Send off with the reason', async () => {
  const chen = reopen.conversation('t_e2e_send');
  const page = await reopen.openThread(chen.selectedItemId);
  chenPage = page;
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  await page.getByTestId('reopen-open').click();
  const panel = page.getByTestId('reopen-panel');
  await panel.waitFor({ timeout: WAIT.ui });
  // Recommended and selected by default while the thread is within 7 days.
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-pressed')).toBe('true');
  expect(await tag(page, 'HUMAN_AGENT').isEnabled()).toBe(true);

  const text = "Hi Chen, I'm sorry about the damaged parcel: a replacement left our warehouse today.";
  await page.getByTestId('reopen-text').fill(text);
  await artifact(panel, 'panel-human-agent');
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');
  expect(result.text).toMatch(/^Sent\. Wait for the customer to reply; next attempt possible at /);
  await artifact(page, 'panel-sent');

  const sends = sendRequests(reopen.sim);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.path).toBe(`/v25.0/${reopen.page.id}/messages`);
  expect(sends[0]!.body).toEqual({
    recipient: { id: chen.psid },
    messaging_type: 'MESSAGE_TAG',
    tag: 'HUMAN_AGENT',
    message: { text },
  });
  expect(sends[0]!.headers.authorization).toBe(`Bearer ${reopen.page.token}`);
  expect(sends[0]!.status).toBe(200);
  const delivered = reopen.sim
    .state()
    .conversations.find((c) => c.psid === chen.psid)!
    .messages.at(-1)!;
  expect(delivered).toMatchObject({ from: 'page', text, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

  // The cooldown: the banner says so, the tag is disabled with the reason, and trying anyway sends nothing.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(await banner(page).innerText()).toMatch(/Next reactivation possible in 2[34] hr/);
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-disabled')).toBe('true');
  expect(await tagReason(page, 'HUMAN_AGENT').innerText()).toMatch(/^One reactivation per conversation every 24 hours\. Next one possible /);
  await artifact(banner(page), 'banner-cooldown');

  // No route is usable, so none stays selected and Send is off, saying why; the outcome of the send stays.
  expect(await page.locator('[data-testid="reopen-tag"][aria-pressed="true"]').count()).toBe(0);
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);
  expect(await page.locator('#reopen-send-off').innerText()).toMatch(/^Nothing can be sent now: One reactivation per conversation every 24 hours/);
  expect((await waitForResult(page)).outcome).toBe('sent');
  expect(sendRequests(reopen.sim)).toHaveLength(1);
});

test('retired tags are listed disabled with 27 April 2026; after 7 days only the utility route is offered, and it sends the approved template with its parameters', async () => {
  const tom = reopen.conversation('t_e2e_utility');
  const page = await reopen.openThread(tom.selectedItemId);
  await waitForBanner(page, { window: 'closed', cooldown: 'none' });
  await page.getByTestId('reopen-open').click();
  await page.getByTestId('reopen-panel').waitFor({ timeout: WAIT.ui });

  for (const retired of ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE']) {
    expect(await tag(page, retired).isDisabled()).toBe(true);
    expect(await tag(page, retired).getAttribute('aria-disabled')).toBe('true');
    expect(await tagReason(page, retired).innerText()).toBe('Retired by Meta on April 27, 2026 — use a utility message instead');
  }
  for (const pastLimit of ['HUMAN_AGENT', 'CUSTOMER_FEEDBACK']) {
    expect(await tag(page, pastLimit).isDisabled()).toBe(true);
    expect(await tagReason(page, pastLimit).innerText()).toBe("7 days have passed since the customer's last message, so this tag can't be used any more.");
  }
  expect(await tag(page, 'UTILITY').isEnabled()).toBe(true);
  expect(await tag(page, 'UTILITY').getAttribute('aria-pressed')).toBe('true');
  // The usable route leads the list; the five others follow, each one line with its reason.
  expect(await page.getByTestId('reopen-tag').first().getAttribute('data-tag')).toBe('UTILITY');
  expect(await page.locator('#reopen-tag-detail-ACCOUNT_UPDATE').isHidden()).toBe(true);

  // Only APPROVED templates are offered (payment_reminder is PENDING).
  const picker = page.locator('#reopen-utility-template');
  await picker.waitFor({ timeout: WAIT.graph });
  const offered = (await picker.locator('option').allInnerTexts()).slice(1);
  expect(offered).toEqual(['order_update (en)', 'case_follow_up (en)']);
  await picker.selectOption({ label: 'order_update (en)' });
  await page.locator('#reopen-utility-param-0').fill('Tom');
  await page.locator('#reopen-utility-param-1').fill('4411');
  await page.locator('#reopen-utility-param-2').fill('it left our warehouse this morning');
  await artifact(page.getByTestId('reopen-panel'), 'panel-utility');
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');
  // The outcome is brought into the panel's view (the panel scrolls; the routes and the form are above it).
  const inView = () =>
    result.locator.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const panel = element.closest('[data-testid="reopen-panel"]')!.getBoundingClientRect();
      return box.top >= panel.top - 1 && box.bottom <= panel.bottom + 1 && box.bottom <= window.innerHeight + 1;
    });
  await eventually(inView, { what: 'the outcome in view' });
  await artifact(page, 'panel-utility-sent');

  const sends = sendRequests(reopen.sim, tom.psid);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.body).toEqual({
    recipient: { id: tom.psid },
    messaging_type: 'UTILITY',
    message: {
      template: {
        name: 'order_update',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Tom' },
              { type: 'text', text: '4411' },
              { type: 'text', text: 'it left our warehouse this morning' },
            ],
          },
        ],
      },
    },
  });
  expect(sends[0]!.status).toBe(200);
  const delivered = reopen.sim
    .state()
    .conversations.find((c) => c.psid === tom.psid)!
    .messages.at(-1)!;
  expect(delivered).toMatchObject({ from: 'page', messagingType: 'UTILITY', templateName: 'order_update' });
  expect(delivered.text).toBe('Hi Tom, your order 4411 has an update: it left our warehouse this morning.');
});

test('CUSTOMER_FEEDBACK sends a valid customer_feedback template that Meta accepts', async () => {
  const sara = reopen.conversation('t_e2e_feedback');
  const page = await reopen.openThread(sara.selectedItemId);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  await page.getByTestId('reopen-open').click();
  await tag(page, 'CUSTOMER_FEEDBACK').click();
  expect(await tag(page, 'CUSTOMER_FEEDBACK').getAttribute('aria-pressed')).toBe('true');
  await page.locator('#reopen-fb-title').fill('How did we do, Sara?');
  await page.locator('#reopen-fb-subtitle').fill('Two questions, one minute');
  await page.locator('#reopen-fb-button').fill('Rate us');
  await page.locator('#reopen-fb-question').fill('How happy are you with our help?');
  await page.locator('#reopen-fb-followup').fill('Anything we could do better?');
  await page.locator('#reopen-fb-privacy').fill('https://northwind.example/privacy');
  await page.locator('#reopen-fb-expires').fill('3');
  await artifact(page.getByTestId('reopen-panel'), 'panel-feedback');
  const result = await sendAndWaitForResult(page);
  expect(result.outcome, result.text).toBe('sent');

  const sends = sendRequests(reopen.sim, sara.psid);
  expect(sends).toHaveLength(1);
  expect(sends[0]!.body).toEqual({
    recipient: { id: sara.psid },
    messaging_type: 'MESSAGE_TAG',
    tag: 'CUSTOMER_FEEDBACK',
    message: {
      attachment: {
        type: 'template',
        payload: {
          template_type: 'customer_feedback',
          title: 'How did we do, Sara?',
          subtitle: 'Two questions, one minute',
          button_title: 'Rate us',
          feedback_screens: [
            {
              questions: [
                {
                  id: 'q1',
                  type: 'csat',
                  title: 'How happy are you with our help?',
                  score_label: 'neg_pos',
                  score_option: 'five_stars',
                  follow_up: { type: 'free_form', placeholder: 'Anything we could do better?' },
                },
              ],
            },
          ],
          business_privacy: { url: 'https://northwind.example/privacy' },
          expires_in_days: 3,
        },
      },
    },
  });
  expect(sends[0]!.status).toBe(200);
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
});

test('a thread 20 s before its 24 h crosses into human_agent on screen by the local countdown, with no new Graph call', async () => {
  const crossing = reopen.conversation('t_e2e_crossing');
  // The customer's last message 23 h 59 min 40 s ago, set now so the page has ~20 s of open window to show.
  reopen.sim.addCustomerMessage(crossing.psid, 'Still there?', reopen.sim.clock.now() - 24 * HOUR + 20_000);
  const page = await reopen.openThread(crossing.selectedItemId);
  await waitForBanner(page, { window: 'open' });
  expect(await words(page)).toMatch(/^Window open — closes in \d{1,2} sec/);
  // Reads that could be about this thread: by its ids, or a name search through the Page's listing. Meanwhile the
  // tabs opened before read on their own minute (each its own thread by its own PSID, and the badges' listing once
  // a minute): those are not this thread's, and whether one lands in these 20 s depends on how busy the machine is.
  const own = () => readsOf(reopen.sim, [crossing.psid, crossing.selectedItemId]).length;
  const mark = reopen.sim.requests().length;
  const readsBefore = own();
  expect(readsBefore).toBeGreaterThan(0);

  await waitForBanner(page, { window: 'human_agent' }, WAIT.long);
  expect(await words(page)).toMatch(/^Expired \d{1,2} sec ago — human-agent reply possible for 5 days 23 hr more/);
  expect(await page.getByTestId('reopen-open').isVisible()).toBe(true);
  expect(own()).toBe(readsBefore);
  expect(listingReadsBeyondBadges(reopen.sim, mark)).toEqual([]);
});

test('when the customers write again, "Check again" shows both windows open at once', async () => {
  const john = reopen.conversation('t_e2e_human_30h');
  const chen = reopen.conversation('t_e2e_send');
  reopen.sim.addCustomerMessage(john.psid, 'Are you still able to help?');
  reopen.sim.addCustomerMessage(chen.psid, 'Thank you, it arrived!');
  // Both threads were read moments ago (Chen's right after the send): within the background's 60 s cache, which
  // "Check again" goes past. No reload and no waiting for the cache to age out.
  for (const [page, psid] of [
    [johnPage, john.psid],
    [chenPage, chen.psid],
  ] as const) {
    // Meta was asked for this conversation (not merely some background read meanwhile).
    const before = readsOf(reopen.sim, [psid]).length;
    await page.getByTestId('reopen-refresh').click();
    await waitForBanner(page, { window: 'open', cooldown: 'none' });
    expect(readsOf(reopen.sim, [psid]).length).toBeGreaterThan(before);
  }
  expect(await words(johnPage)).toMatch(/^Window open — closes in 23 hr 5\d min/);
  expect(await johnPage.getByTestId('reopen-open').count()).toBe(0);
  expect(await words(chenPage)).toMatch(/^Window open — closes in 23 hr 5\d min/);
  // Replies change nothing at Meta: still the one reactivation.
  expect(sendRequests(reopen.sim, chen.psid)).toHaveLength(1);
  expect(sendRequests(reopen.sim, john.psid)).toHaveLength(0);
});

test('the popup figures add up to these journeys, and the CSV export lists the three attempts without the token', async () => {
  const dashboard = await reopen.dashboard();
  const figures = await summaryFigures(dashboard);
  // "Sent today" is the agent's local day: a run across midnight counts only the sends after it.
  const todayStart = new Date();
  todayStart.setHours(0, 0, 0, 0);
  const sentToday = sendRequests(reopen.sim).filter((call) => call.status === 200 && call.at >= todayStart.getTime()).length;
  // The conversations these journeys opened. Open: Maria (2 h), John and Chen (they replied). human_agent: Ana
  // (6 d 23 h), Lena (crossed), Sara (survey sent, cooling). Closed: Peter (9 d), Tom (utility sent, cooling). Ready
  // to reopen: Ana, Lena, Peter. Sent (today, unless midnight passed): Chen, Tom, Sara; replied after a
  // reactivation: Chen.
  const opened = { open: 3, human_agent: 3, closed: 2, ready: 3 };
  // One truth for urgency: the window figures count the Page's recent conversations too (the listing the row badges
  // read), as the toolbar does, and say so; only while this worker has no listing (a restarted worker before any
  // inbox tab asked) do they count the opened ones alone, and say that.
  const source = await dashboard.getByTestId('summary-source').getAttribute('data-source');
  const visited = new Set([
    't_e2e_open_2h',
    't_e2e_human_30h',
    't_e2e_human_6d23h',
    't_e2e_closed_9d',
    't_e2e_crossing',
    't_e2e_send',
    't_e2e_feedback',
    't_e2e_utility',
  ]);
  const listed = { open: 0, human_agent: 0, closed: 0, ready: 0 };
  if (source === 'recent') {
    for (const conversation of reopen.scenario.conversations) {
      if (conversation.pageId !== reopen.page.id || visited.has(conversation.id)) continue;
      const hours = Math.min(...conversation.messages.filter((message) => message.from === 'customer').map((message) => message.ageMinutes ?? Infinity)) / 60;
      const state = hours < 24 ? 'open' : hours < 7 * 24 ? 'human_agent' : 'closed';
      listed[state]++;
      // Nothing was sent to them: ready when expired, but a closed Instagram thread has no route.
      if (state === 'human_agent' || (state === 'closed' && (conversation.platform ?? 'messenger') === 'messenger')) listed.ready++;
    }
  } else expect(source).toBe('opened');
  expect(figures).toEqual({
    open: opened.open + listed.open,
    expired: opened.human_agent + listed.human_agent + opened.closed + listed.closed,
    human_agent: opened.human_agent + listed.human_agent,
    closed: opened.closed + listed.closed,
    unknown: 0,
    cooling: 2,
    ready: opened.ready + listed.ready,
    'sent-today': sentToday,
    replied: 1,
  });
  expect(sendRequests(reopen.sim).filter((call) => call.status === 200)).toHaveLength(3);
  await artifact(dashboard, 'popup-summary');

  const download = dashboard.waitForEvent('download', { timeout: WAIT.ui });
  await dashboard.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reopen-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync(await file.path(), 'utf8');
  expect(csv).not.toContain(reopen.page.token);
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');
  // The columns a spreadsheet already relies on come first, in this order; later versions only append.
  const columns = header!.split(',');
  expect(columns.slice(0, 14)).toEqual([
    'time',
    'page_id',
    'page_name',
    'customer',
    'psid',
    'route',
    'outcome',
    'message_id',
    'error_kind',
    'error_code',
    'error_subcode',
    'reconciliation',
    'request_id',
    'retry_of',
  ]);
  const messageIdOf = (psid: string) =>
    reopen.sim
      .state()
      .conversations.find((c) => c.psid === psid)!
      .messages.filter((m) => m.from === 'page')
      .at(-1)!.id;
  const expected = [
    ['send', 'Chen Wei', 'HUMAN_AGENT'],
    ['utility', 'Tom Becker', 'UTILITY'],
    ['feedback', 'Sara Costa', 'CUSTOMER_FEEDBACK'],
  ].map(([name, customer, route]) => {
    const psid = reopen.conversation(`t_e2e_${name!}`).psid;
    // Sent at once: nothing to reconcile, not a resend.
    return [reopen.page.id, 'Northwind Outfitters', customer, psid, route, 'sent', messageIdOf(psid), '', '', '', '', ''].join(',');
  });
  const cells = rows.map((row) => row.split(','));
  expect(cells.map((row) => [...row.slice(1, 12), row[13]].join(','))).toEqual(expected);
  // Each attempt carries the request id it was sent under.
  for (const row of cells) expect(row[12]).toMatch(/^[0-9a-f-]{36}$/);
  expect(await dashboard.getByTestId('export-status').getAttribute('data-state')).toBe('done');
});
