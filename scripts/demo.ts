// `npm run demo`: the production build in Chromium against the built-in Meta simulator, on the fixture inbox.
//
// With a display (DISPLAY set, or --headed) the browser stays open for a person to click around until it is
// closed. Without one (the default on CI-like machines, or --headless) a short scripted tour runs instead:
// it saves screenshots to demo-output/ and prints what each step showed, then the simulator's request log.
// Every wait is bounded; anything unexpected stops the demo with a message and a non-zero exit code.

import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { EXTENSION_DIR, ROOT, sendRequests, startReopen, summaryFigures, waitForResult, type Reopen } from '../tests/e2e/harness';
import type { LoggedRequest, ParsedScenario, Simulator } from '../tests/sandbox/simulator';
import { ensureChromium as ensureChromiumAt } from './chromium';

const SCENARIO_FILE = resolve(ROOT, 'tests/sandbox/scenarios/demo.json');
const OUTPUT_DIR = resolve(ROOT, 'demo-output');
/** The longest any one UI step may take; a thread switch needs a few paced Graph calls (2/s per Page). */
const STEP_TIMEOUT_MS = 20_000;
/** The whole headless tour; past this the demo gives up rather than hang a CI job. */
const TOUR_DEADLINE_MS = 180_000;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The options page's default for "closing soon" (Settings → closesSoonMinutes). */
const CLOSING_SOON_MS = 2 * HOUR;
/** What the agent writes in the HUMAN_AGENT reopen: a person's answer to the customer's open issue. */
const reopenText = (name: string) => `Hi ${name.split(' ')[0]}, I checked with the warehouse: a replacement is on its way to you today. — Ana`;

type WindowState = 'open' | 'human_agent' | 'closed';

interface Options {
  headed: boolean;
}

class DemoError extends Error {}

function parseArgs(argv: string[]): Options {
  let headed: boolean | null = null;
  for (const arg of argv) {
    if (arg === '--headed') headed = true;
    else if (arg === '--headless') headed = false;
    else if (arg === '--help' || arg === '-h') {
      console.log('Usage: npm run demo [-- --headed | --headless]\n  default: headed when DISPLAY is set, headless otherwise');
      process.exit(0);
    } else throw new DemoError(`Unknown option ${arg}. Use --headed or --headless.`);
  }
  if (headed === null) headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
  if (headed && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    throw new DemoError(
      '--headed needs a display (DISPLAY is not set). Run without --headed for the scripted tour, or use `xvfb-run -a npm run demo -- --headed`.',
    );
  }
  return { headed };
}

function ensureChromium() {
  if (!ensureChromiumAt(ROOT)) {
    throw new DemoError('Chromium is needed and could not be found or installed (see the message above).');
  }
}

/** The window a conversation is in right now, by the rules in the README (from the customer's last message). */
function windowOf(customerLastMessageAt: number | null, now: number): WindowState | 'unknown' {
  if (customerLastMessageAt === null) return 'unknown';
  const age = now - customerLastMessageAt;
  if (age < DAY) return 'open';
  if (age < 7 * DAY) return 'human_agent';
  return 'closed';
}

interface DemoConversation {
  id: string;
  psid: string;
  name: string;
  selectedItemId: string;
  window: WindowState | 'unknown';
  customerLastMessageAt: number | null;
  closingSoon: boolean;
  unavailable: boolean;
  /** Another conversation of the Page has the same customer name: Reopen asks which one it is. */
  sameName: boolean;
}

function demoConversations(scenario: ParsedScenario, sim: Simulator): DemoConversation[] {
  const state = sim.state();
  const now = sim.clock.now();
  return scenario.conversations.map((conversation) => {
    const live = state.conversations.find((c) => c.id === conversation.id);
    const customerLast = live?.customerLastMessageAt ?? null;
    const window = windowOf(customerLast, now);
    return {
      id: conversation.id,
      psid: conversation.psid,
      name: conversation.customerName,
      selectedItemId: conversation.selectedItemId,
      window,
      customerLastMessageAt: customerLast,
      closingSoon: window === 'open' && customerLast !== null && customerLast + DAY - now <= CLOSING_SOON_MS,
      unavailable: conversation.unavailable ?? false,
      sameName: scenario.conversations.filter((c) => c.customerName === conversation.customerName).length > 1,
    };
  });
}

