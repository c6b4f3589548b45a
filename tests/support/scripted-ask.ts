import { vi } from 'vitest';

// A scripted background for view tests: `ask` answers from a table of replies per message type, and an
// unscripted type fails the test loudly. Use with
//   vi.mock('../../lib/messaging/client', () => import('./scripted-ask'));
export const replies = { handlers: {} as Record<string, (request: any) => unknown> };

// `any` like the replies table: each test reads the fields of the request type it scripted.
export const ask = vi.fn(async (request: any) => {
  const handler = replies.handlers[request.type];
  if (!handler) throw new Error(`no reply scripted for ${request.type}`);
  return handler(request);
});
