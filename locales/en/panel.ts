// English strings for the panel area. Keys are shared with locales/es/panel.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