/** Text of an element on one line, for the console. */
async function oneLine(locator: Locator): Promise<string> {
  return (await locator.innerText({ timeout: STEP_TIMEOUT_MS })).replace(/\s*\n+\s*/g, ' · ').trim();
}

/** Waits (bounded) until the banner shows the expected window; a thread closing soon also carries the urgent
 *  mark, which tells it apart from the open thread shown just before it. */
async function waitForBanner(page: Page, expected: WindowState, what: string, closingSoon = false): Promise<Locator> {
  const banner = page.getByTestId('reopen-banner');
  const wanted = page.locator(`[data-testid="reopen-banner"][data-window="${expected}"]${closingSoon ? '.reopen-banner--urgent' : ''}`);
  try {
    await wanted.waitFor({ timeout: STEP_TIMEOUT_MS });
  } catch {
    const shown = (await banner.count()) ? `${await banner.first().getAttribute('data-window')}: "${await oneLine(banner.first())}"` : 'no banner at all';
    throw new DemoError(
      `${what}: expected the banner to show "${expected}"${closingSoon ? ' (closing soon)' : ''} within ${STEP_TIMEOUT_MS / 1000} s, but it shows ${shown}.`,
    );
  }
  return wanted;
}

/** Connects the scenario's Page through the options page, as an agent would (the token typed into the form). */
async function connectDemoPage(reopen: Reopen): Promise<Page> {
  try {
    return await reopen.connectPage();
  } catch (error) {
    throw new DemoError(`Connecting "${reopen.page.name}" through the options page failed: ${(error as Error).message.split('\n')[0]}`);
  }
}

/** Clicks a conversation in the fixture's list, as an agent would. */
async function openConversation(page: Page, conversation: DemoConversation) {
  await page.locator(`[role="grid"] a[href*="selected_item_id=${conversation.selectedItemId}&"]`).click({ timeout: STEP_TIMEOUT_MS });
  await page.waitForURL((url) => url.searchParams.get('selected_item_id') === conversation.selectedItemId, { timeout: STEP_TIMEOUT_MS });
}

function summarizeLog(requests: LoggedRequest[]): string[] {
  const groups = new Map<string, { count: number; statuses: Map<number, number> }>();
  for (const request of requests) {
    const kind = `${request.method} ${request.path.replace(/^\/v\d+\.\d+/, '').replace(/\d{6,}/g, '{id}')}${request.query.user_id ? ' (user_id=…)' : ''}`;
    const group = groups.get(kind) ?? { count: 0, statuses: new Map() };
    group.count++;
    group.statuses.set(request.status, (group.statuses.get(request.status) ?? 0) + 1);
    groups.set(kind, group);
  }
  return [...groups].map(([kind, { count, statuses }]) => {
    const answered = [...statuses].map(([status, n]) => `${n}× ${status}`).join(', ');
    return `${String(count).padStart(4)}  ${kind}  [${answered}]`;
  });
}

function printConversations(conversations: DemoConversation[]) {
  const label = (c: DemoConversation) =>
    `${c.name}${c.closingSoon ? ' (closing soon)' : ''}${c.unavailable ? ' (person unavailable: a send fails with 551)' : ''}${c.sameName ? ' (same name as another customer: Reopen asks which one)' : ''}`;
  for (const state of ['open', 'human_agent', 'closed'] as const) {
    const names = conversations.filter((c) => c.window === state).map(label);
    console.log(`  ${state.padEnd(12)} ${names.join('; ')}`);
  }
}

function pick(conversations: DemoConversation[], test: (c: DemoConversation) => boolean, what: string): DemoConversation {
  const found = conversations.find((c) => test(c) && !c.sameName && !c.unavailable);
  if (!found) throw new DemoError(`The demo scenario has no ${what} conversation (${relative(ROOT, SCENARIO_FILE)}).`);
  return found;
}

