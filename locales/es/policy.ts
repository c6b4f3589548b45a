import type en from '../en/policy';

// Spanish strings for the policy area; must have exactly the keys of the English file.
export default {
  // Estados de la ventana
  'policy.state.open': 'Abierta',
  'policy.state.human_agent': 'Vencida, menos de 7 días',
  'policy.state.closed': 'Cerrada, 7 días o más',
  'policy.state.unknown': 'Desconocido',
  'policy.state.open.hint': 'El cliente escribió hace menos de 24 horas: responde en Business Suite como siempre.',
  'policy.state.human_agent.hint':
    'Pasaron más de 24 horas desde el último mensaje del cliente: una persona todavía puede responder con la etiqueta Human Agent, hasta los 7 días.',
  'policy.state.closed.hint':
    'Pasaron 7 días o más desde el último mensaje del cliente: por la API de envío solo le puede llegar un mensaje de utilidad con una plantilla aprobada.',
  'policy.state.unknown.hint': 'Reopen todavía no sabe cuándo escribió el cliente por última vez.',

  // Por qué no se puede enviar
  'policy.reason.state_unknown': 'Todavía no sabemos cuándo escribió el cliente por última vez, así que Reopen no puede saber qué mensajes están permitidos.',
  'policy.reason.not_on_platform':
    'No disponible en Instagram: la mensajería de Instagram de Meta solo acepta la etiqueta Human Agent, hasta 7 días después del último mensaje del cliente.',
  'policy.reason.window_open': 'La conversación sigue abierta: responde desde el cuadro de mensajes de Business Suite.',
  'policy.reason.tag_retired': 'Meta retiró esta etiqueta y ya no le llega al cliente. Usa un mensaje de utilidad.',
  'policy.reason.past_tag_limit': 'Ya pasaron 7 días desde el último mensaje del cliente, así que esta etiqueta ya no se puede usar.',
  'policy.reason.route_content_mismatch': 'Esta opción usa otro tipo de mensaje (texto, encuesta o plantilla). Vuelve a elegirla e inténtalo de nuevo.',
  'policy.reason.recipient_unproven':
    'Reopen encontró a esta persona solo por el nombre y no ha confirmado que sea la que estás viendo: confírmala o elige a la persona primero. No se envió nada.',
  'policy.reason.cooldown': 'Una reactivación por conversación cada 24 horas. La próxima será posible: {until}.',
  'policy.reason.empty_text': 'Escribe un mensaje primero.',
  'policy.reason.text_too_long': 'El mensaje es demasiado largo: Messenger solo acepta mensajes de menos de 2000 caracteres.',
  'policy.reason.invalid_feedback': 'Meta rechazaría esta encuesta. Corrige los campos marcados abajo.',
  'policy.reason.template_missing': 'Esta plantilla no está disponible para la página en ese idioma. Elige otra o actualiza la lista.',
  'policy.reason.template_not_approved': 'Meta no aprobó esta plantilla (está pendiente o fue rechazada).',
  'policy.reason.template_parameters': 'Completa todos los campos de la plantilla.',
  'policy.reason.person_blocked':
    'Meta pidió a esta página que deje de enviar mensajes con etiqueta a esta persona: espera a que vuelva a escribir a la página.',
  'policy.reason.person_blocked.until':
    'Meta pidió a esta página que deje de enviar mensajes con etiqueta a esta persona: espera a que vuelva a escribir a la página, o hasta el {until}.',
  'policy.reason.page_blocked':
    'Meta restringió el envío de mensajes desde esta página: no se puede enviar nada desde ella hasta que un responsable quite el bloqueo en la ventana emergente de Reopen.',
  'policy.reason.page_blocked.until': 'Meta restringió el envío de mensajes desde esta página: no se puede enviar nada desde ella hasta el {until}.',
  'policy.reason.promo_unconfirmed':
    'Esto parece promocional, y no se pueden enviar promociones por esta vía. Revisa las palabras resaltadas y confirma que no es una promoción.',

  // Opciones de envío
  'policy.route.HUMAN_AGENT.name': 'Agente humano',
  'policy.route.CUSTOMER_FEEDBACK.name': 'Encuesta de satisfacción',
  'policy.route.UTILITY.name': 'Mensaje de utilidad',
  'policy.route.ACCOUNT_UPDATE.name': 'Actualización de la cuenta',
  'policy.route.CONFIRMED_EVENT_UPDATE.name': 'Actualización de evento confirmado',
  'policy.route.POST_PURCHASE_UPDATE.name': 'Actualización posterior a la compra',
  'policy.route.uses': 'Para qué sirve',
  'policy.route.notAllowed': 'Nunca envíes',
  'policy.route.requirement': 'Requisito',
  'policy.recommended': 'Recomendada',
  'policy.availableUntil': 'Disponible hasta: {until}',
  'policy.noTimeLimit': 'Sin límite de tiempo',
  'policy.retiredOn': 'Meta la retiró el {date}: usa un mensaje de utilidad',

  // Problemas de la encuesta
  'policy.feedback.empty': '{field}: completa este campo.',
  'policy.feedback.too_long': '{field}: máximo {limit} caracteres.',
  'policy.feedback.has_url': '{field}: aquí no se permiten enlaces.',
  'policy.feedback.invalid_id': '{field}: usa solo letras sin acentos, números y _.',
  'policy.feedback.out_of_range': '{field}: de 1 a {limit} días.',
  'policy.feedback.invalid_url': '{field}: ingresa una dirección completa que empiece con https://.',
  'policy.feedback.field.title': 'Título',
  'policy.feedback.field.subtitle': 'Subtítulo',
  'policy.feedback.field.buttonTitle': 'Texto del botón',
  'policy.feedback.field.question.id': 'ID de la pregunta',
  'policy.feedback.field.question.title': 'Pregunta',
  'policy.feedback.field.privacyUrl': 'Enlace a la política de privacidad',
  'policy.feedback.field.expiresInDays': 'Días para responder',

  // Lenguaje promocional
  'policy.promo.found': 'Posible contenido promocional: {terms}',
  'policy.promo.confirm': 'No es una promoción: enviar de todos modos',
  'policy.promo.inParameter': 'Campo {n}',
} satisfies Record<keyof typeof en, string>;
