// Test support (imported by *.test.ts only): the background's services wired to fake extension storage and a
// Meta simulator over loopback HTTP, with virtual time — the Graph client's sleeps advance the simulator's
// fixed clock, so pacing and back-off are exercised without waiting.
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACME, BETA, DAY, HOUR, PSID, START, startFixed } from '../sandbox/harness';
import type { LoggedRequest, Scenario, Simulator } from '../sandbox/simulator';
import { createGraphClient, type GraphClient } from '../../lib/graph';
import { EMPTY_MANAGED_CONFIG, type ManagedConfig } from '../../lib/settings/managed';
import { createMessageHandler, type MessageSenderInfo } from '../../lib/messaging/router';
import type { Envelope } from '../../lib/messaging/responses';
import { createHandlers } from '../../entrypoints/background/handler-map';
import { createServices, type BackgroundDeps, type BackgroundServices } from '../../entrypoints/background/services';
import type { HandlerMap } from '../../lib/messaging/router';

export { ACME, BETA, DAY, HOUR, PSID, START };

export const EXTENSION_ORIGIN = 'chrome-extension://test-extension-id';
export const POPUP: MessageSenderInfo = { id: 'test-extension-id', url: `${EXTENSION_ORIGIN}/popup.html`, origin: EXTENSION_ORIGIN };
export const INBOX_TAB: MessageSenderInfo = {
  id: 'test-extension-id',
  url: 'https://business.facebook.com/latest/inbox/messenger?asset_id=104857600000001',
  origin: 'https://business.facebook.com',
  tab: { id: 7 },
};

export interface TestBackground {
  sim: Simulator;
  services: BackgroundServices;
  handlers: HandlerMap;
  /** Sends a message through the router as `sender` would (default: the popup). */
  ask(message: unknown, sender?: MessageSenderInfo): Promise<Envelope<any>>;
  /** Graph requests the simulator saw since the last clear (its /__sim controls excluded). */
  graphRequests(): LoggedRequest[];
  posts(): LoggedRequest[];
  clear(): void;
  /** A second worker on the same storage (the first one "died"), or a second context beside it: fresh memory and
   *  locks, and plain Graph clients unless `sameGraph` (then wrapped like the first's). */
  restart(options?: { sameGraph?: boolean }): TestBackground;
  close(): Promise<void>;
}

export interface StartOptions {
  edit?: (scenario: Scenario) => void;
  managed?: ManagedConfig;
  /** Connect these Pages first (default: Acme). */
  connect?: { token: string }[];
  tuning?: BackgroundDeps['tuning'];
  /** Wraps each Graph client (e.g. to make send hang, as in a worker killed mid-call). */
  wrapGraph?: (client: GraphClient) => GraphClient;
  /** Where storage usage is measured (default: the fake storage.local's getBytesInUse and 10 MB quota). */
  storageUsage?: BackgroundDeps['storageUsage'];
  /** The Web Locks every worker of this background shares (default: none, each worker's memory only). */
  locks?: BackgroundDeps['locks'];
  /** The Graph client's send timeout (real ms; default the client's 20 s). */
  sendTimeoutMs?: number;
  /** The agent's clock minus Meta's (ms): the extension's clock is the simulator's plus this (e.g. ±5 min); a
   *  function when a test moves the agent's clock during the run. */
  skewMs?: number | (() => number);
}

export async function startBackground(options: StartOptions = {}): Promise<TestBackground> {
  fakeBrowser.reset();
  const sim = await startFixed(options.edit);
  // The agent's clock: Meta's (the simulator's) moved by the skew; the simulator's Date header states Meta's.
  const skew = options.skewMs;
  const agentNow = () => sim.clock.now() + (typeof skew === 'function' ? skew() : (skew ?? 0));
  const plainGraph = (version: string) =>
    createGraphClient({
      version,
      baseUrl: sim.url,
      now: agentNow,
      sleep: async (ms) => sim.clock.advance(ms),
      retryBaseDelayMs: 1000,
      ...(options.sendTimeoutMs !== undefined ? { sendTimeoutMs: options.sendTimeoutMs } : {}),
    });
  const deps: BackgroundDeps = {
    now: agentNow,
    createGraph: (version) => (options.wrapGraph ? options.wrapGraph(plainGraph(version)) : plainGraph(version)),
    managed: async () => options.managed ?? EMPTY_MANAGED_CONFIG,
    tuning: options.tuning,
    ...(options.storageUsage ? { storageUsage: options.storageUsage } : {}),
    locks: options.locks ?? null,
  };

  const build = (overrides: Partial<BackgroundDeps> = {}): TestBackground => {
    const services = createServices({ ...deps, ...overrides });
    const handlers = createHandlers(services);
    const handle = createMessageHandler(handlers, { extensionId: 'test-extension-id', extensionOrigin: EXTENSION_ORIGIN });
    const graphRequests = () => sim.requests().filter((request) => !request.path.startsWith('/__sim'));
    return {
      sim,
      services,
      handlers,
      ask: (message, sender = POPUP) => handle(message, sender),
      graphRequests,
      posts: () => graphRequests().filter((request) => request.method === 'POST'),
      clear: () => sim.clearLog(),
      restart: (options = {}) => build(options.sameGraph ? {} : { createGraph: plainGraph }),
      close: () => sim.close(),
    };
  };

  const background = build();
  // The Pages were connected an hour before the test begins: Connect's calls (its paced Conversations API read among
  // them) then hold no Page's pacing turn, sit in none of Meta's pacing windows or usage hours, and move no clock.
  const testStart = sim.clock.now();
  sim.clock.set(testStart - HOUR);
  for (const page of options.connect ?? [{ token: ACME.token }]) {
    const connected = await background.services.pages.connect(page.token);
    if (!('page' in connected)) throw new Error(`test set-up could not connect a Page: ${'error' in connected ? connected.error.kind : 'a person’s token'}`);
  }
  sim.clock.set(testStart);
  sim.clearLog();
  return background;
}

/**
 * A worker that dies with a send in flight: its Graph client's send never answers. `reachesMeta`: the request
 * still got to Meta (the simulator stores the message) before the worker died. `inFlight` resolves once the send
 * was made (and, when it reaches Meta, once Meta has it).
 */
export function dyingMidSend(reachesMeta: boolean): { wrapGraph: (client: GraphClient) => GraphClient; inFlight: Promise<void> } {
  let signal!: () => void;
  const inFlight = new Promise<void>((resolve) => (signal = resolve));
  return {
    inFlight,
    wrapGraph: (client) => ({
      ...client,
      send: (...args) => {
        if (reachesMeta) void client.send(...args).then(() => signal());
        else signal();
        return new Promise(() => {});
      },
    }),
  };
}

/** A HUMAN_AGENT text request as the panel sends it. */
export function humanAgentText(text = 'Hi Bruno, the replacement ships today.') {
  return { route: 'HUMAN_AGENT' as const, content: { kind: 'text' as const, text }, promoConfirmed: false };
}

/** One click of Send in the inbox: a HUMAN_AGENT reopen of the human_agent thread, through the router as the
 *  content script asks, from the conversation whose selected_item_id is that PSID (the person on screen). */
export function clickSend(background: TestBackground) {
  return background.ask(
    { type: 'reopen.send', requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, selectedItemId: PSID.humanAgent, request: humanAgentText() },
    INBOX_TAB,
  );
}

let counter = 0;
/** A fresh RFC 4122 v4-shaped id (the protocol requires a UUID). */
export function requestId(): string {
  counter += 1;
  const tail = counter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${tail}`;
}
