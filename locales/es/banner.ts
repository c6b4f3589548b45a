import type en from '../en/banner';

// Spanish strings for the banner area; must have exactly the keys of the English file.
export default {
  'banner.region': 'Reopen: ventana de mensajes de esta conversación',
  'banner.open': 'Ventana abierta: se cierra en {left}',
  'banner.closingSoon': 'Se cierra pronto',
  'banner.humanAgent': 'Expiró hace {ago}: respuesta de agente humano posible durante {left} más',
  'banner.closed': 'Cerrada: pasaron más de 7 días desde el último mensaje del cliente',
  'banner.closedRoute':
    'Por la API de envío (Reopen o cualquier integración), ahora solo un mensaje de utilidad de una plantilla aprobada puede llegar a este cliente.',
  'banner.apiScope':
    'Límites de Meta para los mensajes enviados por su API de envío (Reopen, cualquier integración). El cuadro de respuesta de Business Suite puede no estar sujeto a ellos.',
  'banner.closedRouteInstagram':
    'En Instagram ya no se puede enviar nada por la API de envío: después de 7 días Meta no permite ahí etiquetas, encuestas ni mensajes de utilidad hasta que el cliente vuelva a escribir.',
  'banner.cooldown': 'Próxima reactivación posible en {left}',
  'banner.cooldownWhy': 'Una reactivación por conversación cada 24 horas; después, espera la respuesta del cliente.',
  'banner.loading': 'Revisando esta conversación…',
  'banner.noConversation': 'Selecciona una conversación de Messenger o Instagram para ver cuánto tiempo queda para responderla.',
  'banner.unknown.page_not_connected': 'Ventana desconocida: esta página no está conectada a Reopen.',
  'banner.unknown.page_needs_reconnect': 'Ventana desconocida: la conexión de esta página con Reopen caducó.',
  'banner.unknown.not_found': 'Ventana desconocida: esta conversación no está entre las conversaciones recientes de Messenger de la página.',
  'banner.unknown.ambiguous': 'Ventana desconocida: elige qué conversación es esta.',
  'banner.unknown.graph_error': 'Ventana desconocida: Meta no respondió como se esperaba.',
  'banner.unknown.unsupported_thread': 'Reopen solo funciona con conversaciones de Messenger.',
  'banner.unknown.no_reply': 'Ventana desconocida: Reopen no responde. Recarga la página si sigue pasando.',
  'banner.unknown.storage_full': 'Ventana desconocida: el almacenamiento de Reopen en este navegador está lleno y no puede guardar lo que lee.',
  'banner.storage.near_full':
    'El almacenamiento de Reopen en este navegador está al {percent} %. Cuando se llene, Reopen no podrá registrar reactivaciones y no enviará ninguna. Reduce «Conservar el historial (días)» en las opciones de Reopen.',
  'banner.storage.full':
    'El almacenamiento de Reopen en este navegador está lleno: no puede registrar reactivaciones y por eso no envía ninguna. Reduce «Conservar el historial (días)» en las opciones de Reopen (los registros antiguos se borran en un día).',
  'banner.fix.storage': 'Abrir las opciones de Reopen',
  'banner.unknown.awaiting_name': 'Revisando esta conversación: esperando a que el nombre del cliente aparezca en la página…',
  'banner.unknown.name_unread': 'Ventana desconocida: Reopen no pudo leer el nombre del cliente en esta página. Elige la conversación abajo.',
  'banner.unknown.no_customer_message': 'Ventana desconocida: no se encontró ningún mensaje del cliente en esta conversación.',
  'banner.fix.connect': 'Conectar esta página',
  'banner.fix.reconnect': 'Volver a conectar esta página',
  'banner.fix.checkRecipient': 'Comprobar quién es',
  'banner.fix.retry': 'Volver a revisar',
  'banner.refresh.label': 'Volver a revisar si hay mensajes nuevos del cliente',
  'banner.floating': 'El diseño de Business Suite cambió, así que Reopen aparece aquí en lugar de junto al cuadro de respuesta. Todo sigue funcionando.',
  'banner.candidates.title': '¿Qué conversación es esta?',
  'banner.candidates.hint': 'Reopen recuerda tu elección para esta conversación.',
  'banner.candidates.none': 'Ninguna conversación reciente coincide. Vuelve a abrir la conversación desde la lista o revisa más tarde.',
  'banner.candidate.choose': 'Es {name}',
  'banner.candidate.last': 'Último mensaje del cliente: «{text}» ({time})',
  'banner.candidate.lastTime': 'Último mensaje del cliente {time}',
  'banner.doubt.unproven':
    'Sin confirmar: Reopen encontró a {name} solo por el nombre, así que esta ventana es la de {name} según Meta. Comprueba quién es en el panel de reapertura antes de enviar.',
  'banner.doubt.texts':
    'En duda: los mensajes en pantalla no coinciden con la conversación de {name} en Meta. Esta ventana puede ser de otra persona con el mismo nombre.',
  'banner.doubt.order':
    'En duda: los mensajes en pantalla están en otro orden que en la conversación de {name} en Meta. Esta ventana puede ser de otra persona con el mismo nombre.',
  'banner.doubt.times':
    'En duda: las horas en pantalla no coinciden con las de Meta para {name} (el último mensaje según Meta es más nuevo o más antiguo de lo que muestra la conversación). Esta ventana puede ser de otra persona con el mismo nombre.',
  'banner.candidate.updated': 'Última actividad {time}',
  'banner.doubt.customerTimeInFuture':
    'Dudoso: Meta fechó el último mensaje del cliente en el futuro. Reopen cuenta desde la hora actual de Meta; revisa las horas en la conversación antes de fiarte de esto.',
} satisfies Record<keyof typeof en, string>;
