import { describe, expect, test } from 'vitest';
import { isOpenPanelMessage, OPEN_PANEL_COMMAND, OPEN_PANEL_MESSAGE, panelShortcut, relayOpenPanel, type CommandTabs, type TabInfo } from './commands';

const INBOX = 'https://business.facebook.com/latest/inbox/all?asset_id=111&selected_item_id=222&thread_type=FB_MESSAGE';
const EXT = 'abcdefghijklmnop';

function fakeTabs(active: TabInfo[], failSend = false) {
  const sent: { tabId: number; message: unknown }[] = [];
  const tabs: CommandTabs = {
    query: async () => active,
    sendMessage: async (tabId, message) => {
      if (failSend) throw new Error('Could not establish connection. Receiving end does not exist.');
      sent.push({ tabId, message });
    },
  };
  return { tabs, sent };
}

describe('relayOpenPanel (the panel shortcut, Alt+Shift+O by default)', () => {
  test('on the inbox the panel-open message goes to the tab the browser named', async () => {
    const { tabs, sent } = fakeTabs([{ id: 9, url: INBOX }]);
    expect(await relayOpenPanel(tabs, OPEN_PANEL_COMMAND, { id: 4, url: INBOX })).toBe('sent');
    expect(sent).toEqual([{ tabId: 4, message: OPEN_PANEL_MESSAGE }]);
  });

  test('without a tab from the browser the active tab of the current window is used', async () => {
    const { tabs, sent } = fakeTabs([{ id: 9, url: INBOX }]);
    expect(await relayOpenPanel(tabs, OPEN_PANEL_COMMAND, undefined)).toBe('sent');
    expect(sent.map((s) => s.tabId)).toEqual([9]);
  });

  test.each([
    ['another site', 'https://example.com/latest/inbox/all?asset_id=1'],
    ['Business Suite outside the inbox', 'https://business.facebook.com/latest/home?asset_id=1'],
    ['an inbox without a Page', 'https://business.facebook.com/latest/inbox/all'],
    ['no URL visible', undefined],
  ])('nothing is sent on %s', async (_name, url) => {
    const { tabs, sent } = fakeTabs([]);
    expect(await relayOpenPanel(tabs, OPEN_PANEL_COMMAND, { id: 4, url })).toBe('not_inbox');
    expect(sent).toEqual([]);
  });

  test('an inbox tab whose content script is not there yet is not an error', async () => {
    const { tabs } = fakeTabs([], true);
    expect(await relayOpenPanel(tabs, OPEN_PANEL_COMMAND, { id: 4, url: INBOX })).toBe('unreachable');
  });

  test('other commands are ignored', async () => {
    const { tabs, sent } = fakeTabs([{ id: 9, url: INBOX }]);
    expect(await relayOpenPanel(tabs, '_execute_action', { id: 4, url: INBOX })).toBe('other_command');
    expect(sent).toEqual([]);
  });
});

describe('isOpenPanelMessage (the content script opens its panel only for this)', () => {
  test('the background of this extension, exact shape', () => {
    expect(isOpenPanelMessage({ type: 'panel.open' }, { id: EXT }, EXT)).toBe(true);
  });

  test.each([
    ['another extension', { type: 'panel.open' }, { id: 'other' }],
    ['a tab (another content script or page)', { type: 'panel.open' }, { id: EXT, tab: { id: 1 } }],
    ['another type', { type: 'panel.close' }, { id: EXT }],
    ['extra fields', { type: 'panel.open', html: '<b>' }, { id: EXT }],
    ['a string', 'panel.open', { id: EXT }],
    ['null', null, { id: EXT }],
    ['an array', ['panel.open'], { id: EXT }],
  ])('refused: %s', (_name, message, sender) => {
    expect(isOpenPanelMessage(message, sender, EXT)).toBe(false);
  });
});

describe('panelShortcut (what the opener title and the options page name)', () => {
  test('the key the browser assigned to the panel command, whatever the agent changed it to', () => {
    expect(
      panelShortcut([
        { name: '_execute_action', shortcut: '' },
        { name: OPEN_PANEL_COMMAND, shortcut: 'Ctrl+Shift+9' },
      ]),
    ).toBe('Ctrl+Shift+9');
  });

  test('none when the browser assigned nothing or the command is missing', () => {
    expect(panelShortcut([{ name: OPEN_PANEL_COMMAND, shortcut: '' }])).toBe('');
    expect(panelShortcut([{ name: OPEN_PANEL_COMMAND }])).toBe('');
    expect(panelShortcut([])).toBe('');
  });
});
