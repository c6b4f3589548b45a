import type en from '../en/routes';

// Spanish route texts; must have exactly the keys of the English file.
export default {
  'route.HUMAN_AGENT.uses':
    'Tu propia respuesta, como persona, a la consulta o el problema pendiente del cliente\nEl seguimiento de un problema que no se pudo resolver en 24 horas (reembolso, pedido, reserva, caso de soporte)',
  'route.HUMAN_AGENT.notAllowed':
    'Mensajes automáticos, programados o masivos\nCualquier tema que no tenga que ver con lo que consultó el cliente\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
  'route.HUMAN_AGENT.requirement': 'La app de Meta que envía el mensaje necesita el permiso Human Agent (se obtiene con la revisión de apps de Meta).',
  'route.CUSTOMER_FEEDBACK.uses': 'Pedirle al cliente que califique su experiencia, con la encuesta de satisfacción de Messenger (CSAT, NPS o CES)',
  'route.CUSTOMER_FEEDBACK.notAllowed':
    'Cualquier otro contenido: texto libre, imágenes o enlaces (Meta lo rechaza)\nPreguntas que no tengan que ver con la experiencia del cliente con tu negocio\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
  'route.UTILITY.uses':
    'Un aviso que el cliente espera sobre un pedido, una cuenta, una reserva o un evento, con una de las plantillas de utilidad aprobadas de la página',
  'route.UTILITY.notAllowed':
    'Texto libre: solo una plantilla aprobada, con sus campos completados\nMensajes de marketing o para recuperar clientes ("te extrañamos", productos nuevos)\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
  'route.UTILITY.requirement':
    'La app de Meta necesita el permiso pages_utility_messaging, y la página, una plantilla de utilidad aprobada en el idioma del cliente.',
  'route.ACCOUNT_UPDATE.uses': 'Un cambio en el estado de la solicitud o la cuenta del cliente\nUna alerta de fraude o de actividad sospechosa en la cuenta',
  'route.ACCOUNT_UPDATE.notAllowed':
    'Contenido periódico, como estados de cuenta o recordatorios de pago\nEncuestas o preguntas que no tengan que ver con la cuenta\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
  'route.CONFIRMED_EVENT_UPDATE.uses': 'Un recordatorio o un cambio (horario, lugar, cancelación, entradas) de un evento en el que el cliente se inscribió',
  'route.CONFIRMED_EVENT_UPDATE.notAllowed':
    'Promocionar otros eventos, próximos o pasados\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
  'route.POST_PURCHASE_UPDATE.uses':
    'Un comprobante, o una novedad sobre el envío, la entrega o el estado de un pedido\nUna acción que el cliente debe realizar sobre un pedido (pago rechazado, falta la dirección)',
  'route.POST_PURCHASE_UPDATE.notAllowed':
    'Ventas cruzadas, ofrecer productos de mayor valor o recomendaciones de productos\nPromociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
} satisfies Record<keyof typeof en, string>;
