import { afterAll, beforeAll, expect, test } from 'vitest';
import { launchWithExtension, type ExtensionSession } from './harness';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchWithExtension();
});
afterAll(async () => {
  await session?.close();
});

test('the built extension loads in Chromium and its popup renders the summary', async () => {
  expect(session.extensionId).toMatch(/^[a-p]{32}$/);
  const page = await session.context.newPage();
  await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
  await expect(page.getByTestId('summary').isVisible()).resolves.toBe(true);
});
