// The Graph API surface of the simulator: routing, auth, field selection, paging, pacing and the
// usage header. It turns one parsed request into one answer and applies its effects to the world.
import { errors, graphError, type GraphErrorAnswer } from './errors';
import { FieldsSyntaxError, parseFields, type FieldSelection } from './fields';
import { labelsAccess, renderLabel, userParam } from './labels';
import { decideSend } from './send';
import {
  metaTime,
  updatedAt,
  visibleMessages,
  type SimClock,
  type SimConversation,
  type SimLabel,
  type SimMessage,
  type SimPage,
  type SimTemplate,
  type SimUser,
  type World,
} from './world';

/** Only the 20 most recent messages of a conversation have details (Conversations API limitation). */
export const MESSAGE_DETAIL_LIMIT = 20;
const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const HOUR = 3_600_000;
const PACING_WINDOW_MS = 1000;
const PACING_MAX_CALLS = 2;

export interface GraphRequest {
  method: string;
  /** Path without query, e.g. /v25.0/104857600000001/conversations */
  pathname: string;
  query: Record<string, string>;
  /** Parsed POST parameters (JSON body, form fields, query). */
  params: Record<string, unknown>;
  headers: Record<string, string>;
  /** Scheme+host for paging links when no publicBaseUrl was given. */
  origin: string;
}

export interface GraphAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

export interface GraphOptions {
  pacing: boolean;
  usageBudgetPerHour: number;
  publicBaseUrl?: string;
}

type Routed = { status?: number; body: unknown } | GraphErrorAnswer;

function isError(value: Routed): value is GraphErrorAnswer {
  return 'error' in value;
}

export class GraphApi {
  /** Per Page: which simulated hour, and how many calls in it. */
  private readonly usage = new Map<string, { hour: number; calls: number }>();
  /** Per Page: instants of accepted Conversations API calls in the pacing window. */
  private readonly conversationCalls = new Map<string, number[]>();
  /** Set by the server around one request a fault says Meta shows late: its sent message is hidden this long. */
  sendsShownAfterMs = 0;

  constructor(
    private readonly world: World,
    private readonly clock: SimClock,
    private readonly options: GraphOptions,
  ) {}

  /** The token's Page, from `Authorization: Bearer|OAuth …`, the access_token query or a POST parameter. */
  tokenOf(request: GraphRequest): string | undefined {
    const header = request.headers.authorization;
    const match = header ? /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(header.trim()) : null;
    if (match) return match[1];
    const fromParams = request.query.access_token ?? request.params.access_token;
    return typeof fromParams === 'string' && fromParams !== '' ? fromParams : undefined;
  }

  /** Counts one call for the token's Page and returns its usage header (undefined for a bad token). */
  countCall(request: GraphRequest): Record<string, string> {
    const token = this.tokenOf(request);
    const page = token === undefined ? undefined : this.world.pageByToken(token);
    if (!page) return {};
    const hour = Math.floor(this.clock.now() / HOUR);
    const entry = this.usage.get(page.id);
    const calls = entry && entry.hour === hour ? entry.calls + 1 : 1;
    this.usage.set(page.id, { hour, calls });
    return { 'X-Business-Use-Case-Usage': this.usageHeader(page.id, calls) };
  }

  private usageHeader(pageId: string, calls: number): string {
    const percent = Math.min(100, Math.ceil((calls * 100) / this.options.usageBudgetPerHour));
    return JSON.stringify({
      [pageId]: [
        {
          type: 'messenger',
          call_count: percent,
          total_cputime: Math.floor(percent / 2),
          total_time: Math.floor(percent / 2),
          estimated_time_to_regain_access: 0,
        },
      ],
    });
  }

  /** Answers one Graph request, applying its effects (sends, pacing) to the world. */
  handle(request: GraphRequest): GraphAnswer {
    const usageHeaders = this.countCall(request);
    const routed = this.route(request);
    if (isError(routed)) {
      return { status: routed.status, body: { error: routed.error }, headers: { ...usageHeaders, ...routed.headers } };
    }
    return { status: routed.status ?? 200, body: routed.body, headers: usageHeaders };
  }

