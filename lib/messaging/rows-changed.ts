import { isBareMessage } from './bare-message';

// "A conversation's facts changed": the background tells the inbox tabs when a stored thread's row facts change (a
// send from any tab, a customer's new message read by any tab, a block), so their row badges ask for the facts again
// at once instead of at their next minute (DESIGN.md §3, "One truth for urgency"). The second message that goes from
// the background to a content script; its shape is checked by hand like the shortcut's (./bare-message.ts says why).

export interface RowsChangedMessage {
  type: 'rows.changed';
}

export const ROWS_CHANGED_MESSAGE: RowsChangedMessage = { type: 'rows.changed' };

/** True only for the message sent by this extension's own background (a message from a tab has `sender.tab`). */
export function isRowsChangedMessage(message: unknown, sender: { id?: string; tab?: unknown }, extensionId: string): boolean {
  return sender.id === extensionId && sender.tab === undefined && isBareMessage(message, ROWS_CHANGED_MESSAGE.type);
}

export interface InboxTabs {
  query(query: { url: string }): Promise<{ id?: number }[]>;
  sendMessage(tabId: number, message: RowsChangedMessage): Promise<unknown>;
}

/** Tells every Business Suite tab; a tab without Reopen's content script (not the inbox, not loaded yet) is no error. */
export async function tellInboxTabs(tabs: InboxTabs): Promise<number> {
  const open = await tabs.query({ url: 'https://business.facebook.com/*' }).catch(() => []);
  const told = await Promise.all(
    open.map(async (tab) => {
      if (tab.id === undefined) return false;
      return tabs.sendMessage(tab.id, ROWS_CHANGED_MESSAGE).then(
        () => true,
        () => false,
      );
    }),
  );
  return told.filter(Boolean).length;
}
