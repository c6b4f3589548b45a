// English strings for the options area. Keys are shared with locales/es/options.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
