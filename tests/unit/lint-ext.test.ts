import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { judgeLint, zodInBundle, type LintMessage } from '../../scripts/lint-ext';

// `npm run lint:ext` must stop `npm test` on what addons.mozilla.org would refuse, and on warnings fixed before.

const message = (code: string, file = 'chunks/theme.js'): LintMessage => ({ code, message: code.toLowerCase(), file, line: 1 });
const report = (errors: string[], warnings: string[] = []) => ({
  errors: errors.map((code) => message(code)),
  warnings: warnings.map((code) => message(code)),
  notices: [],
});

describe('judgeLint', () => {
  test('no error and only accepted warnings: passes, and says why each warning is accepted', () => {
    const verdict = judgeLint(report([], ['UNSAFE_VAR_ASSIGNMENT']));
    expect(verdict.failed).toBe(false);
    expect(verdict.lines.join('\n')).toContain('accepted: Preact');
  });

  test("Preact's innerHTML branch is accepted in UI bundles, not in the background, which renders nothing", () => {
    const verdict = judgeLint({ errors: [], warnings: [message('UNSAFE_VAR_ASSIGNMENT', 'background.js')], notices: [] });
    expect(verdict.failed).toBe(true);
  });

  test("the content script's import() of the panel script is accepted with its own reason, not Preact's", () => {
    const verdict = judgeLint({
      errors: [],
      warnings: [{ code: 'UNSAFE_VAR_ASSIGNMENT', message: 'Unsafe call to import for argument 0', file: 'content-scripts/inbox.js', line: 1 }],
      notices: [],
    });
    expect(verdict.failed).toBe(false);
    expect(verdict.lines.join('\n')).toContain("accepted: the reopen panel's own extension file");
    expect(verdict.lines.join('\n')).not.toContain('accepted: Preact');
  });

  test('any error fails', () => {
    const verdict = judgeLint(report(['MANIFEST_FIELD_INVALID']));
    expect(verdict.failed).toBe(true);
    expect(verdict.lines.at(-1)).toMatch(/FAILED: 1 errors/);
  });

  test.each(['DANGEROUS_EVAL', 'KEY_FIREFOX_UNSUPPORTED_BY_MIN_VERSION', 'KEY_FIREFOX_ANDROID_UNSUPPORTED_BY_MIN_VERSION'])(
    'a warning fixed before (%s) fails when it comes back',
    (code) => {
      expect(judgeLint(report([], [code])).failed).toBe(true);
    },
  );

  test('a new kind of warning does not fail but asks to be fixed or accepted', () => {
    const verdict = judgeLint(report([], ['SOMETHING_NEW']));
    expect(verdict.failed).toBe(false);
    expect(verdict.lines.at(-1)).toMatch(/New kinds of warning/);
  });
});

describe('zodInBundle', () => {
  test("finds Zod's class names in minified code, and nothing in code without Zod", () => {
    const zod = readFileSync(resolve(import.meta.dirname, '../../node_modules/zod/v4/core/schemas.js'), 'utf8');
    expect(zodInBundle(zod)).toBe(true);
    expect(zodInBundle('var e=class{constructor(){this.name="ZodLikeButNotZod"}};const t={type:"thread.get"};')).toBe(false);
  });
});
