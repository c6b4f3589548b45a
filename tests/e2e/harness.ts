import { chromium, type BrowserContext, type CDPSession, type Locator, type Page, type Route, type Worker } from 'playwright-core';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { loadScenario, startSimulator, type LoggedRequest, type ParsedScenario, type Scenario, type ScenarioState, type Simulator } from '../sandbox/simulator';
import { ROWS_REFRESH_MS } from '../../lib/urgency/service';
import { inboxFixtureHtml } from './inbox-fixture';

export const ROOT = resolve(import.meta.dirname, '../..');
export const EXTENSION_DIR = resolve(ROOT, '.output/chrome-mv3');
export const FIXTURE_DIR = resolve(ROOT, 'tests/fixtures/inbox');
export const GRAPH_ORIGIN = 'https://graph.facebook.com';
export const SUITE_ORIGIN = 'https://business.facebook.com';

export interface LaunchOptions {
  /** Base URL of a running Meta simulator; graph.facebook.com is forwarded to it. */
  simulatorUrl?: string;
  /** Which fixture page serves business.facebook.com (a file in tests/fixtures/inbox/). */
  inboxFixture?: string;
  headless?: boolean;
  /** Browser UI language (Chromium's --lang), e.g. 'es'. */
  lang?: string;
  /** Rewrites the fixture before it is served (e.g. to list the simulator's conversations). */
  serveInbox?: (html: string, url: URL, fixture: string) => string;
}

export interface ExtensionSession {
  context: BrowserContext;
  extensionId: string;
  /** The live service worker (it may be replaced after a restart). */
  worker(): Promise<Worker>;
  /** Switches the fixture served at business.facebook.com for the next navigations. */
  useInboxFixture(file: string): void;
  close(): Promise<void>;
}

/** Forwards a request to the simulator with its method, headers and body, and relays the answer byte for byte.
 *  A connection the simulator drops is relayed as a dropped connection. */
export async function forwardToSimulator(route: Route, simulatorUrl: string) {
  const request = route.request();
  const target = new URL(request.url());
  const headers = { ...request.headers() };
  delete headers.host;
  let response: Response;
  try {
    response = await fetch(simulatorUrl + target.pathname + target.search, {
      method: request.method(),
      headers,
      body: ['GET', 'HEAD'].includes(request.method()) ? undefined : (request.postData() ?? undefined),
    });
  } catch {
    await route.abort('connectionreset').catch(() => {});
    return;
  }
  const body = Buffer.from(await response.arrayBuffer());
  const responseHeaders: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') responseHeaders[name] = value;
  });
  await route.fulfill({ status: response.status, headers: responseHeaders, body }).catch(() => {});
}

/** Launches Debian's Chromium with the production build loaded (STACK.md recipe) in a throwaway profile.
 *  Nothing reaches the internet: Graph goes to the simulator, Business Suite to a fixture, the rest is refused. */
export async function launchWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profile = mkdtempSync(join(tmpdir(), 'reopen-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    locale: options.lang,
    viewport: { width: 1280, height: 860 },
    args: extensionArgs(options),
  });
  return wireSession(context, options, async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  });
}

/** Chromium's flags for the production build in a test browser (STACK.md recipe). */
export function extensionArgs(options: Pick<LaunchOptions, 'lang'>): string[] {
  return [
    `--disable-extensions-except=${EXTENSION_DIR}`,
    `--load-extension=${EXTENSION_DIR}`,
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    ...(options.lang ? [`--lang=${options.lang}`] : []),
  ];
}

/** A test browser's context made a session: Business Suite served from the fixtures, Graph forwarded to the
 *  simulator (refused without one), the extension's worker found. */
