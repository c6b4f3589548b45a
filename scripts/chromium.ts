import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

// Chromium for the scripts that drive a browser (the demo, the store assets): CHROMIUM_PATH when set, else what
// scripts/ensure-chromium.sh finds or installs (it explains on stderr when it cannot).

/** Sets CHROMIUM_PATH for tests/e2e/harness.ts; false when Chromium can be neither found nor installed. */
export function ensureChromium(root: string): boolean {
  if (process.env.CHROMIUM_PATH) return true;
  try {
    process.env.CHROMIUM_PATH = execFileSync('bash', [resolve(root, 'scripts/ensure-chromium.sh')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    }).trim();
    return true;
  } catch {
    return false;
  }
}
