import type { GraphClient, PersonPage } from '../graph';
import { withoutToken, type ErrorView } from '../graph/error-view';
import type { ManagedConfig } from '../settings/managed';
import type { PageRecord } from '../storage/schema';
import type { ReopenStore } from '../storage/store';
import { canMessageWith, checkMessaging, checkOwner, refusal, refusalOf, type Checked } from './connect-check';
import { pageView, type ConnectReply, type PageView, type PickResult } from './view';

// Connected Pages and their tokens. The token is kept in the vault (lib/storage/vault.ts, the extension origin's
// IndexedDB, never storage.local) and read only by the background's services;
// everything this module returns to a caller outside the background is a PageView, an offer of a person's Pages or a
// refusal, none of which has a token. A token is stored only once Connect's checks passed (./connect-check.ts): it is
// a Page's token, and it may read the Page's conversations. A person's token is never stored: it offers that person's
// Pages, and each one picked is connected with its own Page token.

export type PageAccess = { ok: true; page: PageRecord } | { ok: false; reason: 'page_not_connected' | 'page_needs_reconnect' };

export interface PageServiceDeps {
  store: ReopenStore;
  graph: () => Promise<GraphClient>;
  now: () => number;
  managed: () => Promise<ManagedConfig>;
}

export interface PageService {
  list(): Promise<PageView[]>;
  /** A Page token connects its Page; a person's token answers their Pages to pick from; anything else is refused. */
  connect(token: string): Promise<ConnectReply>;
  /** Connects Pages of a person's offer, each with its own Page token; the person's token comes again with the pick
   *  (it is kept nowhere but, for a few minutes, this worker's memory of their Pages). */
  pick(personToken: string, pageIds: string[]): Promise<PickResult[]>;
  disconnect(pageId: string): Promise<PageView[]>;
  /** The Page with its token, for the background's own Graph calls. */
  pageForUse(pageId: string): Promise<PageAccess>;
  /** After a 190 (token invalid or expired): the agent must paste a new token. */
  markNeedsReconnect(pageId: string): Promise<void>;
  /** Applies the administrator's preset Pages (validating only new or changed tokens). */
  syncManaged(): Promise<void>;
}

/** How long this worker remembers a person's Pages (with their Page tokens) between the offer and the pick. */
export const PERSON_PAGES_TTL_MS = 10 * 60_000;
const PERSON_PAGES_KEPT = 4;

