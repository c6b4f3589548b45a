import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { DEFAULT_GRAPH_VERSION } from '../graph/config';
import { DEFAULT_PROMO_TERMS } from '../policy';
import type { LayoutHealth } from '../messaging/protocol';
import { layoutHealthSchema } from '../messaging/protocol';
import { createKeyedLock } from './lock';
import {
  PAGES_VERSION,
  PSID_MAPPING_VERSION,
  SETTINGS_VERSION,
  THREAD_RECORD_VERSION,
  migrateValue,
  pagesMigrations,
  psidMappingMigrations,
  settingsMigrations,
  threadMigrations,
} from './migrations';
import { listQuarantined, quarantineValue, readWarnings } from './quarantine';
import {
  attemptSchema,
  overviewKey,
  overviewResultSchema,
  pageRecordSchema,
  psidMapKey,
  psidMappingSchema,
  settingsSchema,
  threadKey,
  threadRecordSchema,
  type OverviewResult,
  type PageRecord,
  type PsidMapping,
  type Settings,
  type StorageWarning,
  type ThreadRecord,
} from './schema';

export const DEFAULT_SETTINGS: Settings = {
  graphVersion: DEFAULT_GRAPH_VERSION,
  language: 'browser',
  retentionDays: 90,
  promoTerms: [...DEFAULT_PROMO_TERMS],
  closesSoonMinutes: 120,
};

const THREAD_PREFIX = 'thread:';
const INBOX_HEALTH_KEY = 'local:inboxHealth' as const;

/** Typed access to everything the background keeps in `browser.storage.local`. */
export interface ReopenStore {
  getSettings(): Promise<Settings>;
  setSettings(settings: Settings): Promise<void>;
  getPages(): Promise<PageRecord[]>;
  /** Read-modify-write of the Page list, serialized so a connect and a 190 never overwrite each other. */
  updatePages(change: (pages: PageRecord[]) => PageRecord[]): Promise<PageRecord[]>;
  getThread(pageId: string, psid: string): Promise<ThreadRecord | null>;
  /** Read-modify-write of one thread, serialized per thread. Returning null removes the thread. */
  updateThread(
    pageId: string,
    psid: string,
    change: (current: ThreadRecord | null) => ThreadRecord | null,
  ): Promise<ThreadRecord | null>;
  /** Every thread of every Page (one snapshot read; unreadable records are quarantined). */
  listThreads(): Promise<ThreadRecord[]>;
  getPsidMapping(pageId: string, selectedItemId: string): Promise<PsidMapping | null>;
  setPsidMapping(pageId: string, selectedItemId: string, mapping: PsidMapping | null): Promise<void>;
  getOverview(pageId: string): Promise<OverviewResult | null>;
  setOverview(result: OverviewResult): Promise<void>;
  getInboxHealth(): Promise<LayoutHealth | null>;
  setInboxHealth(report: LayoutHealth): Promise<void>;
  warnings(): Promise<StorageWarning[]>;
  quarantined(): Promise<{ key: string; value: unknown }[]>;
}

/** The same shape as a newly met thread: nothing known yet. */
export function emptyThread(pageId: string, psid: string, now: number): ThreadRecord {
  return { pageId, psid, customerName: null, selectedItemId: null, conversationId: null, facts: null, attempts: [], updatedAt: now };
}

function salvageSettings(raw: unknown): Settings {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const result: Record<string, unknown> = {};
  for (const [field, schema] of Object.entries(settingsSchema.shape)) {
    const parsed = (schema as z.ZodType).safeParse(source[field]);
    result[field] = parsed.success ? parsed.data : DEFAULT_SETTINGS[field as keyof Settings];
  }
  return result as Settings;
}

