import type en from '../en/toolbar';

// Spanish strings for the toolbar icon's badge title; must have exactly the keys of the English file.
export default {
  'toolbar.none': 'Reopen: ninguna conversación requiere acción ahora',
  'toolbar.count':
    'Reopen: {count, plural, one {# conversación requiere} other {# conversaciones requieren}} acción ahora — {closing} cierran en menos de {duration}, {ready} expiradas y listas para reabrir',
  'toolbar.source.recent': 'De las conversaciones recientes de la página y las abiertas en Reopen',
  'toolbar.source.opened': 'Solo conversaciones abiertas en Reopen (las recientes de la página se leen con una pestaña de la bandeja abierta)',
  'toolbar.pageBlocked':
    '⚠ Meta restringió el envío desde {count, plural, one {la página} other {las páginas}} {pages}: Reopen no envía nada desde {count, plural, one {esa página} other {esas páginas}}. Abre Reopen para leer por qué.',
} satisfies Record<keyof typeof en, string>;
