// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Fault, Scenario } from '../../tests/sandbox/simulator';
import { ACME, BETA, HOUR, POPUP, INBOX_TAB, PSID, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';
import type { GraphClient } from '../graph';
import type { ReopenOutcome } from './view';

// "Stop means stop" (DESIGN.md §1, "Refusals that mean stop"), against the Meta simulator: after an answer the error
// catalog marks `stop`, the next clicks are refused before any Graph call. Five clicks, one POST. A person's block
// lifts when they write again (or at Meta's time); a Page's block holds for every conversation of that Page (and no
// other Page) until Meta's time or a manager clears it in the popup.

const POST = { method: 'POST' as const, pathIncludes: '/messages' };
/** A second human_agent customer of Acme, and one of Beta, so the Page block can be tried on others. */
const GAEL = { psid: '7000000000000007', selectedItemId: '100029016670007' };
const HANA = { psid: '7000000000000008', selectedItemId: '100029016670008' };

function moreCustomers(scenario: Scenario) {
  scenario.conversations.push(
    {
      id: 't_1006',
      pageId: ACME.id,
      psid: GAEL.psid,
      customerName: 'Gael Soto',
      selectedItemId: GAEL.selectedItemId,
      messages: [{ from: 'customer', text: 'Where is my order?', ageMinutes: 2000 }],
    },
    {
      id: 't_2002',
      pageId: BETA.id,
      psid: HANA.psid,
      customerName: 'Hana Ito',
      selectedItemId: HANA.selectedItemId,
      messages: [{ from: 'customer', text: 'Is the blue one back?', ageMinutes: 2000 }],
    },
  );
}

let bg: TestBackground;
afterEach(async () => bg?.close());

const start = (options: Parameters<typeof startBackground>[0] = {}) =>
  startBackground({ edit: moreCustomers, connect: [{ token: ACME.token }, { token: BETA.token }], ...options });

const click = (worker: TestBackground, psid: string = PSID.humanAgent, pageId = ACME.id) =>
  worker.services.reopen.send({ requestId: requestId(), pageId, psid, request: humanAgentText('Hi, about your order: it ships today.') });

const refusal = (code: number, subcode?: number, extra: Partial<Extract<Fault, { kind: 'graph_error' }>> = {}): Fault => ({
  kind: 'graph_error',
  error: { code, ...(subcode !== undefined ? { error_subcode: subcode } : {}) },
  // More refusals queued than one click needs: any POST after the first would show in the log.
  count: 5,
  match: POST,
  ...extra,
});

const STOPS: { answer: string; code: number; subcode?: number; scope: 'person' | 'page' }[] = [
  { answer: '613/2018338 tag overuse towards this person', code: 613, subcode: 2018338, scope: 'person' },
  { answer: '551 not receiving messages', code: 551, scope: 'person' },
  { answer: '551/1545041 person unavailable', code: 551, subcode: 1545041, scope: 'person' },
  { answer: '200/1545041 person unavailable', code: 200, subcode: 1545041, scope: 'person' },
  { answer: '10/2018108 cannot receive your messages', code: 10, subcode: 2018108, scope: 'person' },
  { answer: '10/1893063 Page temporarily restricted', code: 10, subcode: 1893063, scope: 'page' },
];

describe('five clicks after a refusal that means stop: exactly one POST', () => {
  it.each(STOPS)('$answer → blocks the $scope', async ({ code, subcode, scope }) => {
    bg = await start();
    bg.sim.injectFault(refusal(code, subcode));
    const outcomes: ReopenOutcome[] = [];
    for (let i = 0; i < 5; i += 1) outcomes.push(await click(bg));

    expect(bg.posts()).toHaveLength(1);
    // The refusal itself says the block now holds, with Meta's answer.
    expect(outcomes[0]).toMatchObject({ outcome: 'failed', error: { code }, block: { scope, code, since: expect.any(Number) } });
    expect(outcomes[0]!.block!.metaMessage).toBeTruthy();
    if (subcode !== undefined) expect(outcomes[0]!.block!.subcode).toBe(subcode);
    for (const later of outcomes.slice(1)) {
      expect(later).toMatchObject({ outcome: 'blocked', reason: scope === 'page' ? 'page_blocked' : 'person_blocked', block: { scope, code } });
      expect(later.block!.until).toBeUndefined();
    }
    // No further Graph call at all for a refused click: not even the read before a send.
    const callsAfterRefusal = bg.graphRequests().length;
    await click(bg);
    expect(bg.graphRequests()).toHaveLength(callsAfterRefusal);
  });

  it('through the router too (the content script asks): blocked with the block, one POST', async () => {
    bg = await start();
    bg.sim.injectFault(refusal(613, 2018338));
    const ask = () =>
      bg.ask(
        {
          type: 'reopen.send',
          requestId: requestId(),
          pageId: ACME.id,
          psid: PSID.humanAgent,
          selectedItemId: PSID.humanAgent,
          request: humanAgentText('Hi Bruno, one more thing.'),
        },
        INBOX_TAB,
      );
    const first = await ask();
    const second = await ask();
    expect(first).toMatchObject({ ok: true, value: { outcome: 'failed', block: { scope: 'person' } } });
    expect(second).toMatchObject({
      ok: true,
      value: { outcome: 'blocked', reason: 'person_blocked', block: { scope: 'person', code: 613, subcode: 2018338 } },
    });
    expect(bg.posts()).toHaveLength(1);
  });

  it('an answer that is not a stop (10/2018278 outside the window) blocks nobody', async () => {
    bg = await start();
    bg.sim.injectFault(refusal(10, 2018278, { count: 1 }));
    expect((await click(bg)).block).toBeUndefined();
    expect(await click(bg)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(2);
  });
});

describe("a person's block", () => {
  it('holds for that person only, and lifts when the customer writes again', async () => {
    bg = await start();
    bg.sim.injectFault(refusal(551, 1545041, { count: 1 }));
    const refused = await click(bg);
    expect(refused.block?.scope).toBe('person');
    // Another customer of the same Page is not concerned.
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'sent' });
    expect(await click(bg)).toMatchObject({ outcome: 'blocked', reason: 'person_blocked' });

    // The customer writes an hour later; a day and a half on, the window has closed again.
    bg.sim.clock.advance(HOUR);
    bg.sim.addCustomerMessage(PSID.humanAgent, 'I unblocked you, sorry — any news?');
    bg.sim.clock.advance(36 * HOUR);
    // The thread is read again (the banner does this on its own), and Meta shows the customer's message after the block.
    await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: null, psid: PSID.humanAgent });
    bg.clear();
    expect(await click(bg)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(1);
  });

  it('lifts at the time Meta states (its regain-access estimate), not before', async () => {
    bg = await start();
    const usage = JSON.stringify({
      [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 90 }],
    });
    bg.sim.injectFault(refusal(613, 2018338, { count: 1, headers: { 'X-Business-Use-Case-Usage': usage } }));
    const refused = await click(bg);
    expect(refused.block).toMatchObject({ scope: 'person', until: refused.block!.since + 90 * 60_000 });
    bg.sim.clock.advance(89 * 60_000);
    expect(await click(bg)).toMatchObject({ outcome: 'blocked', reason: 'person_blocked', block: { until: refused.block!.until } });
    bg.sim.clock.advance(2 * 60_000);
    expect(await click(bg)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(2);
  });
});

