import type { RequestOf, RequestType } from '../protocol';
import type { ResponseOf } from '../responses';

/** One async function per message type: takes the parsed request, answers the response of the protocol. */
export type Handler<T extends RequestType> = (request: RequestOf<T>) => Promise<ResponseOf<T>>;
export type HandlerMap<T extends RequestType = RequestType> = { [K in T]: Handler<K> };
