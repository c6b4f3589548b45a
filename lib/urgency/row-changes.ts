// Which storage writes change what a row badge shows (./rows.ts: the customer's last message, the cooldown the
// attempts hold): only those are told to the inbox tabs (lib/messaging/rows-changed.ts). A thread
// resolved or read again with the same facts (every thread switch writes one) tells nobody: a tab's pass over its
// list is not paid for nothing.

import { parseThreadKey } from '../storage/store';

interface StoredThreadShape {
  facts?: { customerLastMessageAt?: number | null; pageLastMessageAt?: number | null } | null;
  attempts?: readonly { status?: unknown; at?: unknown; requestId?: unknown }[];
  block?: unknown;
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

/** The Pages whose threads changed what their label shows (issue 22): the row's facts, or a block from Meta on the
 *  person. A thread read again with the same facts (every switch writes one) wakes no label sync. */
export function pagesWithLabelChanges(changes: Record<string, { oldValue?: unknown; newValue?: unknown }>): Set<string> {
  const blockOf = (value: unknown) => JSON.stringify((value as StoredThreadShape | undefined)?.block ?? null);
  const pages = new Set<string>();
  for (const [key, change] of Object.entries(changes)) {
    const ids = parseThreadKey(key);
    if (!ids) continue;
    if (rowKey(change.oldValue) !== rowKey(change.newValue) || blockOf(change.oldValue) !== blockOf(change.newValue)) pages.add(ids.pageId);
  }
  return pages;
}
