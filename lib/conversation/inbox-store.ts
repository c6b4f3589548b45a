// The content script's controller: the state of the conversation on screen (what the banner and panel show) and the
// actions that ask the background. View state only — the background's ledger stays the source of truth; this store
// re-asks it. The views subscribe through components/use-store-state.ts.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { resolveLocale, type Catalog, type Locale } from '../i18n/core';
import { installStrings } from '../i18n/inbox-strings';
import { ProtocolFailure, type Ask } from '../messaging/client';
import type { ErrorView } from '../graph/error-view';
import type { ThreadView } from '../threads/view';
import type { FeedbackProblem } from '../policy';
import type { StopBlock } from '../storage/schema';
import type { BlockReason, Platform, ReopenRequest, UtilityTemplate } from '../policy/types';
import { sameConversation, type InboxLocation } from '../inbox/url';
import { DEFAULT_CLOSES_SOON_MINUTES } from '../inbox/status';
import type { PaneReading } from '../inbox/schema';
import { samePane } from '../inbox/pane-messages';
import type { DraftBook } from './drafts';

export interface InboxDeps {
  ask: Ask;
  /** The clock; a parameter so tests run on a fixed time. */
  now: () => number;
  newRequestId: () => string;
  browserLanguage: string | undefined;
  /** One send from the panel (./send-action.ts: the policy's check, then the background). Only the reopen panel sends,
   *  so the content script hands over the one the panel script brings (components/inbox/lazy-panel.tsx) and does not
   *  carry it, nor the policy's checks, itself. */
  send: SendAction;
  /** Lists the Page's approved utility templates for the panel (./send-action.ts), likewise brought by the panel. */
  loadTemplates: (scope: SendScope) => Promise<void>;
  /** The agent's pick among the customers (./send-action.ts), likewise brought by the panel: only the panel script
   *  draws the candidate list and the recipient check. */
  choose: (psid: string, scope: SendScope) => Promise<void>;
}

/** What a send reads and writes of the store. `current()`: still the conversation the send started on. */
export interface SendScope {
  get: () => InboxViewState;
  set: (patch: Partial<InboxViewState>) => void;
  ask: Ask;
  now: () => number;
  newRequestId: () => string;
  current: () => boolean;
  /** Drops every read of the thread on its way: none may paint over what the caller sets next. */
  fence: () => void;
  refresh: InboxActions['refresh'];
  /** The store's own, across conversations, kept for the panel script: a send is on its way (a synchronous guard: a
   *  double click runs send twice before any re-render could disable the button), and the panel's drafts (./drafts.ts:
   *  in memory only, made on the panel's first draft). */
  local: { send: boolean; drafts?: DraftBook };
}

/** One send from the panel, then what it changed: the draft, the thread read again (./send-action.ts). */
export type SendAction = (request: ReopenRequest, options: { retryOf?: string }, scope: SendScope) => Promise<void>;

export type TemplatesState =
  { status: 'idle' } | { status: 'loading' } | { status: 'ready'; templates: UtilityTemplate[] } | { status: 'error'; error: ErrorView };

export interface SendResult {
  outcome: 'sent' | 'blocked' | 'failed' | 'unknown';
  /** The attempt's id in the ledger (answers from the background): its reconciliation is followed by it. */
  requestId?: string;
  /** 'preflight': decided here before anything left the tab. */
  decidedBy: 'preflight' | 'background';
  reason?: BlockReason;
  until?: number;
  error?: ErrorView;
  nextAttemptAt?: number;
  feedbackProblems?: FeedbackProblem[];
  /** The background refused the message itself (nothing was sent). */
  rejected?: string;
  /** A refusal that means stop: the block that refused the send (`blocked`), or the one Meta's answer started
   *  (`failed`), with Meta's code and words, since and until when. */
  block?: StopBlock;
}

/** The inbox's words come from the background: nothing with words renders before they arrive. */
export type StringsStatus = 'loading' | 'ready' | 'failed';

