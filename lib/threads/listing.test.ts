// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { IG_ITEM, IGSID, withInstagram } from '../../tests/sandbox/harness';
import { ACME, PSID, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import { MAX_TRIES } from '../graph/config';
import { createUrgencyService } from '../urgency/service';
import { createListingService } from './listing';
import { createThreadService } from './service';

// The one listing of a Page's recent conversations that thread resolution (name matching) and the row badges share,
// against the Meta simulator. Fixed scenario, most recent first: Elena, Ana, Diego, Bruno, Carla (Acme, Messenger).
const ITEM = { humanAgent: '100029016670002', closed: '100029016670003' };

let bg: TestBackground;
afterEach(async () => bg?.close());

/** Listing calls (not user_id lookups), as `platform` or `platform+after` when a further page was read. */
const listingCalls = () =>
  bg
    .graphRequests()
    .filter((request) => request.path.endsWith('/conversations') && !request.query.user_id)
    .map((request) => `${request.query.platform}${request.query.after ? '+after' : ''}`);
const probes = () => bg.graphRequests().filter((request) => request.query.user_id).length;
const rowNames = async () => (await bg.services.urgency.rows(ACME.id)).rows.map((row) => row.name).sort();
const bruno = { pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' };

describe('one listing for the badges and the thread switches', () => {
  it('a thread switch right after a badge refresh resolves the name from the badges’ read: no listing call of its own', async () => {
    bg = await startBackground();
    await bg.services.urgency.rows(ACME.id);
    expect(listingCalls()).toEqual(['messenger']);
    bg.clear();
    bg.sim.clock.advance(30_000);
    expect(await bg.services.threads.get(bruno)).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    // Only the selected item's PSID probe (it is a Business Suite id): the name was matched in the shared listing.
    expect(listingCalls()).toEqual([]);
    expect(probes()).toBe(1);
  });

  it.each([
    ['found by name', bruno],
    ['known by its PSID', { pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: 'Bruno Díaz' }],
  ] as const)(
    'an idle inbox: the minute’s refresh of a thread %s is served by the badges’ listing read, no call of its own; a refresh reads Meta',
    async (_, query) => {
      bg = await startBackground();
      expect(await bg.services.threads.get(query)).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
      // A minute on, as the inbox's timer does: the badges read the listing, then the thread is refreshed.
      bg.sim.clock.advance(61_000);
      await bg.services.urgency.rows(ACME.id);
      bg.clear();
      expect(await bg.services.threads.get(query)).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
      expect(listingCalls()).toEqual([]);
      expect(probes()).toBe(0);
      // The agent's "Check again" (a refresh) reads the conversation itself, listing or not.
      expect(await bg.services.threads.get({ ...query, refresh: true })).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
      expect(probes()).toBe(1);
      // Without the badges' read (a hidden tab reads no listing), the minute's read reads the conversation as before.
      bg.clear();
      bg.sim.clock.advance(61_000);
      expect(await bg.services.threads.get(query)).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
      expect(listingCalls()).toEqual([]);
      expect(probes()).toBe(1);
    },
  );

  it('a badge refresh right after a thread switch uses the switch’s read: no listing call, the same rows', async () => {
    bg = await startBackground();
    await bg.services.threads.get(bruno);
    expect(listingCalls()).toEqual(['messenger']);
    bg.clear();
    bg.sim.clock.advance(30_000);
    expect(await rowNames()).toEqual(['ana lopez', 'bruno diaz', 'carla gomez', 'diego ruiz', 'elena martin']);
    expect(listingCalls()).toEqual([]);
    // The interval runs from the switch's read: 61 s after it, the badges read again.
    bg.sim.clock.advance(31_000);
    await bg.services.urgency.rows(ACME.id);
    expect(listingCalls()).toEqual(['messenger']);
  });

  it.each([
    ['the badges first', 'badges'],
    ['the thread switch first', 'switch'],
  ] as const)('asked by both at once (%s): one read, both answered from it', async (_, first) => {
    bg = await startBackground();
    // The listing answers late, so the second ask certainly arrives while the first read is under way.
    bg.sim.injectFault({ kind: 'delay', ms: 80, match: { pathIncludes: 'limit=' } });
    const badges = () => bg.services.urgency.rows(ACME.id);
    // No selected item: straight to the name match, no probe before the listing.
    const thread = () => bg.services.threads.get({ pageId: ACME.id, selectedItemId: null, displayName: 'Bruno Díaz' });
    const [rows, view] =
      first === 'badges' ? await Promise.all([badges(), thread()]) : await Promise.all([thread(), badges()]).then(([v, r]) => [r, v] as const);
    expect(view).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    expect(rows.rows.map((row) => row.name)).toContain('bruno diaz');
    expect(listingCalls()).toEqual(['messenger']);
  });

  it('a send to the Page still makes the next name match read Meta again, and that read serves the badges too', async () => {
    bg = await startBackground();
    await bg.services.urgency.rows(ACME.id);
    expect((await bg.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() })).outcome).toBe('sent');
    bg.clear();
    // The badges keep their interval (the send is in the ledger, which they merge)...
    await bg.services.urgency.rows(ACME.id);
    expect(listingCalls()).toEqual([]);
    // ...but a name match will not use a listing requested before the send settled.
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: 'Zoe Nobody' });
    expect(listingCalls()).toEqual(['messenger']);
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.find((candidate) => candidate.psid === PSID.humanAgent)?.snippet).toBe(humanAgentText().content.text);
    bg.clear();
    bg.sim.clock.advance(59_000);
    await bg.services.urgency.rows(ACME.id);
    expect(listingCalls()).toEqual([]);
  });

  it('a failed badge read keeps the previous rows until the next interval; a name match does not use a listing past its TTL', async () => {
    bg = await startBackground();
    const before = await rowNames();
    expect(before).toHaveLength(5);
    bg.sim.clock.advance(61_000);
    bg.clear();
    bg.sim.injectFault({ kind: 'graph_error', match: { pathIncludes: 'limit=' }, error: { code: 10, message: 'Permission denied' } });
    expect(await rowNames()).toEqual(before);
    expect(listingCalls()).toEqual(['messenger']);
    // Within the interval from the failed read's start: no call, the same rows.
    bg.clear();
    bg.sim.clock.advance(30_000);
    expect(await rowNames()).toEqual(before);
    expect(listingCalls()).toEqual([]);
    // The name match wants a listing Meta answered within 60 s: the one the badges still show is 91 s old.
    expect(await bg.services.threads.get(bruno)).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    expect(listingCalls()).toEqual(['messenger']);
  });

  it('a name match reads only the further pages it needs after a badge refresh, and the badges then use them too', async () => {
    bg = await startBackground({ tuning: { nameSearch: { pageSize: 2, maxPages: 3 } } });
    expect(await rowNames()).toEqual(['ana lopez', 'elena martin']);
    expect(listingCalls()).toEqual(['messenger']);
    bg.clear();
    // Carla is on the third page; a name must be unique among all three, so the search goes on from the badges' page.
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: null, displayName: 'Carla Gómez' });
    expect(view).toMatchObject({ status: 'resolved', psid: PSID.closed });
    expect(listingCalls()).toEqual(['messenger+after', 'messenger+after']);
    bg.clear();
    expect(await rowNames()).toEqual(['ana lopez', 'bruno diaz', 'carla gomez', 'diego ruiz', 'elena martin']);
    expect(await bg.services.threads.get({ pageId: ACME.id, selectedItemId: null, displayName: 'Ana López' })).toMatchObject({ status: 'resolved' });
    expect(listingCalls()).toEqual([]);
  });

  it('an agent’s refresh reads anew even while a badge read is under way, one read after the other', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'delay', ms: 80, match: { pathIncludes: 'limit=' } });
    bg.sim.addCustomerMessage(PSID.closed, 'Anyone?');
    const [, view] = await Promise.all([
      bg.services.urgency.rows(ACME.id),
      bg.services.threads.get({ pageId: ACME.id, selectedItemId: null, displayName: 'Zoe Nobody', refresh: true }),
    ]);
    expect(listingCalls()).toEqual(['messenger', 'messenger']);
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.find((candidate) => candidate.psid === PSID.closed)?.snippet).toBe('Anyone?');
  });

  it('the toolbar is told after every fresh read, a thread switch’s too, and not when nothing was read', async () => {
    bg = await startBackground();
    const { store, pages, graph, now, settings } = bg.services;
    const onListing = vi.fn();
    const listings = createListingService({ graph, now, onListing });
    const threads = createThreadService({ store, pages, graph, now, listings });
    const urgency = createUrgencyService({ store, pages, listings, settings, now });
    await threads.get(bruno);
    expect(onListing).toHaveBeenCalledTimes(1);
    await urgency.rows(ACME.id);
    // Messenger's listing is the switch's; Instagram's is asked (this Page has no account): nothing new read.
    expect(onListing).toHaveBeenCalledTimes(1);
    bg.sim.clock.advance(61_000);
    await urgency.rows(ACME.id);
    expect(onListing).toHaveBeenCalledTimes(2);
    expect(listingCalls()).toEqual(['messenger', 'messenger']);
  });
});

