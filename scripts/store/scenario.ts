import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { parseScenario, type ParsedScenario, type Scenario } from '../../tests/sandbox/simulator';
import type { StoredAttempt, ThreadRecord } from '../../lib/storage/schema';

// What the store screenshots show: the demo's "Acme Store" (tests/sandbox/scenarios/demo.json, 12 Messenger
// conversations in every window state) with its Instagram account linked and four Instagram Direct conversations,
// and 30 days of reactivations written into the extension's storage as an agent's month would have left them, so the
// dashboard's chart and reply rates are not empty. Times are relative to the run, like the demo's.

const DEMO = 'tests/sandbox/scenarios/demo.json';
const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;

/** Instagram Direct conversations: usernames as Business Suite shows them, 39-digit Business Suite ids (never IGSIDs). */
const INSTAGRAM: Scenario['conversations'] = [
  {
    id: 't_store_ig_closing',
    pageId: '104857600000001',
    psid: '17850000000000101',
    customerName: 'lena.makes',
    username: 'lena.makes',
    selectedItemId: '340282366841710301244276034609267620101',
    platform: 'instagram',
    messages: [
      { from: 'customer', text: 'Hi! Is the linen shirt still available in XS?', ageMinutes: 1392 },
      { from: 'page', text: 'Let me check the stock for you.', ageMinutes: 1390 },
      { from: 'customer', text: 'Thank you! I need it for Saturday.', ageMinutes: 1386 },
    ],
  },
  {
    id: 't_store_ig_human',
    pageId: '104857600000001',
    psid: '17850000000000102',
    customerName: 'tomasz.rides',
    username: 'tomasz.rides',
    selectedItemId: '340282366841710301244276034609267620102',
    platform: 'instagram',
    messages: [
      { from: 'customer', text: 'Do the panniers fit a 28 inch bike?', ageMinutes: 3010 },
      { from: 'page', text: 'I will ask our workshop and come back to you.', ageMinutes: 3000 },
    ],
  },
  {
    id: 't_store_ig_open',
    pageId: '104857600000001',
    psid: '17850000000000103',
    customerName: 'sara.k.studio',
    username: 'sara.k.studio',
    selectedItemId: '340282366841710301244276034609267620103',
    platform: 'instagram',
    messages: [{ from: 'customer', text: 'Love the new autumn collection!', ageMinutes: 300 }],
  },
  {
    id: 't_store_ig_closed',
    pageId: '104857600000001',
    psid: '17850000000000104',
    customerName: 'jun.outdoors',
    username: 'jun.outdoors',
    selectedItemId: '340282366841710301244276034609267620104',
    platform: 'instagram',
    messages: [{ from: 'customer', text: 'Is the trail jacket waterproof?', ageMinutes: 12_100 }],
  },
];

/** The customers' and the Page's English messages as the Spanish screenshots show them (the demo's Spanish-speaking
 *  customers already write in Spanish). */
const SPANISH: Record<string, string> = {
  'Is my order #4411 on its way?': '¿Mi pedido #4411 ya está en camino?',
  "I'd like to change the delivery address.": 'Quería cambiar la dirección de entrega.',
  'Sure, which address?': 'Claro, ¿qué dirección?',
  'The zipper broke after one week.': 'La cremallera se rompió a la semana.',
  'Sorry to hear that, checking with the warehouse.': 'Lo sentimos, lo consultamos con el almacén.',
  'Any update on my refund?': '¿Hay novedades de mi reembolso?',
  'I never received the invoice.': 'Nunca recibí la factura.',
  'Here is your invoice again, sorry for the delay.': 'Aquí tienes de nuevo la factura, perdona el retraso.',
  'Thanks, all good!': '¡Gracias, todo bien!',
  'Glad to help!': '¡Un placer ayudarte!',
  'Do you have gift cards?': '¿Tenéis tarjetas regalo?',
  'Please call me back about the repair.': '¿Me podéis llamar por lo de la reparación?',
  'Hi! Do you ship to Valencia?': '¡Hola! ¿Enviáis a Valencia?',
  'Yes, we ship everywhere in Spain.': 'Sí, enviamos a toda España.',
  'How long does it take?': '¿Cuánto tarda?',
  'Usually 2–3 working days.': 'Normalmente 2–3 días laborables.',
  'Great, and returns?': 'Genial, ¿y las devoluciones?',
  'Free returns within 30 days.': 'Devoluciones gratis durante 30 días.',
  'Hi! Is the linen shirt still available in XS?': '¡Hola! ¿Sigue disponible la camisa de lino en XS?',
  'Let me check the stock for you.': 'Te miro el stock ahora mismo.',
  'Thank you! I need it for Saturday.': '¡Gracias! La necesito para el sábado.',
  'Do the panniers fit a 28 inch bike?': '¿Las alforjas valen para una bici de 28 pulgadas?',
  'I will ask our workshop and come back to you.': 'Lo pregunto en el taller y te digo.',
  'Love the new autumn collection!': '¡Me encanta la nueva colección de otoño!',
  'Is the trail jacket waterproof?': '¿La chaqueta de trail es impermeable?',
};

