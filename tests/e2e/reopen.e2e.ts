import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import {
  artifact,
  banner,
  eventually,
  sendRequests,
  startReopen,
  summaryFigures,
  waitForBanner,
  sendAndWaitForResult,
  WAIT,
  type Reopen,
} from './harness';

// Journeys 3, 4, 5 and 10 in one browser: reopen with HUMAN_AGENT (one POST, Meta's documented body, then the
// cooldown), the dated catalog (retired tags, utility after 7 days), the customer-feedback template, and the
// popup's figures and CSV export, which must add up to exactly what these journeys did.

const conversation = (reopen: Reopen, name: string) => {
  const found = reopen.scenario.conversations.find((candidate) => candidate.id === `t_e2e_${name}`);
  if (!found) throw new Error(`no conversation t_e2e_${name} in the scenario`);
  return found;
};
const tag = (page: Page, id: string) => page.locator(`[data-testid="reopen-tag"][data-tag="${id}"]`);
/** The words under a route in the picker (its reason when disabled). */
const tagReason = (page: Page, id: string) => page.locator(`#reopen-tag-reason-${id}`);

let reopen: Reopen;
let humanAgentPage: Page;
beforeAll(async () => {
  reopen = await startReopen({ scenario: 'tests/sandbox/scenarios/e2e.json' });
  await reopen.connectPage();
});
afterAll(async () => {
  await reopen?.close();
});

test('HUMAN_AGENT: one POST with Meta\'s documented body, "sent" shown, then the 24 h cooldown blocks a second attempt', async () => {
  const chen = conversation(reopen, 'send');
  const page = await reopen.openThread(chen.selectedItemId);
  humanAgentPage = page;
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
  const delivered = reopen.sim.state().conversations.find((c) => c.psid === chen.psid)!.messages.at(-1)!;
  expect(delivered).toMatchObject({ from: 'page', text, messagingType: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' });

  // The cooldown: the banner says so, the tag is disabled with the reason, and trying anyway sends nothing.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'active' });
  expect(await banner(page).innerText()).toMatch(/Next reactivation possible in 2[34] hr/);
  expect(await tag(page, 'HUMAN_AGENT').getAttribute('aria-disabled')).toBe('true');
  expect(await tagReason(page, 'HUMAN_AGENT').innerText()).toMatch(/^One reactivation per conversation every 24 hours\. Next one possible /);
  await artifact(banner(page), 'banner-cooldown');

  const second = await sendAndWaitForResult(page);
  expect(second.outcome).toBe('blocked');
  expect(second.text).toMatch(/^Not sent: One reactivation per conversation every 24 hours/);
  expect(sendRequests(reopen.sim)).toHaveLength(1);
});

test('retired tags are listed disabled with 27 April 2026; after 7 days only the utility route is offered, and it sends the approved template with its parameters', async () => {
  const tom = conversation(reopen, 'utility');
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
  const delivered = reopen.sim.state().conversations.find((c) => c.psid === tom.psid)!.messages.at(-1)!;
  expect(delivered).toMatchObject({ from: 'page', messagingType: 'UTILITY', templateName: 'order_update' });
  expect(delivered.text).toBe('Hi Tom, your order 4411 has an update: it left our warehouse this morning.');
});

test('CUSTOMER_FEEDBACK sends a valid customer_feedback template that Meta accepts', async () => {
  const sara = conversation(reopen, 'feedback');
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

test('after the customer replies to the reactivation, the banner shows the window open and the cooldown over', async () => {
  const chen = conversation(reopen, 'send');
  reopen.sim.addCustomerMessage(chen.psid, 'Thank you, it arrived!');
  // The thread's facts are cached for 60 s after the send's own refresh; a reload after that shows the reply.
  await eventually(
    async () => {
      await humanAgentPage.reload();
      await humanAgentPage.locator('[data-testid="reopen-banner"]:not([data-window="unknown"])').waitFor({ timeout: WAIT.graph });
      return (await humanAgentPage.locator('[data-testid="reopen-banner"][data-window="open"][data-cooldown="none"]').count()) > 0;
    },
    { timeoutMs: WAIT.long + 30_000, everyMs: 3000, what: 'the banner to show the reply' },
  );
  expect(await banner(humanAgentPage).innerText()).toMatch(/^Window open — closes in 23 hr 5\d min/);
  expect(sendRequests(reopen.sim, chen.psid)).toHaveLength(1);
});

test('the popup figures add up to these journeys, and the CSV export lists the three attempts without the token', async () => {
  const popup = await reopen.popup();
  const figures = await summaryFigures(popup);
  // Chen: sent, then replied (open). Tom: utility sent (closed, cooling). Sara: feedback sent (human_agent, cooling).
  expect(figures).toEqual({
    open: 1,
    expired: 2,
    human_agent: 1,
    closed: 1,
    unknown: 0,
    cooling: 2,
    ready: 0,
    'sent-today': 3,
    replied: 1,
  });
  await artifact(popup, 'popup-summary');

  const download = popup.waitForEvent('download', { timeout: WAIT.ui });
  await popup.getByTestId('export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^reopen-audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await file.path())!, 'utf8');
  expect(csv).not.toContain(reopen.page.token);
  const [header, ...rows] = csv.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
  expect(header).toBe('time,page_id,page_name,customer,psid,route,outcome,message_id,error_kind,error_code,error_subcode');
  const messageIdOf = (psid: string) => reopen.sim.state().conversations.find((c) => c.psid === psid)!.messages.filter((m) => m.from === 'page').at(-1)!.id;
  const expected = [
    ['send', 'Chen Wei', 'HUMAN_AGENT'],
    ['utility', 'Tom Becker', 'UTILITY'],
    ['feedback', 'Sara Costa', 'CUSTOMER_FEEDBACK'],
  ].map(([name, customer, route]) => {
    const psid = conversation(reopen, name!).psid;
    return [reopen.page.id, 'Northwind Outfitters', customer, psid, route, 'sent', messageIdOf(psid), '', '', ''].join(',');
  });
  expect(rows.map((row) => row.split(',').slice(1).join(','))).toEqual(expected);
  expect(await popup.getByTestId('export-status').getAttribute('data-state')).toBe('done');
});
