// English strings shared by every view. Keys are shared with locales/es/common.ts (the type enforces it).
// Placeholders are written {name} and filled by lib/i18n.
export default {
  'common.appName': 'Reopen',
  'common.retry': 'Retry',
  'common.close': 'Close',
  'common.cancel': 'Cancel',
  'common.loading': 'Loading…',
  /** Said next to a conversation that lives on Instagram Direct (popup lists). */
  'common.platform.instagram': 'Instagram',
} as const;
