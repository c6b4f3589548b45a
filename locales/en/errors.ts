// English strings for the errors area. Keys are shared with locales/es/errors.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
