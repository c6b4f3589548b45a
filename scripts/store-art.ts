// `npm run store:art`: Reopen's icon at every size from its vector source (store/icon.svg) into public/icon/ (what the
// manifest lists) and store/icon-128.png (the Chrome Web Store's upload: 96 px art, 16 px transparent padding), the
// promo images into store/promo/ (440×280 small tile, 1400×560 marquee, English and Spanish), and the privacy page
// (store/privacy.html). Drawn by Chromium (scripts/chromium.ts finds or installs it); `npm run store:assets` runs this
// first, then builds and takes the screenshots. `--privacy` writes the privacy page only (no browser needed).

import { chromium } from 'playwright-core';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { ensureChromium } from './chromium';
import { ICON_SIZES, PADDED, PROMO, marqueeHtml, renderIcon, renderPromo, tileHtml, type PromoLang } from './store/art';
import { PRIVACY_PAGE, privacyPageFromRepo } from './store/privacy-page';
import { runBounded } from './store/run-bounded';

const ROOT = resolve(import.meta.dirname, '..');
const ICON_SOURCE = resolve(ROOT, 'store/icon.svg');
const LANGS: PromoLang[] = ['en', 'es'];

function write(file: string, content: Buffer | string) {
  writeFileSync(file, content);
  console.log(`${relative(ROOT, file)}  ${(Buffer.byteLength(content) / 1024).toFixed(1)} KB`);
}

async function main() {
  write(resolve(ROOT, PRIVACY_PAGE), privacyPageFromRepo(ROOT));
  if (process.argv.includes('--privacy')) return;
  if (!ensureChromium(ROOT)) throw new Error('Chromium is needed and could not be found or installed (see the message above).');
  const svg = readFileSync(ICON_SOURCE, 'utf8');
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH, args: ['--no-sandbox', '--disable-gpu'] });
  try {
    mkdirSync(resolve(ROOT, 'public/icon'), { recursive: true });
    for (const size of ICON_SIZES) {
      const art = size === PADDED.size ? PADDED.art : size;
      write(resolve(ROOT, `public/icon/${size}.png`), await renderIcon(browser, svg, size, art));
    }
    copyFileSync(resolve(ROOT, `public/icon/${PADDED.size}.png`), resolve(ROOT, 'store/icon-128.png'));
    console.log(`store/icon-128.png  (= public/icon/${PADDED.size}.png)`);
    mkdirSync(resolve(ROOT, 'store/promo'), { recursive: true });
    for (const lang of LANGS) {
      write(resolve(ROOT, `store/promo/small-tile-440x280.${lang}.png`), await renderPromo(browser, tileHtml(svg, lang), PROMO.tile));
      write(resolve(ROOT, `store/promo/marquee-1400x560.${lang}.png`), await renderPromo(browser, marqueeHtml(svg, lang), PROMO.marquee));
    }
  } finally {
    await browser.close();
  }
}

runBounded('store:art', 2, main);
