import { afterEach, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { artifact, composeTagged, eventually, sendAndWaitForResult, startReopen, waitForBanner, WAIT, type Reopen } from './harness';
import { E2E_SCENARIO } from './journey';
import { loadScenario, type ParsedScenario, type Simulator } from '../sandbox/simulator';
import { resolve } from 'node:path';
import { LABEL_NAMES } from '../../lib/labels/names';
import { labelStateOf, type LabelState } from '../../lib/policy/labels';

// Issue 22, in Chromium against the simulator: the options switch writes Reopen's window states as Page custom labels
// that Business Suite shows. The labels are read back from the simulator's world (what Meta would hold), never from
// Reopen's own storage.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const REOPEN_NAMES = new Map<string, LabelState>(
  Object.values(LABEL_NAMES).flatMap((names) => Object.entries(names).map(([state, name]) => [name, state as LabelState])),
);
/** Long enough for the minute alarm plus a busy machine. */
const LABELS_WAIT = 120_000;

const opened: Reopen[] = [];
afterEach(async () => {
  for (const reopen of opened.splice(0).reverse()) await reopen.close();
});

function scenario(edit?: (scenario: ParsedScenario) => void): ParsedScenario {
  const parsed = loadScenario(resolve(import.meta.dirname, '../..', E2E_SCENARIO));
  // A label of the Page's own ("VIP") on two people: Reopen must never touch it.
  parsed.pages[0]!.labels = [{ name: 'VIP', psids: psidsOf(parsed, ['t_e2e_send', 't_e2e_open_2h']) }];
  edit?.(parsed);
  return parsed;
}

const psidsOf = (parsed: ParsedScenario, ids: string[]) => ids.map((id) => parsed.conversations.find((conversation) => conversation.id === id)!.psid);

async function start(edit?: (scenario: ParsedScenario) => void, sim?: Simulator): Promise<Reopen> {
  const reopen = await startReopen({ scenario: scenario(edit), ...(sim ? { sim } : {}) });
  opened.push(reopen);
  return reopen;
}

/** Reopen's labels on Meta's side for the first Page: the labels, and each person's Reopen labels by state. */
function onMeta(sim: Simulator, pageId: string) {
  const labels = sim.state().labels.filter((label) => label.pageId === pageId);
  const reopen = labels.filter((label) => REOPEN_NAMES.has(label.name));
  const byPerson = new Map<string, LabelState[]>();
  for (const label of reopen) for (const psid of label.psids) byPerson.set(psid, [...(byPerson.get(psid) ?? []), REOPEN_NAMES.get(label.name)!]);
  return { labels, reopen, byPerson };
}

/** The label each Messenger person of the Page should carry now, by the rule, from the simulator's messages. */
function expectedLabels(sim: Simulator, pageId: string, now: number): Map<string, LabelState> {
  const expected = new Map<string, LabelState>();
  for (const conversation of sim.state().conversations) {
    if (conversation.pageId !== pageId || conversation.platform !== 'messenger') continue;
    const pageLast = conversation.messages.filter((message) => message.from === 'page').at(-1)?.at ?? null;
    // Meta states times in whole seconds.
    const second = (at: number | null) => (at === null ? null : Math.floor(at / 1000) * 1000);
    const state = labelStateOf({ customerLastMessageAt: second(conversation.customerLastMessageAt), pageLastMessageAt: second(pageLast) }, now);
    if (state) expected.set(conversation.psid, state);
  }
  return expected;
}

async function labelsSwitch(reopen: Reopen, options?: Page) {
  const page = options ?? (await reopen.options());
  const item = page.locator(`[data-testid="page-item"][data-page-id="${reopen.page.id}"]`);
  await item.getByTestId('labels-sync').waitFor({ timeout: WAIT.ui });
  return { page, item, checkbox: item.getByTestId('labels-sync') };
}