export async function wireSession(context: BrowserContext, options: LaunchOptions, close: () => Promise<void>): Promise<ExtensionSession> {
  let fixture = options.inboxFixture ?? 'messenger-en.html';
  await context.route(`${SUITE_ORIGIN}/**`, async (route) => {
    const file = readFileSync(join(FIXTURE_DIR, fixture), 'utf8');
    const html = options.serveInbox ? options.serveInbox(file, new URL(route.request().url()), fixture) : file;
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  await context.route(`${GRAPH_ORIGIN}/**`, async (route) => {
    if (!options.simulatorUrl) return route.abort('connectionrefused');
    await forwardToSimulator(route, options.simulatorUrl);
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(first.url()).host;
  return {
    context,
    extensionId,
    async worker() {
      const live = context.serviceWorkers().find((w) => w.url().includes(extensionId));
      return live ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
    },
    useInboxFixture(file: string) {
      fixture = file;
    },
    close,
  };
}

export function extensionPage(session: ExtensionSession, path: 'popup.html' | 'dashboard.html' | 'options.html'): string {
  return `chrome-extension://${session.extensionId}/${path}`;
}

/** A Business Suite inbox URL for one Page and thread, as agents see it. */
export function inboxUrl(pageId: string, selectedItemId?: string): string {
  const url = new URL('/latest/inbox/messenger', SUITE_ORIGIN);
  url.searchParams.set('asset_id', pageId);
  url.searchParams.set('mailbox_id', pageId);
  if (selectedItemId) {
    url.searchParams.set('selected_item_id', selectedItemId);
    url.searchParams.set('thread_type', 'FB_MESSAGE');
  }
  return url.toString();
}

/** Saves a screenshot (of a page, or of one element such as the banner) as a test artifact under test-results/. */
export async function artifact(target: Page | Locator, name: string) {
  const path = join(ROOT, 'test-results', `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  await target.screenshot({ path }).catch(() => {});
}

// ---------------------------------------------------------------------------------------------------------
// Reopen against the Meta simulator: the journeys' (and the demo's and benchmarks') way in.
// ---------------------------------------------------------------------------------------------------------

/** Every wait in the journeys is bounded by one of these (ms). None is a sleep: they bound a condition. */
export const WAIT = { ui: 10_000, graph: 15_000, long: 45_000 } as const;

export interface StartReopenOptions {
  /** A scenario file (absolute, or relative to the repository root) or a scenario object. */
  scenario: string | Scenario;
  /** The fixture in tests/fixtures/inbox/ that serves Business Suite; messenger-es.html for Spanish by default. */
  fixture?: string;
  /** Browser language, e.g. 'es'. */
  lang?: string;
  headless?: boolean;
  /** Print one line per Graph request the simulator answers. */
  simulatorLog?: boolean;
  /** Another way to launch Chromium with the build (tests/e2e/tab-visibility.ts: background tabs hidden). */
  launch?: (options: LaunchOptions) => Promise<ExtensionSession>;
  /** Serves the inbox another way than inboxFixtureHtml (the store screenshots' styled inbox listing both platforms,
   *  scripts/store/inbox-skin.ts): the fixture file, the address asked for and the simulator's world at that moment. */
  serveInbox?: (html: string, url: URL, state: ScenarioState) => string;
  /** A simulator already running (a second agent's browser on the same Meta): used, and left running on close. */
  sim?: Simulator;
}

export interface Reopen {
  sim: Simulator;
  session: ExtensionSession;
  context: BrowserContext;
  extensionId: string;
  scenario: ParsedScenario;
  /** The scenario's first Page (most scenarios have one). */
  page: { id: string; name: string; token: string };
  /** A conversation of the scenario by its id ("t_…"); throws when there is none. */
  conversation(id: string): ParsedScenario['conversations'][number];
  /** Connects a Page through the options page as an agent would; resolves once it is listed. */
  connectPage(token?: string): Promise<Page>;
  /** Opens Business Suite on one conversation (by Business Suite's selected_item_id) in a new tab; resolves
   *  once the banner is on screen (in any state). */
  openThread(selectedItemId: string, options?: { pageId?: string; fixture?: string }): Promise<Page>;
  popup(): Promise<Page>;
  /** The dashboard page (charts, overview, health, layout report, export). */
  dashboard(): Promise<Page>;
  options(): Promise<Page>;
  /** Stops the extension's service worker (CDP) and waits until Chromium reports it stopped. */
  stopServiceWorker(): Promise<void>;
  /** Waits until the worker runs again and checks it is a new instance (not the one stopped). */
  serviceWorkerRestarted(): Promise<boolean>;
  close(): Promise<void>;
}

const WORKER_MARK = '__reopenE2eStoppedInstance';

/** Starts the simulator (answering as graph.facebook.com) and Chromium with the production build, with
 *  Business Suite served from a fixture that lists the scenario's conversations. */
export async function startReopen(options: StartReopenOptions): Promise<Reopen> {
  const scenario =
    typeof options.scenario === 'string'
      ? loadScenario(isAbsolute(options.scenario) ? options.scenario : resolve(ROOT, options.scenario))
      : (options.scenario as ParsedScenario);
  const ownSim = !options.sim;
  const sim = options.sim ?? (await startSimulator({ scenario, publicBaseUrl: GRAPH_ORIGIN, log: options.simulatorLog ?? false }));
  let session: ExtensionSession;
  try {
    session = await (options.launch ?? launchWithExtension)({
      simulatorUrl: sim.url,
      inboxFixture: options.fixture ?? (options.lang?.startsWith('es') ? 'messenger-es.html' : 'messenger-en.html'),
      headless: options.headless,
      lang: options.lang,
      serveInbox: (html, url) => (options.serveInbox ?? inboxFixtureHtml)(html, url, sim.state()),
    });
  } catch (error) {
    if (ownSim) await sim.close();
    throw error;
  }
  const { context, extensionId } = session;
  const firstPage = scenario.pages[0]!;

  // A CDP session on an extension page of the extension's own origin: the ServiceWorker domain there sees
  // the extension's worker (a session on about:blank does not stop it). An image, so the page itself never
  // messages the background and wakes the worker again.
  let workerControl: { cdp: CDPSession; status: () => string | null; waitFor: (status: string) => Promise<void> } | null = null;
  async function control() {
    if (workerControl) return workerControl;
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/icon/16.png`);
    const cdp = await context.newCDPSession(page);
    let status: string | null = null;
    const waiters = new Set<() => void>();
    cdp.on('ServiceWorker.workerVersionUpdated', (event) => {
      const version = event.versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${extensionId}/`));
      if (!version) return;
      status = version.runningStatus;
      for (const wake of waiters) wake();
    });
    await cdp.send('ServiceWorker.enable');
    const waitFor = (wanted: string) =>
      new Promise<void>((done, fail) => {
        const check = () => {
          if (status !== wanted) return;
          clearTimeout(timer);
          waiters.delete(check);
          done();
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          fail(new Error(`The service worker did not become "${wanted}" within ${WAIT.graph} ms (last: ${status})`));
        }, WAIT.graph);
        waiters.add(check);
        check();
      });
    workerControl = { cdp, status: () => status, waitFor };
    return workerControl;
  }

  async function openExtensionPage(path: 'popup.html' | 'dashboard.html' | 'options.html', ready: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(extensionPage(session, path));
    await page.getByTestId(ready).first().waitFor({ timeout: WAIT.ui });
    return page;
  }

  const reopen: Reopen = {
    sim,
    session,
    context,
    extensionId,
    scenario,
    page: firstPage,

    conversation(id) {
      const found = scenario.conversations.find((candidate) => candidate.id === id);
      if (!found) throw new Error(`The scenario has no conversation ${id}`);
      return found;
    },

    async connectPage(token = firstPage.token) {
      const page = await openExtensionPage('options.html', 'page-token');
      await page.getByTestId('page-token').fill(token);
      await page.getByTestId('page-connect').click();
      const pageId = scenario.pages.find((candidate) => candidate.token === token)?.id;
      const item = pageId ? page.locator(`[data-testid="page-item"][data-page-id="${pageId}"]`) : page.getByTestId('page-item');
      await item.waitFor({ timeout: WAIT.graph });
      return page;
    },

    async openThread(selectedItemId, openOptions = {}) {
      if (openOptions.fixture) session.useInboxFixture(openOptions.fixture);
      const page = await context.newPage();
      await page.goto(inboxUrl(openOptions.pageId ?? firstPage.id, selectedItemId));
      await page.getByTestId('reopen-banner').waitFor({ timeout: WAIT.ui });
      return page;
    },

    popup: () => openExtensionPage('popup.html', 'summary'),
    dashboard: () => openExtensionPage('dashboard.html', 'summary'),
    options: () => openExtensionPage('options.html', 'options'),

    async stopServiceWorker() {
      const worker = await session.worker();
      await worker.evaluate((mark) => {
        (globalThis as Record<string, unknown>)[mark] = true;
      }, WORKER_MARK);
      const { cdp, waitFor } = await control();
      await cdp.send('ServiceWorker.stopAllWorkers');
      await waitFor('stopped');
    },

    async serviceWorkerRestarted() {
      const { waitFor } = await control();
      await waitFor('running');
      const worker = await session.worker();
      const stale = await worker.evaluate((mark) => (globalThis as Record<string, unknown>)[mark] === true, WORKER_MARK);
      return !stale;
    },

    async close() {
      await session.close().catch(() => {});
      if (ownSim) await sim.close();
    },
  };
  return reopen;
}

/** Polls `probe` until it returns something other than undefined/false, at most `timeoutMs`. */
export async function eventually<T>(
  probe: () => T | Promise<T>,
  { timeoutMs = WAIT.ui, everyMs = 100, what = 'the condition' }: { timeoutMs?: number; everyMs?: number; what?: string } = {},
): Promise<Exclude<T, false | undefined | null>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false && value !== null) return value as Exclude<T, false | undefined | null>;
    if (Date.now() >= deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((done) => setTimeout(done, everyMs));
  }
}

/** The Send API calls that reached the simulator (POST /{page}/messages, answered or not). */
export function sendRequests(sim: Simulator, psid?: string): LoggedRequest[] {
  return sim.requests().filter((request) => {
    if (request.method !== 'POST' || !/\/messages$/.test(request.path)) return false;
    if (psid === undefined) return true;
    const recipient = (request.body as { recipient?: { id?: string } } | null)?.recipient;
    return recipient?.id === psid;
  });
}

// ---------------------------------------------------------------------------------------------------------
// The simulator's log, sorted by who asked. Reopen reads Graph in the background on its own schedule too, whatever a
// test is doing: the row badges' listing (once a minute per Page and platform, on a tab's start, its minute timer, a
// switch or being shown), each tab's minute refresh of its conversation, reconciliation reads after an unknown send.
// How many of those land during a test depends on how long it took, so a count over the whole log holds on an idle
// machine and fails on a busy one. Counts are taken over the calls that belong to the action under test.
// ---------------------------------------------------------------------------------------------------------

/** Conversations API reads (GET /{page}/conversations), both platforms, in the order the simulator got them. */
export function conversationReads(sim: Simulator): LoggedRequest[] {
  return sim.requests().filter((request) => request.method === 'GET' && request.path.endsWith('/conversations'));
}

/** The user_id lookups of these people (PSIDs, IGSIDs, or a selected_item_id probed as one) from log index `since` on. */
export function readsOf(sim: Simulator, ids: readonly string[], since = 0): LoggedRequest[] {
  return sim
    .requests()
    .slice(since)
    .filter((request) => request.method === 'GET' && request.path.endsWith('/conversations') && ids.includes(request.query.user_id ?? ''));
}

/** The Page's listing reads (GET /{page}/conversations without user_id; any page of it, either platform). */
export const isListingRead = (request: LoggedRequest) => request.method === 'GET' && request.path.endsWith('/conversations') && !request.query.user_id;

/** Arrival jitter allowed between two of the badges' listing reads a minute apart (each waits its turn in Reopen's
 *  pacer and in this process's routing before the simulator logs it). */
const BADGE_MINUTE_SLACK_MS = 10_000;

/**
 * The listing reads from log index `since` on that the row badges' minute does not explain: what a name search costs.
 * The badges and a name search share one listing per Page and platform (lib/threads/listing.ts); the badges read its
 * first page again only once the last first-page read of that key is ROWS_REFRESH_MS old. So a first page asked
 * sooner than that after the previous one, or any further page (`after`), is a search's; a first page a minute on
 * may be either, and is left to the badges.
 */
export function listingReadsBeyondBadges(sim: Simulator, since: number): LoggedRequest[] {
  const lastFirstPage = new Map<string, number>();
  const beyond: LoggedRequest[] = [];
  sim.requests().forEach((request, index) => {
    if (!isListingRead(request)) return;
    const key = `${request.path} ${request.query.platform ?? 'messenger'}`;
    const previous = lastFirstPage.get(key);
    const firstPage = request.query.after === undefined;
    const badges = firstPage && (previous === undefined || request.at - previous >= ROWS_REFRESH_MS - BADGE_MINUTE_SLACK_MS);
    if (firstPage) lastFirstPage.set(key, request.at);
    if (index >= since && !badges) beyond.push(request);
  });
  return beyond;
}

/** The banner of the page's inbox UI (inside Reopen's open shadow root). */
export function banner(page: Page): Locator {
  return page.getByTestId('reopen-banner');
}

/** Waits until the banner shows a window state (and cooldown, when given). */
export async function waitForBanner(
  page: Page,
  expected: { window: 'open' | 'human_agent' | 'closed' | 'unknown'; cooldown?: 'none' | 'active' },
  timeoutMs: number = WAIT.graph,
): Promise<Locator> {
  const cooldown = expected.cooldown ? `[data-cooldown="${expected.cooldown}"]` : '';
  const locator = page.locator(`[data-testid="reopen-banner"][data-window="${expected.window}"]${cooldown}`);
  await locator.waitFor({ timeout: timeoutMs });
  return locator;
}

/** Waits for the panel's outcome and returns it with its words. */
export async function waitForResult(page: Page, timeoutMs: number = WAIT.graph) {
  const result = page.getByTestId('reopen-result');
  await result.waitFor({ timeout: timeoutMs });
  return {
    locator: result,
    outcome: await result.getAttribute('data-outcome'),
    code: await result.getAttribute('data-error-code'),
    subcode: await result.getAttribute('data-error-subcode'),
    text: (await result.innerText()).replace(/\s+/g, ' ').trim(),
  };
}

/**
 * Clicks the panel's send button and waits for the outcome of THIS click: a result already on screen counts
 * only once it was replaced (a new element, or the same one with different words).
 */
export async function sendAndWaitForResult(page: Page, timeoutMs: number = WAIT.graph) {
  const result = page.getByTestId('reopen-result');
  const before =
    (await result.count()) > 0
      ? await result.evaluate((element) => {
          (element as unknown as Record<string, boolean>).__e2eSeen = true;
          return element.textContent;
        })
      : null;
  await page.getByTestId('reopen-send').click();
  await eventually(
    async () => {
      if ((await result.count()) === 0) return false;
      return result
        .evaluate((element, old) => !(element as unknown as Record<string, boolean>).__e2eSeen || element.textContent !== old, before)
        .catch(() => false);
    },
    { timeoutMs, what: 'the outcome of the send' },
  );
  return waitForResult(page, timeoutMs);
}

/** Opens the reopen panel (if closed), picks a tag and types the text. */
export async function composeTagged(page: Page, text: string, tag: string = 'HUMAN_AGENT') {
  const panel = page.getByTestId('reopen-panel');
  if ((await panel.count()) === 0) await page.getByTestId('reopen-open').click();
  await panel.waitFor({ timeout: WAIT.ui });
  await page.locator(`[data-testid="reopen-tag"][data-tag="${tag}"]`).click();
  await page.getByTestId('reopen-text').fill(text);
}

/** The popup's figures (summary-<name> data-value) as numbers. */
export async function summaryFigures(popup: Page): Promise<Record<string, number>> {
  await popup.locator('[data-testid="summary"][data-state="ready"]').waitFor({ timeout: WAIT.ui });
  const figures: Record<string, number> = {};
  for (const figure of await popup.locator('[data-testid^="summary-"][data-value]').all()) {
    const name = (await figure.getAttribute('data-testid'))!.slice('summary-'.length);
    figures[name] = Number(await figure.getAttribute('data-value'));
  }
  return figures;
}
