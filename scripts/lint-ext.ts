// `npm run lint:ext`: Mozilla's add-on linter (web-ext lint, what addons.mozilla.org runs on upload) over the
// Firefox build. Fails on any error, and on the warnings this project has fixed, so they cannot come back
// unnoticed. What is left is printed with the reason it is accepted. It also fails when Zod reaches the content
// script, which must stay without it (see zodInBundle).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

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

// The same code also flags the content script's one `import()`: the reopen panel's own file, loaded on the panel's
// first open (entrypoints/inbox.content/panel-loader.ts, `browser.runtime.getURL`), never a page's or a remote URL.
const PANEL_IMPORT = { file: 'content-scripts/inbox.js', message: /\bimport\b/, why: "the reopen panel's own extension file, loaded on first open" };

/** Why an accepted warning is accepted (undefined: it is not). */
function acceptedBecause(m: LintMessage): string | undefined {
  if (m.code === 'UNSAFE_VAR_ASSIGNMENT' && m.file === PANEL_IMPORT.file && PANEL_IMPORT.message.test(m.message)) return PANEL_IMPORT.why;
  return ACCEPTED_WARNINGS.get(m.code);
}

export interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
}
export interface LintReport {
  errors: LintMessage[];
  warnings: LintMessage[];
  notices: LintMessage[];
}

/** What the report means for the build: the lines to print and whether it fails. */
export function judgeLint(report: LintReport): { lines: string[]; failed: boolean } {
  const line = (m: LintMessage) => ` ${m.code} ${m.file ?? ''}${m.line ? `:${m.line}` : ''} — ${m.message}`;
  // The background renders nothing: Preact's renderer there (once pulled in by a JSX import injected into every
  // module) is a regression, not the accepted branch.
  const forbidden = report.warnings.filter((m) => FORBIDDEN_WARNINGS.has(m.code) || (m.code === 'UNSAFE_VAR_ASSIGNMENT' && m.file === 'background.js'));
  const unexpected = report.warnings.filter((m) => !FORBIDDEN_WARNINGS.has(m.code) && !ACCEPTED_WARNINGS.has(m.code));
  const lines = [
    `web-ext lint ${SOURCE}: ${report.errors.length} errors, ${report.warnings.length} warnings, ${report.notices.length} notices`,
    ...report.errors.map((m) => `error${line(m)}`),
    ...report.warnings.map((m) => {
      const why = acceptedBecause(m);
      return `warning${line(m)}${why ? ` (accepted: ${why})` : ''}`;
    }),
    ...report.notices.map((m) => `notice${line(m)}`),
  ];
  if (unexpected.length > 0) lines.push('New kinds of warning above: fix them, or accept them in scripts/lint-ext.ts with the reason.');
  const failed = report.errors.length > 0 || forbidden.length > 0;
  if (failed) lines.push(`lint:ext FAILED: ${report.errors.length} errors, ${forbidden.length} warnings that were fixed before.`);
  return { lines, failed };
}

/** The content script runs in every inbox tab under a size budget, so its own messages are checked by hand
 *  (lib/messaging/bare-message.ts) and the schemas live in files it imports types from only. Zod's class names
 *  ($ZodType, $ZodObject…) survive minification: finding one means a schema file was imported for real. */
export function zodInBundle(code: string): boolean {
  return /\$Zod[A-Z]/.test(code);
}

const CONTENT_SCRIPT = `${SOURCE}/content-scripts/inbox.js`;

function runLinter(): LintReport {
  let output: string;
  try {
    output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', SOURCE, '--output', 'json', '--no-config-discovery'], {
      encoding: 'utf8',
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    // web-ext exits non-zero when it finds errors; its JSON report is still on stdout.
    output = (error as { stdout?: string }).stdout ?? '';
    if (!output) throw new Error(`web-ext lint did not run: ${(error as Error).message}`, { cause: error });
  }
  return JSON.parse(output.slice(output.indexOf('{'))) as LintReport;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(`${SOURCE}/manifest.json`)) {
    console.error(`lint:ext: ${SOURCE} is missing; run \`wxt build -b firefox\` first.`);
    process.exit(1);
  }
  try {
    const { lines, failed } = judgeLint(runLinter());
    for (const text of lines) (failed && text.startsWith('lint:ext FAILED') ? console.error : console.log)(text);
    const zod = zodInBundle(readFileSync(CONTENT_SCRIPT, 'utf8'));
    if (zod) console.error(`lint:ext FAILED: Zod is in ${CONTENT_SCRIPT}; a file the content script imports for real holds a schema.`);
    process.exit(failed || zod ? 1 : 0);
  } catch (error) {
    console.error(`lint:ext: ${(error as Error).message}`);
    process.exit(1);
  }
}
