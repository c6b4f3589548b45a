import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import {
  WAIT,
  extensionArgs,
  inboxUrl,
  isListingRead,
  wireSession,
  startReopen,
  type ExtensionSession,
  type LaunchOptions,
  type Reopen,
  type StartReopenOptions,
} from './harness';

// Chromium with the production build where a page in a background tab is hidden (document.visibilityState
// "hidden"), as in an agent's browser. Under launchWithExtension every page reports "visible" whatever tab is in
// front: Playwright turns on Emulation.setFocusEmulationEnabled for each page it drives, and Chromium keeps an
// emulated-focus page visible. Tried there without effect: a second tab and bringToFront, window.open,
// Target.createTarget (newWindow false, background, hidden) and Target.activateTarget, a minimized window
// (Browser.setWindowBounds), Page.setWebLifecycleState, turning focus emulation off from a second CDP session, and a
// headed browser on ozone's headless platform. Here Chromium is started by us (same flags, --headless, DevTools on
// 127.0.0.1) and Playwright attaches with connectOverCDP({ noDefaults: true }), which leaves focus emulation off for
// the browser's own context: Page.bringToFront on another tab hides the inbox.

const LAUNCH_TIMEOUT_MS = 20_000;

async function devtoolsPort(profile: string, child: ChildProcess): Promise<string> {
  const file = join(profile, 'DevToolsActivePort');
  for (let waited = 0; waited < LAUNCH_TIMEOUT_MS; waited += 100) {
    if (child.exitCode !== null) throw new Error(`Chromium exited (${child.exitCode}) before opening DevTools`);
    if (existsSync(file)) {
      const port = readFileSync(file, 'utf8').split('\n')[0]?.trim();
      if (port) return port;
    }
    await new Promise((done) => setTimeout(done, 100));
  }
  throw new Error(`Chromium opened no DevTools port within ${LAUNCH_TIMEOUT_MS} ms`);
}

/** launchWithExtension's browser (same flags, routes and fixture serving), with background tabs hidden. */
export async function launchWithTabVisibility(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const profile = mkdtempSync(join(tmpdir(), 'reopen-e2e-tabs-'));
  const child = spawn(
    executablePath,
    [
      '--headless',
      `--user-data-dir=${profile}`,
      '--remote-debugging-address=127.0.0.1',
      '--remote-debugging-port=0',
      '--window-size=1280,860',
      '--no-default-browser-check',
      ...extensionArgs(options),
      'about:blank',
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const kill = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    rmSync(profile, { recursive: true, force: true });
  };
  try {
    const port = await devtoolsPort(profile, child);
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`, { noDefaults: true, timeout: LAUNCH_TIMEOUT_MS });
    const context = browser.contexts()[0]!;
    return await wireSession(context, options, async () => {
      await browser.close().catch(() => {});
      await kill();
    });
  } catch (error) {
    await kill();
    throw error;
  }
}

export const visibility = (page: Page) => page.evaluate(() => document.visibilityState);

/** The Graph listing calls (GET …/conversations without user_id) the simulator has answered so far. */
export const listingCalls = (reopen: Reopen) => reopen.sim.requests().filter(isListingRead).length;

/** Another tab in front of `page` (the same window): `page` is hidden once this resolves. */
export async function hideBehindAnotherTab(reopen: Reopen, page: Page): Promise<Page> {
  const other = await reopen.context.newPage();
  await other.bringToFront();
  for (let waited = 0; (await visibility(page)) !== 'hidden'; waited += 50) {
    if (waited > WAIT.ui) throw new Error(`the page is still "${await visibility(page)}" with another tab in front`);
    await other.waitForTimeout(50);
  }
  return other;
}

/** For the row-badges bench: the inbox shown until its row badges are on the list, then hidden behind another tab
 *  for `watchMs`; the listing calls made meanwhile. A browser of its own (started and closed here). */
export async function hiddenInboxListingCalls(
  start: StartReopenOptions,
  watch: { token: string; pageId: string; selectedItemId: string; watchMs: number },
): Promise<{ hiddenCalls: number }> {
  const reopen = await startReopen({ ...start, launch: launchWithTabVisibility });
  try {
    await (await reopen.connectPage(watch.token)).close();
    const inbox = await reopen.context.newPage();
    await inbox.bringToFront();
    await inbox.goto(inboxUrl(watch.pageId, watch.selectedItemId));
    await inbox.locator('[data-testid="reopen-row-badge"]').first().waitFor({ state: 'attached', timeout: WAIT.graph });
    await hideBehindAnotherTab(reopen, inbox);
    const before = listingCalls(reopen);
    await inbox.waitForTimeout(watch.watchMs);
    if ((await visibility(inbox)) !== 'hidden') throw new Error('the inbox became visible during the hidden watch');
    return { hiddenCalls: listingCalls(reopen) - before };
  } finally {
    await reopen.close();
  }
}
