import { browser } from 'wxt/browser';
import type { RequestOf, RequestType } from './protocol';
import type { Envelope, ResponseOf } from './responses';

/** The typed request to the background: `ask` itself, or a stand-in with its type (tests, the stores' deps). */
export type Ask = <T extends RequestType>(request: RequestOf<T>) => Promise<ResponseOf<T>>;

export class ProtocolFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ProtocolFailure';
  }
}

/** Sends one typed request to the background and unwraps its envelope. No Zod here: views stay small. */
export async function ask<T extends RequestType>(request: RequestOf<T>): Promise<ResponseOf<T>> {
  const reply = await browser.runtime.sendMessage<RequestOf<T>, Envelope<ResponseOf<T>> | undefined>(request);
  if (!reply) throw new ProtocolFailure('no_reply', 'The background did not answer.');
  if (!reply.ok) throw new ProtocolFailure(reply.error.code, reply.error.message);
  return reply.value;
}
