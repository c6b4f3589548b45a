import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { OPEN_PANEL_COMMAND } from './lib/messaging/commands';
import { preactClassicJsx } from './scripts/preact-classic-jsx';

// Zod's eval probe (`new Function("")` in zod/v4/core/util.js) stays in the bundle even though the background
// makes Zod jitless before any schema (lib/zod-jitless.ts), so it never runs; store review (web-ext lint's
// DANGEROUS_EVAL) flags the code itself. The probe becomes "eval not allowed", which is the truth in an extension.
// A Zod whose probe reads differently fails the build here, instead of slipping the eval back in.
const ZOD_EVAL_PROBE = /const F = Function;\s*new F\(""\);\s*return true;/;
function zodWithoutEvalProbe(): Plugin {
  return {
    name: 'reopen:zod-without-eval-probe',
    transform(code, id) {
      if (!/[\\/]zod[\\/]v4[\\/]core[\\/]util\.js$/.test(id)) return null;
      if (!ZOD_EVAL_PROBE.test(code)) throw new Error(`${id}: Zod's eval probe changed; update wxt.config.ts`);
      return { code: code.replace(ZOD_EVAL_PROBE, 'return false;'), map: null };
    },
  };
}

/** The oldest browsers the manifest lets install Reopen, and what the bundle is compiled for (Vite's `build.target`):
 *  one number each, so the code never uses syntax or CSS a browser the manifest accepts cannot run. */
export const MIN_CHROME = '102';
export const MIN_FIREFOX = '140.0';
export const MIN_FIREFOX_ANDROID = '142.0';
/** Vite/esbuild-style targets (`chrome102`, `firefox140`) for a build of one browser. */
export const buildTarget = (browser: string): string => (browser === 'firefox' ? `firefox${Number.parseInt(MIN_FIREFOX, 10)}` : `chrome${MIN_CHROME}`);

// The manifest is a function so Chrome and Firefox get what each needs from one source.
export default defineConfig({
  vite: ({ browser }) => ({
    plugins: [preact(), preactClassicJsx(), zodWithoutEvalProbe()],
    // Terser with three passes: ~0.6 KB gzip less content script than the default minifier (scripts/bench/
    // bundle.bench.ts; the script runs in every inbox tab under a 20 KB budget). wrap_iife keeps `(function(){…})()`
    // so WXT can unname the IIFE of an unlisted script and executeScript gets its result (the layout report).
    // The target is the declared minimum (Vite's default, `baseline-widely-available`, is Chrome 111 / Firefox 114):
    // Chrome 102 for every Chromium build, Firefox 140 for Firefox's (its strict_min_version below).
    build: {
      target: buildTarget(browser),
      sourcemap: process.env.REOPEN_SOURCEMAP === '1',
      minify: 'terser',
      terserOptions: { ecma: 2020, compress: { passes: 3, pure_getters: true }, format: { wrap_iife: true } },
      // Rolldown warns when plugins take most of a slow build's time: terser's three passes do, by choice, so on a busy
      // machine every test run printed that warning, about nothing to fix (scripts/bench/ measures the bundle).
      rolldownOptions: { checks: { bundlerTimings: false } },
    },
    // WXT's autoMount() is not used (lib/inbox/composer-mount.ts is measured cheaper): keep its wait library out
    // of the content script's 20 KB budget. lib/inbox/no-auto-mount.ts fails loudly if autoMount is ever called.
    resolve: { alias: [{ find: /^@1natsu\/wait-element(\/detectors)?$/, replacement: resolve(import.meta.dirname, 'lib/inbox/no-auto-mount.ts') }] },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // Chrome 102 is the first with storage.local.setAccessLevel, which keeps the Page token away from content
    // scripts (entrypoints/background/lifecycle.ts); on an older Chrome that protection would fail silently.
    ...(browser === 'firefox' ? {} : { minimum_chrome_version: MIN_CHROME }),
    // scripting: the popup's layout report is injected into the inbox tab only when a manager asks for it.
    permissions: ['storage', 'alarms', 'scripting'],
    // The closing-window notification (off by default): asked for when the agent turns it on in the options page,
    // so installing asks nothing new (components/options/NotifySetting.tsx, lib/urgency/notify.ts).
    optional_permissions: ['notifications'],
    host_permissions: ['https://business.facebook.com/*', 'https://graph.facebook.com/*'],
    // The reopen panel's script, imported by the inbox content script on the panel's first open
    // (entrypoints/inbox.content/panel-loader.ts): reachable from Business Suite's pages only.
    web_accessible_resources: [{ resources: ['reopen-panel.js'], matches: ['https://business.facebook.com/*'] }],
    // Keyboard route to the reopen panel of the conversation on screen (entrypoints/background/index.ts relays it to the
    // inbox tab). The agent can change the key in the browser's shortcut settings.
    commands: {
      [OPEN_PANEL_COMMAND]: { suggested_key: { default: 'Alt+Shift+O' }, description: '__MSG_commandOpenPanel__' },
    },
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 96: 'icon/96.png', 128: 'icon/128.png' },
    // Chrome's enterprise policy for administrators' preset Pages and locked settings (lib/settings/managed.ts).
    // Firefox reads managed storage from a native manifest instead, so the key is Chrome-only.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'reopen@reopen.app',
              // 140 is the first Firefox that reads data_collection_permissions.
              strict_min_version: MIN_FIREFOX,
              // What leaves the browser, all of it to Meta (graph.facebook.com) and only there (PRIVACY.md): the Page
              // access token the agent typed (authenticationInfo), the agent's reactivation messages
              // (personalCommunications), customers' Messenger ids taken from the inbox page's address
              // (personallyIdentifyingInfo, websiteContent). Customer names read from the inbox stay in the browser.
              data_collection_permissions: {
                required: ['authenticationInfo', 'personalCommunications', 'personallyIdentifyingInfo', 'websiteContent'],
              },
            },
            // Firefox for Android reads the declaration from 142 on.
            gecko_android: { strict_min_version: MIN_FIREFOX_ANDROID },
          },
        }
      : {}),
  }),
  zip: { excludeSources: ['tests/**', 'bench/**', 'demo-output/**', 'test-results/**', 'store/**', '.ci/**'] },
});
