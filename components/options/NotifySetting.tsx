import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { translator, type Locale, type MessageKey } from '../../lib/i18n';
import type { SettingsPatch } from '../../lib/settings/schema';
import type { SettingsView } from '../../lib/settings/schema';
import { errorDetail } from '../../lib/extension-pages/error-detail';

// The closing-window notification's switch (issue 11). Off by default; turning it on asks the browser for the
// optional `notifications` permission (manifest `optional_permissions`, so installing asks nothing). Browsers grant
// an optional permission only while handling a user action, so the request is the first thing the click does.

/** The parts of browser.permissions the switch uses. */
export interface NotificationPermissions {
  contains(permissions: { permissions: string[] }): Promise<boolean>;
  request(permissions: { permissions: string[] }): Promise<boolean>;
  remove(permissions: { permissions: string[] }): Promise<boolean>;
}

export interface NotifySettingProps {
  settings: SettingsView;
  locale: Locale;
  /** null: this browser has no permissions API (the switch explains, and stays off). */
  permissions: NotificationPermissions | null;
  onSave: (patch: SettingsPatch) => Promise<SettingsView>;
}

const NOTIFICATIONS = { permissions: ['notifications'] };

type Status = 'idle' | 'enabled' | 'disabled' | 'denied' | 'unsupported' | 'failed';
const STATUS_WORDS: Partial<Record<Status, MessageKey>> = {
  enabled: 'options.notify.enabled',
  disabled: 'options.notify.disabled',
  denied: 'options.notify.denied',
  unsupported: 'options.notify.unsupported',
};

export function NotifySetting({ settings, locale, permissions, onSave }: NotifySettingProps) {
  const t = translator(locale);
  const id = useId();
  const [enabled, setEnabled] = useState(settings.notifyClosing === true);
  /** null while the browser is asked. */
  const [granted, setGranted] = useState<boolean | null>(permissions ? null : false);
  const [status, setStatus] = useState<{ kind: Status; detail?: string }>({ kind: 'idle' });
  const [busy, setBusy] = useState(false);
  const locked = settings.locked.includes('notifyClosing');
  const acted = useRef(false);

  // A new settings object (an import, the form's save) says what is stored now.
  const shown = useRef(settings);
  useEffect(() => {
    if (shown.current === settings) return;
    shown.current = settings;
    setEnabled(settings.notifyClosing === true);
  }, [settings]);

  useEffect(() => {
    if (!permissions) return;
    let current = true;
    // An API that throws instead of rejecting reads as "not granted" too.
    new Promise<boolean>((resolve) => resolve(permissions.contains(NOTIFICATIONS)))
      // Once the agent clicked, the click's own answer is the newer one.
      .then((has) => current && !acted.current && setGranted(has === true))
      .catch(() => current && !acted.current && setGranted(false));
    return () => {
      current = false;
    };
  }, [permissions]);

  const on = enabled && granted === true;
  // On in storage, but the browser's permission is gone (removed in the browser's settings): it shows nothing.
  const revoked = enabled && granted === false;

  async function save(value: boolean): Promise<boolean> {
    const view = await onSave({ notifyClosing: value });
    const now = view.notifyClosing === true;
    setEnabled(now);
    return now;
  }

  /** Asks for the permission: must run synchronously inside the click (Firefox refuses it otherwise). */
  function askPermission(): Promise<boolean> | null {
    if (!permissions) {
      setStatus({ kind: 'unsupported' });
      return null;
    }
    try {
      return permissions.request(NOTIFICATIONS);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  function turnOn() {
    acted.current = true;
    const asking = askPermission();
    if (!asking) return;
    setBusy(true);
    void asking
      .then(async (allowed) => {
        setGranted(allowed);
        if (!allowed) {
          // Left off, and said why; a stored "on" whose permission was removed is put back to off too.
          if (enabled && !locked) await save(false);
          setStatus({ kind: 'denied' });
          return;
        }
        if (!locked) await save(true);
        setStatus({ kind: 'enabled' });
      })
      .catch((error) => setStatus({ kind: 'failed', detail: errorDetail(error) }))
      .finally(() => setBusy(false));
  }

  async function turnOff() {
    acted.current = true;
    setBusy(true);
    try {
      await save(false);
      setStatus({ kind: 'disabled' });
      // Not needed any more: the browser forgets the grant (turning it on again asks again).
      if (permissions) setGranted(!(await permissions.remove(NOTIFICATIONS).catch(() => false)));
    } catch (error) {
      setStatus({ kind: 'failed', detail: errorDetail(error) });
    } finally {
      setBusy(false);
    }
  }

  const input = `${id}-notifyClosing`;
  const describedBy = [`${input}-hint`, locked ? `${input}-locked` : null, revoked ? `${input}-note` : null].filter(Boolean).join(' ');
  const statusText =
    status.kind === 'failed' ? t('options.notify.failed', { detail: status.detail ?? '' }) : STATUS_WORDS[status.kind] ? t(STATUS_WORDS[status.kind]!) : '';

  return (
    <section aria-labelledby={`${id}-heading`} data-testid="notify-setting" data-enabled={String(on)} data-locked={String(locked)}>
      <h2 id={`${id}-heading`}>{t('options.notify.heading')}</h2>
      <div class="field">
        <label for={input}>{t('options.notify.label')}</label>
        <button
          id={input}
          type="button"
          role="switch"
          class={on ? 'primary' : undefined}
          aria-checked={on ? 'true' : 'false'}
          aria-describedby={describedBy}
          aria-busy={busy}
          disabled={locked}
          data-testid="setting-notifyClosing"
          onClick={() => {
            if (busy || locked) return;
            if (on) void turnOff();
            else turnOn();
          }}
        >
          {on ? t('options.notify.on') : t('options.notify.off')}
        </button>
        <p id={`${input}-hint`} class="muted">
          {t('options.notify.hint')}
        </p>
        {locked && (
          <p id={`${input}-locked`} class="locked" data-testid="setting-locked">
            {t('options.settings.locked')}
          </p>
        )}
        {revoked && (
          <p id={`${input}-note`} data-testid="notify-note">
            {t(locked ? 'options.notify.lockedNeedsPermission' : 'options.notify.revoked')}
          </p>
        )}
        {revoked && locked && (
          <button type="button" data-testid="notify-allow" disabled={busy} onClick={() => !busy && turnOn()}>
            {t('options.notify.allow')}
          </button>
        )}
        <p
          aria-live="polite"
          data-testid="notify-status"
          data-state={status.kind}
          class={status.kind === 'denied' || status.kind === 'failed' ? 'error' : undefined}
        >
          {statusText}
        </p>
      </div>
    </section>
  );
}