export function createPageService(deps: PageServiceDeps): PageService {
  const { store, now } = deps;
  // Memory only: a person's Pages as their token listed them, so a pick made soon after the offer costs no second
  // listing. A worker restart forgets them; the pick then lists them again with the token it carries.
  const personPages = new Map<string, { at: number; pages: PersonPage[] }>();

  async function listPersonPages(graph: GraphClient, personToken: string): Promise<Checked<PersonPage[]>> {
    for (const [token, entry] of personPages) if (now() - entry.at > PERSON_PAGES_TTL_MS || now() < entry.at) personPages.delete(token);
    const known = personPages.get(personToken);
    if (known) return { ok: true, value: known.pages };
    const listed = await graph.personPages(personToken);
    if (!listed.ok) return { ok: false, error: refusalOf(listed.error, 'accounts') };
    personPages.set(personToken, { at: now(), pages: listed.value });
    while (personPages.size > PERSON_PAGES_KEPT) personPages.delete(personPages.keys().next().value as string);
    return { ok: true, value: listed.value };
  }

  /** A Page token whose owner is known: it must be allowed to message before it is stored. */
  async function connectPage(graph: GraphClient, page: { id: string; name: string }, token: string): Promise<{ page: PageView } | { error: ErrorView }> {
    const existing = (await store.getPages()).find((candidate) => candidate.id === page.id);
    if (existing?.managed) {
      // The administrator's token wins; replacing it here would be undone at the next start anyway.
      return { error: { kind: 'page_managed', retryable: false } };
    }
    const messaging = await checkMessaging(graph, page.id, token);
    if (!messaging.ok) return { error: messaging.error };
    const record: PageRecord = { id: page.id, name: page.name, token, status: 'connected', checkedAt: now(), managed: false };
    await store.updatePages((pages) => [...pages.filter((candidate) => candidate.id !== record.id), record]);
    return { page: pageView(record) };
  }

  /** Errors from Meta may echo what was sent; no token may come back in a reply. */
  const scrubbed = <T extends object>(reply: T, tokens: (string | null)[]): T => {
    if (!('error' in reply)) return reply;
    let error = reply.error as ErrorView;
    for (const token of tokens) if (token) error = withoutToken(error, token);
    return { ...reply, error };
  };

  return {
    async list() {
      return (await store.getPages()).map(pageView);
    },

    async connect(rawToken) {
      const token = rawToken.trim();
      const graph = await deps.graph();
      const owner = await checkOwner(graph, token);
      if (!owner.ok) return scrubbed({ error: owner.error }, [token]);
      if (owner.value.kind === 'page') return scrubbed(await connectPage(graph, owner.value, token), [token]);

      // A person's token: their Pages to pick from, never the person as a Page.
      const listed = await listPersonPages(graph, token);
      if (!listed.ok) return scrubbed({ error: listed.error }, [token]);
      if (listed.value.length === 0) return { error: refusal('connect_person_no_pages') };
      const current = await store.getPages();
      return {
        offer: {
          personName: owner.value.name,
          pages: listed.value.map((page) => {
            const known = current.find((candidate) => candidate.id === page.id);
            return {
              id: page.id,
              name: page.name,
              tasks: [...page.tasks],
              canMessage: canMessageWith(page.tasks) && page.token !== null,
              connected: known?.status === 'connected',
              managed: known?.managed === true,
            };
          }),
        },
      };
    },

    async pick(rawToken, pageIds) {
      const personToken = rawToken.trim();
      const graph = await deps.graph();
      const listed = await listPersonPages(graph, personToken);
      const results: PickResult[] = [];
      for (const pageId of new Set(pageIds)) {
        if (!listed.ok) {
          results.push({ pageId, ...scrubbed({ error: listed.error }, [personToken]) });
          continue;
        }
        const page = listed.value.find((candidate) => candidate.id === pageId);
        if (!page) results.push({ pageId, error: refusal('connect_not_offered') });
        else if (!canMessageWith(page.tasks) || page.token === null) results.push({ pageId, error: refusal('connect_no_messaging_task') });
        else results.push({ pageId, ...scrubbed(await connectPage(graph, page, page.token), [personToken, page.token]) });
      }
      return results;
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
        // The same checks as Connect: a person's or an app's token, another Page's, or one that cannot message is
        // not connected, and the Page says why.
        const graph = await deps.graph();
        const owner = await checkOwner(graph, preset.token);
        let reason: PageRecord['reconnectReason'] | 'refused' | null = null;
        if (!owner.ok) reason = owner.error.kind === 'connect_app_token' || owner.error.kind === 'connect_not_page_token' ? 'not_page_token' : 'refused';
        else if (owner.value.kind === 'user') reason = 'person_token';
        else if (owner.value.id !== preset.id) reason = 'other_page';
        else {
          const messaging = await checkMessaging(graph, preset.id, preset.token);
          if (!messaging.ok) reason = messaging.error.kind === 'connect_cannot_message' ? 'cannot_message' : 'refused';
        }
        presets.push({
          id: preset.id,
          name: owner.ok && owner.value.kind === 'page' && owner.value.id === preset.id ? owner.value.name : (known?.name ?? preset.id),
          token: preset.token,
          status: reason === null ? 'connected' : 'needs_reconnect',
          // 'refused': Meta refused the token itself (or could not be asked): the plain "reconnect" words.
          ...(reason !== null && reason !== 'refused' ? { reconnectReason: reason } : {}),
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
