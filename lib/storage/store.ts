import { storage } from 'wxt/utils/storage';
import type { z } from 'zod';
import { capBlockedAttempts, guardWrite, type StorageUsage, type UsageMonitor } from './budget';
import { DEFAULT_GRAPH_VERSION } from '../graph/config';
import { DEFAULT_PROMO_TERMS } from '../policy';
import type { LayoutHealth } from '../inbox/layout-health';
import { layoutHealthSchema } from '../inbox/layout-health';
import { createKeyedLock } from './lock';
import { decodePeople, encodePeople } from './label-people';
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
import { listQuarantined, quarantineValue, readWarnings, scrubQuarantine } from './quarantine';
import { salvagePages, salvageSettings, salvageThread } from './salvage';
import {
  overviewKey,
  overviewResultSchema,
  pageBlockKey,
  pageBlockRecordSchema,
  pageRecordSchema,
  psidMapKey,
  psidMappingSchema,
  settingsSchema,
  labelSyncKey,
  labelSyncSchema,
  type LabelSync,
  storedPageSchema,
  threadKey,
  threadRecordSchema,
  type OverviewResult,
  type PageBlockRecord,
  type PageRecord,
  type PsidMapping,
  type Settings,
  type StoredPage,
  type StorageWarning,
  type ThreadRecord,
} from './schema';
import { createTokenVault, type TokenVault } from './vault';

export const DEFAULT_SETTINGS: Settings = {
  graphVersion: DEFAULT_GRAPH_VERSION,
  language: 'browser',
  retentionDays: 90,
  promoTerms: [...DEFAULT_PROMO_TERMS],
  closesSoonMinutes: 120,
};

const THREAD_PREFIX = 'thread:';
const PAGE_BLOCK_PREFIX = 'pageblock:';
const LABEL_SYNC_PREFIX = 'labelsync:';
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
  updateThread(pageId: string, psid: string, change: (current: ThreadRecord | null) => ThreadRecord | null): Promise<ThreadRecord | null>;
  /** Every thread of every Page (one snapshot read; unreadable records are quarantined). */
  listThreads(): Promise<ThreadRecord[]>;
  getPsidMapping(pageId: string, selectedItemId: string): Promise<PsidMapping | null>;
  setPsidMapping(pageId: string, selectedItemId: string, mapping: PsidMapping | null): Promise<void>;
  getOverview(pageId: string): Promise<OverviewResult | null>;
  setOverview(result: OverviewResult): Promise<void>;
  /** The Page-wide block after Meta restricted the Page (10/1893063), holding or not (the rules say: lib/policy). */
  getPageBlock(pageId: string): Promise<PageBlockRecord | null>;
  /** Writes (null: removes) a Page's block. Every context sees it at once (storage.local). */
  setPageBlock(pageId: string, block: PageBlockRecord | null): Promise<void>;
  /** Every Page's stored block (one snapshot read; unreadable ones are skipped, and pruned by retention). */
  listPageBlocks(): Promise<PageBlockRecord[]>;
  /** A Page's label sync (issue 22); null when never switched on (or unreadable: the sync starts afresh). */
  getLabelSync(pageId: string): Promise<LabelSync | null>;
  /** Read-change-write under a lock per Page; `null` removes it. */
  updateLabelSync(pageId: string, change: (current: LabelSync | null) => LabelSync | null): Promise<LabelSync | null>;
  listLabelSyncs(): Promise<LabelSync[]>;
  getInboxHealth(): Promise<LayoutHealth | null>;
  setInboxHealth(report: LayoutHealth): Promise<void>;
  warnings(): Promise<StorageWarning[]>;
  quarantined(): Promise<{ key: string; value: unknown }[]>;
  /**
   * Once per worker start: tokens an older version kept in storage.local move to the vault (and leave the Page
   * list), quarantined copies lose any token field, and vault tokens of Pages no longer listed are deleted.
   * Idempotent: a worker that dies midway redoes the rest at its next start.
   */
  secureAtRest(): Promise<{ tokensMoved: number }>;
  /** The last bytes-in-use measurement, measured again when older than the monitor's interval. */
  usage: () => Promise<StorageUsage | null>;
  /** Measures the bytes in use now (the retention alarm). */
  checkUsage(): Promise<StorageUsage | null>;
}

