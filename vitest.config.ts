import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { preactClassicJsx } from './scripts/preact-classic-jsx.ts';

export default defineConfig({
  // The JSX form the extension is built with (wxt.config.ts), so component tests run what ships.
  plugins: [WxtVitest(), preact(), preactClassicJsx()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['tests/setup-indexeddb.ts', 'tests/setup-dom-events.ts'],
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'entrypoints/**/*.test.ts', 'tests/unit/**/*.test.ts', 'tests/sandbox/**/*.test.ts'],
    server: { deps: { inline: ['zustand'] } },
    testTimeout: 15000,
  },
});
