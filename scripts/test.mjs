// `npm test`: every check, in order: typecheck, lint, unit tests, lint:ext, build, e2e. The first that fails stops the
// run and says which, loudly. Whatever happened, the last line is the total over every Vitest run: "N passed, N failed"
// (", N skipped" when any were). Each step's output is shown as it comes and kept in test-results/test.log.
//
// Off a terminal (CI, a pipe, the log), a line is written as a terminal would leave it: WXT's build draws a progress
// spinner by rewriting one line with carriage returns, even when nothing can show it, which would otherwise fill a
// log with thousands of frames.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(new URL(import.meta.url).pathname), '..');
const LOG = join(ROOT, 'test-results', 'test.log');

/** The package.json scripts run, in order; `vitest`: its closing "Tests" line counts towards the total. */
const STEPS = [
  { script: 'typecheck' },
  { script: 'lint' },
  { script: 'test:unit', vitest: true },
  { script: 'lint:ext' },
  { script: 'build' },
  { script: 'test:e2e', vitest: true },
];

// eslint-disable-next-line no-control-regex -- terminal escapes begin with ESC (\x1b)
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/** What a terminal shows of a line written with carriage returns and erase/cursor codes: the text after the last \r. */
function settled(line) {
  const shown = line.slice(line.lastIndexOf('\r') + 1);
  // eslint-disable-next-line no-control-regex -- the cursor (hide/show) and erase-line codes a spinner writes
  return shown.replace(/\x1b\[\?25[hl]|\x1b\[K/g, '');
}

/** Vitest's closing "Tests  3 failed | 64 passed | 1 skipped (68)" line, as counts (todo counted as skipped). */
function vitestCounts(text) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  for (const line of text.replace(ANSI, '').split('\n')) {
    const match = /^\s*Tests\s+(.*)\(\d+\)\s*$/.exec(line);
    if (!match) continue;
    for (const [, count, word] of match[1].matchAll(/(\d+)\s+(passed|failed|skipped|todo)/g)) {
      if (word === 'passed') counts.passed += Number(count);
      else if (word === 'failed') counts.failed += Number(count);
      else counts.skipped += Number(count);
    }
  }
  return counts;
}

mkdirSync(dirname(LOG), { recursive: true });
const log = createWriteStream(LOG);
const terminal = process.stdout.isTTY === true;

/** Passes a child's stream on: as it comes on a terminal; line by line, settled, elsewhere. The log gets settled lines. */
function relay(stream, out, keep) {
  let pending = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk) => {
    if (terminal) out.write(chunk);
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const shown = settled(line);
      keep(shown + '\n');
      log.write(shown.replace(ANSI, '') + '\n');
      if (!terminal) out.write(shown + '\n');
    }
  });
  return new Promise((done) =>
    stream.on('end', () => {
      if (pending) {
        const shown = settled(pending);
        keep(shown);
        log.write(shown.replace(ANSI, ''));
        if (!terminal) out.write(shown);
      }
      done();
    }),
  );
}

function say(line) {
  process.stdout.write(line + '\n');
  log.write(line.replace(ANSI, '') + '\n');
}

let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    child?.kill(signal);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** Runs one package.json script; resolves with its exit code and what it printed. */
async function run(script) {
  let text = '';
  // Colours only where someone sees them (the children write to a pipe, so they cannot tell by themselves).
  const env = terminal ? { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } : process.env;
  child = spawn('npm', ['run', '--silent', script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((done) => child.on('close', (code, signal) => done(code ?? (signal ? 1 : 0))));
  await Promise.all([relay(child.stdout, process.stdout, (part) => (text += part)), relay(child.stderr, process.stderr, (part) => (text += part))]);
  const code = await exited;
  child = null;
  return { code, text };
}

const duration = (ms) => (ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);
const total = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();
let failure = null;
for (const [index, step] of STEPS.entries()) {
  say(`\n== npm test ${index + 1}/${STEPS.length}: npm run ${step.script}`);
  const stepStarted = Date.now();
  const { code, text } = await run(step.script);
  const counts = step.vitest ? vitestCounts(text) : { passed: 0, failed: 0, skipped: 0 };
  // A check that failed without a failed test to show for it (the typecheck, the lint, the build; a test file that
  // would not load, an error outside any test) counts as one failure: the total never says 0 failed for a failed run.
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  say(`== ${step.script}: ${code === 0 ? 'ok' : `FAILED (exit ${code})`} in ${duration(Date.now() - stepStarted)}`);
  if (code !== 0) {
    failure = { step, code, rest: STEPS.slice(index + 1).map((later) => later.script) };
    break;
  }
}

say('');
if (failure) {
  say(`✖✖✖ npm test FAILED at \`npm run ${failure.step.script}\` (exit ${failure.code}); not run: ${failure.rest.join(', ') || 'nothing'}.`);
  say(`    Its output is above, and in ${LOG.slice(ROOT.length + 1)}.`);
} else say(`== npm test: every step passed in ${duration(Date.now() - started)} (output also in ${LOG.slice(ROOT.length + 1)})`);
say(`${total.passed} passed, ${total.failed} failed${total.skipped ? `, ${total.skipped} skipped` : ''}`);
log.end(() => process.exit(failure ? failure.code || 1 : 0));
