import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

// Finds (or installs) Chromium once and checks the production build exists; fails loudly otherwise.
export default function setup() {
  const root = resolve(import.meta.dirname, '../..');
  if (!process.env.CHROMIUM_PATH) {
    process.env.CHROMIUM_PATH = execFileSync('bash', [resolve(root, 'scripts/ensure-chromium.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
  }
  if (!existsSync(resolve(root, '.output/chrome-mv3/manifest.json'))) {
    throw new Error('No production build at .output/chrome-mv3: run `npm run build` first (npm test does).');
  }
}
