// The simulator's mutable world: its clock, Pages, conversations (with their messages) and utility
// templates. The HTTP layer reads and changes it; tests inspect it through Simulator.state().
import { DEFAULT_PERMISSIONS, PAGE_TASKS, type ParsedScenario, type PageTask, type ScenarioTemplate } from './scenario';

const MINUTE = 60_000;

/** Meta's created_time/updated_time format: "2026-07-12T19:11:07+0000" (second precision, UTC). */
export function metaTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+0000`;
}

export type ClockMode = 'fixed' | 'real';

/**
 * The simulator's notion of "now". Fixed mode starts at the scenario's instant and moves only when
 * told (deterministic tests); real mode follows the wall clock plus an offset that set/advance move.
 */
export class SimClock {
  readonly mode: ClockMode;
  /** The instant scenario `ageMinutes` count back from. */
  readonly start: number;
  private fixedNow: number;
  private offset = 0;

  constructor(
    config: ParsedScenario['clock'],
    private readonly wallClock: () => number = Date.now,
  ) {
    this.mode = config.mode;
    this.start = config.mode === 'fixed' ? Date.parse(config.start) : wallClock();
    this.fixedNow = this.start;
  }

  now(): number {
    return this.mode === 'fixed' ? this.fixedNow : this.wallClock() + this.offset;
  }

  set(ms: number): void {
    assertInstant(ms);
    if (this.mode === 'fixed') this.fixedNow = ms;
    else this.offset = ms - this.wallClock();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`clock.advance needs a finite number of ms, got ${ms}`);
    this.set(this.now() + ms);
  }
}

function assertInstant(ms: number): void {
  if (!Number.isFinite(ms)) throw new Error(`expected an instant in epoch ms, got ${ms}`);
}

export interface SimPage {
  id: string;
  name: string;
  token: string;
  /** The linked Instagram professional account (Instagram conversations' Page side). */
  instagram?: { id: string; username: string };
  /** Whether Reopen's Meta app holds pages_manage_metadata on this Page (the Custom Labels API needs it). */
  pagesManageMetadata: boolean;
  /** Whether the Page's admin accepted the Page Contact Terms (the Custom Labels API needs it). */
  contactTermsAccepted: boolean;
}

/** A custom label of a Page (Meta's Custom Labels API), and the PSIDs that carry it, in the order they got it. */
export interface SimLabel {
  id: string;
  pageId: string;
  name: string;
  psids: string[];
}

/** A person who manages Pages: what `/me` and `/me/accounts` answer for their token. */
export interface SimUser {
  id: string;
  name: string;
  /** The Pages they manage, in the order Meta lists them, each with what they may do there and its own Page token. */
  accounts: Array<{ pageId: string; tasks: PageTask[]; token: string }>;
}

/** `expired`: Meta answers 190/463; `invalidated` (logged out, password changed): 190/467. */
export type TokenStatus = 'valid' | 'expired' | 'invalidated';

/** Who an access token speaks for, and what it may do. */
export type SimToken =
  | { kind: 'page'; page: SimPage; permissions: string[]; tasks: PageTask[]; status: TokenStatus }
  | { kind: 'user'; user: SimUser; permissions: string[]; status: TokenStatus }
  | { kind: 'app'; appId: string; status: TokenStatus };

export interface SimMessage {
  id: string;
  from: 'customer' | 'page';
  /** The text as the Conversations API shows it (templates: the rendered body or the survey title). */
  text: string;
  /** Epoch ms. */
  at: number;
  /** When Meta starts showing it in the Conversations API (epoch ms); absent: at once. A message Meta took but shows
   *  late (a fault's `visibleAfterMs`) keeps its `created_time` (`at`) and is hidden until then. */
  visibleAt?: number;
  /** For Page messages sent through the simulator's Send API: how they were sent. */
  messagingType?: string;
  tag?: string;
  templateName?: string;
}

export interface SimConversation {
  id: string;
  pageId: string;
  psid: string;
  customerName: string;
  selectedItemId: string;
  platform: 'messenger' | 'instagram';
  /** Instagram only: what the Conversations API calls the customer. */
  username?: string;
  unavailable: boolean;
  /** Oldest first. */
  messages: SimMessage[];
}

export interface SimTemplate extends ScenarioTemplate {
  id: string;
}

/** A snapshot of the world for assertions (deep copy; changing it changes nothing). */
export interface ScenarioState {
  now: number;
  clockMode: ClockMode;
  pages: Array<{ id: string; name: string; pagesManageMetadata: boolean; contactTermsAccepted: boolean }>;
  /** Every Page's custom labels, oldest first, each with the PSIDs that carry it. */
  labels: SimLabel[];
  conversations: Array<
    SimConversation & {
      /** Epoch ms of the customer's newest message, null when the customer never wrote. */
      customerLastMessageAt: number | null;
      /** Epoch ms of the newest message in either direction (Graph's updated_time). */
      updatedAt: number;
    }
  >;
  templates: SimTemplate[];
}

export class World {
  readonly pages: SimPage[];
  readonly conversations: SimConversation[];
  readonly templates: SimTemplate[];
  /** Custom labels of every Page, oldest first. */
  readonly labels: SimLabel[];
  private readonly tokens = new Map<string, SimToken>();
  private messageSequence = 0;
  private labelSequence = 0;
  /** Label ids the scenario gives: generated ids avoid them. */
  private readonly reservedLabelIds = new Set<string>();

  constructor(scenario: ParsedScenario, clockStart: number) {
    this.pages = scenario.pages.map((page) => ({
      id: page.id,
      name: page.name,
      token: page.token,
      ...(page.instagram ? { instagram: { ...page.instagram } } : {}),
      pagesManageMetadata: page.pagesManageMetadata ?? true,
      contactTermsAccepted: page.contactTermsAccepted ?? true,
    }));
    this.labels = [];
    const given = scenario.pages.flatMap((page) => (page.labels ?? []).flatMap((label) => (label.id === undefined ? [] : [label.id])));
    for (const id of given) this.reservedLabelIds.add(id);
    for (const page of scenario.pages) {
      for (const label of page.labels ?? []) {
        this.labels.push({ id: label.id ?? this.nextLabelId(), pageId: page.id, name: label.name, psids: [...new Set(label.psids)] });
      }
    }
    this.registerTokens(scenario);
    this.conversations = scenario.conversations.map((conversation) => {
      const messages = conversation.messages
        .map((message) => ({
          from: message.from,
          text: message.text,
          at: message.at === undefined ? clockStart - (message.ageMinutes ?? 0) * MINUTE : Date.parse(message.at),
        }))
        // Stable sort keeps the scenario's order for messages given the same instant.
        .sort((a, b) => a.at - b.at)
        .map((message) => ({ ...message, id: this.nextMessageId(conversation.id) }));
      return {
        id: conversation.id,
        pageId: conversation.pageId,
        psid: conversation.psid,
        customerName: conversation.customerName,
        selectedItemId: conversation.selectedItemId,
        platform: conversation.platform ?? 'messenger',
        ...(conversation.username ? { username: conversation.username } : {}),
        unavailable: conversation.unavailable ?? false,
        messages,
      };
    });
    this.templates = scenario.templates.map((template, index) => ({
      ...template,
      id: template.id ?? String(900_000_000_000_001 + index),
    }));
  }

  /** Who the token speaks for; undefined for a token Meta never issued. */
  tokenInfo(token: string): SimToken | undefined {
    return this.tokens.get(token);
  }

  /** The Page a valid Page token speaks for (usage is counted per Page). */
  pageByToken(token: string): SimPage | undefined {
    const info = this.tokens.get(token);
    return info?.kind === 'page' && info.status === 'valid' ? info.page : undefined;
  }

  private registerTokens(scenario: ParsedScenario): void {
    const pageOf = (id: string) => {
      const page = this.pages.find((candidate) => candidate.id === id);
      if (!page) throw new Error(`unknown Page ${id}`);
      return page;
    };
    for (const page of this.pages) {
      this.tokens.set(page.token, { kind: 'page', page, permissions: [...DEFAULT_PERMISSIONS], tasks: [...PAGE_TASKS], status: 'valid' });
    }
    for (const token of scenario.tokens) {
      const status = token.kind === 'app' ? 'valid' : (token.status ?? 'valid');
      if (token.kind === 'app') this.tokens.set(token.token, { kind: 'app', appId: token.appId, status });
      else if (token.kind === 'page') {
        this.tokens.set(token.token, {
          kind: 'page',
          page: pageOf(token.pageId),
          permissions: token.permissions ?? [...DEFAULT_PERMISSIONS],
          tasks: token.tasks ?? [...PAGE_TASKS],
          status,
        });
      } else {
        const permissions = token.permissions ?? [...DEFAULT_PERMISSIONS];
        const user: SimUser = { id: token.id, name: token.name, accounts: token.accounts.map((account) => ({ ...account, tasks: [...account.tasks] })) };
        this.tokens.set(token.token, { kind: 'user', user, permissions, status });
        // Each Page token a person gets carries the permissions they granted and the tasks they have on that Page.
        for (const account of token.accounts) {
          this.tokens.set(account.token, { kind: 'page', page: pageOf(account.pageId), permissions: [...permissions], tasks: [...account.tasks], status });
        }
      }
    }
  }

  page(id: string): SimPage | undefined {
    return this.pages.find((page) => page.id === id);
  }

  conversation(id: string): SimConversation | undefined {
    return this.conversations.find((conversation) => conversation.id === id);
  }

  conversationOf(pageId: string, psid: string): SimConversation | undefined {
    return this.conversations.find((conversation) => conversation.pageId === pageId && conversation.psid === psid);
  }

  label(id: string): SimLabel | undefined {
    return this.labels.find((label) => label.id === id);
  }

  /** A new label each call, as Meta does: two labels may share a name. */
  createLabel(pageId: string, name: string): SimLabel {
    const label: SimLabel = { id: this.nextLabelId(), pageId, name, psids: [] };
    this.labels.push(label);
    return label;
  }

  /** Deletes the label, and with it every person's association. */
  deleteLabel(label: SimLabel): void {
    const index = this.labels.indexOf(label);
    if (index >= 0) this.labels.splice(index, 1);
  }

  findMessage(id: string): { conversation: SimConversation; message: SimMessage } | undefined {
    for (const conversation of this.conversations) {
      const message = conversation.messages.find((candidate) => candidate.id === id);
      if (message) return { conversation, message };
    }
    return undefined;
  }

  /** Adds a message in time order (a message "at" an earlier instant lands before later ones). */
  append(conversation: SimConversation, message: Omit<SimMessage, 'id'>): SimMessage {
    const stored: SimMessage = { ...message, id: this.nextMessageId(conversation.id) };
    let index = conversation.messages.length;
    while (index > 0 && (conversation.messages[index - 1]?.at ?? 0) > stored.at) index -= 1;
    conversation.messages.splice(index, 0, stored);
    return stored;
  }

  /** Moves every stored instant `ms` into the past, as if that much time had gone by. */
  age(ms: number): void {
    if (!Number.isFinite(ms)) throw new Error(`ageWorld needs a finite number of ms, got ${ms}`);
    for (const conversation of this.conversations) {
      for (const message of conversation.messages) message.at -= ms;
    }
  }

  snapshot(now: number, clockMode: ClockMode): ScenarioState {
    return structuredClone({
      now,
      clockMode,
      pages: this.pages.map(({ id, name, pagesManageMetadata, contactTermsAccepted }) => ({ id, name, pagesManageMetadata, contactTermsAccepted })),
      labels: this.labels,
      conversations: this.conversations.map((conversation) => ({
        ...conversation,
        customerLastMessageAt: customerLastMessageAt(conversation),
        updatedAt: updatedAt(conversation),
      })),
      templates: this.templates,
    });
  }

  /** Label ids are numeric strings like Meta's; never one a scenario already uses. */
  private nextLabelId(): string {
    for (let attempt = 0; attempt < 1_000_000; attempt += 1) {
      this.labelSequence += 1;
      const id = String(5_800_000_000_000_000 + this.labelSequence);
      if (!this.reservedLabelIds.has(id) && !this.labels.some((label) => label.id === id)) return id;
    }
    throw new Error('no free label id');
  }

  private nextMessageId(conversationId: string): string {
    this.messageSequence += 1;
    // Real message ids are long opaque "m_…" strings; these are opaque too, unique and stable per run.
    return `m_${Buffer.from(`${conversationId}:${this.messageSequence}`).toString('base64url')}`;
  }
}

export function customerLastMessageAt(conversation: SimConversation): number | null {
  for (let index = conversation.messages.length - 1; index >= 0; index -= 1) {
    const message = conversation.messages[index];
    if (message?.from === 'customer') return message.at;
  }
  return null;
}

/** The messages the Conversations API shows at `now` (oldest first): those Meta shows late are hidden until then. */
export function visibleMessages(conversation: SimConversation, now: number): SimMessage[] {
  return conversation.messages.filter((message) => message.visibleAt === undefined || message.visibleAt <= now);
}

export function updatedAt(conversation: SimConversation): number {
  return conversation.messages[conversation.messages.length - 1]?.at ?? 0;
}
