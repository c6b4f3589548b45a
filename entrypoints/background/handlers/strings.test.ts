// @vitest-environment node
import { describe, expect, test } from 'vitest';
import enBanner from '../../../locales/en/banner';
import enCommon from '../../../locales/en/common';
import enErrors from '../../../locales/en/errors';
import enPanel from '../../../locales/en/panel';
import enPolicy from '../../../locales/en/policy';
import enRoutes from '../../../locales/en/routes';
import enRows from '../../../locales/en/rows';
import esBanner from '../../../locales/es/banner';
import esCommon from '../../../locales/es/common';
import esErrors from '../../../locales/es/errors';
import esPanel from '../../../locales/es/panel';
import esPolicy from '../../../locales/es/policy';
import esRoutes from '../../../locales/es/routes';
import esRows from '../../../locales/es/rows';
import { createMessageHandler } from '../../../lib/messaging/router';
import { EXTENSION_ORIGIN, INBOX_TAB } from '../../../tests/support/background';
import { stringsHandlers } from './strings';
import type { HandlerMap } from '../../../lib/messaging/router';

// ui.strings: the content script's only source of words. It must get every word the banner and the panel
// show, in the agent's language, and nothing of the popup or the options page.

const INBOX_AREAS = {
  en: { ...enCommon, ...enPolicy, ...enRoutes, ...enErrors, ...enBanner, ...enPanel, ...enRows },
  es: { ...esCommon, ...esPolicy, ...esRoutes, ...esErrors, ...esBanner, ...esPanel, ...esRows },
};

const ask = stringsHandlers()['ui.strings'];

describe('ui.strings', () => {
  test.each(['en', 'es'] as const)('%s: exactly the inbox areas, in that language', async (locale) => {
    const answer = await ask({ type: 'ui.strings', locale });
    expect(answer.locale).toBe(locale);
    expect(answer.strings).toEqual(INBOX_AREAS[locale]);
  });

  test('nothing of the popup or the options page travels to the inbox', async () => {
    for (const locale of ['en', 'es'] as const) {
      const keys = Object.keys((await ask({ type: 'ui.strings', locale })).strings);
      expect(keys.filter((key) => !/^(common|policy|route|errors|banner|panel|rows)\./.test(key))).toEqual([]);
    }
  });

  test('one language per answer: the Spanish answer holds no English word of the banner', async () => {
    const es = (await ask({ type: 'ui.strings', locale: 'es' })).strings;
    expect(es['common.retry']).toBe('Reintentar');
    expect(es['banner.open']).toBe('Ventana abierta: se cierra en {left}');
    expect(Object.values(es)).not.toContain(enBanner['banner.open']);
  });
});

describe('ui.strings through the router', () => {
  const handle = createMessageHandler(stringsHandlers() as HandlerMap, { extensionId: 'test-extension-id', extensionOrigin: EXTENSION_ORIGIN });

  test('the inbox content script may ask for them', async () => {
    const reply = await handle({ type: 'ui.strings', locale: 'es' }, INBOX_TAB);
    expect(reply).toMatchObject({ ok: true, value: { locale: 'es', strings: { 'common.retry': 'Reintentar' } } });
  });

  test.each([['fr'], ['browser'], ['es-AR'], [undefined], [7]])('a locale %s is refused by the schema', async (locale) => {
    const reply = await handle({ type: 'ui.strings', locale }, INBOX_TAB);
    expect(reply).toMatchObject({ ok: false, error: { code: 'invalid_message' } });
  });
});
