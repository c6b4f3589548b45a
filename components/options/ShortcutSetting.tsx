import { useEffect, useId, useState } from 'preact/hooks';
import { translator, type Locale } from '../../lib/i18n';

export interface ShortcutSettingProps {
  locale: Locale;
  /** The key the browser assigned to the panel's shortcut now ('' when none), asked of the background. */
  readShortcut: () => Promise<string>;
}

/** The panel's keyboard shortcut as the browser assigned it, and where to change it. The browser owns the key (its
 *  shortcut page), so it is read again each time this page is shown: the agent may have just changed it there. */
export function ShortcutSetting({ locale, readShortcut }: ShortcutSettingProps) {
  const t = translator(locale);
  const id = useId();
  /** null: not read yet, or the background did not answer. */
  const [shortcut, setShortcut] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    const read = () =>
      void readShortcut()
        .then((key) => current && setShortcut(key))
        .catch(() => undefined);
    const onVisible = () => document.visibilityState === 'visible' && read();
    read();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      current = false;
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [readShortcut]);

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="shortcut-setting" data-shortcut={shortcut ?? ''}>
      <h2 id={`${id}-heading`}>{t('options.shortcut.heading')}</h2>
      {shortcut === null ? null : (
        <p data-testid="shortcut-current">
          {shortcut ? (
            <>
              {t('options.shortcut.current')} <kbd>{shortcut}</kbd>
            </>
          ) : (
            t('options.shortcut.none')
          )}
        </p>
      )}
      <p class="muted">{t('options.shortcut.change')}</p>
    </section>
  );
}
