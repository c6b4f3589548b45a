// `npm run store:assets`: everything the Chrome Web Store and addons.mozilla.org are given, made again from the sources.
//   1. the art (scripts/store-art.ts): the icon at every size from store/icon.svg, the promo tile and marquee, the
//      privacy page — before the build, so the build carries the new icons;
//   2. the build (`wxt build`, run by the npm script between the two);
//   3. the 16 screenshots, 1280×800, into store/screenshots/: four screens (scripts/store/frames.ts) in English and
//      Spanish, light and dark, from the production build against the Meta simulator (the demo's Page with its
//      Instagram account, and 30 days of reactivations in storage: scripts/store/scenario.ts) in the styled inbox
//      (scripts/store/inbox-skin.ts).
// Every wait is bounded; the whole run stops after 5 minutes.

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { EXTENSION_DIR, ROOT, startReopen } from '../tests/e2e/harness';
import { STORE_VIEWPORT, type Scheme } from '../tests/e2e/screens';
import { ensureChromium } from './chromium';
import { FRAMES, shootFrame, type Lang } from './store/frames';
import { STORE_FIXTURE, storeInbox } from './store/inbox-skin';
import { seedHistory, storeScenario } from './store/scenario';
import { runBounded } from './store/run-bounded';

const OUTPUT_DIR = resolve(ROOT, 'store/screenshots');
const LANGS: Lang[] = ['en', 'es'];
const SCHEMES: Scheme[] = ['light', 'dark'];

async function main() {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error(`No build in ${EXTENSION_DIR}: run \`npm run build\` first.`);
  if (!ensureChromium(ROOT)) throw new Error('Chromium is needed and could not be found or installed (see the message above).');
  rmSync(OUTPUT_DIR, { recursive: true, force: true });
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const icon = readFileSync(resolve(ROOT, 'public/icon/32.png'));
  const composer = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    for (const lang of LANGS) {
      const reopen = await startReopen({ scenario: storeScenario(ROOT, lang), lang, fixture: STORE_FIXTURE, serveInbox: storeInbox(lang) });
      try {
        const options = await reopen.connectPage();
        const seeded = await seedHistory(options, reopen.page.id);
        await options.close();
        console.log(`${lang}: ${seeded} past reactivations written into storage (30 days)`);
        for (const scheme of SCHEMES) {
          for (const [index, frame] of FRAMES.entries()) {
            const png = await shootFrame(frame, { reopen, lang, scheme, composer, icon });
            const file = join(OUTPUT_DIR, `${lang}-${scheme}-${index + 1}-${frame}.png`);
            writeFileSync(file, png);
            console.log(`${relative(ROOT, file)}  ${Math.round(png.length / 1024)} KB`);
          }
        }
      } finally {
        await reopen.close();
      }
    }
  } finally {
    await composer.close();
  }
  const count = readdirSync(OUTPUT_DIR).length;
  console.log(`${count} screenshots (${STORE_VIEWPORT.width}×${STORE_VIEWPORT.height}) in ${relative(ROOT, OUTPUT_DIR)}/`);
}

runBounded('store:assets', 5, main);
