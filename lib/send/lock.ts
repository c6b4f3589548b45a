import { createKeyedLock, type KeyedLock } from '../storage/lock';

// The send lock: one send per thread at a time across every context of the extension. The background worker is
// the only sender with today's manifest, but an in-memory lock holds only inside one worker: a second context
// (an offscreen document, an extension page, a worker that overlaps its successor during an update) would send
// past it. The Web Locks API is shared by every context of the extension's origin and is released when the
// context holding it dies, so a dead worker never leaves a thread locked.

/** The part of the Web Locks API (navigator.locks) the send lock uses. */
export interface LockManagerLike {
  request<T>(name: string, options: { mode: 'exclusive' }, callback: () => Promise<T>): Promise<T>;
}

export interface SendLockOptions {
  /** navigator.locks where the runtime has it; null or undefined: only this context's memory. */
  locks?: LockManagerLike | null;
  /** Told once, when there is no Web Locks API: sends are then serialised in this context only. */
  onMissing?: (kind: 'send_lock_unavailable') => void;
}

/** Names are per thread and per extension origin (Web Locks are scoped to the origin already). */
export const sendLockName = (key: string) => `reopen-send:${key}`;

/**
 * A keyed lock for sends: the Web Lock of the thread when the runtime has navigator.locks, the in-memory chain
 * otherwise (and loudly: `onMissing` reports it). The in-memory chain stays in front either way, so work of this
 * context queues in order without asking the browser for each waiter.
 */
export function createSendLock(options: SendLockOptions = {}): KeyedLock {
  const local = createKeyedLock();
  const locks = options.locks ?? null;
  if (!locks) options.onMissing?.('send_lock_unavailable');
  return {
    run<T>(key: string, work: () => Promise<T>): Promise<T> {
      if (!locks) return local.run(key, work);
      return local.run(key, () => locks.request(sendLockName(key), { mode: 'exclusive' }, work));
    },
    busyKeys: () => local.busyKeys(),
  };
}

/** navigator.locks of this context, if the runtime has it (service workers and extension pages do). */
export function runtimeLocks(): LockManagerLike | null {
  const candidate = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator?.locks;
  return candidate && typeof candidate.request === 'function' ? candidate : null;
}
