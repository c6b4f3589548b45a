// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, DAY, START, startBackground, type TestBackground } from '../../tests/support/background';
import { withInstagram } from '../../tests/sandbox/harness';

// Row badges and the toolbar count cover the Page's Instagram Direct conversations (the unified inbox lists them).

let bg: TestBackground;
afterEach(async () => bg?.close());
const listings = () => bg.graphRequests().filter((request) => request.path.endsWith('/conversations') && !request.query.user_id);

describe('urgency with Instagram conversations', () => {
  it('rows carry the Instagram usernames; a closed Instagram thread is not counted ready (nothing can be sent there)', async () => {
    bg = await startBackground({ edit: withInstagram });
    bg.clear();
    const view = await bg.services.urgency.rows(ACME.id);
    expect(listings().map((request) => request.query.platform)).toEqual(['messenger', 'instagram']);
    const byName = Object.fromEntries(view.rows.map((row) => [row.name, row.customerLastMessageAt]));
    expect(byName['insta.shopper']).toBe(START - 2 * DAY);
    expect(byName['late.buyer']).toBe(START - 8 * DAY);
    // Messenger: Bruno (human_agent) and Carla (closed); Instagram: insta.shopper (human_agent) only.
    expect(await bg.services.urgency.needingAction()).toMatchObject({ closing: 0, ready: 3 });
  });

  it('a Page without an Instagram account: asked once, then one listing call a minute as before', async () => {
    bg = await startBackground();
    bg.clear();
    await bg.services.urgency.rows(ACME.id);
    bg.sim.clock.advance(61_000);
    await bg.services.urgency.rows(ACME.id);
    expect(listings().map((request) => request.query.platform)).toEqual(['messenger', 'messenger']);
    expect(bg.graphRequests().filter((request) => request.path === `/v25.0/${ACME.id}`)).toHaveLength(1);
  });
});
