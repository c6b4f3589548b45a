// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { emptyThread } from '../storage/store';
import type { ThreadRecord } from '../storage/schema';
import { computeSummary } from './compute-summary';
import { countUrgency, recordUrgency } from './urgency-counts';

// One truth for urgency: the rule per conversation and the count every screen shows, and the summary's figures and
// lists agreeing with it over the same records.

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const NOW = Date.UTC(2026, 11, 3, 12);

const thread = (psid: string, customerAt: number | null, over: Partial<ThreadRecord> = {}): ThreadRecord => ({
  ...emptyThread('page', psid, NOW),
  customerName: `Customer ${psid}`,
  facts: customerAt === null ? null : { customerLastMessageAt: customerAt, pageLastMessageAt: null, checkedAt: NOW },
  ...over,
});

const records = [
  // 39 min left: closing within the 2 h threshold.
  thread('closing39', NOW - DAY + 39 * MINUTE),
  // Exactly at the threshold: closing; a minute more: not yet.
  thread('atThreshold', NOW - DAY + 120 * MINUTE),
  thread('open', NOW - DAY + 121 * MINUTE),
  thread('human', NOW - 30 * HOUR),
  thread('closedMessenger', NOW - 9 * DAY),
  thread('closedInstagram', NOW - 9 * DAY, { platform: 'instagram' }),
  thread('cooling', NOW - 30 * HOUR, { attempts: [{ requestId: 'r', route: 'HUMAN_AGENT', status: 'sent', contentKind: 'text', at: NOW - HOUR }] }),
  thread('unknown', null),
];

describe('urgency counts', () => {
  it('decides each conversation once: closing within the threshold, ready when a reactivation may go now', () => {
    expect(Object.fromEntries(records.map((record) => [record.psid, recordUrgency(record, NOW, 120)]))).toEqual({
      closing39: 'closing',
      atThreshold: 'closing',
      open: null,
      human: 'ready',
      closedMessenger: 'ready',
      closedInstagram: null,
      cooling: null,
      unknown: null,
    });
  });

  it('counts them, saying where they come from', () => {
    expect(countUrgency(records, NOW, 120, 'recent')).toEqual({ closing: 2, ready: 2, closesSoonMinutes: 120, source: 'recent' });
    expect(countUrgency(records, NOW, 30, 'opened')).toEqual({ closing: 0, ready: 2, closesSoonMinutes: 30, source: 'opened' });
  });

  it("the popup's figures and lists are the same count over the same records", () => {
    for (const threshold of [0, 30, 120, 24 * 60]) {
      const counts = countUrgency(records, NOW, threshold, 'recent');
      const summary = computeSummary(records, NOW, { closesSoonMinutes: threshold, source: 'recent' });
      expect({ closing: summary.closingSoonTotal, ready: summary.counts.ready, readyList: summary.readyNowTotal }).toEqual({
        closing: counts.closing,
        ready: counts.ready,
        readyList: counts.ready,
      });
      expect(summary.source).toBe('recent');
    }
  });
});
