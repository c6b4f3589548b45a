import type { Browser } from 'playwright-core';

// Reopen's icon and promotional images, drawn by Chromium from store/icon.svg and the HTML below: Skia's
// anti-aliasing at each exact size (never a scaled-down bitmap), transparent where the art is not.

/** The sizes the manifest lists (public/icon/<size>.png): the toolbar (16, 32), the extensions page (48), Firefox's
 *  add-ons manager (96), the install dialog and the Chrome Web Store (128, with the store's padding). */
export const ICON_SIZES = [16, 32, 48, 96, 128] as const;

/** The Chrome Web Store's 128×128 icon: 96×96 art centred, 16 px of transparent padding around it. Firefox and the
 *  extensions pages show the same file. */
export const PADDED = { size: 128, art: 96 } as const;

export const PROMO = {
  tile: { width: 440, height: 280 },
  marquee: { width: 1400, height: 560 },
} as const;

const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;

/** Renders a page of `width`×`height` CSS pixels (1 device pixel each) to PNG: RGBA and transparent where nothing is
 *  drawn (icons), or RGB without an alpha channel (the stores want promo images as 24-bit PNG without alpha). */
async function render(browser: Browser, html: string, width: number, height: number, transparent: boolean): Promise<Buffer> {
  const page = await browser.newPage({ viewport: { width, height }, deviceScaleFactor: 1 });
  try {
    await page.setContent(html);
    await page.waitForFunction(() => [...document.images].every((image) => image.complete && image.naturalWidth > 0));
    await page.evaluate(() => document.fonts.ready);
    return await page.screenshot({ omitBackground: transparent, animations: 'disabled' });
  } finally {
    await page.close();
  }
}

/** One icon PNG: the SVG drawn at `art` px (its own small-size rules apply below 40 px) centred in `size` px. */
export function renderIcon(browser: Browser, svg: string, size: number, art = size): Promise<Buffer> {
  const offset = (size - art) / 2;
  const html = `<!doctype html><html><body style="margin:0;background:transparent">
    <img src="${svgDataUrl(svg)}" width="${art}" height="${art}" style="position:absolute;left:${offset}px;top:${offset}px"></body></html>`;
  return render(browser, html, size, size, true);
}

export type PromoLang = 'en' | 'es';

const PROMO_WORDS = {
  en: {
    tile: 'Know how long every Messenger chat can still be answered.',
    marquee:
      'See how long each Messenger and Instagram conversation can still be answered in Meta Business Suite — and reopen expired ones the way Meta allows.',
    footer: 'For Meta Business Suite’s inbox · English and Spanish · no tracking',
    rows: [
      ['Lucía Fernández', 'Perfect, thanks!', 'open', '23 hr left'],
      ['lena.makes', 'I need it for Saturday.', 'urgent', '53 min left'],
      ['Carlos Ruiz', 'Call me back about the repair?', 'ready', 'expired · reopen ready'],
      ['Nora Lindqvist', 'Thanks, all good!', 'closed', 'closed'],
    ],
    banner: 'Window open — closes in 53 min',
    soon: 'Closing soon',
    chips: ['23 hr left', 'expired · reopen ready'],
  },
  es: {
    tile: 'Sabe cuánto queda para responder cada chat de Messenger.',
    marquee: 'Mira cuánto queda para responder cada conversación de Messenger e Instagram en Meta Business Suite, y reabre las expiradas como Meta lo permite.',
    footer: 'Para la bandeja de Meta Business Suite · español e inglés · sin rastreo',
    rows: [
      ['Lucía Fernández', '¡Perfecto, gracias!', 'open', 'quedan 23 h'],
      ['lena.makes', 'La necesito para el sábado.', 'urgent', 'quedan 53 min'],
      ['Carlos Ruiz', '¿Me llamáis por la reparación?', 'ready', 'expirada · lista para reabrir'],
      ['Nora Lindqvist', '¡Gracias, todo bien!', 'closed', 'cerrada'],
    ],
    banner: 'Ventana abierta: se cierra en 53 min',
    soon: 'Se cierra pronto',
    chips: ['quedan 23 h', 'expirada · lista para reabrir'],
  },
} as const;

/** Reopen's palette (store/icon.svg): teal ground, amber accent; the badge colours are the row badges' own. */
const BASE_CSS = `
  html, body { margin: 0; overflow: hidden; }
  body { font-family: 'Liberation Sans', Arial, Helvetica, sans-serif; color: #fff; position: relative;
    background: radial-gradient(120% 140% at 0% 0%, #17a596 0%, #0d6e66 48%, #08403c 100%); }
  .ring { position: absolute; border-radius: 50%; border: solid rgba(251, 191, 36, 0.22); }
  .name { font-weight: 700; letter-spacing: -0.5px; }
  .chip { display: inline-block; font: 700 13px/20px 'DejaVu Sans', sans-serif; padding: 0 9px; border-radius: 11px; border: 1px solid; background: #fff; white-space: nowrap; }
  .chip.open { color: #1f7a35; } .chip.ready { color: #0b5cd5; } .chip.closed { color: #65676b; }
  .chip.urgent { color: #fff; background: #b3261e; border-color: #b3261e; }
`;

