import type { RouteId, TagId } from './types';
import { HUMAN_AGENT_LIMIT_MS } from './window';

// Meta's routes to an expired conversation, as dated data: when Meta changes a tag, one entry
// changes here and every view (panel, banner, popup) follows. Sources: DESIGN.md §1 and
// reference/meta-messenger.md §1, §2, §9.

/** Meta retired ACCOUNT_UPDATE, CONFIRMED_EVENT_UPDATE and POST_PURCHASE_UPDATE at this instant (error 100 since). */
export const TAG_RETIREMENT_AT = Date.parse('2026-04-27T00:00:00Z');

type Localized<T> = { en: T; es: T };

export interface RouteDefinition {
  id: RouteId;
  /** The `tag` of a MESSAGE_TAG send; null for utility messages, which carry no tag. */
  tag: TagId | null;
  messagingType: 'MESSAGE_TAG' | 'UTILITY';
  /** What the agent composes for this route. */
  content: 'text' | 'feedback' | 'utility';
  /** How long after the customer's last message the route may be used; null = no documented limit. */
  limitMs: number | null;
  /** When Meta stopped accepting the route; null while active. */
  retiredOn: number | null;
  /** What to use instead once retired. */
  replacement: RouteId | null;
  /** What the route is for, in an agent's words. */
  uses: Localized<string[]>;
  /** What must never be sent with it. */
  notAllowed: Localized<string[]>;
  /** A precondition on the Meta app or Page that the agent cannot check from the inbox. */
  requirement: Localized<string> | null;
}

const NO_PROMOTIONS = {
  en: 'Promotions of any kind: discounts, coupons, offers, sales',
  es: 'Promociones de cualquier tipo: descuentos, cupones, ofertas, rebajas',
};

/** In display order. */
/** A tag Meta retired on TAG_RETIREMENT_AT: free text with no time limit before that date; utility messages
 *  replace it. Only its uses differ from one retired tag to the next. */
function retiredTag(id: 'ACCOUNT_UPDATE' | 'CONFIRMED_EVENT_UPDATE' | 'POST_PURCHASE_UPDATE', texts: Pick<RouteDefinition, 'uses' | 'notAllowed'>): RouteDefinition {
  return {
    id,
    tag: id,
    messagingType: 'MESSAGE_TAG',
    content: 'text',
    limitMs: null,
    retiredOn: TAG_RETIREMENT_AT,
    replacement: 'UTILITY',
    ...texts,
    requirement: null,
  };
}

