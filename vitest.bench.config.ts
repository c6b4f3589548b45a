import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';
import { preactClassicJsx } from './scripts/preact-classic-jsx.ts';

// `npm run bench`: figures written to bench/results.json. These files measure; they assert nothing about speed.
export default defineConfig({
  // The JSX form the extension is built with (wxt.config.ts): the popup render bench measures what ships.
  plugins: [WxtVitest(), preact(), preactClassicJsx()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['tests/setup-indexeddb.ts'],
    include: ['scripts/bench/**/*.bench.ts'],
    fileParallelism: false,
    testTimeout: 300_000,
    server: { deps: { inline: ['zustand'] } },
  },
});
