import type en from '../en/labels';

// Spanish strings for Labels in Business Suite; must have exactly the keys of the English file.
export default {
  'labels.state.closing': 'Cierra en menos de 2 h',
  'labels.state.human_agent': 'Solo agente humano',
  'labels.state.closed': 'Cerrada',
  'labels.state.reactivated': 'Reactivada, esperando respuesta',
  'labels.state.stop': 'Alto (bloqueo de Meta)',

  'labels.switch.label': 'Etiquetas en Business Suite',
  'labels.about.writes':
    'Reopen pone a cada cliente de Messenger una etiqueta de Reopen con la ventana de su conversación: {states}. Una conversación abierta a la que le quedan más de 2 h no lleva ninguna. Las etiquetas que puso tu equipo nunca se tocan.',
  'labels.about.needs':
    'Necesita el permiso pages_manage_metadata de la app de Meta y la tarea MESSAGING de la página, y un administrador de la página debe haber aceptado las Condiciones de contacto de la página.',
  'labels.about.messenger':
    'Solo Messenger: Meta documenta las etiquetas personalizadas para Messenger, así que las conversaciones de Instagram no llevan etiqueta.',
  'labels.about.off': 'Al desactivarlo se quitan todas las etiquetas de Reopen de todos los clientes y se borran las etiquetas de Reopen de la página.',
  'labels.language.label': 'Idioma de los nombres de las etiquetas',
  'labels.language.fixed': 'Se eligió al activarlo: desactívalo y vuelve a activarlo para cambiarlo.',
  'labels.language.en': 'English',
  'labels.language.es': 'Español',
  'labels.busy.enabling': 'Activando…',
  'labels.busy.disabling': 'Quitando las etiquetas de Reopen…',
  'labels.managed': 'Definido por tu administrador',
  'labels.cleared': 'Listo: se quitaron todas las etiquetas de Reopen ({time})',
  'labels.refusal.permission':
    'Meta lo rechazó: la app de Meta no tiene el permiso pages_manage_metadata, o el token de esta página no lo incluye. Añade el permiso a la app, vuelve a conectar la página con un token nuevo y actívalo de nuevo.',
  'labels.refusal.terms':
    'Meta lo rechazó: ningún administrador de esta página aceptó las Condiciones de contacto de la página. Pide a un administrador de la página que las acepte en Meta Business Suite y actívalo de nuevo.',
  'labels.refusal.task':
    'Meta lo rechazó: la persona cuyo token conectó esta página no tiene la tarea MESSAGING de la página. Dale esa tarea, o vuelve a conectar la página con el token de alguien que la tenga, e inténtalo de nuevo.',
  'labels.refusal.token': 'El token de esta página caducó o fue revocado. Vuelve a conectar la página más arriba e inténtalo de nuevo.',
  'labels.refusal.rate_limited': 'Meta pidió a Reopen que vaya más despacio, así que no se escribió nada. Espera unos minutos e inténtalo de nuevo.',
  'labels.refusal.managed': 'La política de tu administrador define este interruptor, así que no se puede cambiar aquí. Pregunta a tu administrador.',
  'labels.refusal.not_connected': 'Esta página no está conectada o hay que volver a conectarla. Conéctala más arriba e inténtalo de nuevo.',
  'labels.refusal.failed': 'Reopen no pudo cambiarlo. Inténtalo de nuevo; si sigue fallando, avisa a tu administrador.',
  'labels.refusal.detail': 'Detalles: {detail}',
  'labels.refusal.trace': 'Id de rastreo de Meta {id}',
  'labels.refusal.code': 'Código de error de Meta {code}',

  'labels.summary.heading': 'Etiquetas en Business Suite',
  'labels.summary.none': 'Todavía ninguna página muestra las etiquetas de Reopen en Business Suite. Actívalas para una página en la configuración de Reopen.',
  'labels.summary.counts': 'Clientes por etiqueta de Reopen',
  'labels.summary.count': '{label}: {count}',
  'labels.summary.lastSync': 'Última sincronización: {time}',
  'labels.summary.never': 'nunca',
  'labels.summary.writes': '{count, plural, one {# escritura de etiqueta} other {# escrituras de etiquetas}} en las últimas 24 h',
  'labels.summary.error': 'La última sincronización falló ({time}): {explain}',
  'labels.summary.backoff': 'Esperando a Meta hasta el {time}: Meta pidió a Reopen que vaya más despacio.',
} satisfies Record<keyof typeof en, string>;
