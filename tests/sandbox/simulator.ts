// Local Meta Graph API simulator for tests, e2e runs and the demo. A plain node:http server on
// 127.0.0.1 that answers the Send, Conversations and message-template endpoints the way
// Meta's documentation describes (Send API, Conversations API, message templates; as collected up to 2026-09), with an injectable fault queue, a request
// log and a controllable clock. The same controls are exposed over HTTP under /__sim/.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { z } from 'zod';
import { defaultMessageFor, newTraceId } from './errors';
import { GraphApi, type GraphAnswer, type GraphRequest } from './graph';
import { parseScenario, type Scenario } from './scenario';
import { metaTime, SimClock, World, type ScenarioState } from './world';

export type { Scenario, ParsedScenario, ScenarioLabel, ScenarioTemplate } from './scenario';
export { loadScenario, parseScenario } from './scenario';
export type { ScenarioState, SimConversation, SimLabel, SimMessage, SimTemplate } from './world';
export { metaTime } from './world';
export { TAG_RETIREMENT_AT, RETIRED_TAGS } from './send';

const MAX_BODY_BYTES = 1_000_000;
const MAX_DELAY_MS = 120_000;
const MAX_FAULT_COUNT = 1000;
const MAX_LOG_ENTRIES = 10_000;
const MAX_VISIBLE_AFTER_MS = 24 * 3_600_000;

const faultMatchSchema = z.object({
  method: z.enum(['GET', 'POST', 'DELETE']).optional(),
  /** Substring of the request's path and query, e.g. "/messages" or "user_id=". */
  pathIncludes: z.string().optional(),
});
const faultCommon = {
  count: z.number().int().min(1).max(MAX_FAULT_COUNT).optional(),
  match: faultMatchSchema.optional(),
  /** For a send the fault lets through (`applied`): Meta keeps the message's created_time but shows it in the
   *  Conversations API only this long (simulator clock) after it took it — a message that shows up late. */
  visibleAfterMs: z.number().int().min(0).max(MAX_VISIBLE_AFTER_MS).optional(),
};
export const faultSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('delay'),
    ms: z.number().int().min(0).max(MAX_DELAY_MS),
    /** true (default): applied on arrival, only the answer is late. false: held before processing,
     *  and never applied if the client gives up during the delay. */
    applied: z.boolean().optional(),
    ...faultCommon,
  }),
  z.object({
    kind: z.literal('http5xx'),
    status: z.number().int().min(500).max(599).optional(),
    /** false (default): nothing was done. true: Meta did the work and a proxy in front failed the answer. */
    applied: z.boolean().optional(),
    ...faultCommon,
  }),
  z.object({
    kind: z.literal('drop'),
    /** true (default): processed, then the socket is destroyed, the worst case for double sends. */
    applied: z.boolean().optional(),
    ...faultCommon,
  }),
  z.object({
    kind: z.literal('malformed'),
    /** true (default): a 200 means Meta did the work; only the body is unreadable. */
    applied: z.boolean().optional(),
    ...faultCommon,
  }),
  z.object({
    kind: z.literal('graph_error'),
    status: z.number().int().min(400).max(599).optional(),
    error: z.object({
      code: z.number().int(),
      error_subcode: z.number().int().optional(),
      message: z.string().optional(),
      type: z.string().optional(),
      is_transient: z.boolean().optional(),
    }),
    headers: z.record(z.string(), z.string()).optional(),
    /** false (default): Meta refused it. true: the message went out anyway (what codes 1, 2 and 1200 do not rule
     *  out: Meta did not say whether it was processed). */
    applied: z.boolean().optional(),
    ...faultCommon,
  }),
]);

export type FaultMatch = z.infer<typeof faultMatchSchema>;
export type Fault = z.infer<typeof faultSchema>;

export interface LoggedRequest {
  /** Simulator clock at arrival (epoch ms). */
  at: number;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Lower-case names. */
  headers: Record<string, string>;
  /** Parsed JSON or form body; the raw text when it was neither; null when empty. */
  body: unknown;
  /** HTTP status answered; 0 while unanswered or when the connection was dropped. */
  status: number;
  /** The injected fault that shaped this request, if any. */
  fault?: Fault['kind'];
}

