import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import type { Locale } from '../../lib/i18n';
import type { SettingsView } from '../../lib/settings/schema';
import type { NotificationPermissions } from './NotifySetting';
import { OptionsApp } from './OptionsApp';

vi.mock('../../lib/messaging/client', () => import('../../tests/support/scripted-ask'));
const { ask, replies } = await import('../../tests/support/scripted-ask');

// The closing-window notification's switch on the options page: off by default, asks the browser's permission from
// the click itself, stays off (and says why) when the browser refuses, drops the permission when turned off, and
// respects an administrator's lock.

const baseSettings = (over: Partial<SettingsView> = {}): SettingsView => ({
  graphVersion: 'v25.0',
  language: 'en',
  retentionDays: 90,
  promoTerms: [],
  closesSoonMinutes: 120,
  locked: [],
  ...over,
});

function background(settings: SettingsView) {
  const state = { settings };
  replies.handlers = {
    'pages.list': () => ({ pages: [] }),
    'settings.get': () => state.settings,
    'settings.set': (r: { patch: Partial<SettingsView> }) => {
      const open = Object.fromEntries(Object.entries(r.patch).filter(([key]) => !state.settings.locked.includes(key)));
      state.settings = { ...state.settings, ...open };
      return state.settings;
    },
  };
  return state;
}

/** A browser permissions API that answers `contains` with `granted` and `request` with `answer`. */
function permissionsApi(granted: boolean, answer: boolean | Error = true) {
  const state = { granted };
  const api = {
    contains: vi.fn(async () => state.granted),
    request: vi.fn(() => (answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer).then((ok) => ((state.granted = ok), ok)))),
    remove: vi.fn(async () => ((state.granted = false), true)),
  } satisfies NotificationPermissions;
  return { api, state };
}

const words = {
  en: {
    label: 'Desktop notification before a reply window closes',
    on: 'Notifications are on.',
    off: 'Notifications are off.',
    denied: /did not give Reopen permission/,
    revoked: /permission to show them was removed/,
    locked: 'Set by your administrator',
  },
  es: {
    label: 'Notificación de escritorio antes de que se cierre una ventana de respuesta',
    on: 'Notificaciones activadas.',
    off: 'Notificaciones desactivadas.',
    denied: /no dio permiso a Reopen/,
    revoked: /se quitó el permiso del navegador/,
    locked: 'Definido por tu administrador',
  },
} as const;

const sets = () =>
  vi
    .mocked(ask)
    .mock.calls.map(([r]) => r)
    .filter((r) => r.type === 'settings.set');
const ready = () => waitFor(() => expect(screen.getByTestId('options').getAttribute('data-state')).toBe('ready'));
const status = () => screen.getByTestId('notify-status');

async function renderWith(_settings: SettingsView, permissions: NotificationPermissions | null, locale: Locale) {
  render(<OptionsApp timeZone="UTC" browserLanguage="en-US" permissions={permissions} />);
  await ready();
  const toggle = screen.getByRole('switch', { name: words[locale].label });
  return toggle as HTMLButtonElement;
}

beforeEach(() => {
  vi.mocked(ask).mockClear();
});
afterEach(() => cleanup());

