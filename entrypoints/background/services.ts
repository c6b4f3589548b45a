import type { GraphClient } from '../../lib/graph';
import { resolveLocale } from '../../lib/i18n/core';
import { createLabelSyncService, type LabelSyncService } from '../../lib/labels/service';
import { createOverviewService, type OverviewService } from '../../lib/overview/service';
import { createPageService, type PageService } from '../../lib/pages/service';
import { createSendLock, runtimeLocks, type LockManagerLike } from '../../lib/send/lock';
import { createReopenService, type ReopenService } from '../../lib/send/pipeline';
import { createReconciler, type Reconciler } from '../../lib/send/reconcile';
import type { ManagedConfig } from '../../lib/settings/managed';
import { createSettingsService, type SettingsService } from '../../lib/settings/service';
import { browserUsageSource, createUsageMonitor, type UsageMonitorDeps } from '../../lib/storage/budget';
import { freeSpace } from '../../lib/storage/retention';
import { createStore, type ReopenStore } from '../../lib/storage/store';
import { createListingService, type ListingService } from '../../lib/threads/listing';
import { createThreadService, type ThreadService } from '../../lib/threads/service';
import { createUrgencyService, type UrgencyService } from '../../lib/urgency/service';
import type { CommandInfo } from '../../lib/messaging/commands';

// The background's services, built once per worker from a few injected edges (clock, Graph client factory,
// the administrator's policy), so every handler can be tested as a plain function against fake storage and
// the Meta simulator.

export interface BackgroundDeps {
  now: () => number;
  /** Builds a Graph client for a version (the settings choose it). One client per version is kept, so its
   *  per-Page pacing spans every caller. */
  createGraph: (version: string) => GraphClient;
  /** The administrator's presets (browser.storage.managed); empty when there is no policy. */
  managed: () => Promise<ManagedConfig>;
  /** browser.runtime.openOptionsPage (content scripts cannot open extension pages themselves). */
  openOptionsPage?: () => Promise<void>;
  /** browser.commands.getAll: the keyboard shortcuts as the browser assigned them (the agent may change them). */
  commands?: () => Promise<CommandInfo[]>;
  /** Asks to be woken at `at` to read conversations of `unknown` sends (a timer and an alarm in the worker). */
  wakeReconciler?: (at: number) => void;
  /** The Web Locks API shared by the extension's contexts; default: this runtime's navigator.locks. null: none. */
  locks?: LockManagerLike | null;
  /** Told when there is no Web Locks API: sends are serialised in this context only. */
  onLockMissing?: (kind: 'send_lock_unavailable') => void;
  /** Where the storage usage is measured (default: storage.local's getBytesInUse and QUOTA_BYTES). */
  storageUsage?: Pick<UsageMonitorDeps, 'bytesInUse' | 'quotaBytes'>;
  /** Told when a read of a Page's recent conversations (for the badges or a thread switch) may have changed the
   *  toolbar count. */
  onUrgencyListing?: () => void;
  /** Asks to be woken at `at` for the label sync's next transition (a timer and an alarm in the worker). */
  wakeLabels?: (at: number) => void;
  /** The browser's language (the labels' default language when the interface follows the browser). */
  browserLanguage?: () => string | undefined;
  /** Overrides for tests (smaller pages, shorter TTL). */
  tuning?: { factsTtlMs?: number; nameSearch?: { pageSize: number; maxPages: number }; overviewPageSize?: number };
}

export interface BackgroundServices {
  now: () => number;
  store: ReopenStore;
  graph: () => Promise<GraphClient>;
  pages: PageService;
  /** Each Page's recent conversations, one listing shared by thread resolution and the row badges. */
  listings: ListingService;
  threads: ThreadService;
  reopen: ReopenService;
  reconciler: Reconciler;
  settings: SettingsService;
  overview: OverviewService;
  urgency: UrgencyService;
  /** Labels in Business Suite (issue 22). */
  labels: LabelSyncService;
  openOptionsPage: () => Promise<void>;
  commands: () => Promise<CommandInfo[]>;
}

export function createServices(deps: BackgroundDeps): BackgroundServices {
  const { now, managed } = deps;
  // Near the quota, caches are evicted (lib/storage/retention.ts); one eviction at a time.
  let evicting: Promise<unknown> | null = null;
  const usage = createUsageMonitor({
    ...(deps.storageUsage ?? browserUsageSource()),
    now,
    onPressure: (measured) => {
      evicting ??= freeSpace(store, measured)
        .catch(() => 0)
        .finally(() => {
          evicting = null;
        });
    },
  });
  const store: ReopenStore = createStore({ now, usage });
  const settings = createSettingsService({ store, managed, now });
  const clients = new Map<string, GraphClient>();
  const graph = async () => {
    const { graphVersion } = await settings.effective();
    let client = clients.get(graphVersion);
    if (!client) {
      client = deps.createGraph(graphVersion);
      clients.set(graphVersion, client);
    }
    return client;
  };
  const pages = createPageService({ store, graph, now, managed });
  const listings = createListingService({
    graph,
    now,
    ttlMs: deps.tuning?.factsTtlMs,
    pageSize: deps.tuning?.nameSearch?.pageSize,
    onListing: deps.onUrgencyListing,
  });
  const threads = createThreadService({
    store,
    pages,
    graph,
    now,
    listings,
    factsTtlMs: deps.tuning?.factsTtlMs,
    nameSearchMaxPages: deps.tuning?.nameSearch?.maxPages,
  });
  const reconciler = createReconciler({ store, pages, graph, now, wake: deps.wakeReconciler });
  const lock = createSendLock({ locks: deps.locks === undefined ? runtimeLocks() : deps.locks, onMissing: deps.onLockMissing });
  const reopen = createReopenService({ store, pages, threads, graph, now, settings: settings.effective, lock, reconciler });
  const overview = createOverviewService({ store, pages, graph, now, pageSize: deps.tuning?.overviewPageSize });
  const urgency = createUrgencyService({ store, pages, listings, settings, now });
  const labels = createLabelSyncService({
    store,
    pages,
    listings,
    graph,
    now,
    managed,
    language: async () => resolveLocale((await settings.effective()).language, deps.browserLanguage?.()),
    wake: deps.wakeLabels,
  });
  const openOptionsPage = deps.openOptionsPage ?? (async () => {});
  const commands = deps.commands ?? (() => Promise.resolve([]));
  return { now, store, graph, pages, listings, threads, reopen, reconciler, settings, overview, urgency, labels, openOptionsPage, commands };
}
