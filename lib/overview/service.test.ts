// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, PSID, startBackground, type TestBackground } from '../../tests/support/background';

let bg: TestBackground;
afterEach(async () => bg?.close());

describe('whole-Page overview', () => {
  it('counts the Page’s conversations per window state, paginated and paced, and keeps the result', async () => {
    bg = await startBackground({ tuning: { overviewPageSize: 2 } });
    const started = await bg.services.overview.scan(ACME.id, 200);
    expect(started).toMatchObject({ pageId: ACME.id, state: 'running', limit: 200 });
    const done = await bg.services.overview.settled(ACME.id);
    // Fixed scenario: Ana, Diego, Elena wrote within 24 h; Bruno 2 days ago; Carla 10 days ago.
    expect(done).toMatchObject({ state: 'done', scanned: 5, counts: { open: 3, human_agent: 1, closed: 1, unknown: 0 } });
    const listings = bg.graphRequests().filter((request) => request.path.endsWith('/conversations'));
    expect(listings).toHaveLength(3);
    // Never above Meta's 2 calls per second per Page: the simulator would have answered 80006.
    expect(listings.every((request) => request.status === 200)).toBe(true);
    // A restarted worker still shows the last result, with its time.
    expect(await bg.restart().services.overview.status(ACME.id)).toMatchObject({ state: 'done', counts: { open: 3 }, finishedAt: done.finishedAt });
  });

  it('stops at the limit', async () => {
    bg = await startBackground({ tuning: { overviewPageSize: 2 } });
    await bg.services.overview.scan(ACME.id, 3);
    expect(await bg.services.overview.settled(ACME.id)).toMatchObject({ state: 'done', scanned: 3 });
  });

  it('can be cancelled', async () => {
    bg = await startBackground({ tuning: { overviewPageSize: 1 } });
    await bg.services.overview.scan(ACME.id);
    expect(await bg.services.overview.cancel(ACME.id)).toMatchObject({ state: 'cancelled' });
    const final = await bg.services.overview.settled(ACME.id);
    expect(final.state).toBe('cancelled');
    expect(final.scanned).toBeLessThan(5);
  });

  it('refreshes the facts of threads already in the ledger', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null });
    bg.sim.clock.advance(120_000);
    const wroteAt = bg.sim.clock.now();
    bg.sim.addCustomerMessage(PSID.humanAgent, 'Still waiting', wroteAt);
    await bg.services.overview.scan(ACME.id);
    await bg.services.overview.settled(ACME.id);
    const thread = await bg.services.store.getThread(ACME.id, PSID.humanAgent);
    // Meta's times have second precision.
    expect(thread?.facts?.customerLastMessageAt).toBe(Math.floor(wroteAt / 1000) * 1000);
    expect(await bg.services.store.getThread(ACME.id, PSID.closed)).toBeNull();
  });

  it('a Page that is not connected fails without calling Meta', async () => {
    bg = await startBackground({ connect: [] });
    await bg.services.overview.scan(ACME.id);
    expect(await bg.services.overview.settled(ACME.id)).toMatchObject({ state: 'failed' });
    expect(bg.graphRequests()).toHaveLength(0);
  });
});
