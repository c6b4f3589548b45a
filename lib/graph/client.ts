import type { ZodType } from 'zod';
import { routeById } from '../policy/catalog';
import type { Platform, ReopenRequest, TagId, UtilityTemplate } from '../policy/types';
import { buildSendBody, SendBodyError } from './body';
import { CONVERSATIONS_MIN_INTERVAL_MS, GRAPH_BASE_URL, GRAPH_VERSION_PATTERN, MAX_TRIES, READ_TIMEOUT_MS, SEND_TIMEOUT_MS } from './config';
import { explainGraphError, explainSendError, type ErrorKind } from './errors';
import { withoutToken, type ErrorView } from './error-view';
import { createMetaClock } from './meta-clock';
import { createLabelsApi, type LabelsApi, type PacedCallSpec } from './labels';
import { createPagePacer } from './pacer';
import {
  accountsPageSchema,
  conversationsPageSchema,
  graphErrorBodySchema,
  messageTemplatesPageSchema,
  pageInstagramSchema,
  sendSuccessSchema,
  tokenOwnerSchema,
  type GraphConversation,
  type GraphMessageTemplate,
} from './schemas';
import { isTagRetired } from './tags';
import type { ConversationSummary, GraphFailure, GraphResult, PersonPage, SendResult, TokenOwner, UsageInfo } from './types';
import { parseUsageHeaders, usageForPage } from './usage';

// The only code that talks to the Graph API. Rules it keeps (DESIGN.md §3):
// - the Page token travels only in the Authorization header: never in a URL, an error or a log;
// - a send that may have reached Meta (network error, timeout, an answer we cannot read, a 5xx, or an error
//   that does not say whether it was processed: codes 1, 2, 1200, unknown codes, is_transient) is `maybe_sent`
//   and is never repeated; only Meta's rate-limit refusals are tried again (reads repeat transient answers);
// - Conversations API calls are paced per Page (2 per second) and held back when Meta reports high usage.

export interface GraphClientOptions {
  version: string;
  baseUrl?: string;
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** 20000 */
  sendTimeoutMs?: number;
  /** 15000 */
  readTimeoutMs?: number;
  /** 500: 2 calls/s per Page */
  conversationsMinIntervalMs?: number;
  /** First back-off before trying a transient failure again; doubles on each try. 1000 */
  retryBaseDelayMs?: number;
  /** The longest the pacer waits before a Conversations API call; longer waits fail as rate_limited. 10000 */
  pacingMaxWaitMs?: number;
  /** Usage percent from which Conversations API calls slow down. 90 */
  highUsagePercent?: number;
  /** The gap added after an answer reporting high usage. 5000 */
  highUsageDelayMs?: number;
}

export interface GraphClient {
  /** Who the token speaks for: `GET /me?metadata=1` (a Page, a person…). One call, not paced (no Page known yet). */
  tokenOwner(token: string): Promise<GraphResult<TokenOwner>>;
  /** A person's token: the Pages they manage, with their tasks there and each Page's own token (`GET /me/accounts`,
   *  followed by its cursor, bounded). */
  personPages(token: string): Promise<GraphResult<PersonPage[]>>;
  /** Whether this Page token may read the Page's Messenger conversations — what needs `pages_messaging` and a token
   *  requested by someone with the MESSAGING task: one conversation's id, paced like every Conversations API call. */
  messagingRead(pageId: string, token: string): Promise<GraphResult<true>>;
  /** The conversation of one customer (by PSID, or IGSID on Instagram) with its 20 newest messages; null when there
   *  is none. */
  conversationForUser(
    pageId: string,
    psid: string,
    token: string,
    platform?: Platform,
    /** `urgent`: an agent waits on this read (the one right before a send): it goes ahead of background reads. */
    pacing?: { urgent?: boolean },
  ): Promise<GraphResult<ConversationSummary | null>>;
  recentConversations(
    pageId: string,
    token: string,
    page: { limit: number; after?: string; platform?: Platform },
  ): Promise<GraphResult<{ conversations: ConversationSummary[]; after: string | null }>>;
  /** Every utility template of the Page, whatever its status (the UI offers the APPROVED ones). */
  templates(pageId: string, token: string): Promise<GraphResult<UtilityTemplate[]>>;
  /** The same `POST /{page-id}/messages` on both platforms (on Instagram the recipient is the IGSID); a route Meta
   *  does not offer on the platform is refused here, before any call. */
  send(pageId: string, token: string, psid: string, request: ReopenRequest, platform?: Platform): Promise<SendResult>;
  /** When the last send to this Page that made an HTTP call settled (epoch ms, whatever its outcome); null
   *  when none did through this client. A read that started before it may not show that message. */
  lastSendAt(pageId: string): number | null;
  /** Meta's clock minus ours (ms), from the newest answer's `Date` header; null before any answer stated it. */
  metaOffsetMs(): number | null;
  /** The Custom Labels API (./labels.ts), paced with this client's other calls at background priority. */
  labels: LabelsApi;
}

