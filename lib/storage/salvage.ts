import type { z } from 'zod';
import { redactSecrets } from './secrets';
import {
  MIN_EPOCH_MS,
  attemptSchema,
  settingsSchema,
  storedPageSchema,
  threadRecordSchema,
  type Settings,
  type StoredAttempt,
  type StoredPage,
  type ThreadRecord,
} from './schema';

// What is kept of a stored value that no longer parses (a bug, a half-written migration, a newer version's
// shape). The rule for the ledger: never lose a cooldown. An attempt that cannot be read in full may have reached
// Meta, so it is kept as `unknown` (which holds the cooldown) at the best time it still has.

type Loose = Record<string, unknown>;
const asObject = (value: unknown): Loose => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Loose) : {});
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
/** A stored time in epoch ms; one in epoch seconds (1973…5138 in seconds) is read as the same instant in ms;
 *  anything else is no time at all. */
function epochMs(value: unknown): number | undefined {
  const number = finite(value);
  if (number === undefined) return undefined;
  if (number >= MIN_EPOCH_MS) return number;
  return number >= MIN_EPOCH_MS / 1000 ? number * 1000 : undefined;
}

/** Each field that parses on its own is kept; the others take `fallback`'s. */
function salvageFields<T extends Loose>(shape: Record<string, z.ZodType>, source: Loose, fallback: T): T {
  const result: Loose = {};
  for (const [field, schema] of Object.entries(shape)) {
    const parsed = schema.safeParse(source[field]);
    const value = parsed.success && parsed.data !== undefined ? parsed.data : fallback[field];
    if (value !== undefined) result[field] = value;
  }
  return result as T;
}

export function salvageSettings(raw: unknown, defaults: Settings): Settings {
  return salvageFields(settingsSchema.shape, asObject(raw), { ...defaults, promoTerms: [...defaults.promoTerms] });
}

/** Written on an attempt kept from an unreadable record (the views explain `errors.record_damaged.*`). */
export const DAMAGED_ATTEMPT_ERROR = { kind: 'record_damaged', retryable: false } as const;

/**
 * An attempt entry that does not parse, kept as `unknown`: a status this version does not know (a newer one's)
 * may mean it reached Meta, and so may a known one whose other fields are broken. Its time is the first it still
 * has: its own `at`, its `settledAt`, the record's `updatedAt`, else now — later is the safe side of a cooldown.
 */
export function salvageAttempt(entry: unknown, index: number, recordUpdatedAt: number | undefined, now: number): StoredAttempt {
  const parsed = attemptSchema.safeParse(entry);
  if (parsed.success) return parsed.data;
  const source = asObject(entry);
  const at = epochMs(source.at) ?? epochMs(source.settledAt) ?? recordUpdatedAt ?? now;
  // Every other field that still reads on its own is kept (ids, route, what was sent, Meta's message id…).
  const { at: _at, status: _status, error: _error, settledAt: _settledAt, ...rest } = attemptSchema.shape;
  const fields = salvageFields(rest, source, { requestId: `damaged-${at}-${index}`, route: 'HUMAN_AGENT', contentKind: 'text' }) as Omit<
    StoredAttempt,
    'at' | 'status' | 'error' | 'settledAt'
  >;
  const settledAt = epochMs(source.settledAt);
  return {
    ...fields,
    at,
    status: 'unknown',
    error: { ...DAMAGED_ATTEMPT_ERROR },
    settledAt: settledAt ?? now,
  };
}

/**
 * A thread record that does not parse: its readable fields, and every attempt entry (readable ones as they are,
 * the others as `unknown`). The key names the thread (`thread:<page>:<psid>`), so even a record unreadable as a
 * whole — a string, a list, `attempts` missing or null — is kept: it may have held an attempt that reached Meta,
 * and one `unknown` attempt (at the record's last write, else now: later is the safe side of a cooldown) stands in
 * for whatever it held. Only a record whose attempt list reads as empty had nothing to keep: null (the record is
 * removed, the copy quarantined).
 */
export function salvageThread(raw: unknown, pageId: string, psid: string, now: number): ThreadRecord | null {
  const source = asObject(raw);
  const updatedAt = epochMs(source.updatedAt);
  const entries = Array.isArray(source.attempts) ? source.attempts : [source.attempts ?? null];
  const attempts = entries.map((entry, index) => salvageAttempt(entry, index, updatedAt, now));
  if (!attempts.length) return null;
  const fallback: Loose = { pageId, psid, customerName: null, selectedItemId: null, conversationId: null, facts: null, updatedAt: updatedAt ?? now };
  const { attempts: _attempts, blockedDropped: _dropped, ...shape } = threadRecordSchema.shape;
  const fields = salvageFields(shape, source, fallback) as Omit<ThreadRecord, 'attempts'>;
  const dropped = finite(source.blockedDropped);
  const block = fields.block ?? salvageBlock(source.block, updatedAt ?? now);
  return {
    ...fields,
    pageId,
    psid,
    attempts,
    ...(dropped !== undefined && dropped >= 0 ? { blockedDropped: Math.floor(dropped) } : {}),
    ...(block ? { block } : {}),
  };
}

/** A person's block that no longer reads still blocks (stop means stop: a damaged record must not reopen sends to
 *  someone Meta said to leave alone); it keeps what still reads and lifts like any other (they write again, or Meta's
 *  time). */
function salvageBlock(raw: unknown, fallbackSince: number): ThreadRecord['block'] {
  if (raw == null) return undefined;
  const source = asObject(raw);
  const code = finite(source.code);
  const subcode = finite(source.subcode);
  const until = finite(source.until);
  return {
    scope: 'person',
    code: code !== undefined ? Math.trunc(code) : 0,
    ...(subcode !== undefined ? { subcode: Math.trunc(subcode) } : {}),
    kind: typeof source.kind === 'string' ? source.kind : 'record_damaged',
    ...(typeof source.metaMessage === 'string' ? { metaMessage: source.metaMessage } : {}),
    since: finite(source.since) ?? fallbackSince,
    ...(until !== undefined ? { until } : {}),
    requestId: typeof source.requestId === 'string' ? source.requestId : 'damaged',
  };
}

/**
 * The Page list: entries that parse stay; an entry that does not but still names its Page stays as
 * `needs_reconnect` (reason `record_damaged`), so the options page asks for the token again instead of the Page
 * silently vanishing. Any token field is dropped on the way (the token lives in the vault).
 */
export function salvagePages(raw: unknown, now: number): StoredPage[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry): StoredPage[] => {
    const clean = redactSecrets(entry);
    const parsed = storedPageSchema.safeParse(clean);
    if (parsed.success) return [parsed.data];
    const source = asObject(clean);
    if (typeof source.id !== 'string' || !source.id) return [];
    return [
      {
        id: source.id,
        name: typeof source.name === 'string' && source.name ? source.name : source.id,
        status: 'needs_reconnect',
        reconnectReason: 'record_damaged',
        checkedAt: finite(source.checkedAt) ?? now,
        managed: source.managed === true,
      },
    ];
  });
}