describe.each(['en', 'es'] as const)('notification switch in %s', (locale) => {
  test('off by default, a labelled switch with help text, reachable by keyboard', async () => {
    background(baseSettings({ language: locale }));
    const { api } = permissionsApi(false);
    const toggle = await renderWith(baseSettings({ language: locale }), api, locale);
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    // A native button: Tab reaches it, Space and Enter press it.
    expect(toggle.tagName).toBe('BUTTON');
    expect(toggle.type).toBe('button');
    expect(toggle.disabled).toBe(false);
    const hint = document.getElementById(toggle.getAttribute('aria-describedby')!.split(' ')[0]!)!;
    expect(hint.textContent).toMatch(locale === 'en' ? /asks the browser for permission/ : /te pide permiso/);
    expect(api.request).not.toHaveBeenCalled();
  });

  test('turning it on asks the browser within the click, then saves it on', async () => {
    const state = background(baseSettings({ language: locale }));
    const { api } = permissionsApi(false, true);
    const toggle = await renderWith(state.settings, api, locale);
    fireEvent.click(toggle);
    // Asked synchronously inside the click handler: Firefox (and Chrome) grant optional permissions only then.
    expect(api.request).toHaveBeenCalledWith({ permissions: ['notifications'] });
    await waitFor(() => expect(status().textContent).toBe(words[locale].on));
    expect(toggle.getAttribute('aria-checked')).toBe('true');
    expect(sets()).toEqual([{ type: 'settings.set', patch: { notifyClosing: true } }]);
    expect(state.settings.notifyClosing).toBe(true);
  });

  test('the browser refuses: the switch stays off, nothing is saved on, and it says why', async () => {
    const state = background(baseSettings({ language: locale }));
    const { api } = permissionsApi(false, false);
    const toggle = await renderWith(state.settings, api, locale);
    fireEvent.click(toggle);
    await waitFor(() => expect(status().textContent).toMatch(words[locale].denied));
    expect(status().getAttribute('data-state')).toBe('denied');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(sets()).toEqual([]);
    expect(state.settings.notifyClosing).toBeUndefined();
  });

  test('a request that throws (no user gesture) leaves it off with the reason', async () => {
    const state = background(baseSettings({ language: locale }));
    const { api } = permissionsApi(false, new Error('This function must be called during a user gesture'));
    const toggle = await renderWith(state.settings, api, locale);
    fireEvent.click(toggle);
    await waitFor(() => expect(status().getAttribute('data-state')).toBe('failed'));
    expect(status().textContent).toContain('user gesture');
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(sets()).toEqual([]);
  });

  test('turning it off saves it off and gives the permission back', async () => {
    const state = background(baseSettings({ language: locale, notifyClosing: true }));
    const { api, state: granted } = permissionsApi(true);
    const toggle = await renderWith(state.settings, api, locale);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    fireEvent.click(toggle);
    await waitFor(() => expect(status().textContent).toBe(words[locale].off));
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(sets()).toEqual([{ type: 'settings.set', patch: { notifyClosing: false } }]);
    expect(api.remove).toHaveBeenCalledWith({ permissions: ['notifications'] });
    expect(granted.granted).toBe(false);
    expect(api.request).not.toHaveBeenCalled();
  });

  test('on in storage but the permission was removed in the browser: shown off, with the reason', async () => {
    const state = background(baseSettings({ language: locale, notifyClosing: true }));
    const { api } = permissionsApi(false, true);
    const toggle = await renderWith(state.settings, api, locale);
    await waitFor(() => expect(screen.getByTestId('notify-note').textContent).toMatch(words[locale].revoked));
    expect(toggle.getAttribute('aria-checked')).toBe('false');
    expect(toggle.getAttribute('aria-describedby')).toContain(screen.getByTestId('notify-note').id);
    // Turning it on again asks again.
    fireEvent.click(toggle);
    expect(api.request).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
  });

  test('an administrator’s lock: disabled, says so, and a click asks nothing and saves nothing', async () => {
    const state = background(baseSettings({ language: locale, notifyClosing: false, locked: ['notifyClosing'] }));
    const { api } = permissionsApi(false);
    const toggle = await renderWith(state.settings, api, locale);
    const section = screen.getByTestId('notify-setting');
    expect(section.getAttribute('data-locked')).toBe('true');
    expect(toggle.disabled).toBe(true);
    expect(within(section).getByTestId('setting-locked').textContent).toBe(words[locale].locked);
    fireEvent.click(toggle);
    expect(api.request).not.toHaveBeenCalled();
    expect(sets()).toEqual([]);
  });

  test('locked on by the administrator without the permission: a button asks for it', async () => {
    const state = background(baseSettings({ language: locale, notifyClosing: true, locked: ['notifyClosing'] }));
    const { api } = permissionsApi(false, true);
    const toggle = await renderWith(state.settings, api, locale);
    const allow = await screen.findByTestId('notify-allow');
    fireEvent.click(allow);
    expect(api.request).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(toggle.getAttribute('aria-checked')).toBe('true'));
    expect(screen.queryByTestId('notify-allow')).toBeNull();
    expect(sets()).toEqual([]);
  });
});

test('a browser without the permissions API: turning it on says notifications are not possible and stays off', async () => {
  const state = background(baseSettings());
  render(<OptionsApp timeZone="UTC" browserLanguage="en-US" permissions={null} />);
  await ready();
  const toggle = screen.getByRole('switch', { name: words.en.label });
  fireEvent.click(toggle);
  await waitFor(() => expect(status().textContent).toBe('This browser does not let Reopen show notifications.'));
  expect(toggle.getAttribute('aria-checked')).toBe('false');
  expect(state.settings.notifyClosing).toBeUndefined();
});
