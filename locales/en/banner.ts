// English strings for the banner area. Keys are shared with locales/es/banner.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
