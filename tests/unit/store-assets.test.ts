import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import config from '../../wxt.config';
import { privacyPageFromRepo } from '../../scripts/store/privacy-page';

// What the stores are given, checked without a browser: every file `npm run store:assets` makes is there, at the size
// and in the pixel format each store asks for (read from the PNG itself), every permission the manifest declares has
// its justification, and the privacy page is what the repository's policy makes.

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(resolve(ROOT, path));

interface Png {
  width: number;
  height: number;
  /** 2: RGB, 6: RGBA (8 bits a channel is asked for below). */
  colorType: number;
  bitDepth: number;
  /** Alpha of the pixel at (x, y); RGBA images only. */
  alpha(x: number, y: number): number;
}

/** Reads a PNG's header (IHDR) and, for an 8-bit non-interlaced RGBA image, its alpha channel. */
function readPng(bytes: Buffer): Png {
  expect(bytes.subarray(0, 8).toString('hex'), 'PNG signature').toBe('89504e470d0a1a0a');
  expect(bytes.subarray(12, 16).toString('latin1'), 'first chunk').toBe('IHDR');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const bitDepth = bytes[24]!;
  const colorType = bytes[25]!;
  let pixels: Buffer | null = null;
  const decode = () => {
    if (pixels) return pixels;
    expect(colorType === 6 && bitDepth === 8 && bytes[28] === 0, '8-bit RGBA, not interlaced').toBe(true);
    const chunks: Buffer[] = [];
    for (let at = 8; at < bytes.length;) {
      const length = bytes.readUInt32BE(at);
      if (bytes.subarray(at + 4, at + 8).toString('latin1') === 'IDAT') chunks.push(bytes.subarray(at + 8, at + 8 + length));
      at += 12 + length;
    }
    const raw = inflateSync(Buffer.concat(chunks));
    const stride = width * 4;
    const out = Buffer.alloc(stride * height);
    for (let y = 0; y < height; y++) {
      const filter = raw[y * (stride + 1)]!;
      for (let x = 0; x < stride; x++) {
        const value = raw[y * (stride + 1) + 1 + x]!;
        const left = x >= 4 ? out[y * stride + x - 4]! : 0;
        const up = y > 0 ? out[(y - 1) * stride + x]! : 0;
        const upLeft = x >= 4 && y > 0 ? out[(y - 1) * stride + x - 4]! : 0;
        const paeth = () => {
          const p = left + up - upLeft;
          const [a, b, c] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - upLeft)];
          return a <= b && a <= c ? left : b <= c ? up : upLeft;
        };
        const predictor = [0, left, up, (left + up) >> 1, paeth()][filter]!;
        out[y * stride + x] = (value + predictor) & 0xff;
      }
    }
    return (pixels = out);
  };
  return { width, height, colorType, bitDepth, alpha: (x, y) => decode()[(y * width + x) * 4 + 3]! };
}

