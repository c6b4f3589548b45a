// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { createThreadService } from './service';
import { ACME, PSID, START, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';

// PSID resolution (DESIGN.md §2) and the facts cache, against the Meta simulator over loopback HTTP.
// Selected-item ids of the fixed scenario are Business Suite ids, never the PSID.
const ITEM = { open: '100029016670001', humanAgent: '100029016670002', closed: '100029016670003' };

let bg: TestBackground;
afterEach(async () => bg?.close());

const lookups = (b: TestBackground) => b.graphRequests().filter((request) => request.path.endsWith('/conversations'));
/** Conversations API calls as `probe:<user_id>` or `listing`, in order. */
const calls = (b: TestBackground) => lookups(b).map((request) => (request.query.user_id ? `probe:${request.query.user_id}` : 'listing'));

describe('thread.get resolves the PSID', () => {
  it('(1) uses a remembered mapping: one user_id lookup, no listing', async () => {
    bg = await startBackground();
    await bg.services.store.setPsidMapping(ACME.id, ITEM.closed, { psid: PSID.closed, source: 'chosen', at: 0 });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: null });
    expect(view).toMatchObject({ status: 'resolved', psid: PSID.closed, customerName: 'Carla Gómez' });
    expect(lookups(bg).map((request) => request.query.user_id)).toEqual([PSID.closed]);
  });

  it('(2) proves selected_item_id as a PSID with the user_id lookup and remembers it', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: 'Someone else' });
    expect(view).toMatchObject({ status: 'resolved', psid: PSID.open });
    expect(await bg.services.store.getPsidMapping(ACME.id, PSID.open)).toMatchObject({ psid: PSID.open, source: 'proven' });
    // One round trip gave both the proof and C.
    expect(lookups(bg)).toHaveLength(1);
    if (view.status !== 'resolved') throw new Error('unreachable');
    // Ana wrote 60 minutes before the scenario's start.
    expect(view.facts.customerLastMessageAt).toBe(START - 60 * 60_000);
  });

  it('(3) matches the display name (trimmed, case- and accent-insensitive) when the id is not a PSID', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: '  BRUNO   diaz ' });
    expect(view).toMatchObject({ status: 'resolved', psid: PSID.humanAgent, customerName: 'Bruno Díaz' });
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.humanAgent)).toMatchObject({ psid: PSID.humanAgent, source: 'name_match' });
    // The next switch to this thread uses the mapping and the 60 s cache: no Graph call at all.
    bg.clear();
    const again = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    expect(again).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('(4) never guesses between two customers with the same name; the agent’s choice is remembered', async () => {
    bg = await startBackground({
      edit: (scenario) => {
        scenario.conversations.push({
          id: 't_1099',
          pageId: ACME.id,
          psid: '7000000000000099',
          customerName: 'Ana Lopez',
          selectedItemId: '100029016670099',
          messages: [{ from: 'customer', text: 'Other Ana here', ageMinutes: 600 }],
        });
      },
    });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Ana López' });
    expect(view.status).toBe('unresolved');
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.reason).toBe('ambiguous');
    expect(view.candidates?.map((candidate) => candidate.psid).sort()).toEqual([PSID.open, '7000000000000099']);
    expect(view.candidates?.find((candidate) => candidate.psid === '7000000000000099')).toMatchObject({
      name: 'Ana Lopez',
      snippet: 'Other Ana here',
      updatedAt: expect.any(Number),
    });
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.open)).toBeNull();

    const chosen = await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: ITEM.open, psid: '7000000000000099' });
    expect(chosen).toMatchObject({ status: 'resolved', psid: '7000000000000099' });
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.open)).toMatchObject({ psid: '7000000000000099', source: 'chosen' });
    const later = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Ana López' });
    expect(later).toMatchObject({ status: 'resolved', psid: '7000000000000099' });
  });

  it('(4) says not_found, with recent conversations to pick from, when nobody has that name', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Zoe Nobody' });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.length).toBe(5);
  });

  it("never takes the Page's own name for the customer's: it waits for the real name instead (no listing, no 'not found')", async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: ' acme STORE ' });
    expect(view).toEqual({ status: 'unresolved', pageId: ACME.id, reason: 'awaiting_name' });
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`]);
  });

  it('a rejected title (awaitingName) waits even when the listing is at hand; the bounded wait ends with the recent conversations', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    bg.clear();
    const waiting = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: null, awaitingName: true });
    expect(waiting).toMatchObject({ status: 'unresolved', reason: 'awaiting_name' });
    // The content script's wait is over: it asks with refresh, and the agent gets the recent ones to pick from.
    const given = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: null, awaitingName: true, refresh: true });
    expect(given).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    if (given.status !== 'unresolved') throw new Error('unreachable');
    expect(given.candidates?.length).toBe(5);
  });

  it('names the page shows in disagreement are offered to pick from, never one of them chosen, even when only one is known', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({
      pageId: ACME.id,
      selectedItemId: ITEM.humanAgent,
      displayName: null,
      conflictingNames: ['Bruno Diaz', 'Somebody Unknown'],
    });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'ambiguous' });
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.map((candidate) => candidate.psid)).toEqual([PSID.humanAgent]);
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.humanAgent)).toBeNull();
  });

  it('refuses to choose a PSID that has no conversation with the Page', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: ITEM.open, psid: '7999999999999999' });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.open)).toBeNull();
  });
});

describe('thread facts cache', () => {
  it('costs one round trip per switch, none within 60 s, one again after it or on refresh', async () => {
    bg = await startBackground();
    const query = { pageId: ACME.id, selectedItemId: PSID.humanAgent, displayName: null };
    await bg.services.threads.get(query);
    expect(bg.graphRequests()).toHaveLength(1);
    bg.clear();
    bg.sim.clock.advance(59_000);
    await bg.services.threads.get(query);
    expect(bg.graphRequests()).toHaveLength(0);
    await bg.services.threads.get({ ...query, refresh: true });
    expect(bg.graphRequests()).toHaveLength(1);
    bg.clear();
    bg.sim.clock.advance(61_000);
    await bg.services.threads.get(query);
    expect(bg.graphRequests()).toHaveLength(1);
  });
});

describe('thread.get explains why a thread is not resolved', () => {
  it('a Page that is not connected: no Graph call', async () => {
    bg = await startBackground({ connect: [] });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null });
    expect(view).toEqual({ status: 'unresolved', pageId: ACME.id, reason: 'page_not_connected' });
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('a 190 marks the Page needs_reconnect, and later switches say so without calling Meta', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 190, message: 'Invalid OAuth access token.', type: 'OAuthException' } });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'page_needs_reconnect', error: { code: 190 } });
    expect((await bg.services.pages.list())[0]).toMatchObject({ id: ACME.id, status: 'needs_reconnect' });
    bg.clear();
    const next = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.closed, displayName: null });
    expect(next).toMatchObject({ status: 'unresolved', reason: 'page_needs_reconnect' });
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('a Graph failure is graph_error with the explained error', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', status: 400, error: { code: 10, message: 'Permission denied' } });
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'graph_error', error: { code: 10, retryable: false } });
  });
});

// The content script asks once when the URL changes (no display name yet) and again when the header's name renders.
describe('thread.get costs as few Conversations API calls as it can (2 calls/s per Page)', () => {
  it('first visit: the nameless ask probes only and says awaiting_name; the ask with the name lists once and resolves (2 calls)', async () => {
    bg = await startBackground();
    const first = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: null });
    expect(first).toEqual({ status: 'unresolved', pageId: ACME.id, reason: 'awaiting_name' });
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`]);

    const named = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    expect(named).toMatchObject({ status: 'resolved', psid: PSID.humanAgent, customerName: 'Bruno Díaz' });
    // The failed probe is not repeated: one listing, and the listing's messages give C.
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`, 'listing']);
    if (named.status !== 'resolved') throw new Error('unreachable');
    expect(named.facts.customerLastMessageAt).not.toBeNull();

    // Asking again with the name (a re-render, a tab switch): the mapping and the 60 s facts, no call.
    bg.clear();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('first visit with both asks in flight at once still costs 2 calls', async () => {
    bg = await startBackground();
    const [nameless, named] = await Promise.all([
      bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: null }),
      bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' }),
    ]);
    expect(nameless).toMatchObject({ status: 'unresolved', reason: 'awaiting_name' });
    expect(named).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`, 'listing']);
  });

  it('a second unmapped thread within 60 s costs only its probe: the listing is shared', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    bg.clear();
    bg.sim.clock.advance(30_000);
    // The listing is at hand, so the nameless ask answers as before: nobody to match yet, the recent ones to pick.
    const nameless = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: null });
    expect(nameless).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    const named = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: 'Carla Gómez' });
    expect(named).toMatchObject({ status: 'resolved', psid: PSID.closed, customerName: 'Carla Gómez' });
    expect(calls(bg)).toEqual([`probe:${ITEM.closed}`]);
    expect(await bg.services.store.getPsidMapping(ACME.id, ITEM.closed)).toMatchObject({ psid: PSID.closed, source: 'name_match' });
    // Facts taken from the shared listing say when Meta was read, not when they were used.
    if (named.status !== 'resolved') throw new Error('unreachable');
    expect(named.checkedAt).toBeLessThan(bg.sim.clock.now() - 29_000);
  });

  it('the listing is read again once 60 s have passed', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    bg.clear();
    bg.sim.clock.advance(61_000);
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.closed, displayName: 'Carla Gómez' });
    expect(calls(bg)).toEqual([`probe:${ITEM.closed}`, 'listing']);
  });

  it('keeps the negative probe across asks: an id Meta said is no PSID is not asked about again', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Zoe Nobody' });
    expect(calls(bg)).toEqual([`probe:${ITEM.open}`, 'listing']);
    bg.clear();
    bg.sim.clock.advance(10 * 60_000);
    const again = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Zoe Nobody' });
    expect(again).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    expect(calls(bg)).toEqual(['listing']);
  });

  it("keeps Meta's error 100 as a negative probe too; a nameless ask then costs nothing", async () => {
    bg = await startBackground();
    bg.sim.injectFault({
      kind: 'graph_error',
      match: { pathIncludes: 'user_id=' },
      error: { code: 100, message: 'Invalid parameter', type: 'OAuthException' },
    });
    const first = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: null });
    expect(first).toMatchObject({ status: 'unresolved', reason: 'awaiting_name' });
    const second = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: null });
    expect(second).toMatchObject({ status: 'unresolved', reason: 'awaiting_name' });
    expect(calls(bg)).toEqual([`probe:${ITEM.open}`]);
  });

  it('does not keep a probe that failed for another reason: the next ask probes again', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', match: { pathIncludes: 'user_id=' }, error: { code: 10, message: 'Permission denied' } });
    expect(await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null })).toMatchObject({ reason: 'graph_error' });
    expect(await bg.services.threads.get({ pageId: ACME.id, selectedItemId: PSID.open, displayName: null })).toMatchObject({
      status: 'resolved',
      psid: PSID.open,
    });
    expect(calls(bg)).toEqual([`probe:${PSID.open}`, `probe:${PSID.open}`]);
  });

  it('forgets the least recently used negative probes beyond its bound', async () => {
    bg = await startBackground();
    const { store, pages, graph, now, listings } = bg.services;
    const threads = createThreadService({ store, pages, graph, now, listings, knownNotPsidLimit: 2 });
    const ask = (item: string) => threads.get({ pageId: ACME.id, selectedItemId: item, displayName: null });
    await ask(ITEM.open);
    await ask(ITEM.humanAgent);
    await ask(ITEM.open); // used again: now the most recent
    await ask(ITEM.closed); // a third: the least recently used (humanAgent) is forgotten
    bg.clear();
    await ask(ITEM.open);
    await ask(ITEM.closed);
    await ask(ITEM.humanAgent);
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`]);
  });

  it('refresh: true reads a fresh listing (and not the probe Meta already answered)', async () => {
    bg = await startBackground();
    const query = { pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Zoe Nobody' };
    const before = await bg.services.threads.get(query);
    bg.clear();
    bg.sim.addCustomerMessage(PSID.closed, 'Is anyone there?');
    // Inside the 60 s the cached listing answers: Carla's new message is not seen yet.
    const cached = await bg.services.threads.get(query);
    expect(bg.graphRequests()).toHaveLength(0);
    expect(cached).toEqual(before);
    const fresh = await bg.services.threads.get({ ...query, refresh: true });
    expect(calls(bg)).toEqual(['listing']);
    if (fresh.status !== 'unresolved') throw new Error('unreachable');
    expect(fresh.candidates?.find((candidate) => candidate.psid === PSID.closed)?.snippet).toBe('Is anyone there?');
  });

  it('refresh: true without a name lists the recent conversations to pick from instead of waiting', async () => {
    bg = await startBackground();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: null, refresh: true });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.length).toBe(5);
    expect(calls(bg)).toEqual([`probe:${ITEM.open}`, 'listing']);
  });

  it('a send to the Page drops the cached listing: the next name match reads Meta again', async () => {
    bg = await startBackground();
    await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    const outcome = await bg.services.reopen.send({ requestId: requestId(), pageId: ACME.id, psid: PSID.humanAgent, request: humanAgentText() });
    expect(outcome.outcome).toBe('sent');
    bg.clear();
    const view = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.open, displayName: 'Zoe Nobody' });
    expect(calls(bg)).toEqual([`probe:${ITEM.open}`, 'listing']);
    if (view.status !== 'unresolved') throw new Error('unreachable');
    // The fresh listing shows the Page's reactivation as Bruno's newest message.
    expect(view.candidates?.find((candidate) => candidate.psid === PSID.humanAgent)?.snippet).toBe(humanAgentText().content.text);
  });

  it('a failed listing is not kept: the next ask reads it again', async () => {
    bg = await startBackground();
    bg.sim.injectFault({ kind: 'graph_error', match: { pathIncludes: 'limit=' }, error: { code: 10, message: 'Permission denied' } });
    const failed = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    expect(failed).toMatchObject({ status: 'unresolved', reason: 'graph_error' });
    const resolved = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: ITEM.humanAgent, displayName: 'Bruno Díaz' });
    expect(resolved).toMatchObject({ status: 'resolved', psid: PSID.humanAgent });
    expect(calls(bg)).toEqual([`probe:${ITEM.humanAgent}`, 'listing', 'listing']);
  });
});
