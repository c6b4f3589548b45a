// Links back into Business Suite's inbox. lib/inbox is the only code that knows Business Suite's URLs.
export const BUSINESS_SUITE_ORIGIN = 'https://business.facebook.com';

/** The inbox URL that opens one Messenger or Instagram conversation of a Page (falls back to the Page's inbox).
 *  Instagram threads open in the unified inbox ("all") with thread_type=IG_MESSAGE, as Business Suite links them. */
export function buildInboxUrl(target: { pageId: string; selectedItemId: string | null; platform?: 'messenger' | 'instagram' }): string {
  const instagram = target.platform === 'instagram';
  const url = new URL(instagram ? '/latest/inbox/all' : '/latest/inbox/messenger', BUSINESS_SUITE_ORIGIN);
  url.searchParams.set('asset_id', target.pageId);
  url.searchParams.set('mailbox_id', target.pageId);
  if (target.selectedItemId) {
    url.searchParams.set('selected_item_id', target.selectedItemId);
    url.searchParams.set('thread_type', instagram ? 'IG_MESSAGE' : 'FB_MESSAGE');
  }
  return url.toString();
}
