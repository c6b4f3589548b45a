import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { resolve } from 'node:path';

// The manifest is a function so Chrome and Firefox get what each needs from one source.
export default defineConfig({
  vite: () => ({
    plugins: [preact()],
    // WXT's autoMount() is not used (lib/inbox/composer-mount.ts is measured cheaper): keep its wait library out
    // of the content script's 25 KB budget. lib/inbox/no-auto-mount.ts fails loudly if autoMount is ever called.
    resolve: { alias: [{ find: /^@1natsu\/wait-element(\/detectors)?$/, replacement: resolve(import.meta.dirname, 'lib/inbox/no-auto-mount.ts') }] },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms'],
    host_permissions: ['https://business.facebook.com/*', 'https://graph.facebook.com/*'],
    icons: { 16: 'icon/16.png', 32: 'icon/32.png', 48: 'icon/48.png', 128: 'icon/128.png' },
    // Chrome's enterprise policy for administrators' preset Pages and locked settings (lib/settings/managed.ts).
    // Firefox reads managed storage from a native manifest instead, so the key is Chrome-only.
    ...(browser === 'firefox' ? {} : { storage: { managed_schema: 'managed_schema.json' } }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'reopen@reopen.app',
              strict_min_version: '128.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  zip: { excludeSources: ['tests/**', 'bench/**', 'demo-output/**', '.ci/**'] },
});
