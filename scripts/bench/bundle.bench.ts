import { readFileSync, readdirSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { test } from 'vitest';
import { recordFigures } from './record';

const OUT = resolve(import.meta.dirname, '../../.output/chrome-mv3');

function gzipKb(files: string[]): number {
  const total = files.reduce((sum, file) => sum + gzipSync(readFileSync(file)).length, 0);
  return Number((total / 1024).toFixed(2));
}

/** The JS an entry loads: its own file plus the chunks its HTML/entry references (one level is enough for WXT). */
function entryFiles(entryFile: string): string[] {
  const text = readFileSync(join(OUT, entryFile), 'utf8');
  const chunks = [...text.matchAll(/(?:src|from|import)\s*=?\s*["'](?:\.\.?\/|\/)?(chunks\/[\w.-]+\.js)["']/g)].map((m) => m[1]!);
  const scripts = entryFile.endsWith('.html') ? [] : [entryFile];
  const nested = chunks.flatMap((chunk) => {
    const inner = readFileSync(join(OUT, chunk), 'utf8');
    return [chunk, ...[...inner.matchAll(/from\s*["']\.\/([\w.-]+\.js)["']/g)].map((m) => `chunks/${m[1]}`)];
  });
  return [...new Set([...scripts, ...nested])].map((f) => join(OUT, f));
}

test('bundle sizes (gzip)', () => {
  statSync(join(OUT, 'manifest.json')); // fails loudly when there is no build
  recordFigures('bundleGzipKb', {
    // What every inbox tab loads up front (identity, banner, badges)…
    contentScript: gzipKb([join(OUT, 'content-scripts/inbox.js')]),
    contentScriptTargetKb: 20,
    // …with its stylesheet, fetched from the extension at mount into the shadow roots and the row badges' <style>
    // (cssInjectionMode "ui"): also up front, stated apart from the script the 20 KB budget is about.
    contentStylesheet: gzipKb([join(OUT, 'content-scripts/inbox.css')]),
    // …and the reopen panel's script, loaded on the panel's first open (components/inbox/lazy-panel.tsx).
    panelOnDemand: gzipKb([join(OUT, 'reopen-panel.js')]),
    background: gzipKb([join(OUT, 'background.js')]),
    popup: gzipKb(entryFiles('popup.html')),
    options: gzipKb(entryFiles('options.html')),
    files: readdirSync(OUT, { recursive: true }).length,
  });
});
