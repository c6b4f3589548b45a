import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { createOptionsController, type OptionsLoad } from '../../lib/extension-pages/options-controller';
import { resolveLocale, translator } from '../../lib/i18n';
import { ask } from '../../lib/messaging/client';
import { NotifySetting, type NotificationPermissions } from './NotifySetting';
import { Pages } from './Pages';
import { SettingsForm } from './SettingsForm';
import { SettingsTransfer } from './SettingsTransfer';
import { ShortcutSetting } from './ShortcutSetting';

const readShortcut = async () => (await ask({ type: 'shortcut.get' })).shortcut;

export interface OptionsAppProps {
  timeZone?: string;
  browserLanguage?: string;
  /** The browser's permissions API (default: browser.permissions; null: none); the notification switch asks it. */
  permissions?: NotificationPermissions | null;
  /** While another window switches a Page's labels, how often they are read again (tests shorten it). */
  labelsPollMs?: number;
}

/** The options page's view: the controller (lib/extension-pages/options-controller.ts) asks the background, which
 *  owns storage and tokens. */
export function OptionsApp({
  timeZone,
  browserLanguage,
  permissions = (browser.permissions as NotificationPermissions | undefined) ?? null,
  labelsPollMs = 2000,
}: OptionsAppProps) {
  const [load, setLoad] = useState<OptionsLoad>({ status: 'loading' });
  // One controller per opening: its timing is the props it opened with.
  const [controller] = useState(() => createOptionsController(ask, setLoad, { labelsPollMs, labelsMaxPolls: 150 }));

  useEffect(() => {
    void controller.open();
    return controller.close;
  }, [controller]);

  const locale = resolveLocale(load.status === 'ready' ? load.settings.language : 'browser', browserLanguage ?? globalThis.navigator?.language);
  const t = translator(locale);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translator(locale)('options.title');
  }, [locale]);

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
            onConnect={controller.connect}
            onPick={controller.pick}
            onDisconnect={controller.disconnect}
            labels={load.labels}
            onSetLabels={controller.setLabels}
          />
          <SettingsForm settings={load.settings} locale={locale} onSave={controller.saveSettings} />
          <NotifySetting settings={load.settings} locale={locale} permissions={permissions} onSave={controller.saveSetting} />
          <ShortcutSetting locale={locale} readShortcut={readShortcut} />
          <SettingsTransfer locale={locale} onExport={controller.exportSettings} onImport={controller.importSettings} />
        </>
      )}
    </main>
  );
}
