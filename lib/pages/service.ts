import type { GraphClient } from '../graph';
import { errorView, withoutToken, type ErrorView } from '../graph/error-view';
import type { ManagedConfig } from '../settings/managed';
import type { PageRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { pageView, type PageView } from './view';

// Connected Pages and their tokens. The token is kept in the vault (lib/storage/vault.ts, the extension origin's
// IndexedDB, never storage.local) and read only by the background's services;
// everything this module returns to a caller outside the background is a PageView, which has no token.

export type PageAccess = { ok: true; page: PageRecord } | { ok: false; reason: 'page_not_connected' | 'page_needs_reconnect' };

export interface PageServiceDeps {
  store: ReopenStore;
  graph: () => Promise<GraphClient>;
  now: () => number;
  managed: () => Promise<ManagedConfig>;
}

export interface PageService {
  list(): Promise<PageView[]>;
  connect(token: string): Promise<{ page: PageView } | { error: ErrorView }>;
  disconnect(pageId: string): Promise<PageView[]>;
  /** The Page with its token, for the background's own Graph calls. */
  pageForUse(pageId: string): Promise<PageAccess>;
  /** After a 190 (token invalid or expired): the agent must paste a new token. */
  markNeedsReconnect(pageId: string): Promise<void>;
  /** Applies the administrator's preset Pages (validating only new or changed tokens). */
  syncManaged(): Promise<void>;
}

export function createPageService(deps: PageServiceDeps): PageService {
  const { store, now } = deps;

  return {
    async list() {
      return (await store.getPages()).map(pageView);
    },

    async connect(rawToken) {
      const token = rawToken.trim();
      const graph = await deps.graph();
      const me = await graph.me(token);
      // Errors from Meta may echo what was sent; the token must never come back in a reply.
      if (!me.ok) return { error: withoutToken(errorView(me.error), token) };
      const existing = (await store.getPages()).find((page) => page.id === me.value.id);
      if (existing?.managed) {
        // The administrator's token wins; replacing it here would be undone at the next start anyway.
        return { error: { kind: 'page_managed', retryable: false } };
      }
      const record: PageRecord = {
        id: me.value.id,
        name: me.value.name,
        token,
        status: 'connected',
        checkedAt: now(),
        managed: false,
      };
      await store.updatePages((pages) => [...pages.filter((page) => page.id !== record.id), record]);
      return { page: pageView(record) };
    },

    async disconnect(pageId) {
      // The ledger of the Page's threads stays: it is the audit trail and still holds cooldowns.
      const pages = await store.updatePages((current) => current.filter((page) => page.id !== pageId || page.managed));
      return pages.map(pageView);
    },

    async pageForUse(pageId) {
      const page = (await store.getPages()).find((candidate) => candidate.id === pageId);
      if (!page) return { ok: false, reason: 'page_not_connected' };
      if (page.status === 'needs_reconnect') return { ok: false, reason: 'page_needs_reconnect' };
      return { ok: true, page };
    },

    async markNeedsReconnect(pageId) {
      await store.updatePages((pages) =>
        // Meta refused the token (190): that is the reason now, whatever was said before.
        pages.map((page) => {
          if (page.id !== pageId) return page;
          const { reconnectReason: _reason, ...rest } = page;
          return { ...rest, status: 'needs_reconnect', checkedAt: now() };
        }),
      );
    },

    async syncManaged() {
      const config = await deps.managed();
      const current = await store.getPages();
      const presets: PageRecord[] = [];
      for (const preset of config.pages) {
        const known = current.find((page) => page.id === preset.id);
        if (known?.managed && known.token === preset.token) {
          presets.push(known);
          continue;
        }
        const graph = await deps.graph();
        const me = await graph.me(preset.token);
        const valid = me.ok && me.value.id === preset.id;
        presets.push({
          id: preset.id,
          name: me.ok ? me.value.name : (known?.name ?? preset.id),
          token: preset.token,
          status: valid ? 'connected' : 'needs_reconnect',
          checkedAt: now(),
          managed: true,
        });
      }
      const presetIds = new Set(presets.map((page) => page.id));
      await store.updatePages((pages) => [
        // A Page the administrator stopped presetting is removed; the agent's own Pages stay.
        ...pages.filter((page) => !page.managed && !presetIds.has(page.id)),
        ...presets,
      ]);
    },
  };
}