/** The same shape as a newly met thread: nothing known yet. */
export function emptyThread(pageId: string, psid: string, now: number): ThreadRecord {
  return { pageId, psid, customerName: null, selectedItemId: null, conversationId: null, facts: null, attempts: [], updatedAt: now };
}

export function parseThreadKey(key: string): { pageId: string; psid: string } | null {
  // thread:<pageId>:<psid>; ids never contain ':' (the protocol's id pattern allows it, Meta's ids do not).
  const parts = key.split(':');
  if (parts.length !== 3 || parts[0] !== 'thread' || !parts[1] || !parts[2]) return null;
  return { pageId: parts[1], psid: parts[2] };
}

export interface StoreOptions {
  now: () => number;
  /** Where Page tokens live (default: the extension origin's IndexedDB). */
  vault?: TokenVault;
  /** Watches the bytes in use (default: none, as in most unit tests). */
  usage?: UsageMonitor;
}

/** Entries of an older version's Page list that still carry their token. */
function legacyTokens(raw: unknown): { id: string; token: string }[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry) => {
    const { id, token } = (entry && typeof entry === 'object' ? entry : {}) as { id?: unknown; token?: unknown };
    return typeof id === 'string' && id && typeof token === 'string' && token ? [{ id, token }] : [];
  });
}

/** A stored label sync with its people read back from their short form (./label-people.ts). */
function readStoredLabelSync(raw: unknown): unknown {
  if (!raw || typeof raw !== 'object') return raw;
  const record = raw as Record<string, unknown>;
  return { ...record, people: decodePeople(record.people) };
}