/** The demo scenario with the Page's Instagram account and its Instagram conversations, its messages in the
 *  screenshots' language. */
export function storeScenario(root: string, lang: 'en' | 'es'): ParsedScenario {
  const demo = JSON.parse(readFileSync(resolve(root, DEMO), 'utf8')) as Scenario;
  const say = (text: string) => (lang === 'es' ? (SPANISH[text] ?? text) : text);
  return parseScenario({
    ...demo,
    pages: demo.pages.map((page, index) => (index === 0 ? { ...page, instagram: { id: '17841400000000001', username: 'acme.store' } } : page)),
    conversations: [...demo.conversations, ...INSTAGRAM].map((conversation) => ({
      ...conversation,
      messages: conversation.messages.map((message) => ({ ...message, text: say(message.text) })),
    })),
  });
}

/** The conversations the screenshots open (Business Suite's ids come from the scenario). */
export const SHOWN = {
  /** lena.makes wrote on Instagram 23 h 6 min ago: open, closing within the hour. */
  instagramClosing: 't_store_ig_closing',
  /** Carlos Ruiz wrote on Messenger 2 days ago: human_agent, HUMAN_AGENT recommended. */
  messengerExpired: 't_10160000000000011',
} as const;

// ---------------------------------------------------------------------------------------------------------
// 30 days of history
// ---------------------------------------------------------------------------------------------------------

const HISTORY_NAMES = [
  'Isabel Navarro',
  'Daniel Weber',
  'Chloé Martin',
  'Javier Molina',
  'Priya Shah',
  'Lucas Moreau',
  'Elena Castro',
  'Owen Hughes',
  'Marta Vidal',
  'Andrés Gómez',
  'Hannah Fischer',
  'Diego Herrera',
  'Grace Kim',
  'Paula Serrano',
  'Noah Bennett',
  'Valentina Ríos',
  'Samuel Ortiz',
  'Ines Lopes',
  'Oliver Grant',
  'Carmen Delgado',
  'Leo Novak',
  'Rocío Campos',
];

/** Small deterministic generator, so every run draws the same month. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const hex = (random: () => number, length: number) =>
  Array.from({ length }, () =>
    Math.floor(random() * 16)
      .toString(16)
      .toLowerCase(),
  ).join('');

/**
 * Thread records with the reactivations of the last 30 days, about one case a day: mostly a HUMAN_AGENT reply (about
 * two in three answered by the customer, some followed by a feedback survey a day or two after the answer), some
 * utility messages after 7 days, a few refusals from Meta and a refused click. Each customer had written 1 to 6 days
 * before a tagged send, more than 7 days before a utility message; a reply is a customer message after the send.
 * None of these customers is a conversation of the simulator: they are the Page's past, read from storage only (the
 * dashboard's figures, failures, routes and reply rates, the chart, and the audit export).
 */
