// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, PSID, START, startBackground, type TestBackground } from '../messaging/handlers/test-support';

// PSID resolution (DESIGN.md §2) and the facts cache, against the Meta simulator over loopback HTTP.
// Selected-item ids of the fixed scenario are Business Suite ids, never the PSID.
const ITEM = { open: '100029016670001', humanAgent: '100029016670002', closed: '100029016670003' };

let bg: TestBackground;
afterEach(async () => bg?.close());

const lookups = (b: TestBackground) => b.graphRequests().filter((request) => request.path.endsWith('/conversations'));

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
