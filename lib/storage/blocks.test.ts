import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { storage } from 'wxt/utils/storage';
import { prunePageBlocks, pruneExpiredRecords } from './retention';
import type { PageBlockRecord } from './schema';
import { createStore } from './store';

// Blocks from refusals that mean stop, as stored: a person's block in their thread record, the Page's under
// `pageblock:<page>`; records written before blocks existed still load; Page blocks are bounded by retention.

const NOW = Date.parse('2026-07-12T12:00:00Z');
const DAY = 86_400_000;
const store = () => createStore({ now: () => NOW });

const pageBlock = (over: Partial<PageBlockRecord> = {}): PageBlockRecord => ({
  pageId: 'p1',
  scope: 'page',
  code: 10,
  subcode: 1893063,
  kind: 'page_restricted',
  metaMessage: 'You are temporarily restricted from sending messages.',
  since: NOW - DAY,
  requestId: 'r1',
  ...over,
});

beforeEach(() => fakeBrowser.reset());

describe('stored blocks', () => {
  it('a thread record and its attempts from before blocks existed (no block fields) still load, unchanged', async () => {
    const old = {
      pageId: 'p1',
      psid: 'a',
      customerName: 'Ana',
      selectedItemId: null,
      conversationId: 't_1',
      facts: { customerLastMessageAt: NOW - 2 * DAY, pageLastMessageAt: null, checkedAt: NOW - DAY },
      attempts: [
        {
          requestId: 'r0',
          at: NOW - DAY,
          route: 'HUMAN_AGENT',
          status: 'failed',
          contentKind: 'text',
          error: { kind: 'not_receiving', retryable: false, code: 551 },
        },
      ],
      updatedAt: NOW - DAY,
    };
    await storage.setItem('local:thread:p1:a', old);
    await storage.setMeta('local:thread:p1:a', { v: 1 });
    const s = store();
    expect(await s.getThread('p1', 'a')).toEqual(old);
    expect(await s.listThreads()).toEqual([old]);
    expect(await s.warnings()).toEqual([]);
    expect(await s.getPageBlock('p1')).toBeNull();
    expect(await s.listPageBlocks()).toEqual([]);
  });

  it("a person's block is kept in the thread record, validated", async () => {
    const s = store();
    const block = { scope: 'person' as const, code: 613, subcode: 2018338, kind: 'tag_rate_abuse', since: NOW, requestId: 'r2' };
    await s.updateThread('p1', 'a', () => ({
      pageId: 'p1',
      psid: 'a',
      customerName: null,
      selectedItemId: null,
      conversationId: null,
      facts: null,
      attempts: [],
      block,
      updatedAt: NOW,
    }));
    expect((await s.getThread('p1', 'a'))?.block).toEqual(block);
  });

  it("a person's block that no longer reads still blocks (kept as far as it reads), and the copy is quarantined", async () => {
    await storage.setItem('local:thread:p1:a', {
      pageId: 'p1',
      psid: 'a',
      customerName: 'Ana',
      selectedItemId: null,
      conversationId: null,
      facts: null,
      attempts: [{ requestId: 'r0', at: NOW - DAY, route: 'HUMAN_AGENT', status: 'failed', contentKind: 'text' }],
      block: { scope: 'person', code: 551, since: 'yesterday' },
      updatedAt: NOW - DAY,
    });
    await storage.setMeta('local:thread:p1:a', { v: 1 });
    const s = store();
    expect((await s.getThread('p1', 'a'))?.block).toEqual({ scope: 'person', code: 551, kind: 'record_damaged', since: NOW - DAY, requestId: 'damaged' });
    expect((await s.warnings()).map((warning) => warning.recovery)).toEqual(['salvaged']);
  });

  it("a Page's block: one key per Page, seen by another store on the same storage (another context)", async () => {
    await store().setPageBlock('p1', pageBlock());
    expect(await createStore({ now: () => NOW }).getPageBlock('p1')).toEqual(pageBlock());
    expect(await store().getPageBlock('p2')).toBeNull();
    expect(await store().listPageBlocks()).toEqual([pageBlock()]);
    // An unreadable value is no block (and retention removes it).
    await storage.setItem('local:pageblock:p2', { scope: 'page', since: 'yesterday' });
    expect(await store().getPageBlock('p2')).toBeNull();
    expect(await prunePageBlocks(NOW, NOW)).toBe(1);
  });

  it("retention keeps a thread whose person block holds for at least 8 days (past HUMAN_AGENT's 7), whatever the retention", async () => {
    const s = store();
    const record = (psid: string, since: number, customerLastMessageAt: number) => ({
      pageId: 'p1',
      psid,
      customerName: null,
      selectedItemId: null,
      conversationId: null,
      facts: { customerLastMessageAt, pageLastMessageAt: null, checkedAt: since },
      attempts: [{ requestId: `r-${psid}`, at: since, route: 'HUMAN_AGENT' as const, status: 'failed' as const, contentKind: 'text' as const }],
      block: { scope: 'person' as const, code: 551, kind: 'not_receiving', since, requestId: `r-${psid}` },
      updatedAt: since,
    });
    await s.updateThread('p1', 'held', () => record('held', NOW - 3 * DAY, NOW - 4 * DAY)); // holds, 3 days old
    await s.updateThread('p1', 'lifted', () => record('lifted', NOW - 3 * DAY, NOW - 2 * DAY)); // the customer wrote after it
    await s.updateThread('p1', 'old', () => record('old', NOW - 9 * DAY, NOW - 10 * DAY)); // holds, but past 8 days
    const report = await pruneExpiredRecords(s, NOW, 1);
    expect(report.threadsRemoved).toBe(2);
    expect((await s.listThreads()).map((thread) => [thread.psid, thread.block?.code])).toEqual([['held', 551]]);
  });

  it('retention prunes Page blocks that no longer hold and began before the horizon, never one that holds', async () => {
    const s = store();
    await s.setPageBlock('p1', pageBlock({ since: NOW - 100 * DAY })); // holds (no time, not cleared): kept
    await s.setPageBlock('p2', pageBlock({ pageId: 'p2', since: NOW - 100 * DAY, clearedAt: NOW - 99 * DAY })); // cleared long ago
    await s.setPageBlock('p3', pageBlock({ pageId: 'p3', since: NOW - 100 * DAY, until: NOW - 99 * DAY })); // past Meta's time
    await s.setPageBlock('p4', pageBlock({ pageId: 'p4', since: NOW - DAY, clearedAt: NOW - 1000 })); // cleared recently
    const report = await pruneExpiredRecords(s, NOW, 90);
    expect(report.pageBlocksRemoved).toBe(2);
    expect((await s.listPageBlocks()).map((block) => block.pageId).sort()).toEqual(['p1', 'p4']);
  });
});