function salvagePages(raw: unknown): PageRecord[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const parsed = pageRecordSchema.safeParse(entry);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Keeps the readable attempts of a broken thread: losing them would lose the cooldown, and a resend. */
function salvageThread(raw: unknown, pageId: string, psid: string, now: number): ThreadRecord | null {
  const source = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  const attempts = Array.isArray(source.attempts)
    ? source.attempts.flatMap((entry) => {
        const parsed = attemptSchema.safeParse(entry);
        return parsed.success ? [parsed.data] : [];
      })
    : [];
  if (!attempts.length) return null;
  return { ...emptyThread(pageId, psid, now), attempts };
}

function parseThreadKey(key: string): { pageId: string; psid: string } | null {
  // thread:<pageId>:<psid>; ids never contain ':' (the protocol's id pattern allows it, Meta's ids do not).
  const parts = key.split(':');
  if (parts.length !== 3 || parts[0] !== 'thread' || !parts[1] || !parts[2]) return null;
  return { pageId: parts[1], psid: parts[2] };
}

export function createStore(options: { now: () => number }): ReopenStore {
  const { now } = options;
  const threadLock = createKeyedLock();
  const pagesLock = createKeyedLock();

  const settingsItem = () =>
    storage.defineItem<unknown>('local:settings', { version: SETTINGS_VERSION, migrations: settingsMigrations });
  const pagesItem = () => storage.defineItem<unknown>('local:pages', { version: PAGES_VERSION, migrations: pagesMigrations });
  const threadItem = (pageId: string, psid: string) =>
    storage.defineItem<unknown>(`local:${threadKey(pageId, psid)}`, {
      version: THREAD_RECORD_VERSION,
      migrations: threadMigrations,
    });
  const psidItem = (pageId: string, selectedItemId: string) =>
    storage.defineItem<unknown>(`local:${psidMapKey(pageId, selectedItemId)}`, {
      version: PSID_MAPPING_VERSION,
      migrations: psidMappingMigrations,
    });

  /** Reads, validates and, when broken, quarantines and replaces (or removes, for `null`) the value. */
  async function readChecked<T>(
    item: { getValue(): Promise<unknown>; setValue(value: unknown): Promise<void>; removeValue(): Promise<void> },
    key: string,
    schema: z.ZodType<T>,
    replacementFor: (raw: unknown) => { value: T | null; salvaged: boolean },
  ): Promise<T | null> {
    const raw = await item.getValue();
    if (raw == null) return null;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const replacement = replacementFor(raw);
    await quarantineValue(key, raw, parsed.error, replacement.salvaged ? 'salvaged' : 'default', now());
    if (replacement.value == null) await item.removeValue();
    else await item.setValue(replacement.value);
    return replacement.value;
  }

  async function readPages(): Promise<PageRecord[]> {
    const pages = await readChecked(pagesItem(), 'pages', pageRecordSchema.array(), (raw) => {
      const value = salvagePages(raw);
      return { value, salvaged: value.length > 0 };
    });
    return pages ?? [];
  }

  async function readThread(pageId: string, psid: string): Promise<ThreadRecord | null> {
    return readChecked(threadItem(pageId, psid), threadKey(pageId, psid), threadRecordSchema, (raw) => {
      const value = salvageThread(raw, pageId, psid, now());
      return { value, salvaged: value != null };
    });
  }

  return {
    async getSettings() {
      const settings = await readChecked(settingsItem(), 'settings', settingsSchema, (raw) => ({
        value: salvageSettings(raw),
        salvaged: true,
      }));
      return settings ?? { ...DEFAULT_SETTINGS, promoTerms: [...DEFAULT_SETTINGS.promoTerms] };
    },
    async setSettings(settings) {
      await settingsItem().setValue(settingsSchema.parse(settings));
    },
    getPages: readPages,
    updatePages(change) {
      return pagesLock.run('pages', async () => {
        const next = pageRecordSchema.array().parse(change(await readPages()));
        await pagesItem().setValue(next);
        return next;
      });
    },
    getThread: readThread,
    updateThread(pageId, psid, change) {
      return threadLock.run(`${pageId}:${psid}`, async () => {
        const next = change(await readThread(pageId, psid));
        const item = threadItem(pageId, psid);
        if (next == null) {
          await item.removeValue();
          return null;
        }
        const valid = threadRecordSchema.parse(next);
        await item.setValue(valid);
        return valid;
      });
    },
    async listThreads() {
      // One snapshot instead of an index of keys: an index is one more value every write must keep in step,
      // and listing only serves the popup, the audit export and the daily pruning (see scripts/bench/storage.ts).
      const all = await storage.snapshot('local');
      const threads: ThreadRecord[] = [];
      for (const [key, raw] of Object.entries(all)) {
        if (!key.startsWith(THREAD_PREFIX) || key.endsWith('$')) continue;
        const ids = parseThreadKey(key);
        if (!ids) continue;
        const meta = all[`${key}$`] as { v?: number } | undefined;
        const version = meta?.v ?? 1;
        let candidate = raw;
        if (version !== THREAD_RECORD_VERSION) {
          try {
            candidate = migrateValue(raw, version, THREAD_RECORD_VERSION, threadMigrations);
          } catch {
            candidate = undefined; // falls through to the per-key read, which quarantines
          }
        }
        const parsed = threadRecordSchema.safeParse(candidate);
        if (parsed.success && version === THREAD_RECORD_VERSION) {
          threads.push(parsed.data);
          continue;
        }
        // Old version or broken value: take the one-key path, which migrates (and writes back) or quarantines.
        const record = await threadLock.run(`${ids.pageId}:${ids.psid}`, () => readThread(ids.pageId, ids.psid));
        if (record) threads.push(record);
      }
      return threads;
    },
    async getPsidMapping(pageId, selectedItemId) {
      return readChecked(psidItem(pageId, selectedItemId), psidMapKey(pageId, selectedItemId), psidMappingSchema, () => ({
        value: null,
        salvaged: false,
      }));
    },
    async setPsidMapping(pageId, selectedItemId, mapping) {
      const item = psidItem(pageId, selectedItemId);
      if (mapping == null) await item.removeValue();
      else await item.setValue(psidMappingSchema.parse(mapping));
    },
    async getOverview(pageId) {
      const raw = await storage.getItem<unknown>(`local:${overviewKey(pageId)}`);
      const parsed = overviewResultSchema.safeParse(raw);
      // A broken cached scan is worth nothing: a rescan replaces it, so no quarantine.
      return parsed.success ? parsed.data : null;
    },
    async setOverview(result) {
      await storage.setItem(`local:${overviewKey(result.pageId)}`, overviewResultSchema.parse(result));
    },
    async getInboxHealth() {
      const parsed = layoutHealthSchema.safeParse(await storage.getItem<unknown>(INBOX_HEALTH_KEY));
      return parsed.success ? parsed.data : null;
    },
    async setInboxHealth(report) {
      await storage.setItem(INBOX_HEALTH_KEY, report);
    },
    warnings: readWarnings,
    quarantined: listQuarantined,
  };
}
