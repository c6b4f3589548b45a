import { parseInboxUrl } from '../inbox/url';
import { isBareMessage } from './bare-message';

// The keyboard shortcut to the reopen panel (manifest `commands`). The browser tells the background; the background
// tells the content script of the inbox tab on screen, which opens its panel. This is the one message that goes
// from the background to a content script; its shape is checked by hand (./bare-message.ts says why).

/** The manifest's command name (wxt.config.ts) and what the background's onCommand listener receives. */
export const OPEN_PANEL_COMMAND = 'open-reopen-panel';

export interface OpenPanelMessage {
  type: 'panel.open';
}

export const OPEN_PANEL_MESSAGE: OpenPanelMessage = { type: 'panel.open' };

/** True only for the open-panel message sent by this extension's own background (no id from a page or another
 *  extension; a message from a tab has `sender.tab`, the background's has not). */
export function isOpenPanelMessage(message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined && isBareMessage(message, OPEN_PANEL_MESSAGE.type);
}

/** The fields of commands.Command the shortcut's readers use. */
export interface CommandInfo {
  name?: string;
  shortcut?: string;
}

/** The key the browser assigned to the panel's command now ('' when none: the default was taken, or the agent
 *  removed it). Read at every ask, since the agent may change it on the browser's shortcut page at any time. */
export function panelShortcut(commands: readonly CommandInfo[]): string {
  return commands.find((command) => command.name === OPEN_PANEL_COMMAND)?.shortcut ?? '';
}

/** The fields of tabs.Tab the relay reads. */
export interface TabInfo {
  id?: number;
  url?: string;
}

export interface CommandTabs {
  query(query: { active: true; currentWindow: true }): Promise<TabInfo[]>;
  sendMessage(tabId: number, message: OpenPanelMessage): Promise<unknown>;
}

/** Whether a tab shows a Page's inbox, where the content script has a panel to open (lib/inbox reads the URL). */
function isInboxTab(tab: TabInfo | undefined): tab is TabInfo & { id: number } {
  return tab?.id !== undefined && !!tab.url && parseInboxUrl(tab.url) !== null;
}

export type RelayOutcome = 'sent' | 'not_inbox' | 'unreachable' | 'other_command';

/**
 * Relays the shortcut to the inbox tab on screen: the tab the browser passed, else the active one. Anywhere but
 * the inbox the shortcut does nothing (there is no panel to open), and a tab whose content script is not running
 * yet (opened before the extension was installed) is not an error.
 */
export async function relayOpenPanel(tabs: CommandTabs, command: string, tab: TabInfo | undefined): Promise<RelayOutcome> {
  if (command !== OPEN_PANEL_COMMAND) return 'other_command';
  const target = tab ?? (await tabs.query({ active: true, currentWindow: true }))[0];
  if (!isInboxTab(target)) return 'not_inbox';
  try {
    await tabs.sendMessage(target.id, OPEN_PANEL_MESSAGE);
    return 'sent';
  } catch {
    return 'unreachable';
  }
}