  private route(request: GraphRequest): Routed {
    const segments = request.pathname.split('/').filter((segment) => segment !== '');
    if (/^v\d+\.\d+$/.test(segments[0] ?? '')) segments.shift();
    if (segments.length === 0) return errors.unknownPath('/');

    const token = this.tokenOf(request);
    if (token === undefined) return errors.missingToken();
    const who = this.world.tokenInfo(token);
    if (!who) return errors.invalidToken();
    if (who.status === 'expired') return errors.expiredToken(this.clock.now());
    if (who.status === 'invalidated') return errors.invalidatedToken();

    const [first = '', edge, ...rest] = segments;
    if (rest.length > 0) return errors.unknownPath(`/${rest.join('/')}`);
    if (who.kind === 'app') return this.routeApp(first);
    if (who.kind === 'user') return this.routeUser(who.user, first, edge, request);

    const page = who.page;
    const method = request.method;
    const targetPageId = first === 'me' ? page.id : first;
    const messaging = () => (who.permissions.includes('pages_messaging') && who.tasks.includes('MESSAGING') ? null : errors.messagingNotAllowed());
    const labels = () => labelsAccess(page, who.permissions, who.tasks);

    const targetPage = this.world.page(targetPageId);
    if (targetPage) {
      if (targetPage.id !== page.id) return errors.otherPage();
      if (edge === undefined && method === 'GET') return this.pageNode(page, request);
      if (edge === 'conversations' && method === 'GET') return messaging() ?? this.paced(page, () => this.listConversations(page, request));
      if (edge === 'message_templates' && method === 'GET') return this.listTemplates(page, request);
      if (edge === 'messages' && method === 'POST') return messaging() ?? this.send(page, request);
      if (edge === 'custom_labels' && method === 'GET') return labels() ?? this.listLabels(page, request);
      if (edge === 'custom_labels' && method === 'POST') return labels() ?? this.createLabel(page, request);
      // A Page token asking for a person's list of Pages: a Page has no such field.
      if (edge === 'accounts' && method === 'GET') return errors.nonexistingField('accounts', 'Page');
      if (edge === undefined || ['conversations', 'message_templates', 'messages', 'custom_labels'].includes(edge)) {
        return errors.unknownObject(method, first);
      }
      return errors.unknownPath(`/${edge}`);
    }

    const conversation = this.world.conversation(first);
    if (conversation) {
      if (conversation.pageId !== page.id) return errors.otherPage();
      if (method !== 'GET') return errors.unknownObject(method, first);
      if (edge === undefined) return messaging() ?? this.paced(page, () => this.conversationNode(page, conversation, request));
      if (edge === 'messages') return messaging() ?? this.paced(page, () => this.messagesEdge(page, conversation, request));
      return errors.unknownPath(`/${edge}`);
    }

    const found = this.world.findMessage(first);
    if (found && edge === undefined && method === 'GET') {
      if (found.conversation.pageId !== page.id) return errors.otherPage();
      return messaging() ?? this.paced(page, () => this.messageNode(page, found.conversation, found.message, request));
    }

    // Custom labels: a label of another Page is as unknown to this token as an id never issued (100/33).
    const label = this.world.label(first);
    if (label && label.pageId === page.id) {
      if (edge === undefined && method === 'GET') return labels() ?? this.labelNode(label, request);
      if (edge === undefined && method === 'DELETE') return labels() ?? this.deleteLabel(label);
      if (edge === 'label' && method === 'POST') return labels() ?? this.associateLabel(page, label, request);
      if (edge === 'label' && method === 'DELETE') return labels() ?? this.removeLabel(page, label, request);
      if (edge === undefined || edge === 'label') return errors.unknownObject(method, first);
      return errors.unknownPath(`/${edge}`);
    }
    const person = this.messengerPerson(page, first);
    if (person && edge === 'custom_labels') {
      if (method !== 'GET') return errors.unknownObject(method, first);
      return labels() ?? this.personLabels(person, request);
    }
    // A label call on an id this Page does not know: the gate still answers first, then the id is unknown.
    if (edge === 'label' || edge === 'custom_labels' || (edge === undefined && method === 'DELETE')) {
      return labels() ?? errors.unknownObject(method, first);
    }
    return errors.unknownObject(method, first);
  }

  /** The Messenger conversation of a PSID on this Page: the people the Custom Labels API knows. */
  private messengerPerson(page: SimPage, psid: string): SimConversation | undefined {
    const conversation = this.world.conversationOf(page.id, psid);
    return conversation?.platform === 'messenger' ? conversation : undefined;
  }

