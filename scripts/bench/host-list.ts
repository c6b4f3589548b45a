import { buildSync } from 'esbuild';
import { resolve } from 'node:path';

// The host list of the row-badges bench (./host-list.page.ts) bundled with Preact from node_modules at bench time,
// as one classic script for page.addScriptTag (no network, nothing committed that is built).
export function hostListBundle(): string {
  const { outputFiles } = buildSync({
    entryPoints: [resolve(import.meta.dirname, 'host-list.page.ts')],
    bundle: true,
    format: 'iife',
    target: 'chrome120',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return outputFiles[0]!.text;
}
