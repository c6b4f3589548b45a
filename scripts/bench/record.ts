import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const RESULTS_FILE = resolve(import.meta.dirname, '../../bench/results.json');

/** Merges one section of figures into bench/results.json (each bench file owns its section). */
export function recordFigures(section: string, figures: Record<string, unknown>) {
  mkdirSync(resolve(RESULTS_FILE, '..'), { recursive: true });
  const current = existsSync(RESULTS_FILE) ? JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) : {};
  current[section] = { ...figures, measuredAt: new Date().toISOString() };
  current.machine = { node: process.version, platform: process.platform, arch: process.arch };
  writeFileSync(RESULTS_FILE, JSON.stringify(current, null, 2) + '\n');
  console.log(`\n[bench] ${section}`);
  console.table(figures);
}

export { medianMs } from './stats';
