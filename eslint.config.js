// ESLint (flat config), run by `npm run lint`: eslint's recommended JS rules, typescript-eslint's recommended rules
// with type information (the project service reads tsconfig.json, the program `npm run typecheck` checks), and the
// React hooks rules, which know hooks by name, so Preact's (from 'preact/hooks') too. The hooks rules cover the UI
// only: tests name fixtures use* (useConnectedReopen) and call them at the top level. typescript-eslint needs the
// classic compiler API, so the root `typescript` is 6.0.x for it; the typecheck runs TypeScript 7 (typescript-native).
// The layers are the dependency rule's (.dependency-cruiser.cjs); the layout is Prettier's. Run without --cache: a
// typed rule's answer for one file depends on the types in others, which ESLint's cache does not follow.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  globalIgnores(['.output/', '.wxt/', 'demo-output/', 'test-results/', 'bench/results.json', 'tests/fixtures/']),
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // `_name` marks what is left out on purpose: a field dropped from a copy by a rest pattern, an unused parameter.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['components/**/*.{ts,tsx}', 'entrypoints/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  // Tests read JSON as it comes (the simulator's requests, Meta's bodies, stored records) and assert on it: a wrong
  // shape fails the assertion, so typing every body would add nothing. Their fakes of async APIs answer at once.
  {
    files: ['**/*.test.{ts,tsx}', '**/*.e2e.ts', '**/*.bench.ts', '**/*.test-support.ts', 'tests/**', 'scripts/bench/**'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/require-await': 'off',
    },
  },
  // Plain JS (scripts/*.mjs, the configs) is outside tsconfig's program: no type-aware rules there; Node's globals.
  {
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },
);
