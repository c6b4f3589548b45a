import type en from '../en/rows';

// Spanish strings for the row badges; must have exactly the keys of the English file.
export default {
  'rows.open': 'quedan {duration}',
  'rows.open.label': 'Reopen: la ventana de mensajes cierra en {duration}',
  'rows.ready': 'expirada · lista para reabrir',
  'rows.ready.label': 'Reopen: la ventana expiró; se puede enviar una reactivación ahora',
  'rows.cooling': 'en espera {duration}',
  'rows.cooling.label': 'Reopen: la ventana expiró; la próxima reactivación será posible en {duration}',
  'rows.closed': 'cerrada',
  'rows.closed.label': 'Reopen: 7 días o más desde que escribió el cliente; por la API de envío solo le llega un mensaje de utilidad',
} satisfies Record<keyof typeof en, string>;