export function tileHtml(svg: string, lang: PromoLang): string {
  const words = PROMO_WORDS[lang];
  const { width, height } = PROMO.tile;
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${BASE_CSS}
    body { width: ${width}px; height: ${height}px; }
    .ring.a { width: 300px; height: 300px; right: -120px; top: -140px; border-width: 26px; }
    .ring.b { width: 160px; height: 160px; right: 40px; bottom: -110px; border-width: 16px; border-color: rgba(255,255,255,0.08); }
    .head { position: absolute; left: 32px; top: 34px; display: flex; align-items: center; gap: 18px; }
    .head img { width: 84px; height: 84px; filter: drop-shadow(0 4px 10px rgba(0,0,0,0.25)); }
    .name { font-size: 52px; }
    .line { position: absolute; left: 34px; right: 34px; top: 142px; font-size: 21px; line-height: 28px; font-weight: 700; color: #fdf3d7; }
    .chips { position: absolute; left: 34px; bottom: 28px; display: flex; gap: 8px; }
  </style></head><body>
    <div class="ring a"></div><div class="ring b"></div>
    <div class="head"><img src="${svgDataUrl(svg)}" alt=""><div class="name">Reopen</div></div>
    <div class="line">${words.tile}</div>
    <div class="chips"><span class="chip open">${words.chips[0]}</span><span class="chip ready">${words.chips[1]}</span></div>
  </body></html>`;
}

export function marqueeHtml(svg: string, lang: PromoLang): string {
  const words = PROMO_WORDS[lang];
  const { width, height } = PROMO.marquee;
  const initials = (name: string) =>
    name
      .replace(/[._]/g, ' ')
      .split(' ')
      .slice(0, 2)
      .map((part) => part[0]!.toUpperCase())
      .join('');
  const hues = [8, 220, 290, 160];
  const rows = words.rows
    .map(
      ([name, preview, kind, badge], index) => `<div class="row${index === 1 ? ' selected' : ''}">
        <i style="background:hsl(${hues[index]},45%,52%)">${initials(name)}</i>
        <div><b>${name}</b><span>${preview}</span></div><span class="chip ${kind}">${badge}</span></div>`,
    )
    .join('');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><style>${BASE_CSS}
    body { width: ${width}px; height: ${height}px; }
    .ring.a { width: 720px; height: 720px; right: -250px; top: -300px; border-width: 60px; }
    .ring.b { width: 360px; height: 360px; left: 420px; bottom: -260px; border-width: 34px; border-color: rgba(255,255,255,0.07); }
    .copy { position: absolute; left: 80px; top: 86px; width: 600px; }
    .head { display: flex; align-items: center; gap: 28px; }
    .head img { width: 128px; height: 128px; filter: drop-shadow(0 6px 16px rgba(0,0,0,0.3)); }
    .name { font-size: 92px; }
    .line { margin-top: 34px; font-size: 30px; line-height: 40px; font-weight: 700; color: #fdf3d7; }
    .footer { margin-top: 26px; font-size: 18px; color: rgba(255,255,255,0.82); }
    .card { position: absolute; right: 80px; top: 70px; width: 540px; background: #fff; color: #1c1e21; border-radius: 16px;
      box-shadow: 0 20px 60px rgba(0,0,0,0.35); padding: 14px 14px 18px; }
    .row { position: relative; display: flex; align-items: center; gap: 14px; padding: 24px 14px 12px; border-radius: 10px; }
    .row.selected { background: #ebf3ff; }
    .row i { flex: none; width: 48px; height: 48px; border-radius: 50%; display: grid; place-items: center; color: #fff; font: 700 17px sans-serif; font-style: normal; }
    .row div { display: flex; flex-direction: column; gap: 3px; min-width: 0; }
    .row b { font-size: 18px; } .row div span { font-size: 15px; color: #65676b; white-space: nowrap; }
    .row .chip { position: absolute; top: 4px; right: 10px; }
    .banner { margin: 14px 6px 0; border: 1px solid #f0c99b; border-left: 5px solid #e07b00; background: #fff4e5; border-radius: 8px; padding: 12px 14px;
      font-size: 16px; font-weight: 700; display: flex; align-items: center; gap: 12px; }
    .banner .soon { font: 700 12px/20px 'DejaVu Sans', sans-serif; padding: 0 8px; border-radius: 10px; background: #b3400e; color: #fff; }
  </style></head><body>
    <div class="ring a"></div><div class="ring b"></div>
    <div class="copy"><div class="head"><img src="${svgDataUrl(svg)}" alt=""><div class="name">Reopen</div></div>
      <div class="line">${words.marquee}</div><div class="footer">${words.footer}</div></div>
    <div class="card">${rows}<div class="banner">${words.banner}<span class="soon">${words.soon}</span></div></div>
  </body></html>`;
}

export function renderPromo(browser: Browser, html: string, size: { width: number; height: number }): Promise<Buffer> {
  return render(browser, html, size.width, size.height, false);
}
