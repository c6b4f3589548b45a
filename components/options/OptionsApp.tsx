import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { resolveLocale, translator } from '../../lib/i18n';
import { ask } from '../../lib/messaging/client';
import type { PageView } from '../../lib/pages/service';
import type { SettingsView } from '../../lib/settings/schema';
import { downloadText } from '../popup/download';
import { NotifySetting, type NotificationPermissions } from './NotifySetting';
import { Pages, type ConnectResult } from './Pages';
import { SettingsForm } from './SettingsForm';
import { SettingsTransfer } from './SettingsTransfer';
import { errorDetail } from '../error-detail';

export interface OptionsAppProps {
  timeZone?: string;
  browserLanguage?: string;
  /** The browser's permissions API (default: browser.permissions; null: none); the notification switch asks it. */
  permissions?: NotificationPermissions | null;
}

type Load = { status: 'loading' } | { status: 'ready'; pages: PageView[]; settings: SettingsView } | { status: 'failed'; detail: string };

/** The options page's container: every change goes through the background, which owns storage and tokens. */
export function OptionsApp({ timeZone, browserLanguage, permissions = (browser.permissions as NotificationPermissions | undefined) ?? null }: OptionsAppProps) {
  const [load, setLoad] = useState<Load>({ status: 'loading' });

  useEffect(() => {
    Promise.all([ask({ type: 'pages.list' }), ask({ type: 'settings.get' })])
      .then(([pagesReply, settings]) => setLoad({ status: 'ready', pages: pagesReply.pages, settings }))
      .catch((error) => setLoad({ status: 'failed', detail: errorDetail(error) }));
  }, []);

  const locale = resolveLocale(
    load.status === 'ready' ? load.settings.language : 'browser',
    browserLanguage ?? globalThis.navigator?.language,
  );
  const t = translator(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = t('options.title');
  }, [locale]);

  const update = (patch: Partial<{ pages: PageView[]; settings: SettingsView }>) =>
    setLoad((current) => (current.status === 'ready' ? { ...current, ...patch } : current));

  const refreshPages = async () => update({ pages: (await ask({ type: 'pages.list' })).pages });

  return (
    <main class="options" lang={locale} data-testid="options" data-state={load.status}>
      <h1>{t('options.title')}</h1>
      {load.status === 'loading' && <p class="muted">{t('common.loading')}</p>}
      {load.status === 'failed' && <p role="alert">{t('options.loadFailed', { detail: load.detail })}</p>}
      {load.status === 'ready' && (
        <>
          <Pages
            pages={load.pages}
            locale={locale}
            timeZone={timeZone}
            onConnect={async (token): Promise<ConnectResult> => {
              try {
                const result = await ask({ type: 'pages.connect', token });
                if ('page' in result) await refreshPages().catch(() => undefined);
                return result;
              } catch (error) {
                return { error: { kind: 'unknown_error', retryable: true, metaMessage: errorDetail(error) } };
              }
            }}
            onDisconnect={async (pageId) => {
              update({ pages: (await ask({ type: 'pages.disconnect', pageId })).pages });
            }}
          />
          <SettingsForm
            settings={load.settings}
            locale={locale}
            onSave={async (patch) => {
              const settings = await ask({ type: 'settings.set', patch });
              update({ settings });
              return settings;
            }}
          />
          <NotifySetting
            settings={load.settings}
            locale={locale}
            permissions={permissions}
            // Saved on its own, without replacing the settings the form shows (that would drop the form's unsaved edits).
            onSave={(patch) => ask({ type: 'settings.set', patch })}
          />
          <SettingsTransfer
            locale={locale}
            onExport={async () => {
              const { json, filename } = await ask({ type: 'settings.export' });
              downloadText(json, filename, 'application/json');
              return { filename };
            }}
            onImport={async (json) => {
              const result = await ask({ type: 'settings.import', json });
              if (!('error' in result)) update({ settings: result });
              return result;
            }}
          />
        </>
      )}
    </main>
  );
}
