import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import config from '../../wxt.config';

// What the stores check on upload, checked before: the Chrome Web Store refuses a name over 50 or a description
// over 132 characters in any locale; Firefox wants the minimum version that reads every key it is given.

const ROOT = resolve(import.meta.dirname, '../..');
const LOCALES_DIR = resolve(ROOT, 'public/_locales');
type Messages = Record<string, { message: string }>;
const locales = readdirSync(LOCALES_DIR);
const messagesOf = (locale: string): Messages => JSON.parse(readFileSync(resolve(LOCALES_DIR, locale, 'messages.json'), 'utf8')) as Messages;
/** Characters as the stores count them (code points: "—" and "á" are one each). */
const length = (text: string) => [...text].length;

type Manifest = Record<string, unknown> & {
  name: string;
  description: string;
  default_locale: string;
  minimum_chrome_version?: string;
  commands?: Record<string, { description: string; suggested_key?: { default?: string } }>;
  browser_specific_settings?: {
    gecko?: { strict_min_version?: string; data_collection_permissions?: { required?: string[] } };
    gecko_android?: { strict_min_version?: string };
  };
};
const manifestFor = (browser: 'chrome' | 'firefox'): Manifest => {
  const build = config.manifest as (env: { browser: string; manifestVersion: number; mode: string; command: string }) => Manifest;
  return build({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
};
const major = (version: string | undefined) => Number.parseInt(version ?? '0', 10);

describe('store listing lengths, every locale', () => {
  test('there are English and Spanish messages, English the default', () => {
    expect(locales.sort()).toEqual(['en', 'es']);
    expect(manifestFor('chrome').default_locale).toBe('en');
  });

  test.each(locales)('%s: name ≤ 50 and description ≤ 132 characters', (locale) => {
    const messages = messagesOf(locale);
    expect(length(messages.extName!.message)).toBeLessThanOrEqual(50);
    expect(length(messages.extDescription!.message)).toBeLessThanOrEqual(132);
    expect(messages.extDescription!.message.trim()).not.toBe('');
  });

  test.each(['chrome', 'firefox'] as const)('%s: every __MSG_ key of the manifest exists in every locale', (browser) => {
    const keys = [...JSON.stringify(manifestFor(browser)).matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);
    expect(keys).toEqual(expect.arrayContaining(['extName', 'extDescription', 'commandOpenPanel']));
    for (const locale of locales) {
      for (const key of keys) expect(messagesOf(locale)[key]?.message, `${locale}: ${key}`).toBeTruthy();
    }
  });
});

describe('browser versions and declarations', () => {
  test('Chrome 102 at least (storage.local.setAccessLevel protects the token from then on)', () => {
    expect(major(manifestFor('chrome').minimum_chrome_version)).toBeGreaterThanOrEqual(102);
  });

  test('Firefox 140 at least (it reads data_collection_permissions), Android 142', () => {
    const settings = manifestFor('firefox').browser_specific_settings;
    expect(major(settings?.gecko?.strict_min_version)).toBeGreaterThanOrEqual(140);
    expect(major(settings?.gecko_android?.strict_min_version)).toBeGreaterThanOrEqual(142);
  });

  test.each(['chrome', 'firefox'] as const)("%s: the bundle is compiled for the manifest's minimum, not Vite's default (Chrome 111)", async (browser) => {
    const vite = config.vite as (env: {
      browser: string;
      manifestVersion: number;
      mode: string;
      command: string;
    }) => Promise<{ build?: { target?: unknown } }> | { build?: { target?: unknown } };
    const { build } = await vite({ browser, manifestVersion: browser === 'firefox' ? 2 : 3, mode: 'production', command: 'build' });
    const manifest = manifestFor(browser);
    const minimum =
      browser === 'firefox'
        ? `firefox${major(manifest.browser_specific_settings?.gecko?.strict_min_version)}`
        : `chrome${major(manifest.minimum_chrome_version)}`;
    expect(build?.target).toBe(minimum);
    expect(minimum).toMatch(browser === 'firefox' ? /^firefox1\d\d$/ : /^chrome1\d\d$/);
  });

  test('Firefox data declaration says what goes to Meta: messages, people, the token; never "none"', () => {
    const required = manifestFor('firefox').browser_specific_settings?.gecko?.data_collection_permissions?.required ?? [];
    expect(required).not.toContain('none');
    expect(required).toEqual(expect.arrayContaining(['personalCommunications', 'personallyIdentifyingInfo', 'authenticationInfo']));
  });

  test.each(['chrome', 'firefox'] as const)('%s: notifications only as an optional permission (installing asks nothing new)', (browser) => {
    const manifest = manifestFor(browser) as Manifest & { permissions?: string[]; optional_permissions?: string[] };
    expect(manifest.optional_permissions).toEqual(['notifications']);
    expect(manifest.permissions).not.toContain('notifications');
    expect([...(manifest.permissions ?? [])].sort()).toEqual(['alarms', 'scripting', 'storage']);
  });

  test.each(['chrome', 'firefox'] as const)('%s: a keyboard shortcut opens the reopen panel', (browser) => {
    const command = manifestFor(browser).commands?.['open-reopen-panel'];
    const key = command?.suggested_key?.default ?? '';
    expect(key).toBe('Alt+Shift+O');
    // Chrome's rules: Ctrl or Alt, never both (AltGr); Shift optional. Chromium leaves Alt+Shift+R and Alt+Shift+P
    // unassigned (its own accelerators: commands.getAll() shows an empty shortcut), so they are no default.
    expect(key).toMatch(/^(Ctrl|Alt)\+(Shift\+)?[A-Z0-9]$/);
    expect(['Alt+Shift+R', 'Alt+Shift+P']).not.toContain(key);
    expect(command?.description).toBe('__MSG_commandOpenPanel__');
  });
});

describe('store listing texts and privacy policy', () => {
  /** The text under a `## heading`, up to the next one. */
  const section = (markdown: string, heading: string) =>
    markdown
      .split(/^## /m)
      .find((part) => part.startsWith(`${heading}\n`))
      ?.slice(heading.length)
      .trim() ?? '';

  test.each([
    ['en', 'Short description', 'Long description'],
    ['es', 'Descripción breve', 'Descripción larga'],
  ])('%s listing: a short description ≤ 132 characters (the manifest one) and a long one', (locale, short, long) => {
    const listing = readFileSync(resolve(ROOT, `store/listing.${locale}.md`), 'utf8');
    const shortText = section(listing, short);
    expect(length(shortText)).toBeGreaterThan(40);
    expect(length(shortText)).toBeLessThanOrEqual(132);
    expect(shortText).toBe(messagesOf(locale).extDescription!.message);
    expect(length(section(listing, long))).toBeGreaterThan(500);
  });

  test('the privacy policy says where the token is, what goes to Meta, and for how long records are kept', () => {
    const privacy = readFileSync(resolve(ROOT, 'PRIVACY.md'), 'utf8');
    expect(privacy).toContain('IndexedDB');
    expect(privacy).toContain('https://graph.facebook.com');
    expect(privacy).toMatch(/90 days by default/);
    expect(privacy).toMatch(/no analytics/i);
  });
});
