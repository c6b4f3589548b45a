// `npm run store:assets`: the store screenshots, made from the production build against the demo's Meta simulator
// (tests/sandbox/scenarios/demo.json), exactly as the accessibility journey brings each screen up
// (tests/e2e/screens.ts). 1280×800 PNGs in store/screenshots/: the banner, the reopen panel, the popup and the
// options page, in English and Spanish, light and dark. Every wait is bounded; the whole run stops after 5 minutes.

import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXTENSION_DIR, ROOT, startReopen } from '../tests/e2e/harness';
import { framePopup, SCREENS, showScreen, STORE_SCENARIO, STORE_VIEWPORT, type Scheme } from '../tests/e2e/screens';
import { ensureChromium } from './chromium';

const OUTPUT_DIR = resolve(ROOT, 'store/screenshots');
const DEADLINE_MS = 5 * 60_000;
const LANGS = ['en', 'es'] as const;
const SCHEMES: Scheme[] = ['light', 'dark'];

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No build in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  if (!ensureChromium(ROOT)) throw new Error('Chromium is needed and could not be found or installed (see the message above).');
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });

  for (const lang of LANGS) {
    const reopen = await startReopen({ scenario: STORE_SCENARIO, lang });
    try {
      await reopen.connectPage();
      for (const scheme of SCHEMES) {
        for (const [index, screen] of SCREENS.entries()) {
          const { page } = await showScreen(reopen, screen, scheme, lang);
          if (screen === 'popup') await framePopup(page, scheme);
          const file = join(OUTPUT_DIR, `${lang}-${scheme}-${index + 1}-${screen}.png`);
          await page.screenshot({ path: file, clip: { x: 0, y: 0, ...STORE_VIEWPORT }, animations: 'disabled', caret: 'hide' });
          console.log(`${relative(ROOT, file)}  ${Math.round(statSync(file).size / 1024)} KB`);
          await page.close();
        }
      }
    } finally {
      await reopen.close();
    }
  }
  const count = readdirSync(OUTPUT_DIR).length;
  console.log(`${count} screenshots (${STORE_VIEWPORT.width}×${STORE_VIEWPORT.height}) in ${relative(ROOT, OUTPUT_DIR)}/`);
}

const deadline = setTimeout(() => {
  console.error(`store:assets: not done within ${DEADLINE_MS / 60_000} minutes; stopped.`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`store:assets failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
