import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { QUARANTINE_COPY_MAX_BYTES, QUARANTINE_MAX_BYTES, QUARANTINE_MAX_ENTRIES, storedBytes } from './budget';
import { quarantineKey, storageWarningSchema, type StorageWarning } from './schema';
import { holdsSecret, redactSecrets } from './secrets';

// A stored value that no longer parses (a bug, a downgrade, a half-written migration) must neither crash the
// worker on every start nor vanish silently. It is copied aside under `local:quarantine:<key>:<ts>` (kept for
// export), replaced by a clean default or by what could be salvaged, and a warning is kept for the popup.
// The copy never holds a token (any field naming one is dropped, and any string holding a connected Page's token or
// shaped like one is replaced, whatever its key: the token lives in the vault only), and the
// copies are bounded in number and bytes (lib/storage/budget.ts). Quarantining is best effort: a full storage
// must not turn a readable-enough value into a failed read.

const WARNINGS_KEY = 'local:storageWarnings' as const;
/** Enough to tell the manager something went wrong without growing forever. */
const MAX_WARNINGS = 50;

/** Paths and Zod codes only: the values themselves may contain a Page token. */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 10).map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`);
}

export async function readWarnings(): Promise<StorageWarning[]> {
  const raw = await storage.getItem<unknown>(WARNINGS_KEY);
  if (!Array.isArray(raw)) return [];
  // A broken warning list is simply dropped: it only ever describes other problems.
  return raw.flatMap((entry) => {
    const parsed = storageWarningSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

export async function writeWarnings(warnings: StorageWarning[]): Promise<void> {
  await storage.setItem(WARNINGS_KEY, warnings.slice(-MAX_WARNINGS));
}

/**
 * Moves an unreadable value aside and records a warning. The caller then writes its replacement (or leaves the
 * key removed, for per-thread keys). `key` is without the area prefix, e.g. `thread:<page>:<psid>`.
 */
export async function quarantineValue(
  key: string,
  raw: unknown,
  error: z.ZodError | Error,
  recovery: StorageWarning['recovery'],
  now: number,
  /** The connected Pages' tokens, redacted wherever they appear in the copy. */
  tokens: readonly string[] = [],
): Promise<StorageWarning> {
  const aside = quarantineKey(key, now);
  const issues = 'issues' in error ? describeIssues(error) : [`(root): ${error.name}`];
  const warning: StorageWarning = { key, quarantineKey: aside, at: now, issues, recovery };
  try {
    const clean = redactSecrets(raw ?? null, tokens);
    const bytes = storedBytes(aside, clean);
    // Too large to keep a second copy of: its size says enough for support.
    const copy = bytes > QUARANTINE_COPY_MAX_BYTES ? { omitted: 'too_large', bytes } : clean;
    await storage.setItem(`local:${aside}`, copy);
    await boundQuarantine();
    await writeWarnings([...(await readWarnings()), warning]);
  } catch {
    // Storage full (or failing): the value is still replaced by the caller; only the copy is lost.
  }
  return warning;
}

/** Keeps the newest QUARANTINE_MAX_ENTRIES copies within QUARANTINE_MAX_BYTES. */
async function boundQuarantine(): Promise<number> {
  const entries = (await listQuarantined())
    .map(({ key, value }) => ({ key, at: quarantinedAt(key), bytes: storedBytes(key, value) }))
    .sort((a, b) => b.at - a.at);
  let total = 0;
  const drop = entries.filter((entry, index) => {
    total += entry.bytes;
    return index >= QUARANTINE_MAX_ENTRIES || total > QUARANTINE_MAX_BYTES;
  });
  if (drop.length) await storage.removeItems(drop.map(({ key }) => `local:${key}` as const));
  return drop.length;
}

const quarantinedAt = (key: string) => Number(key.slice(key.lastIndexOf(':') + 1));

/** Copies quarantined by an older version may hold a token: rewritten without it. */
export async function scrubQuarantine(): Promise<number> {
  let scrubbed = 0;
  for (const { key, value } of await listQuarantined()) {
    if (!holdsSecret(value)) continue;
    await storage.setItem(`local:${key}`, redactSecrets(value));
    scrubbed += 1;
  }
  return scrubbed;
}

/** Every quarantined value, for the settings export (tokens are redacted there). */
export async function listQuarantined(): Promise<{ key: string; value: unknown }[]> {
  const all = await storage.snapshot('local');
  return Object.entries(all)
    .filter(([key]) => key.startsWith('quarantine:') && !key.endsWith('$'))
    .map(([key, value]) => ({ key, value }));
}

/** Drops warnings and quarantined copies older than the retention horizon. */
export async function pruneQuarantine(olderThan: number): Promise<number> {
  const warnings = await readWarnings();
  const kept = warnings.filter((warning) => warning.at >= olderThan);
  if (kept.length !== warnings.length) await writeWarnings(kept);
  const stale = (await listQuarantined()).filter(({ key }) => quarantinedAt(key) < olderThan).map(({ key }) => `local:${key}` as const);
  if (stale.length) await storage.removeItems(stale);
  return stale.length + (await boundQuarantine());
}
