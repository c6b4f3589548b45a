import type en from '../en/common';

// Spanish strings shared by every view; must have exactly the keys of the English file.
export default {
  'common.appName': 'Reopen',
  'common.retry': 'Reintentar',
  'common.close': 'Cerrar',
  'common.cancel': 'Cancelar',
  'common.loading': 'Cargando…',
  'common.platform.instagram': 'Instagram',
} satisfies Record<keyof typeof en, string>;