export interface InboxViewState {
  /** The language shown; it changes only once its strings are installed. */
  locale: Locale;
  strings: StringsStatus;
  promoTerms: readonly string[];
  closesSoonMinutes: number;
  location: InboxLocation | null;
  displayName: string | null;
  /** What the page's name signals said (lib/inbox/identity.ts): without a name, whether one is expected soon
   *  (a generic title or a stale name was rejected) or the signals disagree. */
  nameHint: NameHint;
  /** The messages the conversation pane shows (lib/inbox/pane-messages.ts), when they are this conversation's: what
   *  proves a person found by name. null: not read yet, or still the previous conversation's. */
  pane: PaneReading | null;
  /** No composer anchor: the UI floats bottom-right and says the layout changed. */
  floating: boolean;
  thread: ThreadView | null;
  loading: boolean;
  /** The background did not answer (code of the ProtocolFailure); shown only when there is no thread to show. */
  failure: string | null;
  now: number;
  panelOpen: boolean;
  choosing: boolean;
  templates: TemplatesState;
  sending: boolean;
  result: SendResult | null;
  /** The key the browser assigned to the panel's shortcut ('' when none), read from the background. */
  shortcut: string;
}

/** Without a trusted name: `waiting` — the page showed only a title or the previous customer's name, the real
 *  one is expected; `conflict` — signals disagree, the agent picks among the names they read. */
export interface NameHint {
  status: 'trusted' | 'waiting' | 'conflict' | 'none';
  conflicting: string[];
}

const NO_HINT: NameHint = { status: 'none', conflicting: [] };

const sameHint = (a: NameHint, b: NameHint) => a.status === b.status && a.conflicting.join('\n') === b.conflicting.join('\n');

export interface InboxActions {
  /** Reads the settings, then makes sure the strings of their language are installed before showing it. */
  loadSettings: () => Promise<void>;
  /** The URL or the header changed. Re-asks the background only when the conversation or name really changed;
   *  a switch may be answered from the background's 60 s cache. `pane` (a switch): the new conversation's pane as
   *  the page shows it now (null: not yet), taken with the switch so that one ask carries it. */
  showConversation: (location: InboxLocation | null, displayName: string | null, hint?: NameHint, pane?: PaneReading | null) => void;
  /** The pane's messages changed (new visible messages, or the pane of this conversation rendered). A person found
   *  by name is judged again against them; a person proven otherwise is not asked about again. */
  showPane: (pane: PaneReading | null) => void;
  /**
   * Reads the thread from Meta again, past the background's cache: the periodic refresh, the tab becoming
   * visible, "Check again", and after a send. Joins a refresh already on its way unless `force` (a send changed
   * the ledger after that one was asked).
   */
  /** Reads the thread again. `periodic`: the minute's refresh of an idle inbox, which facts within the background's
   *  60 s (or the Page's listing read just now) serve; otherwise Meta is read (the agent asked, or a wait is over). */
  refresh: (options?: { force?: boolean; periodic?: boolean }) => Promise<void>;
  choose: (psid: string) => Promise<void>;
  openPanel: () => void;
  closePanel: () => void;
  /** What the panel script's actions read and write for the conversation on screen (its drafts among them). */
  scope: () => SendScope;
  loadTemplates: () => Promise<void>;
  /** `retryOf`: "It did not arrive — send again" for that `unknown` attempt (Reopen read the conversation and did
   *  not find it); a new attempt that names it, allowed through the cooldown only for that. */
  send: (request: ReopenRequest, options?: { retryOf?: string }) => Promise<void>;
  /** Asks the background for the thread again (its cache is fine): how an `unknown` attempt's reconciliation,
   *  done by the background, reaches the panel. */
  followReconciliation: () => Promise<void>;
  /** The agent has read the last outcome: it goes, and so does the panel it was shown in. */
  dismissResult: () => void;
  tick: () => void;
  setFloating: (floating: boolean) => void;
}

export type InboxStore = StoreApi<InboxViewState> & { actions: InboxActions };

/** Two states that show the same: they differ at most in `pane`, which no view shows (it goes with the next ask). The
 *  inbox view renders nothing for a new pane reading (one after each switch and each message in the pane). */
export function sameShownState(next: InboxViewState, shown: InboxViewState): boolean {
  for (const key in next) {
    if (key !== 'pane' && next[key as keyof InboxViewState] !== shown[key as keyof InboxViewState]) return false;
  }
  return true;
}

/** A Messenger or Instagram Direct thread: the ones Reopen helps with (the same window rules on both). */
export const isThread = (location: InboxLocation | null): location is InboxLocation & { threadType: Platform } => !!location && location.threadType !== 'other';

/** Asks for one locale's strings this many times in a row: the first message may meet a worker still starting. */
export const STRINGS_ATTEMPTS = 2;