type Manifest = { icons?: Record<string, string>; permissions?: string[]; optional_permissions?: string[]; host_permissions?: string[] };
const manifestFor = (browser: 'chrome' | 'firefox'): Manifest => {
  const build = config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Manifest;
  return build({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
};

describe('icon', () => {
  const icons = manifestFor('chrome').icons ?? {};

  test('the manifest lists 16, 32, 48, 96 and 128, the same for Firefox', () => {
    expect(Object.keys(icons).map(Number)).toEqual([16, 32, 48, 96, 128]);
    expect(manifestFor('firefox').icons).toEqual(icons);
  });

  test.each(Object.entries(icons))('%s px: a square RGBA PNG of that size, transparent outside the art, anti-aliased', (size, path) => {
    const png = readPng(read(`public/${path}`));
    expect([png.width, png.height]).toEqual([Number(size), Number(size)]);
    expect([png.colorType, png.bitDepth]).toEqual([6, 8]);
    const middle = Math.floor(png.width / 2);
    expect(png.alpha(0, 0), 'a rounded tile: its corner is (almost) transparent').toBeLessThan(16);
    expect(png.alpha(middle, middle)).toBe(255);
    // Anti-aliased: the tile's rounded edge has partly transparent pixels (a 1-bit mask has none).
    const edge = Array.from({ length: png.width }, (_, x) => png.alpha(x, Number(size) === 128 ? 16 : 0));
    expect(edge.some((alpha) => alpha > 0 && alpha < 255)).toBe(true);
  });

  test("128 px is the Chrome Web Store's icon: 96 px of art centred, 16 px of transparent padding", () => {
    const png = readPng(read('public/icon/128.png'));
    for (let i = 0; i < 128; i++) {
      for (const [x, y] of [
        [i, 0],
        [i, 15],
        [i, 112],
        [i, 127],
        [0, i],
        [15, i],
        [112, i],
        [127, i],
      ] as const) {
        expect(png.alpha(x, y), `(${x}, ${y})`).toBe(0);
      }
    }
    expect(png.alpha(64, 17)).toBe(255);
    expect(png.alpha(17, 64)).toBe(255);
    expect(read('store/icon-128.png').equals(read('public/icon/128.png')), 'store/icon-128.png is the manifest 128').toBe(true);
  });

  test("drawn from the vector source, in Reopen's own colours (no Facebook blue)", () => {
    const svg = read('store/icon.svg').toString('utf8').toLowerCase();
    expect(svg).toContain('<svg');
    expect(svg).not.toMatch(/#1877f2|#0866ff|#1b74e4/);
  });
});

describe('promo images and screenshots', () => {
  // Both stores take 24-bit PNG without alpha (or JPEG) for these.
  test.each([
    ['store/promo/small-tile-440x280.en.png', 440, 280],
    ['store/promo/small-tile-440x280.es.png', 440, 280],
    ['store/promo/marquee-1400x560.en.png', 1400, 560],
    ['store/promo/marquee-1400x560.es.png', 1400, 560],
  ])('%s: %i×%i, RGB without alpha', (path, width, height) => {
    const png = readPng(read(path));
    expect([png.width, png.height, png.colorType, png.bitDepth]).toEqual([width, height, 2, 8]);
  });

  test('16 screenshots: four screens in English and Spanish, light and dark, 1280×800 RGB, under 400 KB each', () => {
    const files = readdirSync(resolve(ROOT, 'store/screenshots')).sort();
    const expected = ['en', 'es'].flatMap((lang) =>
      ['light', 'dark'].flatMap((scheme) => ['1-inbox', '2-panel', '3-dashboard', '4-options'].map((screen) => `${lang}-${scheme}-${screen}.png`)),
    );
    expect(files).toEqual(expected.sort());
    for (const file of files) {
      const bytes = read(`store/screenshots/${file}`);
      const png = readPng(bytes);
      expect([png.width, png.height, png.colorType], file).toEqual([1280, 800, 2]);
      expect(bytes.length, file).toBeLessThan(400 * 1024);
    }
  });
});

describe('store texts', () => {
  const declared = (['chrome', 'firefox'] as const).flatMap((browser) => {
    const manifest = manifestFor(browser);
    return [...(manifest.permissions ?? []), ...(manifest.optional_permissions ?? []), ...(manifest.host_permissions ?? [])];
  });

  test.each(['store/permissions.md', 'store/permissions.es.md'])('%s: a justification under its own heading for every permission and host', (path) => {
    const text = read(path).toString('utf8');
    const headings = [...text.matchAll(/^### `([^`]+)`/gm)].map((match) => match[1]);
    expect([...new Set(declared)].filter((permission) => !headings.includes(permission))).toEqual([]);
    expect(headings.filter((heading) => !declared.includes(heading!))).toEqual([]);
    for (const section of ['Single purpose|Finalidad única', 'Remote code|Código remoto', 'Data use|Uso de datos']) {
      expect(text).toMatch(new RegExp(`^## (${section})$`, 'm'));
    }
  });

  test('the AMO reviewer notes name the Node version package.json asks for, the commands and the output file', () => {
    const node = (JSON.parse(read('package.json').toString('utf8')) as { engines: { node: string } }).engines.node;
    const minimum = /\d+\.\d+/.exec(node)![0];
    const notes = read('store/amo-reviewer.md').toString('utf8');
    expect(notes).toContain(`Node.js ${minimum} or later`);
    expect(notes).toContain('npm ci');
    expect(notes).toContain('npm run zip:firefox');
    expect(notes).toMatch(/\.output\/reopen-[\d.]+-firefox\.zip` is the submitted package/);
  });

  test('the privacy page is what PRIVACY.md and PRIVACY.es.md make (`npm run store:privacy`), self-contained', () => {
    const page = read('store/privacy.html').toString('utf8');
    expect(page, 'store/privacy.html is stale: run `npm run store:privacy`').toBe(privacyPageFromRepo(ROOT));
    expect(page).toContain('<section id="en" lang="en">');
    expect(page).toContain('<section id="es" lang="es">');
    expect(page).not.toMatch(/<(script|link|img|iframe)\b/i);
  });

  test('the Spanish policy has the English one’s sections and table rows', () => {
    const shape = (path: string) => {
      const text = read(path).toString('utf8');
      return { sections: text.match(/^## /gm)?.length, rows: text.match(/^\| /gm)?.length, items: text.match(/^- /gm)?.length };
    };
    expect(shape('PRIVACY.es.md')).toEqual(shape('PRIVACY.md'));
  });

  test('the README links nothing outside the repository (the sources ZIP must stand alone)', () => {
    const readme = read('README.md').toString('utf8');
    expect(readme).not.toMatch(/\]\(\.\.\//);
    expect(readme).not.toContain('shared/');
    for (const [, target] of readme.matchAll(/\]\((?!https?:|#)([^)\s#]+)/g)) expect(existsSync(resolve(ROOT, target!)), target).toBe(true);
  });
});
