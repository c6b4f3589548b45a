import type { SerialFrameSelector } from 'axe-core';
import type { Page } from 'playwright-core';
import { WAIT, type Reopen } from './harness';

// The screens axe checks, each brought up as an agent or manager sees it: the banner of a conversation closing soon
// (with its "Closing soon" badge), the reopen panel of an expired conversation (with the "Recommended" badge), the
// popup, the options page and the dashboard, in light or dark. Used by tests/e2e/accessibility.e2e.ts; the store
// screenshots (scripts/store/frames.ts) share the viewport and the theme wait (so, like harness.ts, no Vitest here).

/** The demo's Page and conversations (tests/sandbox/scenarios/demo.json): times relative to the run. */
export const STORE_SCENARIO = 'tests/sandbox/scenarios/demo.json';
/** James Walker wrote 22 h 40 min ago: open, closing within 2 h. */
const CLOSING_SOON = 't_10160000000000002';
/** Carlos Ruiz wrote 2 days ago: human_agent, HUMAN_AGENT recommended. */
const EXPIRED = 't_10160000000000011';

const REPLY = {
  en: 'Hi Carlos, your replacement left the warehouse today and arrives on Friday. — Ana',
  es: 'Hola Carlos, tu reemplazo salió hoy del almacén y llega el viernes. — Ana',
} as const;

export const SCREENS = ['banner', 'panel', 'popup', 'options', 'dashboard'] as const;
export type Screen = (typeof SCREENS)[number];
export type Scheme = 'light' | 'dark';

/** Store screenshots are 1280×800 (the Chrome Web Store's size; addons.mozilla.org accepts it too). */
export const STORE_VIEWPORT = { width: 1280, height: 800 } as const;

export interface ShownScreen {
  page: Page;
  /** Where Reopen's own UI is, for axe: the inbox UI lives in an open shadow root on a page that is not ours. */
  include?: SerialFrameSelector;
}

/** The inbox UI's shadow host (createShadowRootUi's name in entrypoints/inbox.content). */
const INBOX_UI: SerialFrameSelector = { fromShadowDom: ['reopen-inbox', '.reopen-root'] };

/**
 * Business Suite in its dark theme, as far as the fixture can show it: Meta's `__fb-dark-mode` class on <html>
 * (the signal lib/inbox/page-theme.ts reads first) and the fixture's own colours darkened. `*` does not reach into
 * Reopen's shadow root, so Reopen's colours are its own.
 */
export async function darkenInbox(page: Page): Promise<void> {
  await page.evaluate(() => document.documentElement.classList.add('__fb-dark-mode'));
  await page.addStyleTag({
    content:
      'html.__fb-dark-mode, html.__fb-dark-mode * { background-color: #18191a !important; color: #e4e6eb !important; border-color: #3e4042 !important; }',
  });
}

/** Waits until the inbox UI wears the expected theme (the content script marks its host). */
export async function waitForInboxTheme(page: Page, scheme: Scheme): Promise<void> {
  await page.locator(`reopen-inbox[data-reopen-theme="${scheme}"]`).waitFor({ state: 'attached', timeout: WAIT.ui });
}

async function inboxScreen(reopen: Reopen, conversationId: string, scheme: Scheme): Promise<Page> {
  const page = await reopen.openThread(reopen.conversation(conversationId).selectedItemId);
  await page.setViewportSize(STORE_VIEWPORT);
  if (scheme === 'dark') {
    await page.emulateMedia({ colorScheme: 'dark' });
    await darkenInbox(page);
  }
  await waitForInboxTheme(page, scheme);
  return page;
}

/** Brings one screen up in a new tab, ready to check or photograph. */
export async function showScreen(reopen: Reopen, screen: Screen, scheme: Scheme, lang: 'en' | 'es' = 'en'): Promise<ShownScreen> {
  if (screen === 'banner') {
    const page = await inboxScreen(reopen, CLOSING_SOON, scheme);
    await page.locator('[data-testid="reopen-banner"][data-window="open"] .reopen-badge').waitFor({ timeout: WAIT.graph });
    return { page, include: INBOX_UI };
  }
  if (screen === 'panel') {
    const page = await inboxScreen(reopen, EXPIRED, scheme);
    await page.locator('[data-testid="reopen-banner"][data-window="human_agent"]').waitFor({ timeout: WAIT.graph });
    await page.getByTestId('reopen-open').click();
    await page.locator('[data-testid="reopen-panel"] .reopen-badge').waitFor({ timeout: WAIT.ui });
    // A route chosen and a message typed: the panel as an agent sees it just before sending.
    await page.locator('[data-testid="reopen-tag"][data-tag="HUMAN_AGENT"]').click();
    await page.getByTestId('reopen-text').fill(REPLY[lang]);
    // Back to the top of the panel, where the routes and the "Recommended" badge are.
    await page.getByTestId('reopen-panel').evaluate((panel) => panel.scrollTo(0, 0));
    return { page, include: INBOX_UI };
  }
  const page = screen === 'popup' ? await reopen.popup() : screen === 'dashboard' ? await reopen.dashboard() : await reopen.options();
  await page.setViewportSize(STORE_VIEWPORT);
  await page.emulateMedia({ colorScheme: scheme });
  if (screen === 'dashboard' && (await page.getByTestId('overview-result').count()) === 0) {
    // A whole-Page overview run once, so the dashboard shows its counts and the "Scan again" button.
    await page.getByTestId('overview-scan').click();
    await page.getByTestId('overview-result').waitFor({ timeout: WAIT.long });
  }
  return { page };
}
