// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, BETA, DAY, INBOX_TAB, START, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import { IGSID, IG_ITEM, withInstagram } from '../../tests/sandbox/harness';

// Instagram Direct threads in the background (DESIGN.md §1, §2; reference §7b), against the Meta simulator: the IGSID
// is resolved like a PSID but with platform=instagram and the customer's username, Business Suite's long id is never
// probed as one, and a reopen on Instagram sends HUMAN_AGENT only.

let bg: TestBackground;
afterEach(async () => bg?.close());

const conversationCalls = (b: TestBackground) => b.graphRequests().filter((request) => request.path.endsWith('/conversations'));
const get = (displayName: string | null, over: Record<string, unknown> = {}) =>
  bg.services.threads.get({ pageId: ACME.id, selectedItemId: IG_ITEM.recent, platform: 'instagram', displayName, ...over });

describe('IGSID resolution', () => {
  it.each(['insta.shopper', '@insta.shopper', '  @Insta.Shopper '])(
    'matches the header %j to the participant whose username it is: no probe, one Instagram listing',
    async (shown) => {
      bg = await startBackground({ edit: withInstagram });
      const view = await get(shown);
      expect(view).toMatchObject({ status: 'resolved', psid: IGSID.recent, customerName: 'insta.shopper' });
      if (view.status !== 'resolved') throw new Error('unreachable');
      expect(view.facts).toMatchObject({ platform: 'instagram', customerLastMessageAt: START - 2 * DAY });
      // Business Suite's id is never tried as an IGSID, and every read named the platform.
      const calls = conversationCalls(bg);
      expect(calls).toHaveLength(1);
      expect(calls[0]!.query).toMatchObject({ platform: 'instagram' });
      expect(calls[0]!.query.user_id).toBeUndefined();
      expect(await bg.services.store.getPsidMapping(ACME.id, IG_ITEM.recent)).toMatchObject({ psid: IGSID.recent, source: 'name_match' });
      expect(await bg.services.store.getThread(ACME.id, IGSID.recent)).toMatchObject({ platform: 'instagram' });
    },
  );

  it('matches a name shown by Business Suite when Meta gives one besides the username', async () => {
    bg = await startBackground({
      edit: (scenario) => {
        withInstagram(scenario);
        // What Meta calls a participant's `name` on Instagram is rare; the username is what it always gives.
        scenario.conversations.find((c) => c.psid === IGSID.late)!.customerName = 'Late Buyer';
      },
    });
    const byUsername = await bg.services.threads.get({ pageId: ACME.id, selectedItemId: IG_ITEM.late, platform: 'instagram', displayName: 'late.buyer' });
    expect(byUsername).toMatchObject({ status: 'resolved', psid: IGSID.late });
  });

  it('a name nobody has on Instagram: the agent picks among the Instagram conversations only (no Messenger customer)', async () => {
    bg = await startBackground({ edit: withInstagram });
    const view = await get('Bruno Díaz');
    expect(view).toMatchObject({ status: 'unresolved', reason: 'not_found' });
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.map((candidate) => candidate.psid).sort()).toEqual([IGSID.recent, IGSID.late].sort());
    expect(view.candidates?.map((candidate) => candidate.name).sort()).toEqual(['insta.shopper', 'late.buyer']);

    const chosen = await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: IG_ITEM.recent, psid: IGSID.recent, platform: 'instagram' });
    expect(chosen).toMatchObject({ status: 'resolved', psid: IGSID.recent });
    expect(conversationCalls(bg).every((call) => call.query.platform === 'instagram')).toBe(true);
  });

  it('the remembered mapping reads the IGSID with platform=instagram (after the 60 s cache)', async () => {
    bg = await startBackground({ edit: withInstagram });
    await get('insta.shopper');
    bg.clear();
    bg.sim.clock.advance(61_000);
    const again = await get(null);
    expect(again).toMatchObject({ status: 'resolved', psid: IGSID.recent });
    expect(conversationCalls(bg).map((call) => [call.query.platform, call.query.user_id])).toEqual([['instagram', IGSID.recent]]);
  });

  it('a Page with no Instagram account linked says so in words (and lists nothing)', async () => {
    bg = await startBackground({ edit: withInstagram, connect: [{ token: BETA.token }] });
    const view = await bg.services.threads.get({ pageId: BETA.id, selectedItemId: IG_ITEM.recent, platform: 'instagram', displayName: 'insta.shopper' });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'graph_error', error: { kind: 'instagram_not_linked' } });
    expect(conversationCalls(bg)).toEqual([]);
  });
});

