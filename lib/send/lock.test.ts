// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ACME, PSID, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import type { GraphClient } from '../graph';
import { createSendLock, sendLockName, type LockManagerLike } from './lock';

// The send lock across contexts: two workers (two pipelines with their own memory) on one storage, as when a
// second context of the extension sends for the same thread. Node has no navigator.locks, so the test gives them
// a LockManager with the Web Locks semantics the send lock relies on: exclusive per name, granted in request
// order, held until the callback's promise settles, its result passed through.

function webLocks(): LockManagerLike & { granted: string[] } {
  const tails = new Map<string, Promise<void>>();
  const granted: string[] = [];
  return {
    granted,
    request<T>(name: string, _options: { mode: 'exclusive' }, callback: () => Promise<T>): Promise<T> {
      const previous = tails.get(name) ?? Promise.resolve();
      const result = previous.then(() => {
        granted.push(name);
        return callback();
      });
      tails.set(
        name,
        result.then(
          () => undefined,
          () => undefined,
        ),
      );
      return result;
    },
  };
}

/**
 * Holds every context's fresh read of the conversation until both have their answer (or 300 ms passed, when the
 * lock lets only one through at a time): both then decide on the same facts, the race at its worst.
 */
function readTogether() {
  let arrived = 0;
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const timer = setTimeout(release, 300);
  return {
    wrapGraph: (client: GraphClient): GraphClient => ({
      ...client,
      conversationForUser: async (...args) => {
        const answer = await client.conversationForUser(...args);
        arrived += 1;
        if (arrived >= 2) release();
        await released;
        return answer;
      },
    }),
    done: () => clearTimeout(timer),
  };
}

let bg: TestBackground;
let race: ReturnType<typeof readTogether> | undefined;
afterEach(async () => {
  race?.done();
  await bg?.close();
});

const sendFrom = (worker: TestBackground) =>
  worker.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() });

describe('the send lock across contexts', () => {
  it('two contexts sending for one thread at the same moment, sharing the Web Lock: one POST, the other is told about the cooldown', async () => {
    const locks = webLocks();
    race = readTogether();
    bg = await startBackground({ locks, wrapGraph: race.wrapGraph });
    const other = bg.restart({ sameGraph: true });
    const outcomes = await Promise.all([sendFrom(bg), sendFrom(other)]);
    expect(bg.posts()).toHaveLength(1);
    expect(outcomes.map((outcome) => outcome.outcome).sort()).toEqual(['blocked', 'sent']);
    expect(outcomes.find((outcome) => outcome.outcome === 'blocked')?.reason).toBe('cooldown');
    expect(locks.granted).toEqual([sendLockName(`${ACME.id}:${PSID.humanAgent}`), sendLockName(`${ACME.id}:${PSID.humanAgent}`)]);
  });

  it('without a shared lock the same race reaches Meta twice: what the Web Lock is for', async () => {
    race = readTogether();
    bg = await startBackground({ locks: null, wrapGraph: race.wrapGraph });
    const other = bg.restart({ sameGraph: true });
    await Promise.all([sendFrom(bg), sendFrom(other)]);
    expect(bg.posts()).toHaveLength(2);
  });
});

describe('createSendLock', () => {
  it('says loudly, once, when the runtime has no Web Locks, and still serialises sends in its own memory', async () => {
    const onMissing = vi.fn();
    const lock = createSendLock({ locks: null, onMissing });
    expect(onMissing).toHaveBeenCalledExactlyOnceWith('send_lock_unavailable');
    const order: string[] = [];
    let release!: () => void;
    const first = lock.run('t', () => new Promise<void>((resolve) => (release = resolve)).then(() => void order.push('first')));
    const second = lock.run('t', async () => void order.push('second'));
    await Promise.resolve();
    expect(order).toEqual([]);
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first', 'second']);
  });

  it('asks the Web Lock of the thread for every send and does not report it missing', async () => {
    const locks = webLocks();
    const onMissing = vi.fn();
    const lock = createSendLock({ locks, onMissing });
    expect(await lock.run('page:psid', async () => 42)).toBe(42);
    expect(locks.granted).toEqual(['reopen-send:page:psid']);
    expect(onMissing).not.toHaveBeenCalled();
  });
});