const CONVERSATION_FIELDS = 'participants,updated_time,snippet,messages.limit(20){created_time,from,message}';
/** Instagram conversations: the same without `snippet`, which Meta documents for Messenger only. */
const INSTAGRAM_FIELDS = 'participants,updated_time,messages.limit(20){created_time,from,message}';
const TEMPLATE_FIELDS = 'name,status,language,category,components';
/** `/me/accounts`: 100 Pages per answer, at most 10 answers (a person managing more is told by the first 1000). */
const ACCOUNTS_PAGE_SIZE = 100;
const MAX_ACCOUNTS_PAGES = 10;
/** Template listings are short; the bound only stops a cursor loop. */
const MAX_TEMPLATE_PAGES = 10;
const TEMPLATE_PAGE_SIZE = 100;

/** What came back from one HTTP exchange. */
type Exchange =
  | {
      type: 'answer';
      status: number;
      json: unknown;
      usage: UsageInfo | null;
      /** Meta's time when it answered: its Date header, else our clock with the last known offset. */
      metaAt: number;
    }
  | { type: 'timeout' }
  | { type: 'network' };

/** A JSON body we could not read is `undefined` (JSON never yields undefined). */
const UNREADABLE = undefined;

// Header values must be visible ASCII; anything else would make fetch throw with the value in its message.
const TOKEN_SHAPE = /^[\x21-\x7e]+$/;

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function failure(kind: ErrorKind, retryable: boolean, delivery: GraphFailure['delivery'], extra: Partial<GraphFailure> = {}): GraphFailure {
  return { kind, retryable, delivery, ...extra };
}

/**
 * One conversation in the shape the rest of Reopen reads. On Instagram the Page's side is its linked Instagram
 * professional account (`ownId`): reported as the Page, so "the customer is whoever is not the Page" holds on both
 * platforms. A participant without a `name` (Instagram) is known by its `username`.
 */
function toConversationSummary(conversation: GraphConversation, pageId: string, ownId: string | null, metaNow: number): ConversationSummary {
  const asPage = (id: string) => (id === ownId ? pageId : id);
  const messages = (conversation.messages?.data ?? [])
    // A message without a sender cannot be attributed to the customer or the Page; it says nothing about C.
    .flatMap((message) =>
      message.from
        ? [
            {
              id: message.id,
              createdTime: message.created_time,
              fromId: asPage(message.from.id),
              fromName: message.from.name ?? message.from.username ?? null,
              text: message.message ?? null,
            },
          ]
        : [],
    )
    .sort((a, b) => b.createdTime - a.createdTime);
  return {
    id: conversation.id,
    updatedTime: conversation.updated_time ?? null,
    snippet: conversation.snippet ?? null,
    participants: (conversation.participants?.data ?? []).map((participant) => ({
      id: asPage(participant.id),
      name: participant.name ?? '',
      ...(participant.username ? { username: participant.username } : {}),
    })),
    messages,
    metaNow,
  };
}

const TEMPLATE_STATUSES = new Set(['APPROVED', 'PENDING', 'REJECTED']);

