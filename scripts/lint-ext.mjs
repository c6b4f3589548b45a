// `npm run lint:ext`: Mozilla's add-on linter (web-ext lint, what addons.mozilla.org runs on upload) over the
// Firefox build. Fails on any error, and on the warnings this project has fixed, so they cannot come back
// unnoticed. What is left is printed with the reason it is accepted.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SOURCE = '.output/firefox-mv2';
// Warnings fixed once and kept fixed: the eval probe (wxt.config.ts), Firefox versions vs manifest keys.
const FORBIDDEN_WARNINGS = new Set([
  'DANGEROUS_EVAL',
  'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION',
  'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION',
  'MISSING_DATA_COLLECTION_PERMISSIONS',
]);
// Accepted: Preact's renderer has an innerHTML branch for dangerouslySetInnerHTML, which Reopen never uses
// (DESIGN.md §3: no innerHTML with page or API text).
const ACCEPTED_WARNINGS = new Map([['UNSAFE_VAR_ASSIGNMENT', "Preact's dangerouslySetInnerHTML branch, unused"]]);

if (!existsSync(`${SOURCE}/manifest.json`)) {
  console.error(`lint:ext: ${SOURCE} is missing; run \`wxt build -b firefox\` first.`);
  process.exit(1);
}

let output;
try {
  output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', SOURCE, '--output', 'json', '--no-config-discovery'], {
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
} catch (error) {
  // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
  output = error.stdout;
  if (!output) {
    console.error('lint:ext: web-ext lint did not run:', error.message);
    process.exit(1);
  }
}

const report = JSON.parse(output.slice(output.indexOf('{')));
const line = (m) => `  ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`;
const forbidden = report.warnings.filter((m) => FORBIDDEN_WARNINGS.has(m.code));
const unexpected = report.warnings.filter((m) => !FORBIDDEN_WARNINGS.has(m.code) && !ACCEPTED_WARNINGS.has(m.code));

console.log(`web-ext lint ${SOURCE}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`);
for (const m of report.errors) console.log(`error${line(m)}`);
for (const m of report.warnings) {
  const why = ACCEPTED_WARNINGS.get(m.code);
  console.log(`warning${line(m)}${why ? ` (accepted: ${why})` : ''}`);
}
for (const m of report.notices) console.log(`notice${line(m)}`);
if (unexpected.length > 0) console.log('New kinds of warning above: fix them, or accept them in scripts/lint-ext.mjs with the reason.');

if (report.errors.length > 0 || forbidden.length > 0) {
  console.error(`lint:ext FAILED: ${report.errors.length} errors, ${forbidden.length} warnings that were fixed before.`);
  process.exit(1);
}
