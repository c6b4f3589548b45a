import { expect, test } from 'vitest';
import {
  artifact,
  banner,
  composeTagged,
  eventually,
  listingReadsBeyondBadges,
  readsOf,
  sendAndWaitForResult,
  sendRequests,
  waitForBanner,
  WAIT,
  type Reopen,
} from './harness';
import { useConnectedReopen } from './journey';

// Journeys 8 and 9: Reopen keeps working when Business Suite's layout changes under it (floating UI, said so,
// reported in the popup), and never guesses who the customer is: two customers with one name are a choice
// for the agent, remembered for that conversation.

let reopen: Reopen;
useConnectedReopen((started) => (reopen = started));

test('changed layout (no composer, no header): the banner floats, says why, resolves by the list, sends; the popup reports the layout', async () => {
  const noah = reopen.conversation('t_e2e_layout');
  const page = await reopen.openThread(noah.selectedItemId, { fixture: 'changed-layout.html' });
  const floating = page.locator('[data-testid="reopen-banner"].reopen-banner--floating');
  await floating.waitFor({ timeout: WAIT.graph });
  expect(await floating.innerText()).toContain("Business Suite's layout changed, so Reopen shows here instead of beside the reply box.");
  // Without the header, the customer's name still comes from the list: the link that carries the URL's
  // selected_item_id is the selected conversation. No choice for the agent.
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  expect(await page.getByTestId('reopen-candidate').count()).toBe(0);
  expect(await banner(page).getAttribute('class')).toContain('reopen-banner--floating');

  // This layout's message pane cannot be read, so nothing proves that the Noah found by name is the one on screen:
  // the banner says so, and the panel asks the agent to confirm before anything can be sent (issue 19).
  expect(await banner(page).getAttribute('data-doubt')).toBe('true');
  await composeTagged(page, 'Hi Noah, yes, we ship to Norway: 3 to 5 working days.');
  expect(await page.getByTestId('reopen-panel').isVisible()).toBe(true);
  expect(await page.getByTestId('reopen-send').isDisabled()).toBe(true);
  await page.locator(`[data-testid="reopen-candidate"][data-psid="${noah.psid}"]`).click();
  await page.getByTestId('reopen-recipient').waitFor({ state: 'detached', timeout: WAIT.graph });
  const result = await sendAndWaitForResult(page);
  expect(result.outcome).toBe('sent');
  expect(sendRequests(reopen.sim, noah.psid).map((call) => (call.body as { tag?: string }).tag)).toEqual(['HUMAN_AGENT']);
  await artifact(page, 'panel-floating-sent');

  const dashboard = await reopen.dashboard();
  const layout = dashboard.getByTestId('layout-health');
  expect(await layout.getAttribute('data-state')).toBe('floating');
  const found = async (anchor: string) => layout.locator(`[data-anchor="${anchor}"]`).getAttribute('data-found');
  expect(await found('composer')).toBe('false');
  expect(await found('conversationHeader')).toBe('false');
  expect(await found('threadList')).toBe('true');
  expect(await dashboard.getByTestId('name-health').getAttribute('data-source')).toBe('selectedCard');
  await artifact(dashboard, 'popup-layout-health');
  await page.close();
});

test('two customers named "María García": where the pane cannot be read the agent picks one and the choice is remembered; where it can, its messages tell them apart', async () => {
  // A layout whose message pane Reopen cannot read: nothing but the name, so the agent picks (issue 19).
  reopen.session.useInboxFixture('changed-layout.html');
  const maria = reopen.conversation('t_e2e_same_name_a');
  const namesake = reopen.conversation('t_e2e_same_name_b');
  const page = await reopen.openThread(maria.selectedItemId);
  const candidates = page.getByTestId('reopen-candidate');
  await candidates.first().waitFor({ timeout: WAIT.graph });
  expect(await banner(page).getAttribute('data-window')).toBe('unknown');
  expect(await banner(page).innerText()).toContain('Window unknown: choose which conversation this is.');
  expect((await candidates.evaluateAll((items) => items.map((item) => item.getAttribute('data-psid')))).sort()).toEqual([maria.psid, namesake.psid].sort());
  expect(await candidates.allInnerTexts()).toEqual(
    expect.arrayContaining([expect.stringContaining('¿Tenéis la talla M?'), expect.stringContaining('Quiero cambiar la dirección.')]),
  );
  await artifact(banner(page), 'banner-ambiguous');

  await page.locator(`[data-testid="reopen-candidate"][data-psid="${maria.psid}"]`).click();
  await waitForBanner(page, { window: 'human_agent', cooldown: 'none' });
  expect(await banner(page).innerText()).toMatch(/Expired 1 hr( \d{1,2} min)? ago/);
  expect(await candidates.count()).toBe(0);

  // Later, the same conversation again: no question, no search through the Page's conversations. (The new tab's row
  // badges may read the Page's listing, once the minute since the last read has passed: that read is theirs.)
  const mark = reopen.sim.requests().length;
  const later = await reopen.openThread(maria.selectedItemId);
  await waitForBanner(later, { window: 'human_agent', cooldown: 'none' });
  expect(await later.getByTestId('reopen-candidate').count()).toBe(0);
  expect(listingReadsBeyondBadges(reopen.sim, mark)).toEqual([]);
  // Nor was her namesake, the other candidate, looked up.
  expect(readsOf(reopen.sim, [namesake.psid], mark)).toEqual([]);

  // The namesake's conversation on a layout whose pane is read: her own messages prove who she is, no question.
  const other = await reopen.openThread(namesake.selectedItemId, { fixture: 'messenger-en.html' });
  await waitForBanner(other, { window: 'human_agent', cooldown: 'none' });
  await eventually(async () => (await banner(other).getAttribute('data-doubt')) === null, { what: 'a banner without doubt' });
  expect(await other.getByTestId('reopen-candidate').count()).toBe(0);
  expect(sendRequests(reopen.sim, maria.psid)).toEqual([]);
});
