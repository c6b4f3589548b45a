import type { ErrorView } from '../graph/error-view';
import type { PageRecord } from '../storage/schema';

// A connected Page as the options page and the popup see it (pages.list, pages.connect, pages.disconnect): never its
// token. The views import the type; ./service.ts builds it with pageView. The same for the Pages a person's token
// offers (pages.connect, pages.pick): ids, names and tasks, never a token.

export interface PageView {
  id: string;
  name: string;
  status: 'connected' | 'needs_reconnect';
  /** Why it needs reconnecting when Meta did not refuse its token: its stored entry was unreadable, its token is
   *  missing from the vault, or an administrator's preset token is not this Page's token that can message. */
  reconnectReason?: PageRecord['reconnectReason'];
  checkedAt: number;
  /** Set by an administrator through managed storage. */
  managed: boolean;
}

export function pageView(page: PageRecord): PageView {
  return {
    id: page.id,
    name: page.name,
    status: page.status,
    ...(page.status === 'needs_reconnect' && page.reconnectReason ? { reconnectReason: page.reconnectReason } : {}),
    checkedAt: page.checkedAt,
    managed: page.managed,
  };
}

/** One Page a person's token can connect, as `/me/accounts` lists it. */
export interface OfferedPage {
  id: string;
  name: string;
  /** The person's tasks on the Page, as Meta names them (MESSAGING, MODERATE…). */
  tasks: string[];
  /** The person has the MESSAGING task there (and Meta gave them the Page's token): connecting it may work. */
  canMessage: boolean;
  /** Already connected to Reopen (connecting again replaces its token). */
  connected: boolean;
  /** Set by an administrator: it cannot be replaced from here. */
  managed: boolean;
}

/** What a person's token offers: their Pages. The person is never a connected Page. */
export interface PageOffer {
  personName: string;
  pages: OfferedPage[];
}

/** The answer to connecting a token: the Page connected, a refusal, or a person's Pages to pick from. */
export type ConnectReply = { page: PageView } | { error: ErrorView } | { offer: PageOffer };

/** One picked Page: connected with its own token, or refused. */
export type PickResult = { pageId: string } & ({ page: PageView } | { error: ErrorView });