  /** `GET /{page}/custom_labels`: the Page's labels, oldest first, cursor paged like the other listings. */
  private listLabels(page: SimPage, request: GraphRequest): Routed {
    return this.renderLabels(
      this.world.labels.filter((label) => label.pageId === page.id),
      request,
    );
  }

  /** `GET /{psid}/custom_labels`: the labels this person carries, in the Page's order. */
  private personLabels(person: SimConversation, request: GraphRequest): Routed {
    return this.renderLabels(
      this.world.labels.filter((label) => label.pageId === person.pageId && label.psids.includes(person.psid)),
      request,
    );
  }

  private renderLabels(labels: SimLabel[], request: GraphRequest): Routed {
    const fields = this.fields(request, 'id');
    if (!Array.isArray(fields)) return fields;
    return this.listing(
      labels,
      (label) => label.id,
      (label) => renderLabel(label, fields),
      request,
    );
  }

  /** One page of a listing: `items` paged by `idOf` (Meta's cursors), each rendered; the first error answers instead. */
  private listing<T>(items: T[], idOf: (item: T) => string, render: (item: T) => Routed, request: GraphRequest): Routed {
    const pageResult = paginate(items, idOf, request.query, DEFAULT_PAGE_SIZE);
    if ('error' in pageResult) return pageResult;
    const data: unknown[] = [];
    for (const item of pageResult.items) {
      const rendered = render(item);
      if (isError(rendered)) return rendered;
      data.push(rendered.body);
    }
    return { body: { data, ...this.pagingOf(pageResult, request.pathname, request) } };
  }

  private labelNode(label: SimLabel, request: GraphRequest): Routed {
    const fields = this.fields(request, 'id');
    if (!Array.isArray(fields)) return fields;
    return renderLabel(label, fields);
  }

  /** `POST /{page}/custom_labels`: a new label on every call, even with a name the Page already has (as Meta does). */
  private createLabel(page: SimPage, request: GraphRequest): Routed {
    const name = request.params.page_label_name;
    if (typeof name !== 'string' || name.trim() === '') return errors.missingParameter('page_label_name');
    return { body: { id: this.world.createLabel(page.id, name).id } };
  }

  /** `POST /{label}/label` with `user=<PSID>`: the person carries the label (once, however often it is asked). */
  private associateLabel(page: SimPage, label: SimLabel, request: GraphRequest): Routed {
    const psid = userParam(request.params);
    if (psid === undefined) return errors.missingParameter('user');
    if (!this.messengerPerson(page, psid)) return errors.noMatchingUser();
    if (!label.psids.includes(psid)) label.psids.push(psid);
    return { body: { success: true } };
  }

  /** `DELETE /{label}/label?user=<PSID>`: the person no longer carries the label (success also if they did not). */
  private removeLabel(page: SimPage, label: SimLabel, request: GraphRequest): Routed {
    const psid = userParam(request.params);
    if (psid === undefined) return errors.missingParameter('user');
    if (!this.messengerPerson(page, psid)) return errors.noMatchingUser();
    label.psids = label.psids.filter((carrier) => carrier !== psid);
    return { body: { success: true } };
  }

  /** `DELETE /{label}`: the label is gone, from every person who carried it. */
  private deleteLabel(label: SimLabel): Routed {
    this.world.deleteLabel(label);
    return { body: { success: true } };
  }

  /** An app token: no current user (`/me`), and no Page's data (UNCONFIRMED for Page nodes: see README). */
  private routeApp(first: string): Routed {
    if (first === 'me') return errors.noCurrentUser();
    return errors.pageTokenRequired();
  }

  /** A person's token: `/me` is the person, `/me/accounts` their Pages; a Page's edges need the Page's own token. */
  private routeUser(user: SimUser, first: string, edge: string | undefined, request: GraphRequest): Routed {
    const method = request.method;
    if (first === 'me' || first === user.id) {
      if (method !== 'GET') return edge === undefined ? errors.unknownObject(method, first) : errors.pageTokenRequired();
      if (edge === undefined) return this.userNode(user, request);
      if (edge === 'accounts') return this.listAccounts(user, request);
      return errors.nonexistingField(edge, 'User');
    }
    const page = this.world.page(first);
    // A Page's public fields answer any token; everything else of a Page (conversations, messages, templates) needs a
    // Page token, as does anything inside its conversations.
    if (page && edge === undefined && method === 'GET') return this.pageNode(page, request);
    if (page || this.world.conversation(first) || this.world.findMessage(first) || this.world.label(first)) return errors.pageTokenRequired();
    return errors.unknownObject(method, first);
  }

