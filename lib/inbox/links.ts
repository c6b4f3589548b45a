// Links back into Business Suite's inbox. lib/inbox is the only code that knows Business Suite's URLs.
export const BUSINESS_SUITE_ORIGIN = 'https://business.facebook.com';

/** The inbox URL that opens one Messenger conversation of a Page (falls back to the Page's inbox). */
export function buildInboxUrl(target: { pageId: string; selectedItemId: string | null }): string {
  const url = new URL('/latest/inbox/messenger', BUSINESS_SUITE_ORIGIN);
  url.searchParams.set('asset_id', target.pageId);
  url.searchParams.set('mailbox_id', target.pageId);
  if (target.selectedItemId) {
    url.searchParams.set('selected_item_id', target.selectedItemId);
    url.searchParams.set('thread_type', 'FB_MESSAGE');
  }
  return url.toString();
}