export function createStore(options: StoreOptions): ReopenStore {
  const { now } = options;
  const vault = options.vault ?? createTokenVault();
  const threadLock = createKeyedLock();
  const pagesLock = createKeyedLock();
  const labelLock = createKeyedLock();
  const readLabelSync = async (pageId: string): Promise<LabelSync | null> => {
    const parsed = labelSyncSchema.safeParse(readStoredLabelSync(await storage.getItem<unknown>(`local:${labelSyncKey(pageId)}`)));
    // Unreadable: the sync starts afresh (it finds the Page's labels again by name; nothing is lost on Meta's side).
    return parsed.success && parsed.data.pageId === pageId ? parsed.data : null;
  };

  /** Every write: a quota refusal becomes StorageFullError and marks the storage full; a success may measure. */
  async function write<T>(work: () => Promise<T>): Promise<T> {
    const result = await guardWrite(work, () => options.usage?.reportFull());
    options.usage?.afterWrite();
    return result;
  }

  const settingsItem = () => storage.defineItem<unknown>('local:settings', { version: SETTINGS_VERSION, migrations: settingsMigrations });
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
    item: {
      getValue(): Promise<unknown>;
      setValue(value: unknown): Promise<void>;
      removeValue(): Promise<void>;
      setMeta(meta: { v: number }): Promise<void>;
    },
    key: string,
    schema: z.ZodType<T>,
    replacementFor: (raw: unknown) => { value: T | null; salvaged: boolean },
    version: number,
  ): Promise<T | null> {
    const raw = await item.getValue();
    if (raw == null) return null;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const replacement = replacementFor(raw);
    // The vault's tokens are redacted from the copy wherever they sit (a vault that cannot be read: the shape rule).
    const tokens = [...(await vault.all().catch(() => new Map<string, string>())).values()];
    await quarantineValue(key, raw, parsed.error, replacement.salvaged ? 'salvaged' : 'default', now(), tokens);
    // A full storage must not stop a read: the salvaged value is used in memory and written when there is room.
    try {
      if (replacement.value == null) await item.removeValue();
      else {
        await write(() => item.setValue(replacement.value));
        // Written in this version's shape: a newer version's record (a higher `v`) now reads as this one's.
        await item.setMeta({ v: version });
      }
    } catch {
      // kept in memory only (the quarantine and the warning say what happened)
    }
    return replacement.value;
  }

  /** Tokens an older version kept in the Page list go to the vault first, then the list is rewritten without. */
  async function moveTokensOut(raw: unknown): Promise<number> {
    const legacy = legacyTokens(raw);
    if (!Array.isArray(raw) || !raw.some((entry) => entry && typeof entry === 'object' && 'token' in entry)) return 0;
    for (const { id, token } of legacy) await vault.put(id, token);
    const without = raw.map((entry: unknown) => {
      if (!entry || typeof entry !== 'object') return entry;
      const { token: _token, ...rest } = entry as Record<string, unknown>;
      return rest;
    });
    await write(() => pagesItem().setValue(without));
    return legacy.length;
  }

  /** The stored Page list (call under pagesLock). */
  async function readStoredPages(): Promise<StoredPage[]> {
    const item = pagesItem();
    await moveTokensOut(await item.getValue());
    const pages = await readChecked(
      item,
      'pages',
      storedPageSchema.array(),
      (raw) => {
        const value = salvagePages(raw, now());
        return { value, salvaged: value.length > 0 };
      },
      PAGES_VERSION,
    );
    return pages ?? [];
  }

  /** The Page list joined with the vault's tokens (call under pagesLock). */
  async function readPages(): Promise<PageRecord[]> {
    // In order: reading the list moves an older version's tokens into the vault first.
    const stored = await readStoredPages();
    const tokens = await vault.all();
    return stored.map((page) => {
      const token = tokens.get(page.id) ?? '';
      if (token || page.status === 'needs_reconnect') return { ...page, token };
      // Listed but no token in the vault (the browser's site data was cleared): the agent must paste it again.
      return { ...page, token, status: 'needs_reconnect', reconnectReason: 'token_missing' };
    });
  }

  async function readThread(pageId: string, psid: string): Promise<ThreadRecord | null> {
    return readChecked(
      threadItem(pageId, psid),
      threadKey(pageId, psid),
      threadRecordSchema,
      (raw) => {
        const value = salvageThread(raw, pageId, psid, now());
        return { value, salvaged: value != null };
      },
      THREAD_RECORD_VERSION,
    );
  }

  return {
    async getSettings() {
      const settings = await readChecked(
        settingsItem(),
        'settings',
        settingsSchema,
        (raw) => ({
          value: salvageSettings(raw, DEFAULT_SETTINGS),
          salvaged: true,
        }),
        SETTINGS_VERSION,
      );
      return settings ?? { ...DEFAULT_SETTINGS, promoTerms: [...DEFAULT_SETTINGS.promoTerms] };
    },
    async setSettings(settings) {
      await write(() => settingsItem().setValue(settingsSchema.parse(settings)));
    },
    getPages: () => pagesLock.run('pages', readPages),
    updatePages(change) {
      return pagesLock.run('pages', async () => {
        const current = await readPages();
        const next = pageRecordSchema.array().parse(change(current));
        const before = new Map(current.map((page) => [page.id, page.token]));
        // Tokens first: a worker that dies before the list is written leaves a token nobody lists (deleted at the
        // next start), never a listed Page without its token.
        for (const page of next) if (page.token && before.get(page.id) !== page.token) await vault.put(page.id, page.token);
        await write(() => pagesItem().setValue(next.map(({ token: _token, ...stored }) => stored)));
        const kept = new Set(next.map((page) => page.id));
        for (const id of before.keys()) if (!kept.has(id)) await vault.remove(id);
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
        const valid = capBlockedAttempts(threadRecordSchema.parse(next));
        await write(() => item.setValue(valid));
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
      return readChecked(
        psidItem(pageId, selectedItemId),
        psidMapKey(pageId, selectedItemId),
        psidMappingSchema,
        () => ({
          value: null,
          salvaged: false,
        }),
        PSID_MAPPING_VERSION,
      );
    },
    async setPsidMapping(pageId, selectedItemId, mapping) {
      const item = psidItem(pageId, selectedItemId);
      if (mapping == null) await item.removeValue();
      else await write(() => item.setValue(psidMappingSchema.parse(mapping)));
    },
    async getOverview(pageId) {
      const raw = await storage.getItem<unknown>(`local:${overviewKey(pageId)}`);
      const parsed = overviewResultSchema.safeParse(raw);
      // A broken cached scan is worth nothing: a rescan replaces it, so no quarantine.
      return parsed.success ? parsed.data : null;
    },
    async setOverview(result) {
      await write(() => storage.setItem(`local:${overviewKey(result.pageId)}`, overviewResultSchema.parse(result)));
    },
    async getPageBlock(pageId) {
      const parsed = pageBlockRecordSchema.safeParse(await storage.getItem<unknown>(`local:${pageBlockKey(pageId)}`));
      // An unreadable block is not a block: retention removes it (lib/storage/retention.ts).
      return parsed.success && parsed.data.pageId === pageId ? parsed.data : null;
    },
    async setPageBlock(pageId, block) {
      if (block == null) await storage.removeItem(`local:${pageBlockKey(pageId)}`);
      else await write(() => storage.setItem(`local:${pageBlockKey(pageId)}`, pageBlockRecordSchema.parse({ ...block, pageId })));
    },
    async listPageBlocks() {
      const all = await storage.snapshot('local');
      return Object.entries(all).flatMap(([key, raw]) => {
        if (!key.startsWith(PAGE_BLOCK_PREFIX)) return [];
        const parsed = pageBlockRecordSchema.safeParse(raw);
        return parsed.success ? [parsed.data] : [];
      });
    },
    getLabelSync: readLabelSync,
    updateLabelSync(pageId, change) {
      return labelLock.run(pageId, async () => {
        const next = change(await readLabelSync(pageId));
        if (next == null) {
          await storage.removeItem(`local:${labelSyncKey(pageId)}`);
          return null;
        }
        const valid = labelSyncSchema.parse({ ...next, pageId });
        await write(() => storage.setItem(`local:${labelSyncKey(pageId)}`, { ...valid, people: encodePeople(valid.people) }));
        return valid;
      });
    },
    async listLabelSyncs() {
      const all = await storage.snapshot('local');
      return Object.entries(all).flatMap(([key, raw]) => {
        if (!key.startsWith(LABEL_SYNC_PREFIX)) return [];
        const parsed = labelSyncSchema.safeParse(readStoredLabelSync(raw));
        return parsed.success ? [parsed.data] : [];
      });
    },
    async getInboxHealth() {
      const parsed = layoutHealthSchema.safeParse(await storage.getItem<unknown>(INBOX_HEALTH_KEY));
      return parsed.success ? parsed.data : null;
    },
    async setInboxHealth(report) {
      await write(() => storage.setItem(INBOX_HEALTH_KEY, report));
    },
    warnings: readWarnings,
    quarantined: listQuarantined,
    secureAtRest() {
      return pagesLock.run('pages', async () => {
        const tokensMoved = await moveTokensOut(await pagesItem().getValue());
        await scrubQuarantine();
        const listed = new Set((await readStoredPages()).map((page) => page.id));
        for (const id of (await vault.all()).keys()) if (!listed.has(id)) await vault.remove(id);
        return { tokensMoved };
      });
    },
    async usage() {
      const monitor = options.usage;
      if (!monitor) return null;
      monitor.afterWrite();
      return monitor.current() ?? monitor.check();
    },
    async checkUsage() {
      return options.usage ? options.usage.check() : null;
    },
  };
}
