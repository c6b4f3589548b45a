// What Reopen stores per viewed conversation and per attempt, and when storage.local's 10 MB quota (Chrome,
// without `unlimitedStorage`) would be reached. Written through the real store on WXT's fake storage and counted
// the way Chrome's getBytesInUse counts (key + JSON of the value, in UTF-8 bytes), so a schema change moves it.

import type { StoredAttempt, ThreadRecord } from '../../lib/storage/schema';

const NOW = Date.parse('2026-07-12T12:00:00Z');
const PAGE = '104857600000001';
const CONVERSATIONS = 1_000;
/** A busy agent's day, to turn the quota into days: conversations opened in Business Suite with Reopen on. */
const BUSY_DAY_CONVERSATIONS = 200;
const RETENTION_DAYS = 90;

function viewed(index: number): ThreadRecord {
  return {
    pageId: PAGE,
    psid: String(7_000_000_000_000_000 + index),
    customerName: `María Fernanda García ${index}`,
    selectedItemId: String(100_029_016_000_000 + index),
    conversationId: `t_${100_029_016_000_000 + index}`,
    facts: { customerLastMessageAt: NOW - 30 * 3_600_000, pageLastMessageAt: NOW - 29 * 3_600_000, checkedAt: NOW - 60_000 },
    attempts: [],
    updatedAt: NOW,
  };
}

function sent(index: number): StoredAttempt {
  return {
    requestId: `8f1c2d3e-4b5a-4c6d-8e7f-${index.toString(16).padStart(12, '0')}`,
    at: NOW - 1000,
    route: 'HUMAN_AGENT',
    status: 'sent',
    contentKind: 'text',
    messageId: `m_${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789'}${index}`,
    settledAt: NOW - 200,
    textDigest: 'a'.repeat(64),
  };
}

function blocked(index: number): StoredAttempt {
  return {
    requestId: `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`,
    at: NOW + index,
    route: 'HUMAN_AGENT',
    status: 'blocked',
    contentKind: 'text',
    reason: 'cooldown',
    settledAt: NOW + index,
  };
}

export async function benchStorageBudget(): Promise<Record<string, number>> {
  const { fakeBrowser } = await import('wxt/testing/fake-browser');
  const globals = globalThis as { chrome?: unknown };
  if (!(globals.chrome as { storage?: unknown } | undefined)?.storage) globals.chrome = fakeBrowser;
  const { createStore } = await import('../../lib/storage/store');
  const { DEFAULT_QUOTA_BYTES, BLOCKED_PER_THREAD, storedBytes } = await import('../../lib/storage/budget');

  const bytesInUse = async () => Object.entries(await fakeBrowser.storage.local.get(null)).reduce((sum, [key, value]) => sum + storedBytes(key, value), 0);

  fakeBrowser.reset();
  const store = createStore({ now: () => NOW });
  const empty = await bytesInUse();
  // A viewed conversation: its thread record (facts, name, ids) and its selected_item_id → PSID mapping.
  for (let index = 0; index < CONVERSATIONS; index++) {
    const record = viewed(index);
    await store.updateThread(PAGE, record.psid, () => record);
    await store.setPsidMapping(PAGE, record.selectedItemId!, { psid: record.psid, source: 'proven', at: NOW });
  }
  const afterViews = await bytesInUse();
  for (let index = 0; index < CONVERSATIONS; index++) {
    const psid = viewed(index).psid;
    await store.updateThread(PAGE, psid, (current) => ({ ...current!, attempts: [...current!.attempts, sent(index)] }));
  }
  const afterSent = await bytesInUse();
  for (let index = 0; index < CONVERSATIONS; index++) {
    const psid = viewed(index).psid;
    await store.updateThread(PAGE, psid, (current) => ({ ...current!, attempts: [...current!.attempts, blocked(index)] }));
  }
  const afterBlocked = await bytesInUse();
  // The largest a thread's key gets from blocked clicks: the cap keeps it flat (201 clicks once made 36 KB).
  const worst = viewed(CONVERSATIONS + 1);
  await store.updateThread(PAGE, worst.psid, () => ({ ...worst, attempts: [sent(0)] }));
  for (let index = 0; index < 201; index++) {
    await store.updateThread(PAGE, worst.psid, (current) => ({ ...current!, attempts: [...current!.attempts, blocked(10_000 + index)] }));
  }
  const worstThread = await store.getThread(PAGE, worst.psid);
  fakeBrowser.reset();

  const perConversation = Math.round((afterViews - empty) / CONVERSATIONS);
  const perSent = Math.round((afterSent - afterViews) / CONVERSATIONS);
  const perBlocked = Math.round((afterBlocked - afterSent) / CONVERSATIONS);
  const conversationsToQuota = Math.floor(DEFAULT_QUOTA_BYTES / perConversation);
  return {
    bytesPerViewedConversation: perConversation,
    bytesPerSentAttempt: perSent,
    bytesPerBlockedAttempt: perBlocked,
    quotaBytes: DEFAULT_QUOTA_BYTES,
    conversationsToQuota,
    sentAttemptsToQuota: Math.floor(DEFAULT_QUOTA_BYTES / perSent),
    busyDayConversations: BUSY_DAY_CONVERSATIONS,
    daysToQuotaAtBusyDay: Math.floor(conversationsToQuota / BUSY_DAY_CONVERSATIONS),
    retentionDays: RETENTION_DAYS,
    blockedCapPerThread: BLOCKED_PER_THREAD,
    bytesOfThreadAfter201BlockedClicks: storedBytes(`thread:${PAGE}:${worst.psid}`, worstThread),
  };
}
