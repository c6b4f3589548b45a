import type en from '../en/notify';

// Spanish strings for the desktop notification; must have exactly the keys of the English file.
export default {
  'notify.closing.title': 'La ventana de respuesta se cierra',
  'notify.closing.message': '{name}: la ventana de respuesta se cierra en {duration}',
  'notify.closing.unnamed': 'Un cliente',
} satisfies Record<keyof typeof en, string>;