describe('a full storage when Meta says stop', () => {
  const local = fakeBrowser.storage.local;
  const realSet = local.set.bind(local);
  afterEach(() => {
    local.set = realSet;
  });

  it("the person's block is written with the held commit once there is room: still one POST", async () => {
    bg = await start();
    const key = `thread:${ACME.id}:${PSID.humanAgent}`;
    // The reservation is written; the commit after Meta's refusal is refused by a full storage.
    local.set = async (items: Record<string, unknown>) => {
      const settles = (value: unknown) => ((value as { attempts?: { status: string }[] } | undefined)?.attempts ?? []).some((a) => a.status !== 'pending');
      if (Object.entries(items).some(([k, value]) => k === key && settles(value))) throw new Error('QUOTA_BYTES quota exceeded');
      return realSet(items);
    };
    bg.sim.injectFault(refusal(613, 2018338));
    expect(await click(bg)).toMatchObject({ outcome: 'failed', block: { scope: 'person' } });
    // Meanwhile the `pending` reservation holds the cooldown: nothing leaves.
    expect(await click(bg)).toMatchObject({ outcome: 'blocked' });
    local.set = realSet;
    // Room again: the next click first writes the held commit, with the block, and is refused by it.
    expect(await click(bg)).toMatchObject({ outcome: 'blocked', reason: 'person_blocked' });
    expect((await bg.services.store.getThread(ACME.id, PSID.humanAgent))?.block).toMatchObject({ scope: 'person', code: 613, subcode: 2018338 });
    expect(bg.posts()).toHaveLength(1);
  });
});