/** Clicks the switch and waits until the background answered (the switch is no longer busy). */
async function toggle(reopen: Reopen, options?: Page) {
  const control = await labelsSwitch(reopen, options);
  await control.checkbox.click();
  await eventually(async () => (await control.item.getByTestId('labels-busy').count()) === 0 && !(await control.checkbox.isDisabled()), {
    timeoutMs: WAIT.long,
    what: 'the labels switch to finish',
  });
  return control;
}

test('switching on labels every conversation with its state once; the clock and a reopen move labels; switching off leaves none', async () => {
  const reopen = await start();
  await reopen.connectPage();
  const { sim } = reopen;
  const pageId = reopen.page.id;
  const crossing24h = reopen.conversation('t_e2e_crossing');
  const crossing7d = reopen.conversation('t_e2e_closed_9d');
  // Written so that the windows cross within the minute after the switch: 24 h, and 7 days.
  const at = Date.now();
  sim.addCustomerMessage(crossing24h.psid, '¿Alguna novedad?', at - DAY + 90_000);
  sim.addCustomerMessage(crossing7d.psid, 'Still there?', at - 7 * DAY + 105_000);

  const { checkbox, item, page: options } = await toggle(reopen);
  expect(await checkbox.isChecked()).toBe(true);
  await artifact(item, 'labels-options-switch');

  // Created once: five labels, each name once; the Page's own label untouched.
  await eventually(() => onMeta(sim, pageId).byPerson.get(crossing24h.psid)?.[0] === 'closing', { timeoutMs: LABELS_WAIT, what: 'the first labels' });
  const first = onMeta(sim, pageId);
  expect(first.reopen.map((label) => label.name).sort()).toEqual(Object.values(LABEL_NAMES.en).sort());
  expect(first.labels.find((label) => label.name === 'VIP')?.psids.sort()).toEqual(psidsOf(reopen.scenario, ['t_e2e_send', 't_e2e_open_2h']).sort());
  await eventually(() => onMeta(sim, pageId).byPerson.get(crossing7d.psid)?.join() === 'human_agent', {
    timeoutMs: LABELS_WAIT,
    what: 'the label before 7 days',
  });

  // Every Messenger conversation of the Page carries exactly the label of its state (and nobody else one).
  await eventually(
    () => {
      const now = Date.now();
      const expected = expectedLabels(sim, pageId, now);
      const { byPerson } = onMeta(sim, pageId);
      if (byPerson.size !== expected.size) return false;
      return [...expected].every(([psid, state]) => byPerson.get(psid)?.length === 1 && byPerson.get(psid)![0] === state);
    },
    { timeoutMs: LABELS_WAIT, what: 'one label per person, of their state' },
  );
  for (const id of ['t_e2e_ig_human_30h', 't_e2e_ig_closed_9d', 't_e2e_open_2h'])
    expect(onMeta(sim, pageId).byPerson.get(reopen.conversation(id).psid)).toBeUndefined();
  expect(onMeta(sim, pageId).byPerson.get(reopen.conversation('t_e2e_utility').psid)).toEqual(['closed']);

  // The windows cross with nobody doing anything: 24 h → human agent only, 7 days → closed.
  await eventually(() => onMeta(sim, pageId).byPerson.get(crossing24h.psid)?.join() === 'human_agent', { timeoutMs: LABELS_WAIT, what: 'the 24 h crossing' });
  await eventually(() => onMeta(sim, pageId).byPerson.get(crossing7d.psid)?.join() === 'closed', { timeoutMs: LABELS_WAIT, what: 'the 7-day crossing' });

  // A reopen sent: its conversation becomes "reactivated, awaiting reply".
  const send = reopen.conversation('t_e2e_send');
  const inbox = await reopen.openThread(send.selectedItemId);
  await waitForBanner(inbox, { window: 'human_agent', cooldown: 'none' });
  await composeTagged(inbox, "Hi Chen, I'm sorry about the damaged parcel: a replacement left our warehouse today.");
  const result = await sendAndWaitForResult(inbox);
  expect(result.outcome, result.text).toBe('sent');
  await eventually(() => onMeta(sim, pageId).byPerson.get(send.psid)?.join() === 'reactivated', { timeoutMs: LABELS_WAIT, what: 'the reactivated label' });

  // The dashboard says what was written.
  const dashboard = await reopen.dashboard();
  const section = dashboard.locator(`[data-testid="labels-page"][data-page-id="${pageId}"]`);
  await section.waitFor({ timeout: WAIT.ui });
  await artifact(dashboard.getByTestId('labels-summary'), 'labels-dashboard');
  expect(Number(await section.locator('[data-testid="labels-count"][data-state="closed"]').getAttribute('data-value'))).toBeGreaterThanOrEqual(2);
  await dashboard.close();

  // Switching off: no Reopen label left on anyone, Reopen's labels gone, the Page's own label still there.
  await options.reload();
  const off = await toggle(reopen, options);
  expect(await off.checkbox.isChecked()).toBe(false);
  await off.item.getByTestId('labels-cleared').waitFor({ timeout: WAIT.ui });
  expect(onMeta(sim, pageId).reopen).toEqual([]);
  expect(onMeta(sim, pageId).labels.map((label) => label.name)).toEqual(['VIP']);
}, 360_000);