export interface StartOptions {
  scenario: Scenario;
  /** 0 or undefined: the OS picks a free port. */
  port?: number;
  /** Base for paging.next links (e.g. https://graph.facebook.com when requests are routed here). */
  publicBaseUrl?: string;
  /** Print one line per Graph request to stdout. */
  log?: boolean;
}

export interface Simulator {
  url: string;
  port: number;
  close(): Promise<void>;
  clock: { now(): number; set(ms: number): void; advance(ms: number): void };
  ageWorld(ms: number): void;
  /** Adds a customer message (default: now) and returns its message id; throws for an unknown PSID. */
  addCustomerMessage(psid: string, text: string, at?: number, pageId?: string): string;
  /** Adds a Page message as Business Suite or another tool would send it (not through this Send API; default:
   *  now) and returns its message id; throws for an unknown PSID. */
  addPageMessage(psid: string, text: string, at?: number, pageId?: string): string;
  injectFault(fault: Fault): void;
  /** Drops every queued fault. */
  clearFaults(): void;
  requests: () => LoggedRequest[];
  clearLog(): void;
  state(): ScenarioState;
}

interface QueuedFault {
  fault: Fault;
  remaining: number;
}

class BodyTooLarge extends Error {}

export async function startSimulator(options: StartOptions): Promise<Simulator> {
  const scenario = parseScenario(options.scenario);
  const clock = new SimClock(scenario.clock);
  const world = new World(scenario, clock.start);
  const graph = new GraphApi(world, clock, {
    pacing: scenario.pacing ?? true,
    usageBudgetPerHour: scenario.usageBudgetPerHour ?? 200,
    publicBaseUrl: options.publicBaseUrl,
  });
  const faults: QueuedFault[] = [];
  const log: LoggedRequest[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const sockets = new Set<Socket>();

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  const injectFault = (fault: Fault) => {
    const parsed = faultSchema.parse(fault);
    faults.push({ fault: parsed, remaining: parsed.count ?? 1 });
  };

  const takeFault = (method: string, pathAndQuery: string): Fault | undefined => {
    const index = faults.findIndex(({ fault }) => {
      const match = fault.match ?? {};
      return (match.method === undefined || match.method === method) && (match.pathIncludes === undefined || pathAndQuery.includes(match.pathIncludes));
    });
    const queued = faults[index];
    if (!queued) return undefined;
    queued.remaining -= 1;
    if (queued.remaining <= 0) faults.splice(index, 1);
    return queued.fault;
  };

  const addMessage = (from: 'customer' | 'page', psid: string, text: string, at?: number, pageId?: string): string => {
    const conversation = world.conversations.find((candidate) => candidate.psid === psid && (pageId === undefined || candidate.pageId === pageId));
    if (!conversation) throw new Error(`No conversation with PSID ${psid}${pageId ? ` on Page ${pageId}` : ''}`);
    if (typeof text !== 'string' || text === '') throw new Error(`A ${from} message needs text`);
    const instant = at ?? clock.now();
    if (!Number.isFinite(instant)) throw new Error(`Invalid instant ${at}`);
    return world.append(conversation, { from, text, at: instant }).id;
  };
  const addCustomerMessage = (psid: string, text: string, at?: number, pageId?: string) => addMessage('customer', psid, text, at, pageId);
  const addPageMessage = (psid: string, text: string, at?: number, pageId?: string) => addMessage('page', psid, text, at, pageId);

  const controls = {
    clock: {
      now: () => clock.now(),
      set: (ms: number) => clock.set(ms),
      advance: (ms: number) => clock.advance(ms),
    },
    ageWorld: (ms: number) => world.age(ms),
    addCustomerMessage,
    addPageMessage,
    injectFault,
    clearFaults: () => {
      faults.length = 0;
    },
    requests: () => structuredClone(log),
    clearLog: () => {
      log.length = 0;
    },
    state: () => world.snapshot(clock.now(), clock.mode),
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((error: unknown) => {
      // A bug in the simulator must show up as a loud 500, never as a hung test.
      console.error('Meta simulator internal error:', error);
      if (!res.headersSent) sendJson(res, 500, { error: { message: String(error), type: 'SimulatorError', code: 1 } });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Meta's clock, as every HTTP answer states it (RFC 9110 Date, second resolution): the simulator's clock, so a
    // client can measure how far its own clock is from Meta's.
    res.setHeader('Date', new Date(clock.now()).toUTCString());
    if (req.method === 'OPTIONS') {
      res.writeHead(204, corsHeaders({ 'Access-Control-Max-Age': '600' }));
      res.end();
      return;
    }
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        sendJson(res, 413, { error: { message: 'Request body too large', type: 'SimulatorError', code: 1 } });
        return;
      }
      throw error;
    }
    if (url.pathname.startsWith('/__sim/')) {
      handleControl(req.method ?? 'GET', url.pathname, rawBody, res);
      return;
    }
    await serveGraph(req, res, url, rawBody);
  }

  async function serveGraph(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams);
    const headers = flattenHeaders(req);
    const body = parseBody(rawBody, headers['content-type']);
    const entry: LoggedRequest = { at: clock.now(), method, path: url.pathname, query, headers, body, status: 0 };
    if (log.length >= MAX_LOG_ENTRIES) log.shift();
    log.push(entry);

    let clientGone = false;
    res.on('close', () => {
      clientGone = !res.writableFinished;
    });

    const request: GraphRequest = {
      method,
      pathname: url.pathname,
      query,
      params: { ...parseQueryParams(query), ...(isRecord(body) ? body : {}) },
      headers,
      origin: `http://${headers.host ?? `127.0.0.1:${port}`}`,
    };
    const fault = takeFault(method, `${url.pathname}${url.search}`);
    if (fault) entry.fault = fault.kind;
    // A message this request sends is shown late when the fault says so (graph.handle runs synchronously).
    const handle = (graphRequest: GraphRequest): GraphAnswer => {
      graph.sendsShownAfterMs = fault?.visibleAfterMs ?? 0;
      try {
        return graph.handle(graphRequest);
      } finally {
        graph.sendsShownAfterMs = 0;
      }
    };

    const answer = (graphAnswer: GraphAnswer) => {
      if (clientGone) return;
      entry.status = graphAnswer.status;
      sendJson(res, graphAnswer.status, graphAnswer.body, graphAnswer.headers);
      if (options.log) console.log(`${method} ${url.pathname}${url.search} → ${graphAnswer.status}`);
    };

    switch (fault?.kind) {
      case undefined:
        answer(handle(request));
        return;
      case 'delay': {
        if (fault.applied === false) {
          await wait(fault.ms);
          if (!clientGone) answer(handle(request));
        } else {
          const result = handle(request);
          await wait(fault.ms);
          answer(result);
        }
        return;
      }
      case 'drop':
        if (fault.applied !== false) handle(request);
        if (options.log) console.log(`${method} ${url.pathname}${url.search} → dropped`);
        req.socket.destroy();
        return;
      case 'http5xx': {
        const status = fault.status ?? 503;
        entry.status = status;
        if (fault.applied === true) handle(request);
        else graph.countCall(request);
        res.writeHead(status, corsHeaders({ 'Content-Type': 'text/html; charset=utf-8' }));
        res.end(`<html><body><h1>${status} Server Error</h1></body></html>`);
        return;
      }
      case 'malformed': {
        const usage = fault.applied === false ? graph.countCall(request) : handle(request).headers;
        entry.status = 200;
        res.writeHead(200, corsHeaders({ 'Content-Type': 'application/json; charset=UTF-8', ...usage }));
        // Truncated JSON, as when a proxy cuts an answer short.
        res.end('{"recipient_id":"');
        return;
      }
      case 'graph_error': {
        const usage = fault.applied === true ? handle(request).headers : graph.countCall(request);
        const error = {
          message: fault.error.message ?? defaultMessageFor(fault.error.code, fault.error.error_subcode),
          type: fault.error.type ?? 'OAuthException',
          code: fault.error.code,
          ...(fault.error.error_subcode === undefined ? {} : { error_subcode: fault.error.error_subcode }),
          ...(fault.error.is_transient === undefined ? {} : { is_transient: fault.error.is_transient }),
          fbtrace_id: newTraceId(),
        };
        answer({ status: fault.status ?? 400, body: { error }, headers: { ...usage, ...fault.headers } });
        return;
      }
    }
  }

  function handleControl(method: string, pathname: string, rawBody: string, res: ServerResponse): void {
    const fail = (status: number, message: string) => sendJson(res, status, { error: message });
    let input: Record<string, unknown> = {};
    if (rawBody.trim() !== '') {
      try {
        const parsed: unknown = JSON.parse(rawBody);
        if (!isRecord(parsed)) return fail(400, 'Body must be a JSON object');
        input = parsed;
      } catch {
        return fail(400, 'Body is not valid JSON');
      }
    }
    const route = `${method} ${pathname}`;
    try {
      switch (route) {
        case 'GET /__sim/log':
          return sendJson(res, 200, controls.requests());
        case 'DELETE /__sim/log':
          controls.clearLog();
          return sendEmpty(res);
        case 'GET /__sim/clock':
          return sendJson(res, 200, clockView());
        case 'POST /__sim/clock': {
          if (input.set !== undefined) clock.set(toInstant(input.set, 'set'));
          if (input.advance !== undefined) {
            if (typeof input.advance !== 'number') return fail(400, '"advance" must be a number of ms');
            clock.advance(input.advance);
          }
          return sendJson(res, 200, clockView());
        }
        case 'POST /__sim/age': {
          if (typeof input.ms !== 'number' || !Number.isFinite(input.ms)) return fail(400, '"ms" must be a number');
          world.age(input.ms);
          return sendJson(res, 200, clockView());
        }
        case 'POST /__sim/customer-message':
        case 'POST /__sim/page-message': {
          if (typeof input.psid !== 'string' || typeof input.text !== 'string') {
            return fail(400, '"psid" and "text" must be strings');
          }
          const at = input.at === undefined ? undefined : toInstant(input.at, 'at');
          const pageId = typeof input.pageId === 'string' ? input.pageId : undefined;
          const add = route === 'POST /__sim/page-message' ? addPageMessage : addCustomerMessage;
          const id = add(input.psid, input.text, at, pageId);
          return sendJson(res, 201, { message_id: id });
        }
        case 'POST /__sim/fault': {
          const parsed = faultSchema.safeParse(input);
          if (!parsed.success) return fail(400, `Invalid fault: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
          injectFault(parsed.data);
          return sendJson(res, 201, { queued: faults.length });
        }
        case 'DELETE /__sim/fault':
          controls.clearFaults();
          return sendEmpty(res);
        case 'GET /__sim/state':
          return sendJson(res, 200, controls.state());
        default:
          return fail(404, `No simulator control at ${route}`);
      }
    } catch (error) {
      return fail(400, (error as Error).message);
    }
  }

  const clockView = () => ({ now: clock.now(), iso: new Date(clock.now()).toISOString(), meta: metaTime(clock.now()), mode: clock.mode });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
    return closing;
  };

  return { url, port, close, ...controls };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function flattenHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** Graph takes JSON bodies and form bodies whose values may themselves be JSON (recipient={"id":…}). */
function parseBody(raw: string, contentType: string | undefined): unknown {
  if (raw === '') return null;
  if (contentType?.includes('application/x-www-form-urlencoded')) {
    return parseQueryParams(Object.fromEntries(new URLSearchParams(raw)));
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

function parseQueryParams(query: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (/^\s*[[{]/.test(value)) {
      try {
        out[key] = JSON.parse(value) as unknown;
        continue;
      } catch {
        // Not JSON after all: keep the text.
      }
    }
    out[key] = value;
  }
  return out;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toInstant(value: unknown, name: string): number {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  throw new Error(`"${name}" must be epoch ms or an ISO date-time`);
}

function corsHeaders(extra: Record<string, string> = {}): Record<string, string> {
  // The extension's service worker (or a demo page) may call the simulator cross-origin.
  return {
    'Access-Control-Allow-Origin': '*',
    'Access-Control-Allow-Methods': 'GET, POST, DELETE, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Content-Type',
    'Access-Control-Expose-Headers': 'X-Business-Use-Case-Usage, X-FB-Trace-ID, WWW-Authenticate, Date',
    ...extra,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  // Meta repeats the error's fbtrace_id in the x-fb-trace-id header.
  const traceId = isRecord(body) && isRecord(body.error) && typeof body.error.fbtrace_id === 'string' ? body.error.fbtrace_id : newTraceId();
  res.writeHead(
    status,
    corsHeaders({
      'Content-Type': 'application/json; charset=UTF-8',
      'Content-Length': String(Buffer.byteLength(payload)),
      'X-FB-Trace-ID': traceId,
      ...headers,
    }),
  );
  res.end(payload);
}

function sendEmpty(res: ServerResponse): void {
  res.writeHead(204, corsHeaders());
  res.end();
}
