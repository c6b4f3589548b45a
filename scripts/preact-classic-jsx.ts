import type { Plugin } from 'vite';

// JSX compiled to Preact's h(type, props, ...children) instead of the automatic runtime's jsx(type, { ...props,
// children }): the same vnodes (h and jsx share Preact's createVNode; both take key out of the props and leave ref
// on a component's props), written without a `children:` key and its array at every element. The content script
// runs in every inbox tab under a 25 KB gzip budget; this form is ~0.1 KB gzip smaller there (and the
// jsx-runtime module is not bundled). Placed after preact() so its `oxc.jsx` wins; tsconfig keeps react-jsx for
// type checking, which is the same JSX either way.
export function preactClassicJsx(): Plugin {
  return {
    name: 'reopen:preact-classic-jsx',
    config: () => ({
      oxc: {
        // Names no source uses: a component's own `h` (a bar's height in components/charts) must not shadow the pragma.
        jsx: { runtime: 'classic', pragma: 'preact$h', pragmaFrag: 'preact$Fragment' },
        // Only .jsx/.tsx files get it.
        jsxInject: "import { h as preact$h, Fragment as preact$Fragment } from 'preact'",
      },
    }),
  };
}
