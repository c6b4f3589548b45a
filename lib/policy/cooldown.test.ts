import { describe, expect, test } from 'vitest';
import { COOLDOWN_MS, cooldownState, factsForResend, resendOffer } from './cooldown';
import type { AttemptStatus, ThreadFacts } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const C = Date.parse('2026-05-10T12:00:00Z');

function facts(partial: Partial<ThreadFacts>): ThreadFacts {
  return { customerLastMessageAt: C, pageLastMessageAt: null, attempts: [], ...partial };
}
const attempt = (at: number, status: AttemptStatus = 'sent') => ({ at, status });

describe('cooldownState', () => {
  const A = C + 2 * DAY; // a reactivation two days after the customer's last message

  test('no attempts and no late Page message: no cooldown', () => {
    expect(cooldownState(facts({}), A)).toEqual({ active: false, startedAt: null, until: null, source: null });
  });

  test.each(['sent', 'pending', 'unknown'] as const)('a %s attempt starts a 24 h cooldown', (status) => {
    expect(cooldownState(facts({ attempts: [attempt(A, status)] }), A + HOUR)).toEqual({
      active: true,
      startedAt: A,
      until: A + COOLDOWN_MS,
      source: 'attempt',
    });
  });

  test.each(['failed', 'blocked'] as const)('a %s attempt does not count', (status) => {
    expect(cooldownState(facts({ attempts: [attempt(A, status)] }), A + HOUR).active).toBe(false);
  });

  test('a failed attempt after a sent one does not move the start', () => {
    const info = cooldownState(facts({ attempts: [attempt(A, 'sent'), attempt(A + 2 * HOUR, 'failed')] }), A + 3 * HOUR);
    expect(info.startedAt).toBe(A);
  });

  test('the latest counting attempt wins, whatever the order in the ledger', () => {
    const info = cooldownState(facts({ attempts: [attempt(A + HOUR, 'unknown'), attempt(A, 'sent')] }), A + 2 * HOUR);
    expect(info.until).toBe(A + HOUR + DAY);
  });

  test.each([
    ['1 ms before +24 h', A + DAY - 1, true],
    ['exactly +24 h', A + DAY, false],
    ['after +24 h', A + DAY + 1, false],
  ] as const)('%s → active %s', (_label, now, active) => {
    expect(cooldownState(facts({ attempts: [attempt(A)] }), now).active).toBe(active);
  });

  test.each([
    ['1 ms before C + 24 h (inside the open window)', C + DAY - 1, null],
    ['exactly at C + 24 h', C + DAY, C + DAY],
    ['well after the window closed', C + 3 * DAY, C + 3 * DAY],
  ] as const)('a Page message %s → cooldown starts at %s', (_label, pageAt, startedAt) => {
    const info = cooldownState(facts({ pageLastMessageAt: pageAt }), C + DAY + HOUR);
    expect(info.startedAt).toBe(startedAt);
    if (startedAt !== null) expect(info.source).toBe('page_message');
  });

  test('a Page message does not count while C is unknown', () => {
    expect(cooldownState(facts({ customerLastMessageAt: null, pageLastMessageAt: C }), C + HOUR).active).toBe(false);
  });

  test('the later of attempt and Page message starts the clock', () => {
    const later = cooldownState(facts({ attempts: [attempt(A)], pageLastMessageAt: A + 5 * HOUR }), A + 6 * HOUR);
    expect(later).toMatchObject({ startedAt: A + 5 * HOUR, until: A + 5 * HOUR + DAY, source: 'page_message' });
    const earlier = cooldownState(facts({ attempts: [attempt(A)], pageLastMessageAt: A - 5 * HOUR }), A + HOUR);
    expect(earlier).toMatchObject({ startedAt: A, source: 'attempt' });
    // Our own sent message shows up as the Page's last message too: same instant, named as our attempt.
    const same = cooldownState(facts({ attempts: [attempt(A)], pageLastMessageAt: A }), A + HOUR);
    expect(same.source).toBe('attempt');
  });

  test('a customer message after the attempt ends the cooldown', () => {
    const replied = facts({ customerLastMessageAt: A + HOUR, attempts: [attempt(A)] });
    expect(cooldownState(replied, A + 2 * HOUR).active).toBe(false);
  });

  test('a customer message before the attempt does not end it', () => {
    expect(cooldownState(facts({ attempts: [attempt(A)] }), A + 2 * HOUR).active).toBe(true);
  });
});

describe('an explicit resend of an unknown attempt that was not found', () => {
  const A = C + 2 * DAY;
  const notFound = { at: A, status: 'unknown' as const, requestId: 'first', resendable: true };

  test('only an unknown attempt reconciled as not delivered may be sent again, and only by naming it', () => {
    const held = facts({ attempts: [notFound] });
    expect(cooldownState(held, A + HOUR).active).toBe(true);
    expect(cooldownState(factsForResend(held, 'first')!, A + HOUR).active).toBe(false);
    expect(factsForResend(held, 'other')).toBeNull();
    expect(factsForResend(facts({ attempts: [{ ...notFound, resendable: false }] }), 'first')).toBeNull();
    expect(factsForResend(facts({ attempts: [{ ...notFound, status: 'sent' }] }), 'first')).toBeNull();
  });

  test('is offered while that attempt alone holds the cooldown', () => {
    expect(resendOffer(facts({ attempts: [notFound] }), A + HOUR)).toBe('first');
    // Still being checked: nothing to offer yet.
    expect(resendOffer(facts({ attempts: [{ ...notFound, resendable: false }] }), A + HOUR)).toBeNull();
    // Already sent again: the resend holds the cooldown itself.
    expect(resendOffer(facts({ attempts: [notFound, { at: A + HOUR, status: 'sent', requestId: 'second' }] }), A + 2 * HOUR)).toBeNull();
    // A Page message after the window closed (another agent) holds it too.
    expect(resendOffer(facts({ attempts: [notFound], pageLastMessageAt: A + HOUR }), A + 2 * HOUR)).toBeNull();
    // The customer wrote: no cooldown, an ordinary send.
    expect(resendOffer(facts({ attempts: [notFound], customerLastMessageAt: A + HOUR }), A + 2 * HOUR)).toBeNull();
  });
});
