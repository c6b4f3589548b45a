import { requestSchema, type RequestOf, type RequestType } from './protocol';
import type { Envelope, ProtocolError, ResponseOf } from './responses';

// The background's one message entry: parse (Zod), check who is asking, run the handler, wrap the answer in
// an envelope. Nothing a handler throws leaves as-is: the reply says "internal" with a fixed text, so no
// token, URL or Meta payload can travel back inside an error message.

/** One async function per message type: takes the parsed request, answers the response of the protocol. */
export type Handler<T extends RequestType> = (request: RequestOf<T>) => Promise<ResponseOf<T>>;
export type HandlerMap<T extends RequestType = RequestType> = { [K in T]: Handler<K> };

export const INBOX_ORIGIN = 'https://business.facebook.com';

/** What the content script on the inbox may ask; everything else is for the extension's own pages. */
export const CONTENT_SCRIPT_TYPES: ReadonlySet<RequestType> = new Set<RequestType>([
  'thread.get',
  'thread.choose',
  'reopen.send',
  'templates.list',
  'inbox.health',
  'options.open',
  'ui.strings',
  'shortcut.get',
  'urgency.rows',
]);

/** The fields of runtime.MessageSender the checks use. */
export interface MessageSenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: unknown;
}

export interface RouterOptions {
  /** browser.runtime.id */
  extensionId: string;
  /** The extension pages' origin, e.g. `chrome-extension://<id>` (browser.runtime.getURL('') without the slash). */
  extensionOrigin: string;
  /** Told about handler failures (only the request type and the error's name: never its message). */
  onInternalError?: (type: RequestType, errorName: string) => void;
}

const refuse = (code: ProtocolError['code'], message: string): Envelope<never> => ({ ok: false, error: { code, message } });

function originOf(sender: MessageSenderInfo): string | null {
  if (sender.origin) return sender.origin;
  if (!sender.url) return null;
  try {
    return new URL(sender.url).origin;
  } catch {
    return null;
  }
}

type SenderKind = 'extension_page' | 'content_script' | 'foreign';

function classify(sender: MessageSenderInfo, options: RouterOptions): SenderKind {
  if (sender.id !== options.extensionId) return 'foreign';
  const origin = originOf(sender);
  const extensionOrigin = options.extensionOrigin.replace(/\/+$/, '');
  // An extension page opened in a tab (options in a tab) has `tab` too: its origin decides.
  if (origin === extensionOrigin) return 'extension_page';
  // Firefox reports moz-extension URLs whose origin parses as "null": compare the prefix as well.
  if (sender.url?.startsWith(`${extensionOrigin}/`)) return 'extension_page';
  if (sender.tab && origin === INBOX_ORIGIN) return 'content_script';
  return 'foreign';
}

/** The message handling as a plain async function (what the tests drive). */
export function createMessageHandler(
  handlers: HandlerMap,
  options: RouterOptions,
): (message: unknown, sender: MessageSenderInfo) => Promise<Envelope<unknown>> {
  return async (message, sender) => {
    const kind = classify(sender, options);
    if (kind === 'foreign') return refuse('forbidden_sender', 'This sender may not talk to Reopen.');
    const parsed = requestSchema.safeParse(message);
    if (!parsed.success) return refuse('invalid_message', 'The message is not one Reopen understands.');
    const request = parsed.data;
    if (kind === 'content_script' && !CONTENT_SCRIPT_TYPES.has(request.type)) {
      return refuse('forbidden_sender', 'The inbox page may not ask for this.');
    }
    const handler = handlers[request.type] as (request: unknown) => Promise<unknown>;
    try {
      return { ok: true, value: await handler(request) };
    } catch (error) {
      options.onInternalError?.(request.type, error instanceof Error ? error.name : typeof error);
      // A full storage is the one failure the agent can act on: the views explain it (lib/storage/budget.ts).
      if (error instanceof Error && error.name === 'StorageFullError') {
        return refuse('storage_full', "Reopen's storage in this browser is full.");
      }
      return refuse('internal', 'Reopen could not complete this request.');
    }
  };
}

/**
 * The runtime.onMessage listener. It answers through sendResponse and returns true (keep the channel open),
 * which Chrome and Firefox both support; a returned Promise is not honoured by every Chrome version.
 */
export function createRouter(handlers: HandlerMap, options: RouterOptions) {
  const handle = createMessageHandler(handlers, options);
  return (message: unknown, sender: MessageSenderInfo, sendResponse: (reply: Envelope<unknown>) => void): true => {
    void handle(message, sender).then(sendResponse);
    return true;
  };
}
