// Business Suite's own words that Reopen reads as data (STYLE item 14): what a generic title looks like, which
// words mark a profile link or a sidebar section. Lower case without accents (compared through normalizeText).
// English and Spanish at least; a new language is a new line here, never an `if` in a reader. Each list says
// where its wording was seen: the live-inbox evidence (reference/meta-messenger.md §7, §7a) or a fixture.

/** Lower case, no accents, single spaces: "Responder en Messenger…" and "responder en messenger..." compare equal. */
export function normalizeText(text: string | null | undefined): string {
  return (text ?? '')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Section titles of the contact-details sidebar (§7a: `heading [level=3]` sections). */
export const CONTACT_SECTION_TITLES: readonly string[] = [
  'contact details',
  'detalles del contacto',
  'contact info',
  'informacion de contacto',
  'datos de contacto',
];

/** Any sidebar section title: finding one of them finds the sidebar. */
export const SIDEBAR_SECTION_TITLES: readonly string[] = [...CONTACT_SECTION_TITLES, 'labels', 'etiquetas', 'notes', 'notas'];

/** The wording of a link to the customer's profile (§7: "customer name near View profile"). */
export const VIEW_PROFILE_WORDS: readonly string[] = ['view profile', 'ver perfil'];

/** The header's assignment control (§7: "header contains Assigned to"). */
export const ASSIGNED_WORDS: readonly string[] = ['assigned to', 'asignado a', 'asignada a'];

/** The reply box's wording (§7: `aria-placeholder` containing "Messenger" or "Reply"). */
export const REPLY_WORDS: readonly string[] = ['reply', 'responder', 'responde', 'respuesta', 'messenger'];

export const SEND_WORDS: readonly string[] = ['send', 'enviar'];

/** What the message list shows beside the messages that is no message: delivery marks and who wrote
 *  (messenger-en.html, suite-2026-es.html; the pane fixtures of tests/fixtures/inbox/pane-*.html). */
export const PANE_STATUS_WORDS: readonly string[] = [
  'seen',
  'visto',
  'sent',
  'enviado',
  'delivered',
  'entregado',
  'read',
  'leido',
  'you sent',
  'enviaste',
  'you',
  'tu',
];

/** Labels of the conversation list (messenger-en.html, messenger-es.html; §7a: `div[aria-label="Inbox"]`). */
export const THREAD_LIST_WORDS: readonly string[] = ['conversations', 'conversaciones', 'chats', 'messages', 'mensajes', 'inbox', 'bandeja de entrada'];

/** Titles that name a place in Business Suite, never a customer: a heading showing one of them is not a name.
 *  §7a: the pane shows the mailbox title ("Inbox") right after a direct navigation; the sidebar's sections are
 *  headed "Contact details", labels, notes. The platform names head the list column (messenger-en.html). */
export const GENERIC_TITLES: readonly string[] = [
  // mailbox and folder names
  ...THREAD_LIST_WORDS,
  'all messages',
  'todos los mensajes',
  'unread',
  'no leidos',
  'done',
  'finalizados',
  'spam',
  'follow up',
  'seguimiento',
  // sidebar section titles
  ...SIDEBAR_SECTION_TITLES,
  'activity',
  'actividad',
  'about',
  'informacion',
  'orders',
  'pedidos',
  // platforms and the product itself
  'messenger',
  'instagram',
  'facebook',
  'whatsapp',
  'meta business suite',
  'business suite',
  // the header's own controls when read as text
  ...VIEW_PROFILE_WORDS,
  ...ASSIGNED_WORDS,
  'unassigned',
  'sin asignar',
];

/** Hosts whose links are a person's profile (the header's profile link, §7). */
export const PROFILE_HOSTS = /^(www\.|m\.)?(facebook|instagram)\.com$/;

/** A relative time token (§7a: "2h", "Nov 12", "Today"), in English and Spanish: never a name, anywhere. */
export const TIME_TOKENS: readonly RegExp[] = [
  /^\d{1,3} ?(s|m|min|mins|h|hr|hrs|d|w|sem|a|y)$/,
  /^\d{1,2}:\d{2}( ?[ap]\.? ?m\.?)?$/,
  /^(today|yesterday|now|just now|hoy|ayer|ahora)$/,
  /^[a-z]{3,10}\.? \d{1,2}(, \d{4})?$/,
  /^\d{1,2} (de )?[a-z]{3,10}\.?( (de )?\d{4})?$/,
];

/** A card's weekday token (§7a: "Mon"). Only skipped inside a card: "Mar" and "Dom" are also people's names,
 *  so a heading or a link that says them is still read as a name. */
export const WEEKDAY_TOKENS: readonly RegExp[] = [
  /^(mon|tue|wed|thu|fri|sat|sun|lun|mar|mie|jue|vie|sab|dom)\.?$/,
  /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|lunes|martes|miercoles|jueves|viernes|sabado|domingo)$/,
];

// --- what the wording says about a text --------------------------------------------------------------------

// A name is short; longer text is a preview or a message.
const MAX_NAME_LENGTH = 80;

const matchesAny = (patterns: readonly RegExp[], text: string) => {
  const normalized = normalizeText(text);
  return patterns.some((pattern) => pattern.test(normalized));
};

/** `read` with its answers kept per text (at most 1000): a list re-render shows the same names and times again. */
export function memo<T>(read: (text: string) => T): (text: string) => T {
  const known = new Map<string, T>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) {
      if (known.size >= 1000) known.clear();
      known.set(text, (value = read(text)));
    }
    return value;
  };
}

export const isCardTimeToken = memo((text) => matchesAny(TIME_TOKENS, text) || matchesAny(WEEKDAY_TOKENS, text));

/** A title that names a place, not a person: generic wording (optionally with a count), a time token, no
 *  letters at all, or text too long to be a name. */
export function isGenericTitle(text: string): boolean {
  if (matchesAny(TIME_TOKENS, text)) return true;
  const normalized = normalizeText(text).replace(/\s*\(?\d+\)?$/, '');
  if (!normalized || !/\p{L}/u.test(normalized) || text.length > MAX_NAME_LENGTH) return true;
  return GENERIC_TITLES.includes(normalized);
}
