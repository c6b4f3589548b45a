import type { Browser, Page } from 'playwright-core';
import { SUITE_ORIGIN, WAIT, eventually, type Reopen } from '../../tests/e2e/harness';
import { STORE_VIEWPORT, waitForInboxTheme, type Scheme } from '../../tests/e2e/screens';
import { SHOWN } from './scenario';

// The four store screenshots of one language and theme, each 1280×800:
//   1. inbox     — the styled inbox listing Messenger and Instagram, Reopen's badge on every row it knows, an Instagram
//                  conversation closing within the hour and its banner;
//   2. panel     — an expired Messenger conversation with the reopen panel open, HUMAN_AGENT chosen and a reply typed;
//   3. dashboard — the dashboard tab on its reactivations (30 days: failures, routes with reply rates, the daily
//                  chart) with the toolbar popup open over it, whole, as it opens under Reopen's toolbar button;
//   4. options   — the options page with the connected Page.

export const FRAMES = ['inbox', 'panel', 'dashboard', 'options'] as const;
export type Frame = (typeof FRAMES)[number];
export type Lang = 'en' | 'es';

const REPLY = {
  en: 'Hi Carlos, your replacement left the warehouse today and arrives on Friday. — Ana',
  es: 'Hola Carlos, tu reemplazo salió hoy del almacén y llega el viernes. — Ana',
} as const;

/** Business Suite's "All messages" on one conversation (thread_type says Messenger or Instagram). */
function allMessagesUrl(reopen: Reopen, conversationId: string): string {
  const conversation = reopen.conversation(conversationId);
  const url = new URL('/latest/inbox/all', SUITE_ORIGIN);
  url.searchParams.set('asset_id', conversation.pageId);
  url.searchParams.set('mailbox_id', conversation.pageId);
  url.searchParams.set('selected_item_id', conversation.selectedItemId);
  url.searchParams.set('thread_type', conversation.platform === 'instagram' ? 'IG_MESSAGE' : 'FB_MESSAGE');
  return url.toString();
}

/** The styled inbox on one conversation, in the theme asked for, once Reopen's banner and row badges are there. */
async function inboxTab(reopen: Reopen, conversationId: string, scheme: Scheme, window: 'open' | 'human_agent'): Promise<Page> {
  const page = await reopen.context.newPage();
  await page.setViewportSize(STORE_VIEWPORT);
  await page.emulateMedia({ colorScheme: scheme });
  await page.goto(allMessagesUrl(reopen, conversationId));
  if (scheme === 'dark') await page.evaluate(() => document.documentElement.classList.add('__fb-dark-mode'));
  await waitForInboxTheme(page, scheme);
  await page.locator(`[data-testid="reopen-banner"][data-window="${window}"]:not([data-doubt="true"])`).waitFor({ timeout: WAIT.graph });
  // Every row Reopen can name has its badge (the two "María García" have none: never a wrong one).
  const rows = await page.locator('[data-fixture-row]').count();
  await eventually(async () => (await page.locator('[data-testid="reopen-row-badge"]').count()) >= rows - 2, {
    timeoutMs: WAIT.graph,
    what: 'the row badges',
  });
  // The pane's heading shows the customer (the fixture shows the mailbox title first, as the live inbox does).
  const name = reopen.conversation(conversationId).customerName;
  await page.locator('[data-fixture-header-name]', { hasText: name }).waitFor({ timeout: WAIT.ui });
  // The list scrolled to the selected conversation, as it is after the agent clicked it.
  await page.locator('[data-fixture-row].store-selected').evaluate((card) => {
    const list = card.closest('.x1odjw0f')!;
    const below = card.getBoundingClientRect().bottom - list.getBoundingClientRect().bottom;
    if (below > 0) list.scrollTop += below + 8;
  });
  return page;
}

async function optionsTab(reopen: Reopen, scheme: Scheme): Promise<Page> {
  const page = await reopen.options();
  await page.setViewportSize(STORE_VIEWPORT);
  await page.emulateMedia({ colorScheme: scheme });
  await page.locator('[data-testid="page-item"]').first().waitFor({ timeout: WAIT.ui });
  return page;
}

/** The toolbar popup as the browser shows it: 380 px wide, as tall as its content up to the browser's 600 px. */
async function popupImage(reopen: Reopen, scheme: Scheme): Promise<{ png: Buffer; width: number; height: number }> {
  const page = await reopen.popup();
  await page.emulateMedia({ colorScheme: scheme });
  // A short viewport first, so the document's height is its content's, not the viewport's.
  await page.setViewportSize({ width: 380, height: 100 });
  await page.locator('[data-testid="summary"][data-state="ready"]').waitFor({ timeout: WAIT.ui });
  const height = Math.min(600, await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)));
  await page.setViewportSize({ width: 380, height });
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  await page.close();
  return { png, width: 380, height };
}

const TOOLBAR = 48;