  /** Conversations API pacing: more than 2 accepted calls per second per Page answer 80006. */
  private paced(page: SimPage, answer: () => Routed): Routed {
    if (this.options.pacing) {
      const now = this.clock.now();
      const recent = (this.conversationCalls.get(page.id) ?? []).filter((at) => at > now - PACING_WINDOW_MS && at <= now);
      if (recent.length >= PACING_MAX_CALLS) {
        this.conversationCalls.set(page.id, recent);
        return errors.conversationsPacing();
      }
      recent.push(now);
      this.conversationCalls.set(page.id, recent);
    }
    return answer();
  }

  private fields(request: GraphRequest, defaults: string): FieldSelection[] | GraphErrorAnswer {
    try {
      const fields = parseFields(request.query.fields);
      return fields.length > 0 ? fields : parseFields(defaults);
    } catch (error) {
      if (error instanceof FieldsSyntaxError) return errors.fieldsSyntax(error.message);
      throw error;
    }
  }

  private pageNode(page: SimPage, request: GraphRequest): Routed {
    const fields = this.fields(request, 'id,name');
    if (!Array.isArray(fields)) return fields;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (field.name === 'id') out.id = page.id;
      else if (field.name === 'name') out.name = page.name;
      // Meta leaves the field out when no Instagram professional account is linked to the Page.
      else if (field.name === 'instagram_business_account') {
        if (page.instagram) out.instagram_business_account = { id: page.instagram.id };
      } else if (field.name !== 'metadata') return errors.nonexistingField(field.name, 'Page');
    }
    const metadata = this.metadata(request, fields, 'page', 'Page');
    if (metadata && 'error' in metadata) return metadata;
    return { body: { ...out, ...(metadata ?? {}), id: page.id } };
  }

  /** `/me` for a person's token. */
  private userNode(user: SimUser, request: GraphRequest): Routed {
    const fields = this.fields(request, 'id,name');
    if (!Array.isArray(fields)) return fields;
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      if (field.name === 'id') out.id = user.id;
      else if (field.name === 'name') out.name = user.name;
      else if (field.name !== 'metadata') return errors.nonexistingField(field.name, 'User');
    }
    const metadata = this.metadata(request, fields, 'user', 'User');
    if (metadata && 'error' in metadata) return metadata;
    return { body: { ...out, ...(metadata ?? {}), id: user.id } };
  }

  /**
   * The node's `metadata` (Graph's introspection): only with `metadata=1`, and then whether or not `fields` names it.
   * The simulator answers its `type` only (Meta also lists the node's fields and connections).
   */
  private metadata(
    request: GraphRequest,
    fields: FieldSelection[],
    type: 'page' | 'user',
    nodeType: string,
  ): { metadata: { type: string } } | GraphErrorAnswer | null {
    const asked = fields.some((field) => field.name === 'metadata');
    if (request.query.metadata !== '1') return asked ? errors.nonexistingField('metadata', nodeType) : null;
    return { metadata: { type } };
  }

  /** `/me/accounts`: the person's Pages, each with its id, name, the person's tasks there and the Page's own token. */
  private listAccounts(user: SimUser, request: GraphRequest): Routed {
    const fields = this.fields(request, 'access_token,name,id,tasks');
    if (!Array.isArray(fields)) return fields;
    const accounts = user.accounts.flatMap((account) => {
      const page = this.world.page(account.pageId);
      return page ? [{ page, account }] : [];
    });
    const pageResult = paginate(accounts, ({ page }) => page.id, request.query, DEFAULT_PAGE_SIZE);
    if ('error' in pageResult) return pageResult;
    const data: unknown[] = [];
    for (const { page, account } of pageResult.items) {
      const out: Record<string, unknown> = {};
      for (const field of fields) {
        if (field.name === 'id') out.id = page.id;
        else if (field.name === 'name') out.name = page.name;
        else if (field.name === 'access_token') out.access_token = account.token;
        else if (field.name === 'tasks') out.tasks = [...account.tasks];
        else return errors.nonexistingField(field.name, 'Page');
      }
      data.push({ ...out, id: page.id });
    }
    return { body: { data, ...this.pagingOf(pageResult, request.pathname, request) } };
  }

  private listConversations(page: SimPage, request: GraphRequest): Routed {
    const platform = request.query.platform;
    if (platform !== undefined && !['messenger', 'instagram'].includes(platform.toLowerCase())) {
      return errors.invalidParameter('Param platform must be one of {MESSENGER, INSTAGRAM}');
    }
    const fields = this.fields(request, 'id,updated_time');
    if (!Array.isArray(fields)) return fields;
    // One platform at a time, Messenger when none is named; a Page with no Instagram account lists nothing there.
    const wanted = platform?.toLowerCase() === 'instagram' ? 'instagram' : 'messenger';
    let conversations = this.world.conversations
      .filter((conversation) => conversation.pageId === page.id && conversation.platform === wanted)
      .sort((a, b) => updatedAt(b) - updatedAt(a) || a.id.localeCompare(b.id));
    const userId = request.query.user_id;
    if (userId !== undefined) conversations = conversations.filter((conversation) => conversation.psid === userId);

    return this.listing(
      conversations,
      (conversation) => conversation.id,
      (conversation) => this.renderConversation(page, conversation, fields, request),
      request,
    );
  }

  private conversationNode(page: SimPage, conversation: SimConversation, request: GraphRequest): Routed {
    const fields = this.fields(request, 'id,updated_time');
    if (!Array.isArray(fields)) return fields;
    return this.renderConversation(page, conversation, fields, request);
  }

  private renderConversation(page: SimPage, conversation: SimConversation, fields: FieldSelection[], request: GraphRequest): Routed {
    const out: Record<string, unknown> = { id: conversation.id };
    const newest = conversation.messages[conversation.messages.length - 1];
    for (const field of fields) {
      switch (field.name) {
        case 'id':
          break;
        case 'updated_time':
          out.updated_time = metaTime(updatedAt(conversation));
          break;
        case 'participants':
        case 'senders': {
          const { customer, pageParty } = partiesOf(page, conversation);
          out[field.name] = { data: [customer, pageParty] };
          break;
        }
        case 'message_count':
          out.message_count = conversation.messages.length;
          break;
        case 'unread_count':
          out.unread_count = unreadCount(conversation);
          break;
        case 'snippet':
          out.snippet = (newest?.text ?? '').slice(0, 100);
          break;
        case 'can_reply':
          out.can_reply = !conversation.unavailable;
          break;
        case 'link':
          // Legacy Page-inbox link; deliberately not carrying Business Suite's selected_item_id,
          // whose relation to conversations Meta does not document.
          out.link = `/${page.id}/inbox/${conversation.id.slice(2)}/?section=messages`;
          break;
        case 'messages': {
          const messages = this.renderMessages(page, conversation, field, request, {});
          if (isError(messages)) return messages;
          out.messages = messages.body;
          break;
        }
        default:
          return errors.nonexistingField(field.name, 'Conversation');
      }
    }
    return { body: out };
  }

  private messagesEdge(page: SimPage, conversation: SimConversation, request: GraphRequest): Routed {
    const fields = this.fields(request, 'id,created_time');
    if (!Array.isArray(fields)) return fields;
    const selection: FieldSelection = { name: 'messages', modifiers: {}, subfields: fields };
    return this.renderMessages(page, conversation, selection, request, request.query);
  }

  /** The messages edge: newest first, only the 20 most recent, paged with cursors. */
  private renderMessages(
    page: SimPage,
    conversation: SimConversation,
    selection: FieldSelection,
    request: GraphRequest,
    query: Record<string, string>,
  ): Routed {
    const recent = visibleMessages(conversation, this.clock.now()).slice(-MESSAGE_DETAIL_LIMIT).reverse();
    const limitQuery = { ...query, ...(selection.modifiers.limit === undefined ? {} : { limit: selection.modifiers.limit }) };
    const pageResult = paginate(recent, (message) => message.id, limitQuery, DEFAULT_PAGE_SIZE);
    if ('error' in pageResult) return pageResult;
    const subfields = selection.subfields ?? parseFields('id,created_time');
    const data: unknown[] = [];
    for (const message of pageResult.items) {
      const rendered = renderMessage(page, conversation, message, subfields);
      if (isError(rendered)) return rendered;
      data.push(rendered.body);
    }
    const edgePath = `${versionPrefix(request.pathname)}/${conversation.id}/messages`;
    const edgeRequest: GraphRequest =
      request.pathname === edgePath
        ? request
        : {
            ...request,
            query: {
              ...(request.query.access_token === undefined ? {} : { access_token: request.query.access_token }),
              fields: subfields.map(formatField).join(','),
              limit: String(pageResult.limit),
            },
          };
    return { body: { data, ...this.pagingOf(pageResult, edgePath, edgeRequest) } };
  }

  private messageNode(page: SimPage, conversation: SimConversation, message: SimMessage, request: GraphRequest): Routed {
    const recent = visibleMessages(conversation, this.clock.now()).slice(-MESSAGE_DETAIL_LIMIT);
    if (!recent.includes(message)) return errors.messageTooOld(message.id);
    const fields = this.fields(request, 'id,created_time');
    if (!Array.isArray(fields)) return fields;
    return renderMessage(page, conversation, message, fields);
  }

  private listTemplates(page: SimPage, request: GraphRequest): Routed {
    const fields = this.fields(request, 'name,language,status,category,components');
    if (!Array.isArray(fields)) return fields;
    let templates = this.world.templates.filter((template) => template.pageId === page.id);
    if (request.query.name !== undefined) templates = templates.filter((template) => template.name === request.query.name);
    if (request.query.status !== undefined) {
      const statuses = request.query.status.split(',').map((status) => status.trim().toUpperCase());
      templates = templates.filter((template) => statuses.includes(template.status));
    }
    return this.listing(
      templates,
      (template) => template.id,
      (template) => renderTemplate(template, fields),
      request,
    );
  }

  private send(page: SimPage, request: GraphRequest): Routed {
    const decision = decideSend(request.params, page, this.world, this.clock.now());
    if (!decision.ok) return decision.answer;
    const { conversation, message } = decision;
    if (!message) return { body: { recipient_id: conversation.psid } };
    const at = this.clock.now();
    const late = this.sendsShownAfterMs;
    const stored = this.world.append(conversation, { from: 'page', at, ...message, ...(late ? { visibleAt: at + late } : {}) });
    return { body: { recipient_id: conversation.psid, message_id: stored.id } };
  }

  private pagingOf<T>(result: PageOf<T>, path: string, request: GraphRequest): { paging?: Record<string, unknown> } {
    if (result.items.length === 0) return {};
    const base = this.options.publicBaseUrl?.replace(/\/+$/, '') ?? request.origin;
    const link = (cursor: 'after' | 'before', value: string) => {
      const query = new URLSearchParams();
      for (const [key, existing] of Object.entries(request.query)) {
        if (key !== 'after' && key !== 'before') query.set(key, existing);
      }
      query.set('limit', String(result.limit));
      query.set(cursor, value);
      return `${base}${path}?${query.toString()}`;
    };
    return {
      paging: {
        cursors: { before: result.beforeCursor, after: result.afterCursor },
        ...(result.hasPrevious ? { previous: link('before', result.beforeCursor) } : {}),
        ...(result.hasNext ? { next: link('after', result.afterCursor) } : {}),
      },
    };
  }
}

