import { describe, expect, test } from 'vitest';
import { buildInboxUrl } from './links';
import { parseInboxUrl, sameConversation } from './url';

const BASE = 'https://business.facebook.com/latest/inbox';

describe('parseInboxUrl: Messenger conversations', () => {
  test.each([
    [
      'full URL from the Messenger section',
      `${BASE}/messenger?asset_id=104512345678901&business_id=998877&selected_item_id=100029016673099&mailbox_id=104512345678901&thread_type=FB_MESSAGE`,
      { pageId: '104512345678901', selectedItemId: '100029016673099', mailboxId: '104512345678901', threadType: 'messenger', section: 'messenger' },
    ],
    [
      'the "all" section with thread_type FB_MESSAGE and nav_ref/bpn_id',
      `${BASE}/all?asset_id=104512345678901&nav_ref=bizweb_inbox_thread&bpn_id=55&selected_item_id=61584041913037&thread_type=FB_MESSAGE`,
      { pageId: '104512345678901', selectedItemId: '61584041913037', mailboxId: null, threadType: 'messenger', section: 'all' },
    ],
    [
      'thread_type absent in the Messenger section',
      `${BASE}/messenger?asset_id=1045&selected_item_id=777`,
      { pageId: '1045', selectedItemId: '777', mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
    [
      'trailing slashes on the path',
      `${BASE}/messenger//?asset_id=1045&selected_item_id=777&thread_type=FB_MESSAGE`,
      { pageId: '1045', selectedItemId: '777', mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
    [
      'the bare inbox path is the "all" section',
      `${BASE}/?asset_id=1045`,
      { pageId: '1045', selectedItemId: null, mailboxId: null, threadType: 'messenger', section: 'all' },
    ],
    [
      'percent-encoded values and spaces around them',
      `${BASE}/messenger?asset_id=%31%30%34%35&selected_item_id=%20777%20&thread_type=fb_message`,
      { pageId: '1045', selectedItemId: '777', mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
    [
      'only mailbox_id carries the Page',
      `${BASE}/messenger?mailbox_id=1045&selected_item_id=777`,
      { pageId: '1045', selectedItemId: '777', mailboxId: '1045', threadType: 'messenger', section: 'messenger' },
    ],
    [
      'malformed selected_item_id is dropped, the Page stays',
      `${BASE}/messenger?asset_id=1045&selected_item_id=<script>&thread_type=FB_MESSAGE`,
      { pageId: '1045', selectedItemId: null, mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
    [
      'empty selected_item_id means no conversation selected',
      `${BASE}/messenger?asset_id=1045&selected_item_id=`,
      { pageId: '1045', selectedItemId: null, mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
    [
      'a hash fragment does not matter',
      `${BASE}/messenger?asset_id=1045&selected_item_id=777#composer`,
      { pageId: '1045', selectedItemId: '777', mailboxId: null, threadType: 'messenger', section: 'messenger' },
    ],
  ])('%s', (_name, url, expected) => {
    expect(parseInboxUrl(url)).toEqual(expected);
    expect(parseInboxUrl(new URL(url))).toEqual(expected);
  });
});

describe('parseInboxUrl: conversations Reopen does not handle', () => {
  test.each([
    ['Instagram by thread_type', `${BASE}/all?asset_id=1045&selected_item_id=9&thread_type=IG_MESSAGE`, 'instagram'],
    ['Instagram section', `${BASE}/instagram?asset_id=1045&selected_item_id=9`, 'instagram'],
    ['a comment thread', `${BASE}/all?asset_id=1045&selected_item_id=9&thread_type=FB_COMMENT`, 'other'],
    ['another section without thread_type', `${BASE}/comments?asset_id=1045&selected_item_id=9`, 'other'],
  ])('%s is flagged, not treated as Messenger', (_name, url, kind) => {
    expect(parseInboxUrl(url)?.threadType).toBe(kind);
  });
});

describe('parseInboxUrl: not the inbox', () => {
  test.each([
    ['another Business Suite page', 'https://business.facebook.com/latest/home?asset_id=1045'],
    ['a path that only starts like the inbox', 'https://business.facebook.com/latest/inbox_settings?asset_id=1045'],
    ['a deeper path', 'https://business.facebook.com/latest/inbox/messenger/settings?asset_id=1045'],
    ['facebook.com, not Business Suite', 'https://www.facebook.com/latest/inbox/messenger?asset_id=1045'],
    ['plain http', 'http://business.facebook.com/latest/inbox/messenger?asset_id=1045'],
    ['a look-alike host', 'https://business.facebook.com.evil.test/latest/inbox/messenger?asset_id=1045'],
    ['no Page at all', `${BASE}/messenger?selected_item_id=777`],
    ['a malformed Page id', `${BASE}/messenger?asset_id=10 45&selected_item_id=777`],
    ['not a URL', 'inbox/messenger?asset_id=1045'],
    ['empty', ''],
  ])('%s → null', (_name, url) => {
    expect(parseInboxUrl(url)).toBeNull();
  });
});

describe('links and parsing agree', () => {
  test('a link built for a conversation parses back to it', () => {
    const url = buildInboxUrl({ pageId: '1045', selectedItemId: '777' });
    expect(parseInboxUrl(url)).toMatchObject({ pageId: '1045', selectedItemId: '777', threadType: 'messenger' });
  });

  test('sameConversation ignores navigation params and notices a different selection', () => {
    const a = parseInboxUrl(`${BASE}/messenger?asset_id=1045&selected_item_id=777&nav_ref=x`);
    const b = parseInboxUrl(`${BASE}/messenger?asset_id=1045&selected_item_id=777&bpn_id=3`);
    const c = parseInboxUrl(`${BASE}/messenger?asset_id=1045&selected_item_id=778`);
    expect(sameConversation(a, b)).toBe(true);
    expect(sameConversation(a, c)).toBe(false);
    expect(sameConversation(a, null)).toBe(false);
  });
});

describe('links back to Instagram threads', () => {
  test('an Instagram thread opens in the unified inbox with thread_type=IG_MESSAGE, and reads back as Instagram', () => {
    const url = buildInboxUrl({ pageId: '1045', selectedItemId: '340282366841710301244276034609267626671', platform: 'instagram' });
    expect(url).toBe(
      'https://business.facebook.com/latest/inbox/all?asset_id=1045&mailbox_id=1045&selected_item_id=340282366841710301244276034609267626671&thread_type=IG_MESSAGE',
    );
    expect(parseInboxUrl(url)).toMatchObject({ pageId: '1045', threadType: 'instagram', selectedItemId: '340282366841710301244276034609267626671' });
    expect(parseInboxUrl(buildInboxUrl({ pageId: '1045', selectedItemId: '777', platform: 'messenger' }))?.threadType).toBe('messenger');
  });
});
