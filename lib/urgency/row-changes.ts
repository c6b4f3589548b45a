// Which storage writes change what a row badge shows (./rows.ts: the customer's last message, the cooldown the
// attempts hold): only those are told to the inbox tabs (lib/messaging/rows-changed.ts). A thread
// resolved or read again with the same facts (every thread switch writes one) tells nobody: a tab's pass over its
// list is not paid for nothing.

interface StoredThreadShape {
  facts?: { customerLastMessageAt?: number | null; pageLastMessageAt?: number | null } | null;
  attempts?: readonly { status?: unknown; at?: unknown; requestId?: unknown }[];
}

function rowKey(value: unknown): string {
  if (!value || typeof value !== 'object') return '';
  const thread: StoredThreadShape = value;
  return JSON.stringify([
    thread.facts?.customerLastMessageAt ?? null,
    thread.facts?.pageLastMessageAt ?? null,
    (thread.attempts ?? []).map((attempt) => [attempt.requestId, attempt.status, attempt.at]),
  ]);
}

/** True when a `thread:` key's change may change its row's badge. */
export function changesRowFacts(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): boolean {
  return Object.entries(changes).some(([key, change]) => key.startsWith('thread:') && rowKey(change.oldValue) !== rowKey(change.newValue));
}
