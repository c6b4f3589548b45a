// Business Suite's inbox URLs, read as data. lib/inbox is the only code that knows their shape
// (reference/meta-messenger.md §7): /latest/inbox/{all|messenger|instagram|…}?asset_id=<Page>
// &selected_item_id=<navigation id, often not the PSID>&mailbox_id=<Page>&thread_type=FB_MESSAGE|IG_MESSAGE.

import { BUSINESS_SUITE_ORIGIN } from './links';

/** Which kind of conversation the URL selects. Messenger and Instagram threads get the banner and panel. */
export type InboxThreadKind = 'messenger' | 'instagram' | 'other';

export interface InboxLocation {
  /** The Page: `asset_id`, else `mailbox_id` (both carry the Page id). */
  pageId: string;
  /** Business Suite's id of the selected conversation/contact; null when none is selected or it is malformed. */
  selectedItemId: string | null;
  mailboxId: string | null;
  threadType: InboxThreadKind;
  /** The inbox section from the path: 'all', 'messenger', 'instagram', … */
  section: string;
}

// The protocol accepts ids of this shape; anything else would be refused by the background anyway.
const ID = /^[0-9A-Za-z_.:-]{1,128}$/;
const INBOX_PATH = /^\/latest\/inbox(?:\/([A-Za-z_-]+))?\/*$/;
const INBOX_HOST = new URL(BUSINESS_SUITE_ORIGIN).host;

function idParam(params: URLSearchParams, name: string): string | null {
  const value = params.get(name)?.trim();
  return value && ID.test(value) ? value : null;
}

function threadKind(section: string, rawThreadType: string | null): InboxThreadKind {
  const type = rawThreadType?.toUpperCase() ?? null;
  if (type === 'FB_MESSAGE') return 'messenger';
  if (type === 'IG_MESSAGE' || section === 'instagram') return 'instagram';
  if (type) return 'other'; // comments, WhatsApp and whatever comes next: not a Messenger or Instagram thread
  // No thread_type: the Messenger section only holds Messenger threads; "all" lists Messenger first and
  // the background confirms the thread through the Conversations API (platform=messenger) before acting.
  return section === 'messenger' || section === 'all' ? 'messenger' : 'other';
}

/** Reads the Page and selected conversation from an inbox URL; null for any page that is not the inbox. */
export function parseInboxUrl(input: string | URL): InboxLocation | null {
  let url: URL;
  try {
    url = typeof input === 'string' ? new URL(input) : input;
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.host !== INBOX_HOST) return null;
  const path = INBOX_PATH.exec(url.pathname);
  if (!path) return null;
  const section = (path[1] ?? 'all').toLowerCase();
  const params = url.searchParams;
  const mailboxId = idParam(params, 'mailbox_id');
  const pageId = idParam(params, 'asset_id') ?? mailboxId;
  if (!pageId) return null;
  return {
    pageId,
    selectedItemId: idParam(params, 'selected_item_id'),
    mailboxId,
    threadType: threadKind(section, params.get('thread_type')),
    section,
  };
}

/** Two locations show the same conversation (extra params such as nav_ref don't matter). */
export function sameConversation(a: InboxLocation | null, b: InboxLocation | null): boolean {
  if (!a || !b) return a === b;
  return a.pageId === b.pageId && a.selectedItemId === b.selectedItemId && a.threadType === b.threadType;
}