const isCatalog = (value: unknown): value is Catalog =>
  typeof value === 'object' && value !== null && Object.values(value).every((template) => typeof template === 'string');

export function createInboxStore(deps: InboxDeps): InboxStore {
  const store = createStore<InboxViewState>(() => ({
    locale: resolveLocale('browser', deps.browserLanguage),
    strings: 'loading',
    // The Page's list arrives with the settings; until then the background's own check (the same list) still runs.
    promoTerms: [],
    closesSoonMinutes: DEFAULT_CLOSES_SOON_MINUTES,
    location: null,
    displayName: null,
    nameHint: NO_HINT,
    pane: null,
    floating: false,
    thread: null,
    loading: false,
    failure: null,
    now: deps.now(),
    panelOpen: false,
    choosing: false,
    templates: { status: 'idle' },
    sending: false,
    result: null,
    shortcut: '',
  }));
  const { getState: get, setState: set } = store;

  // Each conversation shown gets a generation; an answer for an older one is dropped, so a slow reply
  // never paints the previous customer's window on the current conversation.
  let generation = 0;
  let threadRequest: { promise: Promise<void>; fresh: boolean } | null = null;
  // Within one conversation, only the latest read may paint: a cached answer to a switch that arrives after a
  // fresh read asked later would show older facts.
  let latestThreadRead = 0;
  const local: SendScope['local'] = { send: false };
  /** What the panel's actions read and write, for the conversation on screen now. */
  const scope = (mine = generation): SendScope => ({
    get,
    set,
    ask: deps.ask,
    now: deps.now,
    newRequestId: deps.newRequestId,
    current: () => mine === generation,
    fence: () => {
      generation += 1;
      threadRequest = null;
    },
    refresh: actions.refresh,
    local,
  });

  // Locales whose strings this store installed, and the requests on their way (one per locale at a time).
  const stringsLoaded = new Set<Locale>();
  const stringsRequests = new Map<Locale, Promise<boolean>>();
  // The latest language asked for wins, whichever strings arrive first.
  let localeRequest = 0;

  async function fetchStrings(locale: Locale): Promise<boolean> {
    for (let attempt = 0; attempt < STRINGS_ATTEMPTS; attempt += 1) {
      try {
        const answer = await deps.ask({ type: 'ui.strings', locale });
        if (answer?.locale === locale && isCatalog(answer.strings)) {
          installStrings(locale, answer.strings);
          return true;
        }
      } catch {
        // Asked again below; after the last attempt the root shows its fixed bilingual line.
      }
    }
    return false;
  }

  function ensureStrings(locale: Locale): Promise<boolean> {
    if (stringsLoaded.has(locale)) return Promise.resolve(true);
    let request = stringsRequests.get(locale);
    if (!request) {
      request = fetchStrings(locale).then((loaded) => {
        stringsRequests.delete(locale);
        if (loaded) stringsLoaded.add(locale);
        return loaded;
      });
      stringsRequests.set(locale, request);
    }
    return request;
  }

  async function showLocale(locale: Locale): Promise<void> {
    const mine = ++localeRequest;
    const loaded = await ensureStrings(locale);
    if (mine !== localeRequest) return;
    if (loaded) set({ locale, strings: 'ready' });
    // A switch of language that failed keeps the language already shown, whole, rather than showing nothing.
    else if (get().strings !== 'ready') set({ strings: 'failed' });
  }

  async function fetchThread(refresh: boolean): Promise<void> {
    const { location, displayName, nameHint, pane } = get();
    if (!isThread(location)) return;
    // Nothing identifies a conversation yet (none selected, header not rendered): wait for one.
    if (!location.selectedItemId && !displayName) {
      set({ loading: false });
      return;
    }
    const mine = generation;
    const read = ++latestThreadRead;
    const current = () => mine === generation && read === latestThreadRead;
    set({ loading: true });
    try {
      const thread = await deps.ask({
        type: 'thread.get',
        pageId: location.pageId,
        selectedItemId: location.selectedItemId,
        platform: location.threadType,
        displayName,
        ...(refresh ? { refresh: true } : {}),
        ...(displayName === null && nameHint.status === 'waiting' ? { awaitingName: true } : {}),
        ...(displayName === null && nameHint.status === 'conflict' ? { conflictingNames: nameHint.conflicting } : {}),
        ...(pane ? { pane } : {}),
      });
      if (current()) set({ thread, failure: null, loading: false, now: deps.now() });
    } catch (error) {
      if (!current()) return;
      set({ failure: error instanceof ProtocolFailure ? error.code : 'no_reply', loading: false });
    }
  }

  /** One read at a time per kind: a switch's read is replaced by a newer one, a fresh read is shared. */
  function readThread(fresh: boolean): Promise<void> {
    const promise = fetchThread(fresh).finally(() => {
      if (threadRequest?.promise === promise) threadRequest = null;
    });
    threadRequest = { promise, fresh };
    return promise;
  }

  const actions: InboxActions = {
    async loadSettings() {
      let locale = get().locale;
      try {
        const settings = await deps.ask({ type: 'settings.get' });
        locale = resolveLocale(settings.language, deps.browserLanguage);
        set({
          // As given: an emptied list means no wording is flagged, exactly as the background decides.
          promoTerms: settings.promoTerms,
          closesSoonMinutes: settings.closesSoonMinutes,
        });
      } catch {
        // Defaults (browser language, 2 h) keep the banner useful until settings answer; the background checks wording itself.
      }
      // Read again whenever the tab is shown: the agent may have changed the key on the browser's shortcut page.
      void deps
        .ask({ type: 'shortcut.get' })
        .then((answer) => set({ shortcut: answer.shortcut }))
        .catch(() => undefined);
      await showLocale(locale);
    },

    showConversation(location, displayName, hint = displayName ? { status: 'trusted', conflicting: [] } : NO_HINT, pane) {
      const sameThread = sameConversation(get().location, location);
      if (sameThread && pane !== undefined) actions.showPane(pane);
      const state = get();
      if (sameThread && state.displayName === displayName && sameHint(state.nameHint, hint)) return;
      if (sameThread) {
        // Only the name arrived (it renders after the URL changes), or the signals now disagree. It matters while
        // the thread is unresolved.
        set({ displayName, nameHint: hint });
        if (state.thread?.status !== 'resolved' && (displayName || hint.status === 'conflict')) {
          // An answer still on its way was asked without the name: drop it and ask again with it.
          generation += 1;
          threadRequest = null;
          void readThread(false);
        }
        return;
      }
      generation += 1;
      threadRequest = null;
      set({
        location,
        displayName,
        nameHint: hint,
        thread: null,
        failure: null,
        panelOpen: false,
        choosing: false,
        templates: { status: 'idle' },
        result: null,
        sending: false,
        loading: isThread(location),
        ...(pane === undefined ? {} : { pane }),
      });
      void readThread(false);
    },

    showPane(pane) {
      const state = get();
      if (samePane(state.pane, pane)) return;
      set({ pane });
      if (!pane || !isThread(state.location)) return;
      const thread = state.thread;
      // Asked again only where the pane decides: a person found by name (proven by the pane or not yet), a choice
      // among namesakes, or an answer still on its way (asked without these messages).
      const byName = !thread
        ? true
        : thread.status === 'resolved'
          ? thread.recipient?.proof === 'pane' || thread.recipient?.proof === 'none'
          : thread.reason === 'ambiguous' || thread.reason === 'not_found';
      if (!byName) return;
      generation += 1;
      threadRequest = null;
      void readThread(false);
    },

    async refresh(options = {}) {
      if (options.periodic) return threadRequest ? threadRequest.promise : readThread(false);
      if (threadRequest?.fresh && !options.force) return threadRequest.promise;
      return readThread(true);
    },

    async choose(psid) {
      // The panel's (./send-action.ts, brought by the panel script): only the panel draws the customers to pick from.
      await deps.choose(psid, scope());
    },

    openPanel() {
      set({ panelOpen: true });
    },

    closePanel() {
      set({ panelOpen: false });
    },

    scope: () => scope(),

    async loadTemplates() {
      // The panel's (./send-action.ts, brought by the panel script): only the panel lists the Page's templates.
      await deps.loadTemplates(scope());
    },

    async followReconciliation() {
      // The thread as the background has it now; a read already on its way answers this too.
      if (threadRequest) return threadRequest.promise;
      return readThread(false);
    },

    async send(request, options = {}) {
      // The send itself is the panel's (./send-action.ts, brought by the panel script): only the panel sends.
      await deps.send(request, options, scope());
    },

    dismissResult() {
      set({ result: null, panelOpen: false });
    },

    tick() {
      set({ now: deps.now() });
    },

    setFloating(floating) {
      if (get().floating !== floating) set({ floating });
    },
  };

  return Object.assign(store, { actions });
}
