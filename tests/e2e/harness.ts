import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

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
async function forwardToSimulator(route: Route, simulatorUrl: string) {
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
    args: [
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
    ],
  });
  let fixture = options.inboxFixture ?? 'layout-a.html';
  await context.route(`${SUITE_ORIGIN}/**`, async (route) => {
    const html = readFileSync(join(FIXTURE_DIR, fixture), 'utf8');
    await route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html });
  });
  await context.route(`${GRAPH_ORIGIN}/**`, async (route) => {
    if (!options.simulatorUrl) return route.abort('connectionrefused');
    await forwardToSimulator(route, options.simulatorUrl);
  });
  const first = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 20_000 }));
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
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export function extensionPage(session: ExtensionSession, path: 'popup.html' | 'options.html'): string {
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

/** Saves a screenshot as a test artifact under test-results/. */
export async function artifact(page: Page, name: string) {
  await page.screenshot({ path: join(ROOT, 'test-results', `${name}.png`) }).catch(() => {});
}