describe('reopening an Instagram thread', () => {
  async function resolved() {
    bg = await startBackground({ edit: withInstagram });
    await get('insta.shopper');
    // Found by username only: the agent confirms who it is before anything can be sent (issue 19).
    await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: IG_ITEM.recent, psid: IGSID.recent, platform: 'instagram' });
    bg.clear();
  }
  const send = (request: Record<string, unknown>) =>
    bg.ask({ type: 'reopen.send', requestId: requestId(), pageId: ACME.id, psid: IGSID.recent, selectedItemId: IG_ITEM.recent, request }, INBOX_TAB);

  it('HUMAN_AGENT: read with platform=instagram, one POST to the IGSID with the tag, then the cooldown', async () => {
    await resolved();
    const text = 'Hi! The blue jacket is back, size M is reserved for you.';
    const answer = await send({ route: 'HUMAN_AGENT', content: { kind: 'text', text }, promoConfirmed: false });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'sent', nextAttemptAt: expect.any(Number) } });
    expect(bg.posts().map((post) => post.body)).toEqual([
      { recipient: { id: IGSID.recent }, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT', message: { text } },
    ]);
    expect(conversationCalls(bg).every((call) => call.query.platform === 'instagram')).toBe(true);

    const second = await send({ route: 'HUMAN_AGENT', content: { kind: 'text', text: 'Anything else?' }, promoConfirmed: false });
    expect(second).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'cooldown' } });
    expect(bg.posts()).toHaveLength(1);
  });

  it.each([
    [
      'CUSTOMER_FEEDBACK',
      {
        kind: 'feedback',
        template: { title: 'How did we do?', buttonTitle: 'Rate', question: { id: 'q1', type: 'csat' }, privacyUrl: 'https://example.com/p' },
      },
    ],
    ['POST_PURCHASE_UPDATE', { kind: 'text', text: 'Your order shipped' }],
    ['UTILITY', { kind: 'utility', templateName: 'order_update', language: 'en', parameters: ['A1', 'shipped'] }],
  ])('%s is refused as not available on Instagram, before any POST', async (route, content) => {
    await resolved();
    const answer = await send({ route, content, promoConfirmed: true });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'not_on_platform' } });
    expect(bg.posts()).toEqual([]);
  });

  it('after 7 days nothing can be sent: HUMAN_AGENT blocked past its limit, no POST', async () => {
    await resolved();
    bg.sim.clock.advance(5 * DAY);
    const answer = await send({ route: 'HUMAN_AGENT', content: { kind: 'text', text: 'Sorry' }, promoConfirmed: false });
    expect(answer).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'past_tag_limit' } });
    expect(bg.posts()).toEqual([]);
  });
});

describe('an unknown send on Instagram is reconciled by reading the Instagram conversation', () => {
  it("code 2 after the message went out → unknown, then found with platform=instagram (the Instagram account's message is the Page's)", async () => {
    bg = await startBackground({ edit: withInstagram });
    await get('insta.shopper');
    bg.sim.injectFault({ kind: 'graph_error', error: { code: 2, is_transient: true }, applied: true, match: { method: 'POST' } });
    const text = 'Your parcel is on its way.';
    const outcome = await bg.services.reopen.send({
      requestId: requestId(),
      pageId: ACME.id,
      psid: IGSID.recent,
      request: { route: 'HUMAN_AGENT', content: { kind: 'text', text }, promoConfirmed: false },
    });
    expect(outcome).toMatchObject({ outcome: 'unknown', reconciliation: { state: 'checking' } });
    const settledAt = (await bg.services.store.getThread(ACME.id, IGSID.recent))!.attempts[0]!.settledAt!;
    bg.clear();
    bg.sim.clock.set(settledAt + 5_000);
    expect(await bg.services.reconciler.runDue()).toEqual({ reads: 1, found: 1, notFound: 0 });
    expect(conversationCalls(bg).map((call) => [call.query.platform, call.query.user_id])).toEqual([['instagram', IGSID.recent]]);
    const [attempt] = (await bg.services.store.getThread(ACME.id, IGSID.recent))!.attempts;
    expect(attempt).toMatchObject({ status: 'sent', reconciliation: { state: 'found' } });
    expect(bg.posts()).toEqual([]);
  });
});