describe('Instagram', () => {
  it('the Instagram listing a thread switch read serves the badges; Messenger’s is read for them alone', async () => {
    bg = await startBackground({ edit: withInstagram });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: IG_ITEM.recent, platform: 'instagram', displayName: '@insta.shopper' });
    expect(view).toMatchObject({ status: 'resolved', psid: IGSID.recent });
    expect(listingCalls()).toEqual(['instagram']);
    bg.clear();
    const names = await rowNames();
    expect(names).toEqual(expect.arrayContaining(['insta.shopper', 'late.buyer', 'bruno diaz']));
    expect(listingCalls()).toEqual(['messenger']);
  });

  it('a Page whose Instagram conversations cannot be listed is not asked again, while Messenger’s rows go on', async () => {
    bg = await startBackground({ edit: withInstagram });
    bg.sim.injectFault({ kind: 'graph_error', match: { pathIncludes: 'platform=instagram' }, error: { code: 10, message: 'Permission denied' } });
    const first = await rowNames();
    expect(listingCalls()).toEqual(['messenger', 'instagram']);
    expect(first).not.toContain('insta.shopper');
    bg.clear();
    bg.sim.clock.advance(61_000);
    // A thread switch on Messenger in between changes nothing for Instagram.
    await bg.services.threads.get(bruno);
    bg.sim.clock.advance(61_000);
    expect(await rowNames()).toEqual(first);
    expect(listingCalls()).toEqual(['messenger', 'messenger']);
  });

  it('a retryable Instagram failure keeps its previous rows until the next interval', async () => {
    bg = await startBackground({ edit: withInstagram });
    const first = await rowNames();
    expect(first).toContain('insta.shopper');
    bg.sim.clock.advance(61_000);
    bg.clear();
    // Every try of the read answers 503 (the client tries a transient answer MAX_TRIES times).
    bg.sim.injectFault({ kind: 'http5xx', status: 503, count: MAX_TRIES, match: { pathIncludes: 'platform=instagram' } });
    expect(await rowNames()).toEqual(first);
    expect(listingCalls()).toEqual(['messenger', ...Array.from({ length: MAX_TRIES }, () => 'instagram')]);
    bg.clear();
    bg.sim.clock.advance(61_000);
    expect(await rowNames()).toEqual(first);
    // Still asked: a passing failure is no proof the Page has no Instagram account.
    expect(listingCalls()).toEqual(['messenger', 'instagram']);
  });
});