describe("the Page's block (10/1893063)", () => {
  it('holds for every conversation of that Page, not for another Page, and shows in the manager summary', async () => {
    bg = await start();
    bg.sim.injectFault(
      refusal(10, 1893063, { count: 1, error: { code: 10, error_subcode: 1893063, message: 'You are temporarily restricted from sending messages.' } }),
    );
    await click(bg);
    bg.clear();
    expect(await click(bg, GAEL.psid)).toMatchObject({
      outcome: 'blocked',
      reason: 'page_blocked',
      block: { scope: 'page', code: 10, subcode: 1893063, metaMessage: 'You are temporarily restricted from sending messages.' },
    });
    // Even a conversation past 7 days hears about the Page first.
    expect(await click(bg, PSID.closed)).toMatchObject({ outcome: 'blocked', reason: 'page_blocked' });
    expect(bg.posts()).toHaveLength(0);
    expect(await click(bg, HANA.psid, BETA.id)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(1);

    expect(await bg.ask({ type: 'summary.get' })).toMatchObject({ ok: true });
    const summary = (await bg.ask({ type: 'summary.get' })) as { value: { pageBlocks?: unknown[] } };
    expect(summary.value.pageBlocks).toEqual([
      expect.objectContaining({
        pageId: ACME.id,
        pageName: ACME.name,
        code: 10,
        subcode: 1893063,
        metaMessage: 'You are temporarily restricted from sending messages.',
      }),
    ]);
  });

  it("lifts at Meta's stated time", async () => {
    bg = await start();
    const usage = JSON.stringify({
      [ACME.id]: [{ type: 'messenger', call_count: 100, total_cputime: 10, total_time: 10, estimated_time_to_regain_access: 120 }],
    });
    bg.sim.injectFault(refusal(10, 1893063, { count: 1, headers: { 'X-Business-Use-Case-Usage': usage } }));
    const refused = await click(bg);
    expect(refused.block).toMatchObject({ scope: 'page', until: refused.block!.since + 120 * 60_000 });
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'blocked', reason: 'page_blocked' });
    bg.sim.clock.advance(121 * 60_000);
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(2);
  });

  it('never stops reading: the thread view carries the block, the whole-Page overview scans', async () => {
    bg = await start();
    bg.sim.injectFault(refusal(10, 1893063, { count: 1 }));
    await click(bg);
    bg.clear();
    const view = await bg.ask({ type: 'thread.get', pageId: ACME.id, selectedItemId: GAEL.selectedItemId, displayName: 'Gael Soto', refresh: true }, INBOX_TAB);
    expect(view).toMatchObject({ ok: true, value: { status: 'resolved', psid: GAEL.psid, pageBlock: { scope: 'page', code: 10, subcode: 1893063 } } });
    expect(bg.graphRequests().length).toBeGreaterThan(0);
    const scan = await bg.ask({ type: 'overview.scan', pageId: ACME.id });
    expect(scan).toMatchObject({ ok: true });
    expect((scan as { value: { state: string } }).value.state).not.toBe('failed');
    // A Page that is not blocked carries none.
    const beta = await bg.ask({ type: 'thread.get', pageId: BETA.id, selectedItemId: HANA.selectedItemId, displayName: 'Hana Ito', refresh: true }, INBOX_TAB);
    expect(beta).toMatchObject({ ok: true, value: { status: 'resolved' } });
    expect((beta as { value: { pageBlock?: unknown } }).value.pageBlock).toBeUndefined();
  });

  it("keeps Meta's words without the Page token when Meta echoes it", async () => {
    bg = await start();
    bg.sim.injectFault(refusal(10, 1893063, { count: 1, error: { code: 10, error_subcode: 1893063, message: `Restricted (token ${ACME.token})` } }));
    const refused = await click(bg);
    expect(refused.block!.metaMessage).toBe('Restricted (token [token])');
    expect(JSON.stringify(await bg.services.store.getPageBlock(ACME.id))).not.toContain(ACME.token);
    const csv = (await bg.ask({ type: 'audit.export' })) as { value: { csv: string } };
    expect(csv.value.csv).toContain('page_block');
    expect(csv.value.csv).not.toContain(ACME.token);
  });

  it('lifts when a manager clears it in the popup (not from the inbox), after which sending works', async () => {
    bg = await start();
    bg.sim.injectFault(refusal(10, 1893063, { count: 1 }));
    const refused = await click(bg);
    // The inbox's content script may not clear it.
    expect(await bg.ask({ type: 'pageblock.clear', pageId: ACME.id, since: refused.block!.since }, INBOX_TAB)).toMatchObject({
      ok: false,
      error: { code: 'forbidden_sender' },
    });
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'blocked' });
    // A clear for another block than the one the manager read (a newer refusal replaced it) changes nothing.
    expect(await bg.ask({ type: 'pageblock.clear', pageId: ACME.id, since: refused.block!.since - 1 }, POPUP)).toMatchObject({
      ok: true,
      value: { cleared: false },
    });
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'blocked' });
    expect(await bg.ask({ type: 'pageblock.clear', pageId: ACME.id, since: refused.block!.since }, POPUP)).toMatchObject({
      ok: true,
      value: { cleared: true },
    });
    bg.clear();
    expect(await click(bg, GAEL.psid)).toMatchObject({ outcome: 'sent' });
    expect(bg.posts()).toHaveLength(1);
    const summary = (await bg.ask({ type: 'summary.get' })) as { value: { pageBlocks?: unknown[] } };
    expect(summary.value.pageBlocks).toBeUndefined();
  });

  it('written by another context while a send was reading: caught right before the POST, nothing sent', async () => {
    let beforeRead: (() => Promise<void>) | null = null;
    bg = await start({
      wrapGraph: (client: GraphClient): GraphClient => ({
        ...client,
        conversationForUser: async (...args) => {
          const hook = beforeRead;
          beforeRead = null;
          if (hook) await hook();
          return client.conversationForUser(...args);
        },
      }),
    });
    const other = bg.restart({ sameGraph: true });
    // The other tab's send is refused 10/1893063 while this one's fresh read is on its way.
    beforeRead = async () => {
      bg.sim.injectFault(refusal(10, 1893063, { count: 1 }));
      expect(await click(other, PSID.humanAgent)).toMatchObject({ outcome: 'failed', block: { scope: 'page' } });
    };
    const raced = await click(bg, GAEL.psid);
    expect(raced).toMatchObject({ outcome: 'blocked', reason: 'page_blocked', block: { scope: 'page' } });
    expect(bg.posts()).toHaveLength(1);
    expect(bg.posts()[0]!.body).toMatchObject({ recipient: { id: PSID.humanAgent } });
    // The reservation became the refusal: it holds no cooldown.
    const gael = await bg.services.store.getThread(ACME.id, GAEL.psid);
    expect(gael?.attempts.map((attempt) => [attempt.status, attempt.reason])).toEqual([['blocked', 'page_blocked']]);
  });
});
