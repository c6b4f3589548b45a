// English strings for the policy area. Keys are shared with locales/es/policy.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {} as const;
