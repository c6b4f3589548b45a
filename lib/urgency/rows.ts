import { cooldownState } from '../policy';
import type { ThreadRecord } from '../storage/schema';
import type { RowFact } from '../inbox/row-badge-model';
import { normalizeDisplayName } from '../policy/display-name';

// Row facts: what the conversation list's badges need about each conversation a row may show, keyed by the name the
// row shows. A name that two conversations share says nothing about which one a row is, so it is left out: a row
// with no facts gets no badge, never a wrong one (DESIGN.md §3).

/**
 * The facts of every conversation whose name is unique among `records` (one Page's recent conversations and its
 * resolved threads, one record per customer). Records without a name cannot match a row; records without C still
 * make their name ambiguous, since a row by that name may be theirs.
 */
export function rowFacts(records: readonly ThreadRecord[], now: number): RowFact[] {
  const byName = new Map<string, { record: ThreadRecord; shared: boolean }>();
  for (const record of records) {
    if (!record.customerName) continue;
    const name = normalizeDisplayName(record.customerName);
    if (!name) continue;
    const seen = byName.get(name);
    if (seen) {
      if (seen.record.psid !== record.psid) seen.shared = true;
    } else byName.set(name, { record, shared: false });
  }
  const facts: RowFact[] = [];
  for (const [name, { record, shared }] of byName) {
    const customerLastMessageAt = record.facts?.customerLastMessageAt ?? null;
    if (shared || customerLastMessageAt === null) continue;
    const cooldown = cooldownState({ customerLastMessageAt, pageLastMessageAt: record.facts?.pageLastMessageAt ?? null, attempts: record.attempts }, now);
    facts.push({ name, customerLastMessageAt, cooldownUntil: cooldown.active ? cooldown.until : null });
  }
  return facts;
}