export const ROUTES: readonly RouteDefinition[] = [
  {
    id: 'HUMAN_AGENT',
    tag: 'HUMAN_AGENT',
    messagingType: 'MESSAGE_TAG',
    content: 'text',
    limitMs: HUMAN_AGENT_LIMIT_MS,
    retiredOn: null,
    replacement: null,
    uses: {
      en: [
        "Your own answer, as a person, to the customer's open question or issue",
        'Following up on a problem you could not solve within 24 hours (refund, order, booking, support case)',
      ],
      es: [
        'Tu propia respuesta, como persona, a la consulta o el problema pendiente del cliente',
        'El seguimiento de un problema que no se pudo resolver en 24 horas (reembolso, pedido, reserva, caso de soporte)',
      ],
    },
    notAllowed: {
      en: ['Automated, scheduled or bulk messages', 'Anything unrelated to what the customer asked about', NO_PROMOTIONS.en],
      es: [
        'Mensajes automáticos, programados o masivos',
        'Cualquier tema que no tenga que ver con lo que consultó el cliente',
        NO_PROMOTIONS.es,
      ],
    },
    requirement: {
      en: "The Meta app that sends the message needs the Human Agent permission (granted through Meta's app review).",
      es: 'La app de Meta que envía el mensaje necesita el permiso Human Agent (se obtiene con la revisión de apps de Meta).',
    },
  },
  {
    id: 'CUSTOMER_FEEDBACK',
    tag: 'CUSTOMER_FEEDBACK',
    messagingType: 'MESSAGE_TAG',
    content: 'feedback',
    limitMs: HUMAN_AGENT_LIMIT_MS,
    retiredOn: null,
    replacement: null,
    uses: {
      en: ["Asking the customer to rate their experience, with Messenger's customer-feedback survey (CSAT, NPS or CES)"],
      es: ['Pedirle al cliente que califique su experiencia, con la encuesta de satisfacción de Messenger (CSAT, NPS o CES)'],
    },
    notAllowed: {
      en: [
        'Any other content: plain text, images or links (Meta rejects it)',
        "Questions unrelated to the customer's experience with your business",
        NO_PROMOTIONS.en,
      ],
      es: [
        'Cualquier otro contenido: texto libre, imágenes o enlaces (Meta lo rechaza)',
        'Preguntas que no tengan que ver con la experiencia del cliente con tu negocio',
        NO_PROMOTIONS.es,
      ],
    },
    requirement: null,
  },
  {
    id: 'UTILITY',
    tag: null,
    messagingType: 'UTILITY',
    content: 'utility',
    limitMs: null,
    retiredOn: null,
    replacement: null,
    uses: {
      en: [
        "An update the customer expects about an order, account, booking or event, from one of the Page's approved utility templates",
      ],
      es: [
        'Un aviso que el cliente espera sobre un pedido, una cuenta, una reserva o un evento, con una de las plantillas de utilidad aprobadas de la página',
      ],
    },
    notAllowed: {
      en: [
        'Free text: only an approved template, with its blanks filled in',
        'Marketing or win-back messages ("we miss you", new products)',
        NO_PROMOTIONS.en,
      ],
      es: [
        'Texto libre: solo una plantilla aprobada, con sus campos completados',
        'Mensajes de marketing o para recuperar clientes ("te extrañamos", productos nuevos)',
        NO_PROMOTIONS.es,
      ],
    },
    requirement: {
      en: 'The Meta app needs the pages_utility_messaging permission, and the Page an approved utility template in the customer\'s language.',
      es: 'La app de Meta necesita el permiso pages_utility_messaging, y la página, una plantilla de utilidad aprobada en el idioma del cliente.',
    },
  },
  retiredTag('ACCOUNT_UPDATE', {
    uses: {
      en: [
        "A change in the status of the customer's application or account",
        'An alert about fraud or suspicious activity on the account',
      ],
      es: [
        'Un cambio en el estado de la solicitud o la cuenta del cliente',
        'Una alerta de fraude o de actividad sospechosa en la cuenta',
      ],
    },
    notAllowed: {
      en: ['Recurring content such as statements or bill reminders', 'Surveys or questions unrelated to the account', NO_PROMOTIONS.en],
      es: [
        'Contenido periódico, como estados de cuenta o recordatorios de pago',
        'Encuestas o preguntas que no tengan que ver con la cuenta',
        NO_PROMOTIONS.es,
      ],
    },
  }),
  retiredTag('CONFIRMED_EVENT_UPDATE', {
    uses: {
      en: ['A reminder or change (time, place, cancellation, tickets) for an event the customer registered for'],
      es: ['Un recordatorio o un cambio (horario, lugar, cancelación, entradas) de un evento en el que el cliente se inscribió'],
    },
    notAllowed: {
      en: ['Promoting other, upcoming or past events', NO_PROMOTIONS.en],
      es: ['Promocionar otros eventos, próximos o pasados', NO_PROMOTIONS.es],
    },
  }),
  retiredTag('POST_PURCHASE_UPDATE', {
    uses: {
      en: [
        'A receipt, or an update on shipping, delivery or the status of an order',
        'An action the customer must take on an order (payment declined, address missing)',
      ],
      es: [
        'Un comprobante, o una novedad sobre el envío, la entrega o el estado de un pedido',
        'Una acción que el cliente debe realizar sobre un pedido (pago rechazado, falta la dirección)',
      ],
    },
    notAllowed: {
      en: ['Cross-selling, upselling or product recommendations', NO_PROMOTIONS.en],
      es: ['Ventas cruzadas, ofrecer productos de mayor valor o recomendaciones de productos', NO_PROMOTIONS.es],
    },
  }),
];

/** The catalog entry of a route. Throws on an id that is not in the catalog (a programming error). */
export function routeById(id: RouteId): RouteDefinition {
  const route = ROUTES.find((candidate) => candidate.id === id);
  if (!route) throw new Error(`Unknown reopen route: ${String(id)}`);
  return route;
}
