import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    setupFiles: ['tests/setup-indexeddb.ts'],
    include: ['lib/**/*.test.ts', 'components/**/*.test.tsx', 'tests/unit/**/*.test.ts', 'tests/sandbox/**/*.test.ts'],
    server: { deps: { inline: ['zustand'] } },
    testTimeout: 15000,
  },
});
