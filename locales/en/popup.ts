// English strings for the popup area. Keys are shared with locales/es/popup.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
