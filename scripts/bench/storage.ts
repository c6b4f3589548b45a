// Storage cost of the ledger's hot paths with one key per thread: recording an attempt and reading one thread
// should not grow with the size of the ledger. Listing (popup summary, audit, pruning) reads one snapshot and
// does grow; it is measured too, since it decides whether an index of thread keys would be worth keeping.
// Runs on WXT's fake extension storage (in-memory), so the figures compare sizes, not browsers.

import type { StoredAttempt, ThreadRecord } from '../../lib/storage/schema';
import { medianMs } from './stats';

const SMALL = { threads: 100, attemptsPerThread: 5 };
const LARGE = { threads: 10_000, attemptsPerThread: 5 }; // 50 000 attempts
const HOT_RUNS = 200;
const LIST_RUNS = 5;
const NOW = Date.parse('2026-07-12T12:00:00Z');

function attempt(index: number): StoredAttempt {
  return {
    requestId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    at: NOW - index * 60_000,
    route: 'HUMAN_AGENT',
    status: 'sent',
    contentKind: 'text',
    messageId: `m_${index}`,
    settledAt: NOW - index * 60_000 + 800,
  };
}

function thread(index: number, attemptsPerThread: number): ThreadRecord {
  return {
    pageId: '104857600000001',
    psid: String(7_000_000_000_000_000 + index),
    customerName: `Customer ${index}`,
    selectedItemId: String(100_029_016_000_000 + index),
    conversationId: `t_${index}`,
    facts: { customerLastMessageAt: NOW - 30 * 3_600_000, pageLastMessageAt: NOW - 29 * 3_600_000, checkedAt: NOW - 60_000 },
    attempts: Array.from({ length: attemptsPerThread }, (_, a) => attempt(index * attemptsPerThread + a)),
    updatedAt: NOW,
  };
}

export async function benchStorage(): Promise<Record<string, number>> {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  // Outside vitest (tsx), WXT's storage finds the extension API on globalThis.chrome: give it the fake one.
  const globals = globalThis as { chrome?: unknown };
  if (!(globals.chrome as { storage?: unknown } | undefined)?.storage) globals.chrome = fakeBrowser;
  const { createStore } = await import('../../lib/storage/store');

  async function measure(size: typeof SMALL) {
    fakeBrowser.reset();
    const seed: Record<string, unknown> = {};
    for (let index = 0; index < size.threads; index++) {
      const record = thread(index, size.attemptsPerThread);
      seed[`thread:${record.pageId}:${record.psid}`] = record;
      seed[`thread:${record.pageId}:${record.psid}$`] = { v: 1 };
    }
    await fakeBrowser.storage.local.set(seed);
    const store = createStore({ now: () => NOW });
    const target = thread(Math.floor(size.threads / 2), 0);
    const record = await medianMs(
      HOT_RUNS,
      (index) =>
        store.updateThread(target.pageId, target.psid, (current) => ({
          ...(current ?? target),
          attempts: [...(current?.attempts ?? []).slice(-10), attempt(1_000_000 + index)],
          updatedAt: NOW,
        })),
      4,
    );
    const read = await medianMs(HOT_RUNS, () => store.getThread(target.pageId, target.psid), 4);
    const list = await medianMs(LIST_RUNS, () => store.listThreads());
    return { record, read, list };
  }

  await measure(SMALL); // warm-up: the first round pays for JIT compilation, which would skew the ratio
  const small = await measure(SMALL);
  const large = await measure(LARGE);
  fakeBrowser.reset();
  const ratio = (a: number, b: number) => Number((a / Math.max(b, 0.0001)).toFixed(2));
  return {
    recordAttemptMs_100threads: small.record,
    recordAttemptMs_10kThreads50kAttempts: large.record,
    recordAttemptRatio: ratio(large.record, small.record),
    readThreadMs_100threads: small.read,
    readThreadMs_10kThreads50kAttempts: large.read,
    readThreadRatio: ratio(large.read, small.read),
    listThreadsMs_100threads: small.list,
    listThreadsMs_10kThreads50kAttempts: large.list,
  };
}
