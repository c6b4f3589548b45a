import type en from '../en/errors';

// Spanish strings for the errors area; must have exactly the keys of the English file.
export default {
  'errors.window_closed.explain': 'Meta rechazó el mensaje porque la conversación está fuera del plazo que permite para este tipo de mensaje.',
  'errors.window_closed.next': 'Espera a que el cliente vuelva a escribir; eso reabre la conversación.',
  'errors.window_closed_news.explain': 'Meta rechazó el mensaje: fuera de la ventana de 24 horas, esta página necesitaría el permiso de mensajes de noticias.',
  'errors.window_closed_news.next': 'Espera a que el cliente vuelva a escribir.',
  'errors.recipient_cannot_receive.explain': 'Meta indica que esta persona no puede recibir tus mensajes en este momento.',
  'errors.recipient_cannot_receive.next': 'No vuelvas a enviar por ahora; espera a que el cliente escriba a la página.',
  'errors.page_restricted.explain': 'Meta ha restringido temporalmente el envío de mensajes desde esta página.',
  'errors.page_restricted.next': 'Deja de enviar desde esta página y avisa a un administrador: puede ver la restricción en Business Suite.',
  'errors.permission_denied.explain': 'Meta rechazó el mensaje porque a la aplicación o al token les falta un permiso necesario.',
  'errors.permission_denied.next':
    'Pide a un administrador de la página que revise los permisos de la aplicación y vuelve a conectar esta página en las opciones de Reopen.',
  'errors.invalid_parameter.explain': 'Meta rechazó el mensaje por no ser válido (por ejemplo, un destinatario desconocido o un campo que no acepta).',
  'errors.invalid_parameter.next': 'Revisa el mensaje y la conversación y vuelve a intentarlo; si sigue fallando, avisa a tu administrador.',
  'errors.tag_retired.explain': 'Esta etiqueta de mensaje ya no existe: Meta rechaza cualquier mensaje enviado con ella.',
  'errors.tag_retired.next': 'Meta retiró esta etiqueta el 27 de abril de 2026. Usa en su lugar un mensaje de utilidad con una plantilla aprobada.',
  'errors.no_matching_user.explain': 'Meta no encontró ningún cliente con este identificador para esta página.',
  'errors.no_matching_user.next': 'Vuelve a abrir la conversación para que Reopen encuentre al cliente correcto, o elige el cliente a mano.',
  'errors.not_thread_owner.explain': 'Otra aplicación controla ahora esta conversación, así que Meta no aceptó un mensaje de Reopen.',
  'errors.not_thread_owner.next': 'Responde desde el propio Business Suite, o pide a un administrador que devuelva el control de la conversación.',
  'errors.token_invalid.explain': 'El token de acceso de esta página ya no es válido (caducó, se revocó o cambió la contraseña).',
  'errors.token_invalid.next': 'Vuelve a conectar esta página en las opciones de Reopen.',
  'errors.needs_app_review.explain': 'La aplicación de Meta que usa Reopen no puede escribir a esta persona hasta que Meta apruebe su permiso de mensajería.',
  'errors.needs_app_review.next': 'Pide a tu administrador que complete la revisión de la aplicación de Meta para pages_messaging.',
  'errors.person_unavailable.explain': 'Esta persona no está disponible ahora: puede que haya bloqueado la página o desactivado su cuenta.',
  'errors.person_unavailable.next': 'No lo vuelvas a intentar. El cliente puede seguir escribiendo a la página si quiere.',
  'errors.not_receiving.explain': 'Esta persona no está recibiendo mensajes de esta página en este momento.',
  'errors.not_receiving.next': 'No lo vuelvas a intentar; espera a que el cliente escriba a la página.',
  'errors.rate_limited.explain': 'Meta está limitando cuántas solicitudes puede hacer esta página en este momento.',
  'errors.rate_limited.next': 'Espera unos minutos y vuelve a intentarlo.',
  'errors.tag_rate_abuse.explain': 'Meta indica que esta persona ha recibido demasiados mensajes etiquetados de la página.',
  'errors.tag_rate_abuse.next': 'Deja de escribir a esta persona con etiquetas. Espera a que el cliente vuelva a escribir.',
  'errors.app_rate_limited.explain': 'La aplicación de Meta que usa Reopen ha alcanzado su límite de solicitudes por ahora.',
  'errors.app_rate_limited.next': 'Espera unos minutos y vuelve a intentarlo. Si pasa a menudo, avisa a tu administrador.',
  'errors.transient.explain': 'Meta tuvo un problema temporal.',
  'errors.transient.next': 'Vuelve a intentarlo en un momento.',
  'errors.template_rejected.explain': 'Meta rechazó la plantilla de utilidad: no está aprobada, no existe o está en otro idioma.',
  'errors.template_rejected.next': 'Elige una plantilla aprobada en el idioma de la conversación, o pide a un administrador que la revise en Business Suite.',
  'errors.malformed_response.explain': 'No se pudo leer la respuesta de Meta. Tras un envío, Reopen no puede saber si el mensaje salió.',
  'errors.malformed_response.next': 'Reopen revisará la conversación; no lo envíes de nuevo hasta que diga que el mensaje no llegó.',
  'errors.maybe_processed.explain': 'Meta respondió con un error que no dice si el mensaje se entregó.',
  'errors.maybe_processed.next': 'Reopen revisará la conversación; no lo envíes de nuevo hasta que diga que el mensaje no llegó.',
  'errors.network_unknown.explain': 'La conexión con Meta falló antes de recibir respuesta. Tras un envío, Reopen no puede saber si el mensaje salió.',
  'errors.network_unknown.next': 'Reopen revisará la conversación; no lo envíes de nuevo hasta que diga que el mensaje no llegó.',
  'errors.timeout.explain': 'Meta no respondió a tiempo. Tras un envío, Reopen no puede saber si el mensaje salió.',
  'errors.timeout.next': 'Reopen revisará la conversación; no lo envíes de nuevo hasta que diga que el mensaje no llegó.',
  'errors.unknown_error.explain': 'Meta devolvió un error que Reopen no conoce.',
  'errors.unknown_error.next':
    'Vuelve a intentarlo más tarde. Si sigue pasando, envía a tu administrador el mensaje de Meta y el identificador de seguimiento que aparecen abajo.',
  // Conversaciones de Instagram (respuestas de Meta sobre Instagram, y lo que Reopen rechaza ahí antes de preguntar a Meta).
  'errors.instagram_window_closed.explain':
    'Meta rechazó el mensaje: en Instagram, pasadas 24 horas solo se permite una respuesta de agente humano, y solo hasta 7 días después del último mensaje del cliente.',
  'errors.instagram_window_closed.next': 'Ya no se puede enviar nada por la API de envío en Instagram. Espera a que el cliente vuelva a escribir.',
  'errors.instagram_permission_denied.explain':
    'Meta lo rechazó: la app de Reopen no puede enviar mensajes desde la cuenta de Instagram de esta página (le falta instagram_basic o instagram_manage_messages, o la página no está vinculada a la cuenta de Instagram).',
  'errors.instagram_permission_denied.next':
    'Pide a un administrador de la página que vincule la cuenta profesional de Instagram a esta página y que dé a la app instagram_basic e instagram_manage_messages; después vuelve a conectar la página en las opciones de Reopen.',
  'errors.instagram_not_linked.explain':
    'Esta página no tiene una cuenta profesional de Instagram vinculada, así que Meta no muestra conversaciones de Instagram para ella.',
  'errors.instagram_not_linked.next':
    'Pide a un administrador de la página que vincule la cuenta de Instagram en la configuración de Business Suite y vuelve a comprobarlo.',
  'errors.route_not_on_platform.explain': 'Meta no ofrece este tipo de mensaje en Instagram, así que Reopen no lo envió.',
  'errors.route_not_on_platform.next': 'En Instagram solo se puede responder como agente humano, hasta 7 días después del último mensaje del cliente.',
  'errors.read_failed.next': 'No se envió nada. Comprueba la conexión y vuelve a intentarlo.',
  // Tipos que produce el propio fondo de la extensión (no respuestas de Meta).
  'errors.page_not_connected.explain': 'Esta página no está conectada a Reopen, así que no se puede leer ni enviar nada para ella.',
  'errors.page_not_connected.next': 'Conecta la página en las opciones de Reopen con un token de acceso de la página.',
  'errors.page_managed.explain': 'Tu administrador configuró esta página en Reopen, así que no se puede cambiar aquí.',
  'errors.page_managed.next': 'Pídele a tu administrador que cambie su token.',
  // Rechazos de Conectar (lib/pages/connect-check.ts): qué es el token pegado y qué pegar en su lugar.
  'errors.connect_person_no_pages.explain':
    'Este es el token de acceso de una persona, no de una página, y Meta no muestra ninguna página que esa persona administre para la app de Reopen.',
  'errors.connect_person_no_pages.next':
    'Pega un token de acceso de la página, o el token de una persona que administre la página (su token necesita el permiso pages_show_list para mostrarla).',
  'errors.connect_app_token.explain':
    'Este es un token de acceso de app: pertenece a la app de Meta, no a una página, así que no puede leer ni enviar los mensajes de una página.',
  'errors.connect_app_token.next':
    'Pega un token de acceso de la página (en el Explorador de la API Graph: «Obtener token de acceso a la página»), o el token de una persona para elegir entre las páginas que administra.',
  'errors.connect_not_page_token.explain': 'Este token no pertenece a una página ni a una persona, así que Reopen no puede usarlo.',
  'errors.connect_not_page_token.next': 'Pega un token de acceso de la página, o el token de una persona para elegir entre las páginas que administra.',
  'errors.connect_token_expired.explain': 'Este token de acceso caducó.',
  'errors.connect_token_expired.next': 'Crea un token nuevo en tu app de Meta y pégalo aquí.',
  'errors.connect_token_invalid.explain':
    'Meta no acepta este token de acceso: está incompleto o mal copiado, se revocó, o su sesión terminó (la persona cerró sesión o cambió su contraseña).',
  'errors.connect_token_invalid.next': 'Vuelve a copiar el token completo desde tu app de Meta y pégalo aquí.',
  'errors.connect_cannot_message.explain':
    'Meta se negó a mostrar las conversaciones de esta página con este token: le falta el permiso pages_messaging, o la persona que lo creó no tiene la tarea MESSAGING en la página. Reopen no podría enviar con él.',
  'errors.connect_cannot_message.next':
    'Vuelve a crear el token con el permiso pages_messaging (y pages_manage_metadata, pages_read_engagement), como una persona que tenga la tarea MESSAGING en esta página; después pégalo aquí.',
  'errors.connect_no_messaging_task.explain': 'Esta persona no tiene la tarea MESSAGING en esta página, así que su token no puede enviar sus mensajes.',
  'errors.connect_no_messaging_task.next':
    'Pide a un administrador de la página que le dé la tarea MESSAGING (Business Suite → Configuración → Personas), o usa el token de alguien que la tenga.',
  'errors.connect_not_offered.explain': 'Meta no incluye esta página entre las que administra esta persona.',
  'errors.connect_not_offered.next': 'Vuelve a pegar el token de la persona y elige de la lista.',
  'errors.connect_unreadable.explain': 'No se pudo leer la respuesta de Meta sobre este token, así que no se conectó nada.',
  'errors.connect_unreadable.next': 'Vuelve a intentarlo en un momento. Si sigue pasando, avisa a tu administrador.',
  'errors.connect_unreachable.explain': 'Reopen no pudo contactar con Meta para comprobar este token, así que no se conectó nada.',
  'errors.connect_unreachable.next': 'Comprueba la conexión y vuelve a intentarlo.',
  'errors.storage_full.explain': 'El almacenamiento de Reopen en este navegador está lleno: no pudo registrar antes esta reactivación y por eso no envió nada.',
  'errors.storage_full.next':
    'Reduce «Conservar el historial (días)» en las opciones de Reopen (los registros antiguos se borran en un día) o avisa a tu administrador; después vuelve a intentarlo.',
  'errors.record_damaged.explain':
    'El registro guardado de este intento estaba dañado, así que cuenta como posiblemente enviado y la espera de 24 horas sigue vigente.',
  'errors.record_damaged.next': 'Revisa la conversación en Business Suite antes de volver a intentarlo: puede que el mensaje se haya enviado.',
} satisfies Record<keyof typeof en, string>;
