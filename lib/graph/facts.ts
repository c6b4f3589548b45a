import type { ConversationSummary } from './types';

// Meta writes instants as "2022-07-12T19:11:07+0000": an offset without a colon, which Date.parse
// is not required to accept. Parse it by hand so every engine reads the same instant.
const GRAPH_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})$/;

/** Epoch ms for a Graph timestamp ("…+0000", "…+00:00" or "…Z"); null when it is not one. */
export function parseGraphTime(value: string): number | null {
  const match = GRAPH_TIME.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match as unknown as string[];
  const ms = fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone!.replace(':', '');
    const sign = digits.startsWith('-') ? -1 : 1;
    offsetMinutes = sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  const [y, mo, d, h, mi, s] = fields;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC rolls 31 February over into March; a real Graph time never does.
  if (new Date(utc).getUTCDate() !== d) return null;
  return utc - offsetMinutes * 60_000;
}

export interface CustomerFacts {
  /** The customer's id: the PSID on Messenger, the IGSID on Instagram. */
  psid: string | null;
  /** The name Meta gives, else (Instagram) the username. */
  customerName: string | null;
  /** Instagram's username, when Meta gives one: Business Suite's header may show it instead of the name. */
  customerUsername: string | null;
  /** C: the customer's newest message in the conversation (the windows are measured from it). */
  customerLastMessageAt: number | null;
  /** The newest message sent from the Page's side (any agent, app or Business Suite). */
  pageLastMessageAt: number | null;
}

/**
 * The facts the window rules need, read from one conversation. The customer is whoever is not the Page;
 * `updated_time` is ignored on purpose: it moves on the Page's own messages too.
 */
export function customerFacts(conversation: ConversationSummary, pageId: string): CustomerFacts {
  const customer = conversation.participants.find((participant) => participant.id !== pageId) ?? null;
  let customerLastMessageAt: number | null = null;
  let pageLastMessageAt: number | null = null;
  let customerNameFromMessages: string | null = null;
  let customerIdFromMessages: string | null = null;
  // Meta lists newest first, but take the maximum so the answer never depends on that order.
  for (const message of conversation.messages) {
    if (message.fromId === pageId) {
      if (pageLastMessageAt === null || message.createdTime > pageLastMessageAt) pageLastMessageAt = message.createdTime;
    } else if (customerLastMessageAt === null || message.createdTime > customerLastMessageAt) {
      customerLastMessageAt = message.createdTime;
      customerIdFromMessages = message.fromId;
      customerNameFromMessages = message.fromName ?? customerNameFromMessages;
    }
  }
  // Participants normally name the customer; the messages are the fallback when Meta leaves them out.
  const psid = customer?.id ?? customerIdFromMessages;
  const customerUsername = customer?.username || null;
  const customerName = (customer?.name || null) ?? customerUsername ?? customerNameFromMessages;
  return { psid, customerName, customerUsername, customerLastMessageAt, pageLastMessageAt };
}