function versionPrefix(pathname: string): string {
  const match = /^\/v\d+\.\d+/.exec(pathname);
  return match ? match[0] : '';
}

function formatField(field: FieldSelection): string {
  const modifiers = Object.entries(field.modifiers)
    .map(([name, argument]) => `.${name}(${argument})`)
    .join('');
  const nested = field.subfields ? `{${field.subfields.map(formatField).join(',')}}` : '';
  return `${field.name}${modifiers}${nested}`;
}

function unreadCount(conversation: SimConversation): number {
  let count = 0;
  for (let index = conversation.messages.length - 1; index >= 0; index -= 1) {
    if (conversation.messages[index]?.from !== 'customer') break;
    count += 1;
  }
  return count;
}

/**
 * Who is in a conversation, as Meta names them. Messenger: the PSID with the customer's name, and the Page. Instagram:
 * the IGSID and the linked Instagram professional account, each with a `username` and no `name` (reference §7b).
 */
function partiesOf(page: SimPage, conversation: SimConversation): { customer: Record<string, string>; pageParty: Record<string, string> } {
  if (conversation.platform === 'instagram' && page.instagram) {
    return {
      customer: { id: conversation.psid, username: conversation.username ?? conversation.customerName },
      pageParty: { id: page.instagram.id, username: page.instagram.username },
    };
  }
  return { customer: { id: conversation.psid, name: conversation.customerName }, pageParty: { id: page.id, name: page.name } };
}