export function historyRecords(pageId: string, now: number): ThreadRecord[] {
  const random = generator(20261203);
  const records: ThreadRecord[] = [];
  const requestId = () => `${hex(random, 8)}-${hex(random, 4)}-4${hex(random, 3)}-8${hex(random, 3)}-${hex(random, 12)}`;
  const sent = (at: number, route: StoredAttempt['route']): StoredAttempt => ({
    requestId: requestId(),
    at,
    route,
    status: 'sent',
    contentKind: route === 'UTILITY' ? 'utility' : route === 'CUSTOMER_FEEDBACK' ? 'feedback' : 'text',
    textDigest: hex(random, 64),
    messageId: `m_${hex(random, 22)}`,
    settledAt: at + 400,
    postedAt: at + 150,
  });
  for (let daysAgo = 29; daysAgo >= 0; daysAgo--) {
    // No case on a few days, two on some: about 27 in the month; today's one in the morning.
    const cases = daysAgo === 0 ? 1 : random() < 0.2 ? 0 : random() < 0.25 ? 2 : 1;
    for (let index = 0; index < cases; index++) {
      const at = now - daysAgo * DAY - (daysAgo === 0 ? 2 * HOUR : Math.floor(random() * 9 * HOUR));
      const roll = random();
      const route: StoredAttempt['route'] = roll < 0.72 ? 'HUMAN_AGENT' : roll < 0.86 ? 'UTILITY' : 'CUSTOMER_FEEDBACK';
      const outcome = random();
      let attempt = sent(at, route);
      if (outcome > 0.9) {
        const { messageId: _messageId, postedAt: _postedAt, ...base } = attempt;
        attempt =
          random() < 0.6
            ? {
                ...base,
                status: 'failed',
                error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278, metaMessage: 'This message is sent outside of allowed window.' },
              }
            : {
                ...base,
                status: 'failed',
                error: { kind: 'rate_limited', retryable: true, code: 613, metaMessage: 'Calls to this api have exceeded the rate limit.' },
              };
      } else if (outcome > 0.86) {
        const { messageId: _messageId, postedAt: _postedAt, settledAt: _settledAt, ...base } = attempt;
        attempt = { ...base, status: 'blocked', reason: 'cooldown' };
      }
      const customerWrote = route === 'UTILITY' ? at - (8 + Math.floor(random() * 10)) * DAY : at - Math.floor((1 + random() * 5) * DAY);
      const attempts = [attempt];
      if (attempt.status === 'blocked') attempts.unshift(sent(at - Math.floor((2 + random() * 18) * HOUR), route));
      const replied = attempt.status !== 'failed' && at < now - 3 * HOUR && random() < (route === 'HUMAN_AGENT' ? 0.66 : 0.4);
      const customerLast = replied ? Math.min(now - 30 * MINUTE, at + (20 + Math.floor(random() * 600)) * MINUTE) : customerWrote;
      // After an answer, sometimes a feedback survey once the conversation has gone quiet for a day or two.
      const survey = replied && route === 'HUMAN_AGENT' && random() < 0.35 ? customerLast + Math.floor((26 + random() * 30) * HOUR) : null;
      if (survey !== null && survey < now - HOUR) attempts.push(sent(survey, 'CUSTOMER_FEEDBACK'));
      const last = attempts.at(-1)!.at;
      const number = String(500 + records.length).padStart(6, '0');
      records.push({
        pageId,
        psid: `24601000000${number}`,
        customerName: HISTORY_NAMES[records.length % HISTORY_NAMES.length]!,
        selectedItemId: null,
        conversationId: `t_24601000000${number}`,
        facts: {
          customerLastMessageAt: customerLast,
          pageLastMessageAt: Math.max(last, customerLast + 4 * MINUTE),
          checkedAt: Math.min(now, Math.max(last, customerLast) + HOUR),
        },
        attempts,
        updatedAt: Math.min(now, Math.max(last, customerLast) + HOUR),
      });
    }
  }
  return records;
}

/** Writes the history into the extension's storage from one of its pages (its origin's chrome.storage.local). */
export async function seedHistory(extensionPage: Page, pageId: string, now = Date.now()): Promise<number> {
  const records = historyRecords(pageId, now);
  const items = Object.fromEntries(records.map((record) => [`thread:${record.pageId}:${record.psid}`, record]));
  await extensionPage.evaluate(async (values) => {
    const { chrome } = globalThis as unknown as { chrome: { storage: { local: { set(items: Record<string, unknown>): Promise<void> } } } };
    await chrome.storage.local.set(values);
  }, items);
  return records.length;
}
