import type { Plugin } from 'vite';

// JSX compiled to Preact's h(type, props, ...children) instead of the automatic runtime's jsx(type, { ...props,
// children }): the same vnodes (h and jsx share Preact's createVNode; both take key out of the props and leave ref
// on a component's props), written without a `children:` key and its array at every element. The content script
// runs in every inbox tab under a 25 KB gzip budget; this form is ~0.1 KB gzip smaller there (and the
// jsx-runtime module is not bundled). Placed after preact() so its `oxc.jsx` wins; tsconfig keeps react-jsx for
// type checking, which is the same JSX either way.
const PRAGMA_IMPORT = "import { h as preact$h, Fragment as preact$Fragment } from 'preact';";

export function preactClassicJsx(): Plugin {
  return {
    name: 'reopen:preact-classic-jsx',
    // Names no source uses: a component's own `h` (a bar's height in components/charts) must not shadow the pragma.
    config: () => ({ oxc: { jsx: { runtime: 'classic', pragma: 'preact$h', pragmaFrag: 'preact$Fragment' } } }),
    // The pragma's import goes into .tsx files only. oxc's own jsxInject put it into every .ts module too, which
    // pulled Preact's renderer into the background worker (+4 KB gzip, and a web-ext lint warning). Prepended on
    // the first line, so line numbers (and stack traces) stay as written.
    enforce: 'pre',
    transform(code, id) {
      return /\.tsx$/.test(id.split('?')[0]!) ? { code: PRAGMA_IMPORT + code, map: null } : null;
    },
  };
}