function renderMessage(page: SimPage, conversation: SimConversation, message: SimMessage, fields: FieldSelection[]): Routed {
  const { customer, pageParty } = partiesOf(page, conversation);
  const out: Record<string, unknown> = { id: message.id };
  for (const field of fields) {
    switch (field.name) {
      case 'id':
        break;
      case 'created_time':
        out.created_time = metaTime(message.at);
        break;
      case 'from':
        out.from = message.from === 'customer' ? customer : pageParty;
        break;
      case 'to':
        out.to = { data: [message.from === 'customer' ? pageParty : customer] };
        break;
      case 'message':
        out.message = message.text;
        break;
      default:
        return errors.nonexistingField(field.name, 'Message');
    }
  }
  return { body: out };
}

const TEMPLATE_FIELDS = ['name', 'language', 'status', 'category', 'components', 'parameter_format', 'rejection_reason'];

function renderTemplate(template: SimTemplate, fields: FieldSelection[]): Routed {
  const out: Record<string, unknown> = {};
  for (const field of fields) {
    if (!TEMPLATE_FIELDS.includes(field.name) && field.name !== 'id') {
      return errors.nonexistingField(field.name, 'MessageTemplate');
    }
    if (field.name === 'parameter_format') {
      const positional = template.components.every((component) => !/\{\{\s*[A-Za-z_]/.test(component.text ?? ''));
      out.parameter_format = positional ? 'POSITIONAL' : 'NAMED';
    } else if (field.name === 'rejection_reason') {
      out.rejection_reason = template.status === 'REJECTED' ? 'INCORRECT_PARAMS' : 'NONE';
    } else if (field.name !== 'id') {
      out[field.name] = structuredClone(template[field.name as 'name']);
    }
  }
  out.id = template.id;
  return { body: out };
}

interface PageOf<T> {
  items: T[];
  limit: number;
  beforeCursor: string;
  afterCursor: string;
  hasNext: boolean;
  hasPrevious: boolean;
}

const encodeCursor = (key: string) => Buffer.from(key).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/** Cursor paging over an ordered list; a cursor names an item, so inserts do not shift pages. */
function paginate<T>(items: T[], keyOf: (item: T) => string, query: Record<string, string>, defaultLimit: number): PageOf<T> | GraphErrorAnswer {
  let limit = defaultLimit;
  if (query.limit !== undefined) {
    const parsed = Number(query.limit);
    if (!Number.isInteger(parsed) || parsed < 0) return errors.invalidParameter('Param limit must be a non-negative integer');
    limit = Math.min(parsed, MAX_PAGE_SIZE);
  }
  let start = 0;
  let end: number;
  if (query.after !== undefined) {
    const index = items.findIndex((item) => keyOf(item) === decodeCursor(query.after as string));
    if (index < 0) return graphError({ code: 100, message: '(#100) The after cursor is invalid or expired' });
    start = index + 1;
    end = Math.min(items.length, start + limit);
  } else if (query.before !== undefined) {
    const index = items.findIndex((item) => keyOf(item) === decodeCursor(query.before as string));
    if (index < 0) return graphError({ code: 100, message: '(#100) The before cursor is invalid or expired' });
    end = index;
    start = Math.max(0, end - limit);
  } else {
    end = Math.min(items.length, limit);
  }
  const slice = items.slice(start, end);
  const first = slice[0];
  const last = slice[slice.length - 1];
  return {
    items: slice,
    limit,
    beforeCursor: first === undefined ? '' : encodeCursor(keyOf(first)),
    afterCursor: last === undefined ? '' : encodeCursor(keyOf(last)),
    hasNext: end < items.length,
    hasPrevious: start > 0,
  };
}
