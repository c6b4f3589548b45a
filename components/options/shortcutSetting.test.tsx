import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { ShortcutSetting } from './ShortcutSetting';

afterEach(cleanup);

const settle = () => act(async () => new Promise((resolve) => setTimeout(resolve, 0)));

describe('the keyboard shortcut on the options page', () => {
  test('names the key the browser assigned and where to change it (en)', async () => {
    render(<ShortcutSetting locale="en" readShortcut={async () => 'Alt+Shift+O'} />);
    await settle();
    expect(screen.getByRole('heading', { name: 'Keyboard shortcut' })).toBeTruthy();
    expect(screen.getByTestId('shortcut-current').textContent).toBe('Open the reopen panel of the conversation on screen: Alt+Shift+O');
    expect(screen.getByTestId('shortcut-setting').textContent).toContain('chrome://extensions/shortcuts');
    expect(screen.getByTestId('shortcut-setting').textContent).toContain('Manage Extension Shortcuts');
  });

  test('in Spanish, and says so when no key is assigned', async () => {
    render(<ShortcutSetting locale="es" readShortcut={async () => ''} />);
    await settle();
    expect(screen.getByTestId('shortcut-current').textContent).toContain('Ninguna tecla abre el panel de reapertura');
    expect(screen.getByTestId('shortcut-setting').textContent).toContain('chrome://extensions/shortcuts');
  });

  test('read again when the page is shown again: the agent may have changed it on the shortcut page', async () => {
    let key = 'Alt+Shift+O';
    render(<ShortcutSetting locale="en" readShortcut={async () => key} />);
    await settle();
    key = 'Ctrl+Shift+8';
    await act(async () => {
      document.dispatchEvent(new Event('visibilitychange'));
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(screen.getByTestId('shortcut-setting').dataset.shortcut).toBe('Ctrl+Shift+8');
  });
});