function toUtilityTemplate(template: GraphMessageTemplate): UtilityTemplate {
  const bodyText = template.components?.find((component) => component.type.toUpperCase() === 'BODY')?.text ?? '';
  const placeholders = new Set(bodyText.match(/\{\{\s*[\w.]+\s*\}\}/g) ?? []);
  const status = template.status.toUpperCase();
  return {
    name: template.name,
    language: template.language,
    // Statuses outside Meta's documented three (paused, disabled…) are not usable: shown as rejected.
    status: TEMPLATE_STATUSES.has(status) ? (status as UtilityTemplate['status']) : 'REJECTED',
    category: template.category ?? '',
    parameterCount: placeholders.size,
    bodyText,
  };
}

export function createGraphClient(options: GraphClientOptions): GraphClient {
  if (!GRAPH_VERSION_PATTERN.test(options.version)) {
    throw new RangeError(`Graph version must look like v25.0, got "${options.version}"`);
  }
  const baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const version = options.version;
  // Calling the global fetch unbound throws "Illegal invocation" in browsers.
  const doFetch: typeof fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const now = options.now ?? (() => Date.now());
  const sleep = options.sleep ?? defaultSleep;
  const sendTimeoutMs = options.sendTimeoutMs ?? SEND_TIMEOUT_MS;
  const readTimeoutMs = options.readTimeoutMs ?? READ_TIMEOUT_MS;
  const retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
  const pacer = createPagePacer({
    now,
    sleep,
    minIntervalMs: options.conversationsMinIntervalMs ?? CONVERSATIONS_MIN_INTERVAL_MS,
    maxWaitMs: options.pacingMaxWaitMs ?? 10_000,
    highUsagePercent: options.highUsagePercent ?? 90,
    highUsageDelayMs: options.highUsageDelayMs ?? 5000,
  });

  const backoff = (tries: number) => sleep(retryBaseDelayMs * 2 ** (tries - 1));
  const sendsSettledAt = new Map<string, number>();
  const metaClock = createMetaClock();
  // The Instagram professional account linked to each Page, once read (a Page's link rarely changes; a worker
  // restart reads it again).
  const instagramAccounts = new Map<string, string>();

  /** Meta's estimate (minutes) of when this Page regains access, from an answer's usage headers; 0: none. */
  const regainMinutesOf = (usage: UsageInfo | null, pageId: string) => (usage ? usageForPage(usage, pageId).regainAccessMinutes : 0);

  function urlFor(path: string[], query: Record<string, string | undefined> = {}): string {
    const url = new URL(`${baseUrl}/${version}/${path.map(encodeURIComponent).join('/')}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(name, value);
    return url.toString();
  }

  async function exchange(method: 'GET' | 'POST' | 'DELETE', url: string, token: string, timeoutMs: number, body?: unknown): Promise<Exchange> {
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const response = await doFetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
        // Never let a browser cache or send cookies with a token-bearing call.
        cache: 'no-store',
        credentials: 'omit',
      });
      const usage = parseUsageHeaders(response.headers);
      metaClock.observe(response.headers.get('date'), now());
      const metaAt = metaClock.toMeta(now());
      // The timer still runs while the body arrives: a body that never ends is a timeout too.
      const text = await response.text();
      let json: unknown = UNREADABLE;
      try {
        json = JSON.parse(text) as unknown;
      } catch {
        json = UNREADABLE;
      }
      return { type: 'answer', status: response.status, json, usage, metaAt };
    } catch {
      // The caught error is dropped on purpose: its text is not ours and could quote the request.
      return timedOut ? { type: 'timeout' } : { type: 'network' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** A GET with Meta's transient answers tried again (reads change nothing, so that is always safe). */
  function read<S, T>(
    url: string,
    token: string,
    schema: ZodType<S>,
    /** `metaAt`: Meta's time when it answered. */
    map: (value: S, metaAt: number) => T,
    pacedPageId: string | null,
    usagePageId: string | null = pacedPageId,
    /** Whose conversations are read: Meta's Instagram answers are explained in their own words. */
    platform: Platform = 'messenger',
    urgent = false,
  ): Promise<GraphResult<T>> {
    return call({ method: 'GET', url, token, schema, map, pacedPageId, usagePageId, platform, priority: urgent ? 'urgent' : 'normal', retry: true });
  }

  /** One paced Graph call and its answer explained; transient answers are tried again only when `retry` says the call
   *  may be repeated (a read, or a write that lands once however often it is made). */
  async function call<S, T>(spec: PacedCallSpec<S, T>): Promise<GraphResult<T>> {
    const { url, token, schema, map, pacedPageId, usagePageId, platform } = spec;
    if (!TOKEN_SHAPE.test(token)) return { ok: false, error: failure('token_invalid', false, 'not_sent') };
    for (let tries = 1; ; tries++) {
      let done = () => {};
      if (pacedPageId !== null) {
        const ticket = await pacer.acquire(pacedPageId, { priority: spec.priority });
        if (!ticket.ok) return { ok: false, error: failure('rate_limited', true, 'not_sent', { retryAfterMs: ticket.retryAfterMs }) };
        done = ticket.done;
      }
      let outcome: Exchange;
      try {
        outcome = await exchange(spec.method, url, token, readTimeoutMs, spec.body);
        // Recorded before the Page is freed, so the next call already honours what Meta just said.
        if (outcome.type === 'answer' && usagePageId !== null) pacer.recordUsage(usagePageId, outcome.usage);
      } finally {
        done();
      }
      // Nothing is sent by a read: a lost answer is simply an error the agent can retry. A write may have landed.
      const lost = spec.method === 'GET' ? 'not_sent' : 'maybe_sent';
      if (outcome.type === 'timeout') return { ok: false, error: failure('timeout', true, lost) };
      if (outcome.type === 'network') return { ok: false, error: failure('network_unknown', true, lost) };
      if (outcome.status >= 200 && outcome.status < 300) {
        const parsed = schema.safeParse(outcome.json);
        if (parsed.success) return { ok: true, value: map(parsed.data, outcome.metaAt), usage: outcome.usage };
        return { ok: false, error: failure('malformed_response', false, 'not_sent') };
      }
      let view: ErrorView;
      if (graphErrorBodySchema.safeParse(outcome.json).success)
        view = withoutToken(explainGraphError(outcome.json, { httpStatus: outcome.status, platform }), token);
      else if (outcome.status >= 500) view = { kind: 'transient', retryable: true };
      else view = { kind: 'malformed_response', retryable: false };
      const regainMinutes = usagePageId !== null ? regainMinutesOf(outcome.usage, usagePageId) : 0;
      // When Meta says access comes back in minutes, a retry within seconds only burns quota.
      if (!view.retryable || !spec.retry || tries >= MAX_TRIES || regainMinutes > 0) {
        const extra = regainMinutes > 0 ? { retryAfterMs: regainMinutes * 60_000 } : {};
        return { ok: false, error: { ...view, delivery: 'not_sent', ...extra } };
      }
      await backoff(tries);
    }
  }

  const fieldsFor = (platform: Platform) => (platform === 'instagram' ? INSTAGRAM_FIELDS : CONVERSATION_FIELDS);

  /** Who speaks for the Page in this platform's conversations: nobody else on Messenger; on Instagram its linked
   *  professional account, read once (`instagram_not_linked` when the Page has none: Meta has no Instagram
   *  conversations for it to show). */
  async function ownAccount(pageId: string, token: string, platform: Platform): Promise<GraphResult<string | null>> {
    if (platform !== 'instagram') return { ok: true, value: null, usage: null };
    const known = instagramAccounts.get(pageId);
    if (known) return { ok: true, value: known, usage: null };
    const url = urlFor([pageId], { fields: 'instagram_business_account' });
    const linked = await read(url, token, pageInstagramSchema, (page) => page.instagram_business_account?.id ?? null, null, pageId, platform);
    if (!linked.ok) return linked;
    if (!linked.value) return { ok: false, error: failure('instagram_not_linked', false, 'not_sent') };
    instagramAccounts.set(pageId, linked.value);
    return linked;
  }

  return {
    labels: createLabelsApi({ call, urlFor }),
    tokenOwner(token) {
      const url = urlFor(['me'], { metadata: '1', fields: 'id,name,metadata{type}' });
      return read(url, token, tokenOwnerSchema, (me) => ({ id: me.id, name: me.name, type: me.metadata.type }), null);
    },

    async personPages(token) {
      const pages: PersonPage[] = [];
      let after: string | undefined;
      let usage: UsageInfo | null = null;
      for (let pageNumber = 0; pageNumber < MAX_ACCOUNTS_PAGES; pageNumber++) {
        // Built from the cursor, never by following paging.next: Meta's next URLs carry the access token.
        const url = urlFor(['me', 'accounts'], { fields: 'id,name,tasks,access_token', limit: String(ACCOUNTS_PAGE_SIZE), after });
        const result = await read(url, token, accountsPageSchema, (page) => page, null);
        if (!result.ok) return result;
        usage = result.usage;
        for (const account of result.value.data) {
          pages.push({ id: account.id, name: account.name, tasks: account.tasks ?? [], token: account.access_token ?? null });
        }
        const next = result.value.paging?.next ? result.value.paging.cursors?.after : undefined;
        if (!next || next === after) break;
        after = next;
      }
      return { ok: true, value: pages, usage };
    },

    messagingRead(pageId, token) {
      const url = urlFor([pageId, 'conversations'], { platform: 'messenger', fields: 'id', limit: '1' });
      return read(url, token, conversationsPageSchema, () => true as const, pageId);
    },

    async conversationForUser(pageId, psid, token, platform = 'messenger', pacing) {
      const own = await ownAccount(pageId, token, platform);
      if (!own.ok) return own;
      const url = urlFor([pageId, 'conversations'], { platform, user_id: psid, fields: fieldsFor(platform) });
      return read(
        url,
        token,
        conversationsPageSchema,
        (page, metaAt) => {
          const first = page.data[0];
          return first ? toConversationSummary(first, pageId, own.value, metaAt) : null;
        },
        pageId,
        pageId,
        platform,
        pacing?.urgent === true,
      );
    },

    async recentConversations(pageId, token, page) {
      const platform = page.platform ?? 'messenger';
      const own = await ownAccount(pageId, token, platform);
      if (!own.ok) return own;
      const url = urlFor([pageId, 'conversations'], {
        platform,
        fields: fieldsFor(platform),
        limit: String(page.limit),
        after: page.after,
      });
      return read(
        url,
        token,
        conversationsPageSchema,
        (result, metaAt) => ({
          conversations: result.data.map((conversation) => toConversationSummary(conversation, pageId, own.value, metaAt)),
          // Meta keeps sending cursors on the last page; only `next` says there is more.
          after: result.paging?.next ? (result.paging.cursors?.after ?? null) : null,
        }),
        pageId,
        pageId,
        platform,
      );
    },

    async templates(pageId, token) {
      const templates: UtilityTemplate[] = [];
      let after: string | undefined;
      let usage: UsageInfo | null = null;
      for (let pageNumber = 0; pageNumber < MAX_TEMPLATE_PAGES; pageNumber++) {
        // Built from the cursor, never by following paging.next: Meta's next URLs carry the access token.
        const url = urlFor([pageId, 'message_templates'], { fields: TEMPLATE_FIELDS, limit: String(TEMPLATE_PAGE_SIZE), after });
        const result = await read(url, token, messageTemplatesPageSchema, (page) => page, null, pageId);
        if (!result.ok) return result;
        usage = result.usage;
        templates.push(...result.value.data.map(toUtilityTemplate));
        const next = result.value.paging?.next ? result.value.paging.cursors?.after : undefined;
        if (!next || next === after) break;
        after = next;
      }
      return { ok: true, value: templates, usage };
    },

    async send(pageId, token, psid, request, platform = 'messenger') {
      const tag: TagId | null = request.route === 'UTILITY' ? null : request.route;
      // The policy refused it already; this keeps anything Meta would refuse on Instagram from ever being posted.
      if (!routeById(request.route).platforms.includes(platform)) {
        return { ok: false, error: failure('route_not_on_platform', false, 'not_sent'), tries: 0 };
      }
      if (isTagRetired(tag, now())) return { ok: false, error: failure('tag_retired', false, 'not_sent'), tries: 0 };
      if (!TOKEN_SHAPE.test(token)) return { ok: false, error: failure('token_invalid', false, 'not_sent'), tries: 0 };
      let body: Record<string, unknown>;
      try {
        body = buildSendBody(psid, request);
      } catch (error) {
        if (error instanceof SendBodyError) return { ok: false, error: failure('invalid_parameter', false, 'not_sent'), tries: 0 };
        throw error;
      }
      const url = urlFor([pageId, 'messages']);
      // One POST per send, whatever Meta answers (DESIGN.md §1, README's fault table): an answer that does not say
      // whether the message was processed is `maybe_sent`, and even a rate-limit refusal is not tried again here —
      // the agent is told how long Meta asks to wait and sends again by hand, so a click never makes a second POST.
      const tries = 1;
      const postedLocally = now();
      try {
        const outcome = await exchange('POST', url, token, sendTimeoutMs, body);
        // When the POST left, on Meta's clock: the answer's Date header minus the time the exchange took (the
        // offset this answer measured), else our clock with the last offset known (a timeout or a dropped
        // connection states no time). Reconciliation looks for the message from this instant on.
        const metaPostedAt = metaClock.toMeta(postedLocally);
        if (outcome.type === 'timeout') return { ok: false, error: failure('timeout', false, 'maybe_sent'), tries, metaPostedAt };
        if (outcome.type === 'network') return { ok: false, error: failure('network_unknown', false, 'maybe_sent'), tries, metaPostedAt };
        pacer.recordUsage(pageId, outcome.usage);
        if (outcome.status >= 200 && outcome.status < 300) {
          const parsed = sendSuccessSchema.safeParse(outcome.json);
          if (parsed.success) return { ok: true, messageId: parsed.data.message_id, recipientId: parsed.data.recipient_id ?? null, tries, metaPostedAt };
          return { ok: false, error: failure('malformed_response', false, 'maybe_sent'), tries, metaPostedAt };
        }
        // A bare 100 on a tag with a retirement date is read as the retirement even if our clock is behind Meta's.
        const explained = explainSendError(outcome.json, { tag, httpStatus: outcome.status, platform });
        // Only Meta's own error answer can say the message was refused; anything else (a proxy's 502 page, an
        // unreadable body) may hide a send.
        if (!explained) {
          const kind = outcome.status >= 500 ? 'maybe_processed' : 'malformed_response';
          return { ok: false, error: failure(kind, false, 'maybe_sent'), tries, metaPostedAt };
        }
        const view = withoutToken(explained.view, token);
        // A 5xx says the server failed while handling the request, whatever code its body carries: a refusal code
        // there does not prove the message was left unsent (the product's at-most-once rule, README "Never twice": every 5xx is `unknown`). Meta's code and
        // trace id are kept for support.
        if (outcome.status >= 500)
          return { ok: false, error: { ...view, kind: 'maybe_processed', retryable: false, delivery: 'maybe_sent' }, tries, metaPostedAt };
        // Meta did not say whether it took the message: never repeated, whatever is_transient says (DESIGN.md §1).
        if (explained.answer === 'not_said') return { ok: false, error: { ...view, delivery: 'maybe_sent' }, tries, metaPostedAt };
        // Meta's regain-access estimate, when it gives one: the wait of a rate limit, the end of a block (a refusal that
        // means stop, lib/graph/errors.ts `stop`).
        const regainMinutes = regainMinutesOf(outcome.usage, pageId);
        const regain = regainMinutes > 0 ? { retryAfterMs: regainMinutes * 60_000 } : {};
        if (explained.answer === 'refused') return { ok: false, error: { ...view, delivery: 'not_sent', ...regain }, tries, metaPostedAt };
        // A rate-limit refusal: when Meta says access comes back in minutes, the agent is told how long to wait (an
        // app-level limit keeps its own explanation).
        const kind = regainMinutes > 0 && view.kind !== 'app_rate_limited' ? 'rate_limited' : view.kind;
        return {
          ok: false,
          error: { ...view, kind, delivery: 'not_sent', ...regain },
          tries,
          metaPostedAt,
        };
      } finally {
        // Reached only after at least one HTTP call: Meta's copy of the thread may have changed.
        sendsSettledAt.set(pageId, now());
      }
    },

    lastSendAt(pageId) {
      return sendsSettledAt.get(pageId) ?? null;
    },

    metaOffsetMs: () => metaClock.offsetMs(),
  };
}
