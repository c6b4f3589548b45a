import type { PageRecord } from '../storage/schema';

// A connected Page as the options page and the popup see it (pages.list, pages.connect, pages.disconnect): never its
// token. The views import the type; ./service.ts builds it with pageView.

export interface PageView {
  id: string;
  name: string;
  status: 'connected' | 'needs_reconnect';
  /** Why it needs reconnecting when Meta did not refuse its token: its stored entry was unreadable, or its
   *  token is missing from the vault. */
  reconnectReason?: 'record_damaged' | 'token_missing';
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
