// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, BETA, startBackground, type TestBackground } from '../../tests/support/background';
import { IGSID, IG_ITEM, withInstagram } from '../../tests/sandbox/harness';

let bg: TestBackground;
afterEach(async () => bg?.close());

// The whole-Page overview covers the Page's Instagram conversations too (after Messenger's), and says so.
describe('whole-Page overview with Instagram', () => {
  it('scans Messenger then Instagram, counts both, and says how many of each', async () => {
    bg = await startBackground({ edit: withInstagram, tuning: { overviewPageSize: 2 } });
    await bg.services.overview.scan(ACME.id, 200);
    const done = await bg.services.overview.settled(ACME.id);
    // Fixed scenario: 3 open, 1 human_agent, 1 closed on Messenger; on Instagram one at 2 days, one at 8 days.
    expect(done).toMatchObject({
      state: 'done',
      scanned: 7,
      limit: 400,
      counts: { open: 3, human_agent: 2, closed: 2, unknown: 0 },
      platforms: { messenger: 5, instagram: 2 },
    });
    expect(done.instagramSkipped).toBeUndefined();
    const listings = bg.graphRequests().filter((request) => request.path.endsWith('/conversations'));
    expect(listings.map((request) => request.query.platform)).toEqual(['messenger', 'messenger', 'messenger', 'instagram']);
    expect(await bg.restart().services.overview.status(ACME.id)).toMatchObject({ state: 'done', platforms: { messenger: 5, instagram: 2 } });
  });

  it('refreshes Instagram threads already in the ledger, keeping them Instagram ones', async () => {
    bg = await startBackground({ edit: withInstagram });
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: IG_ITEM.recent, platform: 'instagram', displayName: 'insta.shopper' });
    bg.sim.clock.advance(120_000);
    bg.sim.addCustomerMessage(IGSID.recent, 'Still there?', bg.sim.clock.now());
    await bg.services.overview.scan(ACME.id);
    await bg.services.overview.settled(ACME.id);
    const thread = await bg.services.store.getThread(ACME.id, IGSID.recent);
    expect(thread).toMatchObject({ platform: 'instagram' });
    expect(thread?.facts?.customerLastMessageAt).toBe(Math.floor(bg.sim.clock.now() / 1000) * 1000);
  });

  it('a Page without an Instagram account: the Messenger counts stand, and the result says Instagram is not linked', async () => {
    bg = await startBackground({ edit: withInstagram, connect: [{ token: BETA.token }] });
    await bg.services.overview.scan(BETA.id, 50);
    const done = await bg.services.overview.settled(BETA.id);
    expect(done).toMatchObject({
      state: 'done',
      scanned: 1,
      limit: 50,
      platforms: { messenger: 1, instagram: 0 },
      instagramSkipped: { kind: 'instagram_not_linked' },
    });
    expect(await bg.restart().services.overview.status(BETA.id)).toMatchObject({ instagramSkipped: { kind: 'instagram_not_linked' } });
  });
});