async function tour(reopen: Reopen, conversations: DemoConversation[], optionsPage: Page, inbox: Page) {
  const { sim } = reopen;
  mkdirSync(OUTPUT_DIR, { recursive: true });
  let shot = 0;
  const screenshot = async (page: Page, name: string) => {
    const file = join(OUTPUT_DIR, `${String(++shot).padStart(2, '0')}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true, timeout: STEP_TIMEOUT_MS });
    return relative(ROOT, file);
  };
  const show = (title: string, lines: Record<string, string | number>) => {
    console.log(`\n▸ ${title}`);
    for (const [key, value] of Object.entries(lines)) console.log(`    ${key.padEnd(10)} ${value}`);
  };

  const open = pick(conversations, (c) => c.window === 'open' && !c.closingSoon, 'open');
  const closingSoon = pick(conversations, (c) => c.closingSoon, 'closing-soon');
  // The reopen goes to the human_agent thread with the most time left, so the send surely lands in the window.
  const byRecent = [...conversations].sort((a, b) => (b.customerLastMessageAt ?? 0) - (a.customerLastMessageAt ?? 0));
  const humanAgent = pick(byRecent, (c) => c.window === 'human_agent', 'human_agent');
  const closed = pick(conversations, (c) => c.window === 'closed', 'closed');

  show('Options page: the demo Page connected through the UI', {
    page: await oneLine(optionsPage.getByTestId('page-item').first()),
    shot: await screenshot(optionsPage, 'options-connected'),
  });

  // 1. An open thread.
  let banner = await waitForBanner(inbox, 'open', `Open thread (${open.name})`);
  show(`Open thread: ${open.name}`, {
    state: (await banner.getAttribute('data-window')) ?? '',
    banner: await oneLine(banner),
    shot: await screenshot(inbox, 'open-thread'),
  });

  // 2. A thread closing soon.
  await openConversation(inbox, closingSoon);
  banner = await waitForBanner(inbox, 'open', `Thread closing soon (${closingSoon.name})`, true);
  show(`Closing soon: ${closingSoon.name}`, { state: 'open', banner: await oneLine(banner), shot: await screenshot(inbox, 'closing-soon') });

  // 3. A human_agent thread, with the reopen panel open.
  await openConversation(inbox, humanAgent);
  banner = await waitForBanner(inbox, 'human_agent', `Expired thread (${humanAgent.name})`);
  await inbox.getByTestId('reopen-open').click({ timeout: STEP_TIMEOUT_MS });
  const panel = inbox.getByTestId('reopen-panel');
  await panel.waitFor({ timeout: STEP_TIMEOUT_MS });
  const tags = await tagAvailability(inbox);
  show(`Expired, human agent window: ${humanAgent.name}`, {
    state: 'human_agent',
    banner: await oneLine(banner),
    routes: tags,
    shot: await screenshot(inbox, 'human-agent-panel'),
  });

  // 4. Send one HUMAN_AGENT reopen: exactly one POST reaches the simulator. When Reopen could not prove who this is from
  // the conversation's own messages, the panel names the person first: the agent confirms, as the tour does here.
  const recipientCheck = inbox.getByTestId('reopen-recipient');
  if ((await recipientCheck.count()) > 0) {
    await recipientCheck.locator(`[data-testid="reopen-candidate"][data-psid="${humanAgent.psid}"]`).click({ timeout: STEP_TIMEOUT_MS });
    await recipientCheck.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
    show('Recipient confirmed by the agent', { person: humanAgent.name });
  }
  await inbox.locator('[data-testid="reopen-tag"][data-tag="HUMAN_AGENT"]').click({ timeout: STEP_TIMEOUT_MS });
  await inbox.getByTestId('reopen-text').fill(reopenText(humanAgent.name), { timeout: STEP_TIMEOUT_MS });
  await inbox.getByTestId('reopen-send').click({ timeout: STEP_TIMEOUT_MS });
  const result = await waitForResult(inbox, STEP_TIMEOUT_MS).catch(() => {
    throw new DemoError(`No outcome shown within ${STEP_TIMEOUT_MS / 1000} s of clicking Send on ${humanAgent.name}'s conversation.`);
  });
  // Let a (wrong) second send show up in the log before counting.
  await inbox.waitForTimeout(1_000);
  await result.locator.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
  const posts = sendRequests(sim, humanAgent.psid);
  const delivered = sim
    .state()
    .conversations.find((c) => c.id === humanAgent.id)
    ?.messages.at(-1);
  show('HUMAN_AGENT reopen sent', {
    outcome: result.outcome ?? '?',
    result: result.text,
    POSTs: posts.map((p) => `${p.method} ${p.path} (${(p.body as { tag?: string } | null)?.tag ?? '-'}) → ${p.status}`).join('; ') || 'none',
    simulator: delivered ? `last message now from the ${delivered.from}, tag ${delivered.tag ?? '-'}` : '?',
    shot: await screenshot(inbox, 'human-agent-sent'),
  });
  if (result.outcome !== 'sent') throw new DemoError(`The HUMAN_AGENT reopen ended "${result.outcome}", expected "sent": ${result.text}`);
  if (posts.length !== 1) throw new DemoError(`The HUMAN_AGENT reopen made ${posts.length} POSTs to Graph; exactly one was expected.`);

  // 5. The cooldown afterwards: one reactivation per conversation per 24 h.
  try {
    await inbox.locator('[data-testid="reopen-banner"][data-cooldown="active"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  } catch {
    throw new DemoError(`After the reopen the banner of ${humanAgent.name} shows no cooldown (data-cooldown="${await banner.getAttribute('data-cooldown')}").`);
  }
  const sendButton = inbox.getByTestId('reopen-send');
  show('Cooldown after the reopen', {
    banner: await oneLine(banner),
    routes: await tagAvailability(inbox),
    send: (await sendButton.count()) === 0 ? 'no Send button' : (await sendButton.isDisabled()) ? 'Send button disabled' : 'Send button still enabled',
    shot: await screenshot(inbox, 'cooldown'),
  });

  // 6. A closed thread: only a utility message can reach the customer.
  await openConversation(inbox, closed);
  banner = await waitForBanner(inbox, 'closed', `Closed thread (${closed.name})`);
  await inbox.getByTestId('reopen-open').click({ timeout: STEP_TIMEOUT_MS });
  await inbox.getByTestId('reopen-panel').waitFor({ timeout: STEP_TIMEOUT_MS });
  const closedTags = await tagAvailability(inbox);
  // The utility route is last in the catalog: bring it and its template picker into view.
  const templatePicker = inbox.locator('#reopen-utility-template');
  await templatePicker.waitFor({ timeout: STEP_TIMEOUT_MS });
  await inbox.locator('#reopen-utility-template option:not([value=""])').first().waitFor({ state: 'attached', timeout: STEP_TIMEOUT_MS });
  const templates = await templatePicker.locator('option:not([value=""])').allInnerTexts();
  await templatePicker.scrollIntoViewIfNeeded({ timeout: STEP_TIMEOUT_MS });
  show(`Closed: ${closed.name}`, {
    state: 'closed',
    banner: await oneLine(banner),
    routes: closedTags,
    templates: templates.join('; '),
    shot: await screenshot(inbox, 'closed-utility'),
  });
  const usable = await inbox.locator('[data-testid="reopen-tag"]:not([disabled])').evaluateAll((els) => els.map((el) => el.getAttribute('data-tag')));
  if (usable.join(',') !== 'UTILITY') throw new DemoError(`On a closed thread only UTILITY should be usable, but these are: ${usable.join(', ') || 'none'}.`);

  // 7. The manager's popup.
  const popup = await reopen.popup();
  await popup.setViewportSize({ width: 400, height: 700 });
  const figures = await summaryFigures(popup);
  show('Popup summary (of the conversations the agent opened)', {
    figures: Object.entries(figures)
      .map(([name, value]) => `${name}=${value}`)
      .join(', '),
    url: `chrome-extension://${reopen.extensionId}/popup.html`,
    shot: await screenshot(popup, 'popup'),
  });
  await popup.close();

  // 8. The options page as it is now.
  await optionsPage.reload();
  await optionsPage.getByTestId('page-item').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  show('Options page', { shot: await screenshot(optionsPage, 'options') });
}

async function tagAvailability(page: Page): Promise<string> {
  return page
    .locator('[data-testid="reopen-tag"]')
    .evaluateAll((els) => els.map((el) => `${el.getAttribute('data-tag')}${el.hasAttribute('disabled') ? ' ✗' : ' ✓'}`).join('  '));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) {
    throw new DemoError('No production build in .output/chrome-mv3: run `npm run demo` (it builds first) or `npm run build`.');
  }
  ensureChromium();

  const reopen = await startReopen({ scenario: SCENARIO_FILE, headless: !options.headed, fixture: 'messenger-en.html' });
  const { sim, scenario, page: demoPage } = reopen;
  // Ctrl+C closes the browser and the simulator; whatever was waiting on them then ends, and the exit code says why.
  const stop = (signal: NodeJS.Signals) => {
    interruptedBy = signal;
    void reopen.close();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    console.log(`Meta simulator on ${sim.url} answering as https://graph.facebook.com (scenario ${relative(ROOT, SCENARIO_FILE)})`);
    console.log(`Chromium ${options.headed ? 'window' : '(headless)'} with Reopen, extension id ${reopen.extensionId}`);
    const optionsPage = await connectDemoPage(reopen);
    const conversations = demoConversations(scenario, sim);
    const first = pick(conversations, (c) => c.window === 'open' && !c.closingSoon, 'open');
    const inbox = await reopen.openThread(first.selectedItemId);

    if (options.headed) {
      await inbox.bringToFront();
      console.log(`\nConnected "${demoPage.name}" (${demoPage.id}) in the options page and opened the inbox on ${first.name}.`);
      console.log('Conversations in the list, by window:');
      printConversations(conversations);
      const names = (test: (c: DemoConversation) => boolean) => [...new Set(conversations.filter(test).map((c) => c.name))].join(', ');
      console.log(`
Try:
  - click conversations in the list: the banner above the reply box shows the window and the time left;
  - on an expired one (${names((c) => c.window === 'human_agent' && !c.sameName && !c.unavailable)}), "Reopen expired conversation":
    pick a route, write, Send; then the 24 h cooldown (one reactivation per conversation);
  - a closed one (${names((c) => c.window === 'closed')}): only a utility template can reach the customer;
  - ${names((c) => c.unavailable)}: Meta answers that the person is not available (551);
  - ${names((c) => c.sameName)} (two customers, one name): Reopen cannot tell them apart and asks which one it is;
  - the manager's popup: chrome-extension://${reopen.extensionId}/popup.html
  - the options page:    chrome-extension://${reopen.extensionId}/options.html
Close the browser window (or press Ctrl+C) to stop.`);
      await new Promise<void>((done) => reopen.context.once('close', () => done()));
      console.log(`\n${interruptedBy ? 'Stopped' : 'Browser closed'}. Graph calls the extension made (simulator log):`);
      for (const line of summarizeLog(sim.requests())) console.log(line);
      return;
    }

    rmSync(OUTPUT_DIR, { recursive: true, force: true });
    console.log('No display: running the scripted tour. Conversations in the demo scenario, by window:');
    printConversations(conversations);
    let deadline: NodeJS.Timeout | undefined;
    await Promise.race([
      tour(reopen, conversations, optionsPage, inbox),
      new Promise<never>((_, fail) => {
        deadline = setTimeout(() => fail(new DemoError(`The tour did not finish within ${TOUR_DEADLINE_MS / 1000} s.`)), TOUR_DEADLINE_MS);
      }),
    ]).finally(() => clearTimeout(deadline));
    console.log('\nGraph calls the extension made (simulator log):');
    for (const line of summarizeLog(sim.requests())) console.log(line);
    console.log(`\nDemo tour done: screenshots in ${relative(ROOT, OUTPUT_DIR)}/`);
  } finally {
    await reopen.close();
  }
}

/** Set when Ctrl+C (or SIGTERM) stopped the demo: not a failure of the product. */
let interruptedBy: NodeJS.Signals | null = null;
const SIGNAL_EXIT_CODES: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 };

main().then(
  () => process.exit(interruptedBy ? (SIGNAL_EXIT_CODES[interruptedBy] ?? 1) : 0),
  (error: unknown) => {
    if (interruptedBy) {
      console.error(`\nDemo stopped (${interruptedBy}).`);
      process.exit(SIGNAL_EXIT_CODES[interruptedBy] ?? 1);
    }
    const message = error instanceof DemoError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(`\nDemo failed: ${message}`);
    process.exit(1);
  },
);
