// Reads the output of `npm test` (several Vitest runs) and prints one closing line: "Tests: N passed, N failed".
import { readFileSync } from 'node:fs';

// eslint-disable-next-line no-control-regex -- terminal colour codes begin with ESC (\x1b), which is what this strips
const text = readFileSync(process.argv[2], 'utf8').replace(/\x1b\[[0-9;]*m/g, '');
let passed = 0;
let failed = 0;
let skipped = 0;
let runs = 0;
for (const line of text.split('\n')) {
  const match = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
  if (!match) continue;
  runs++;
  for (const [, count, word] of match[1].matchAll(/(\d+)\s+(passed|failed|skipped|todo)/g)) {
    if (word === 'passed') passed += Number(count);
    else if (word === 'failed') failed += Number(count);
    else skipped += Number(count);
  }
}
console.log(`\n== ${runs} test runs`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