test('two agents’ browsers switching on at once converge: one label per person, no duplicate label left', async () => {
  const first = await start();
  const second = await start(undefined, first.sim);
  await Promise.all([first.connectPage(), second.connectPage()]);
  const pageId = first.page.id;
  const [a, b] = await Promise.all([labelsSwitch(first), labelsSwitch(second)]);
  await Promise.all([a.checkbox.click(), b.checkbox.click()]);
  await eventually(
    () => {
      const { reopen, byPerson } = onMeta(first.sim, pageId);
      const names = reopen.map((label) => label.name);
      const expected = expectedLabels(first.sim, pageId, Date.now());
      return (
        names.length === 5 &&
        new Set(names).size === 5 &&
        byPerson.size === expected.size &&
        [...expected].every(([psid, state]) => byPerson.get(psid)?.join() === state)
      );
    },
    { timeoutMs: LABELS_WAIT, what: 'both browsers to converge on one label per person' },
  );
  expect(await a.checkbox.isChecked()).toBe(true);
  expect(await b.checkbox.isChecked()).toBe(true);
}, 240_000);

test('a refusal is explained and nothing is written: no pages_manage_metadata, then the Page Contact Terms', async () => {
  const reopen = await start((parsed) => {
    parsed.pages[0]!.pagesManageMetadata = false;
  });
  await reopen.connectPage();
  const { checkbox, item, page } = await toggle(reopen);
  const refusal = item.getByTestId('labels-refusal');
  await refusal.waitFor({ timeout: WAIT.ui });
  expect(await refusal.getAttribute('data-kind')).toBe('permission');
  expect(await refusal.innerText()).toContain('pages_manage_metadata');
  expect(await checkbox.isChecked()).toBe(false);
  expect(onMeta(reopen.sim, reopen.page.id).reopen).toEqual([]);
  expect(reopen.sim.requests().filter((request) => request.path.includes('label') && request.method !== 'GET')).toEqual([]);
  await page.close();
});

test('the Page Contact Terms not accepted: refused in words, nothing written', async () => {
  const reopen = await start((parsed) => {
    parsed.pages[0]!.contactTermsAccepted = false;
  });
  await reopen.connectPage();
  const { checkbox, item } = await toggle(reopen);
  const refusal = item.getByTestId('labels-refusal');
  await refusal.waitFor({ timeout: WAIT.ui });
  expect(await refusal.getAttribute('data-kind')).toBe('terms');
  expect(await checkbox.isChecked()).toBe(false);
  expect(onMeta(reopen.sim, reopen.page.id).labels.map((label) => label.name)).toEqual(['VIP']);
});
