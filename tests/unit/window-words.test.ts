import { describe, expect, test } from 'vitest';
import en from '../../locales/en';
import es from '../../locales/es';

// Words that stay true (issue 20; DESIGN reference §7c): Meta's 24-hour and 7-day windows bind messages sent through
// its Send API (Reopen's panel, any integration). Vendors report that Business Suite's own reply box is not bound by
// them (unconfirmed by Meta), so no string may say the inbox or its reply box is closed, and every string that says
// what can still reach a customer after the window names the Send API.

const catalogs = { en: en as Record<string, string>, es: es as Record<string, string> };

/** A claim that Business Suite's own inbox or reply box is closed, expired or unusable. */
const BOX_CLOSED = {
  en: [
    /\b(reply|message) box\b[^.:]*\b(closed|expired|locked|disabled|unavailable)\b/i,
    /\binbox\b[^.:]*\b(is|are) (closed|expired|locked)\b/i,
    /\b(can(?:no|')t|cannot|no longer) (reply|answer|write)\b[^.]*\b(Business Suite|inbox|reply box)\b/i,
  ],
  es: [
    /\bcuadro de (respuesta|mensajes)\b[^.:]*\b(cerrad[oa]|expirad[oa]|bloquead[oa]|desactivad[oa])\b/i,
    /\bbandeja\b[^.:]*\b(está|quedó) (cerrad|expirad|bloquead)/i,
    /\bno (puedes|se puede|podrás) (responder|contestar|escribir)\b[^.]*\b(Business Suite|bandeja|cuadro)\b/i,
  ],
} as const;

/** What reaches the customer after the window: true of the Send API only, so it must say so. */
const AFTER_WINDOW = {
  en: /\b(nothing (more )?can be sent|only a utility message|no tag, survey)\b/i,
  es: /\b(no se puede enviar nada|solo (le )?(puede )?llega[r]? un mensaje de utilidad|solo un mensaje de utilidad)\b/i,
} as const;
const SEND_API = { en: /\bSend API\b/, es: /\bAPI de envío\b/ } as const;
/** Not about the window: the panel's own Send (the Send API itself), a Page Meta restricted, an unconfirmed recipient. */
const NOT_ABOUT_THE_WINDOW = new Set(['panel.sendOff', 'panel.recipient.hint', 'policy.reason.page_blocked', 'policy.reason.page_blocked.until']);

describe.each(['en', 'es'] as const)('%s strings about expired and closed windows', (locale) => {
  const entries = Object.entries(catalogs[locale]);

  test('none says that Business Suite’s inbox or its reply box is closed', () => {
    const claims = entries.filter(([, text]) => BOX_CLOSED[locale].some((pattern) => pattern.test(text))).map(([key]) => key);
    expect(claims).toEqual([]);
  });

  test('what can still reach the customer after the window is said of the Send API', () => {
    const unqualified = entries
      .filter(([key, text]) => !NOT_ABOUT_THE_WINDOW.has(key) && AFTER_WINDOW[locale].test(text) && !SEND_API[locale].test(text))
      .map(([key]) => key);
    expect(unqualified).toEqual([]);
  });

  test('the banner and the panel each say that the limits are the Send API’s, not the reply box’s', () => {
    for (const key of ['banner.apiScope', 'panel.routes.scope']) {
      expect(catalogs[locale][key], key).toMatch(SEND_API[locale]);
      expect(catalogs[locale][key], key).toMatch(locale === 'en' ? /reply box may not be bound/ : /cuadro de respuesta .* puede no estar sujeto/);
    }
  });

  test('the patterns catch the claims they are for', () => {
    const samples = {
      en: ['The reply box is closed for this customer.', "You can't reply in Business Suite any more."],
      es: ['El cuadro de respuesta está cerrado para este cliente.', 'No puedes responder desde Business Suite.'],
    }[locale];
    for (const sample of samples)
      expect(
        BOX_CLOSED[locale].some((pattern) => pattern.test(sample)),
        sample,
      ).toBe(true);
    expect(AFTER_WINDOW[locale].test(locale === 'en' ? 'Only a utility message can reach them.' : 'Solo un mensaje de utilidad puede llegar.')).toBe(true);
  });
});
