import { defineConfig } from 'vitest/config';

// End-to-end journeys: the production build in real Chromium. One browser at a time (2-core machines).
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
