// The dependency rule (`npm run lint`): the layers of Reopen, bottom to top, written once. A module may import from
// its own layer or a lower one, never a higher one, and no import may close a cycle. Type-only imports count too.
// Tests may import anything; product code never imports a test or its helpers.
/** @type {string[][]} each entry a layer, its folders (or files) side by side */
const LAYERS = [
  ['locales'],
  ['lib/zod-jitless.ts', 'lib/policy', 'lib/i18n'], // pure rules and words: no I/O
  ['lib/graph', 'lib/inbox'], // the Graph API client; the Business Suite page adapter
  ['lib/storage'],
  ['lib/settings'],
  ['lib/pages'],
  ['lib/threads'],
  ['lib/summary', 'lib/audit', 'lib/send', 'lib/overview', 'lib/urgency', 'lib/labels'], // the background's services
  ['lib/messaging'], // the protocol: message names, request/response map, router, client
  ['lib/conversation', 'lib/extension-pages'], // the content script's and the extension pages' controllers
  ['components'], // views and hooks
  ['entrypoints'], // wiring
];

const TEST_FILE = '\\.(test|e2e|bench)\\.tsx?$|\\.test-support\\.tsx?$';
const escape = (path) => path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const pathsOf = (layer) => `^(${layer.map(escape).join('|')})(/|$)`;

module.exports = {
  forbidden: [
    { name: 'no-cycle', severity: 'error', comment: 'An import cycle ties modules that must be able to change apart.', from: {}, to: { circular: true } },
    {
      name: 'no-test-code-in-product',
      severity: 'error',
      comment: 'Test helpers live under tests/ or in *.test-support.ts, and only tests import them.',
      from: { pathNot: `${TEST_FILE}|^tests/` },
      to: { path: `^tests/|${TEST_FILE}` },
    },
    {
      name: 'messaging-is-the-contract',
      severity: 'error',
      comment:
        'lib/messaging composes the shapes and schemas the owning modules export (their view, schema and type files); it imports no service, store or client of theirs.',
      from: { path: '^lib/messaging/', pathNot: TEST_FILE },
      to: { path: '^lib/(?!messaging/)', pathNot: '/(view|schema|types|error-view|layout-health|reopen-request|url|core)\\.ts$' },
    },
    ...LAYERS.slice(0, -1).map((layer, index) => ({
      name: `layer-${index}-imports-up`,
      severity: 'error',
      comment: `${layer.join(', ')} may not import a higher layer (.dependency-cruiser.cjs, LAYERS)`,
      from: { path: pathsOf(layer), pathNot: TEST_FILE },
      to: { path: pathsOf(LAYERS.slice(index + 1).flat()) },
    })),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|\\.wxt|\\.output)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