/** The dashboard tab scrolled to its reactivations, its column moved left to leave the popup's place free. */
async function dashboardImage(reopen: Reopen, scheme: Scheme): Promise<{ png: Buffer; title: string }> {
  const page = await reopen.dashboard();
  await page.setViewportSize({ width: STORE_VIEWPORT.width, height: STORE_VIEWPORT.height - TOOLBAR });
  await page.emulateMedia({ colorScheme: scheme });
  await page.locator('[data-testid="summary"][data-state="ready"]').waitFor({ timeout: WAIT.ui });
  await page.locator('[data-testid="route-row"]').first().waitFor({ timeout: WAIT.ui });
  await page.addStyleTag({ content: 'body { margin: 0 0 0 56px !important; }' });
  await page.getByTestId('summary-failures').evaluate((section) => {
    window.scrollTo(0, section.getBoundingClientRect().top + window.scrollY - 16);
  });
  const png = await page.screenshot({ animations: 'disabled', caret: 'hide' });
  const title = await page.title();
  await page.close();
  return { png, title };
}

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** A browser's toolbar over the dashboard tab, Reopen's button with its count, and the popup open under it. */
function dashboardWithPopupHtml(
  dashboard: { png: Buffer; title: string },
  popup: { png: Buffer; height: number },
  icon: Buffer,
  scheme: Scheme,
  count: number,
): string {
  const dark = scheme === 'dark';
  const bar = dark ? '#35363a' : '#f1f3f4';
  const pill = dark ? '#202124' : '#ffffff';
  const ink = dark ? '#e8eaed' : '#3c4043';
  return `<!doctype html><html><head><style>
    html, body { margin: 0; width: ${STORE_VIEWPORT.width}px; height: ${STORE_VIEWPORT.height}px; overflow: hidden; font-family: 'Liberation Sans', Arial, sans-serif; }
    .bar { position: absolute; inset: 0 0 auto 0; height: ${TOOLBAR}px; background: ${bar}; display: flex; align-items: center; gap: 12px; padding: 0 14px; box-sizing: border-box; border-bottom: 1px solid ${dark ? '#4a4b4f' : '#dadce0'}; }
    .dots { display: flex; gap: 8px; } .dots i { width: 12px; height: 12px; border-radius: 50%; background: ${dark ? '#5f6368' : '#c4c7c5'}; }
    .address { flex: 1; height: 32px; border-radius: 16px; background: ${pill}; color: ${ink}; display: flex; align-items: center; padding: 0 16px; font-size: 14px; }
    .button { position: relative; width: 32px; height: 32px; border-radius: 50%; display: grid; place-items: center; background: ${dark ? '#4a4b4f' : '#dde3ea'}; }
    .button img { width: 18px; height: 18px; }
    .count { position: absolute; right: -3px; bottom: -2px; min-width: 14px; height: 14px; padding: 0 3px; box-sizing: border-box; border-radius: 7px; background: #b3261e; color: #fff; font: 700 10px/14px 'Liberation Sans', Arial, sans-serif; text-align: center; }
    .tab { position: absolute; left: 0; top: ${TOOLBAR}px; }
    .popup { position: absolute; right: 12px; top: ${TOOLBAR + 2}px; width: 380px; height: ${popup.height}px; border-radius: 8px; overflow: hidden;
      box-shadow: 0 2px 6px rgba(0,0,0,0.3), 0 8px 28px rgba(0,0,0,${dark ? '0.6' : '0.25'}); border: 1px solid ${dark ? '#5f6368' : '#c4c7c5'}; }
  </style></head><body>
    <img class="tab" src="${dataUrl(dashboard.png)}" alt="">
    <div class="bar"><div class="dots"><i></i><i></i><i></i></div><div class="address">${dashboard.title.replace(/</g, '&lt;')}</div>
      <div class="button"><img src="${dataUrl(icon)}" alt=""><span class="count">${count}</span></div></div>
    <img class="popup" src="${dataUrl(popup.png)}" alt="">
  </body></html>`;
}

/** The toolbar's count as the extension shows it (its action badge text), for the drawn toolbar button. */
async function toolbarCount(reopen: Reopen): Promise<number> {
  const worker = await reopen.session.worker();
  const text = await worker.evaluate(async () => {
    const { chrome } = globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } };
    return chrome.action.getBadgeText({});
  });
  return Number.parseInt(text, 10) || 0;
}

export interface FrameContext {
  reopen: Reopen;
  lang: Lang;
  scheme: Scheme;
  /** A plain browser (no extension) to compose the dashboard frame in. */
  composer: Browser;
  /** Reopen's toolbar icon (public/icon/32.png). */
  icon: Buffer;
}

/** Brings one frame up and returns its 1280×800 PNG. */
export async function shootFrame(frame: Frame, context: FrameContext): Promise<Buffer> {
  const { reopen, scheme, lang } = context;
  const clip = { x: 0, y: 0, ...STORE_VIEWPORT };
  const shoot = async (page: Page) => {
    const png = await page.screenshot({ clip, animations: 'disabled', caret: 'hide' });
    await page.close();
    return png;
  };
  if (frame === 'inbox') return shoot(await inboxTab(reopen, SHOWN.instagramClosing, scheme, 'open'));
  if (frame === 'panel') {
    const page = await inboxTab(reopen, SHOWN.messengerExpired, scheme, 'human_agent');
    await page.getByTestId('reopen-open').click();
    await page.locator('[data-testid="reopen-panel"] .reopen-badge').waitFor({ timeout: WAIT.ui });
    await page.locator('[data-testid="reopen-tag"][data-tag="HUMAN_AGENT"]').click();
    await page.getByTestId('reopen-text').fill(REPLY[lang]);
    await page.getByTestId('reopen-panel').evaluate((panel) => panel.scrollTo(0, 0));
    // The open panel leaves the message list no height: none of it shows (inbox-skin.ts), as on a laptop's screen.
    await page.evaluate(() => document.documentElement.classList.add('store-panel-open'));
    await page.mouse.move(0, 0);
    return shoot(page);
  }
  if (frame === 'options') return shoot(await optionsTab(reopen, scheme));
  const [popup, dashboard, count] = [await popupImage(reopen, scheme), await dashboardImage(reopen, scheme), await toolbarCount(reopen)];
  const page = await context.composer.newPage({ viewport: STORE_VIEWPORT, deviceScaleFactor: 1 });
  await page.setContent(dashboardWithPopupHtml(dashboard, popup, context.icon, scheme, count));
  await page.waitForFunction(() => [...document.images].every((image) => image.complete));
  return shoot(page);
}
