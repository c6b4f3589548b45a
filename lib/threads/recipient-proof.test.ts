// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import type { PaneReading } from '../inbox/schema';
import type { Scenario } from '../../tests/sandbox/simulator';
import { ACME, DAY, HOUR, INBOX_TAB, START, humanAgentText, requestId, startBackground, type TestBackground } from '../../tests/support/background';

// Issue 19, item 1: a tagged message reaches the person on screen or nobody. Two customers named "Ana Ruiz": the one
// on screen wrote 5 days ago and sits beyond the Page's 150 most recent conversations; her namesake wrote 6 hours
// ago. Against the Meta simulator (fixed clock), through the thread service the inbox asks.

const OLD = { psid: '7100000000000001', item: '100029016671001' };
const RECENT = { psid: '7100000000000002', item: '100029016671002' };
const FILLERS = 160;

function namesakes(scenario: Scenario) {
  scenario.pacing = false;
  // 160 conversations within the last two days push the old Ana beyond the first 150; ten older than 7 days after her.
  for (let index = 0; index < FILLERS; index += 1) {
    scenario.conversations.push({
      id: `t_fill_${index}`,
      pageId: ACME.id,
      psid: `72000000000${String(index).padStart(5, '0')}`,
      customerName: `Filler ${index}`,
      selectedItemId: `1000290177${String(index).padStart(5, '0')}`,
      messages: [{ from: 'customer', text: `Question ${index}`, ageMinutes: 30 + index * 15 }],
    });
  }
  for (let index = 0; index < 10; index += 1) {
    scenario.conversations.push({
      id: `t_old_${index}`,
      pageId: ACME.id,
      psid: `73000000000${String(index).padStart(5, '0')}`,
      customerName: `Old ${index}`,
      selectedItemId: `1000290188${String(index).padStart(5, '0')}`,
      messages: [{ from: 'customer', text: `Long ago ${index}`, ageMinutes: (10 + index) * 24 * 60 }],
    });
  }
  scenario.conversations.push(
    {
      id: 't_ana_old',
      pageId: ACME.id,
      psid: OLD.psid,
      customerName: 'Ana Ruiz',
      selectedItemId: OLD.item,
      messages: [
        { from: 'customer', text: 'Hi, is the green raincoat still in stock?', ageMinutes: 5.5 * 24 * 60 },
        { from: 'page', text: 'Yes, in sizes S and M.', ageMinutes: 5.4 * 24 * 60 },
        { from: 'customer', text: 'Can you hold the order for me?', ageMinutes: 5.2 * 24 * 60 },
      ],
    },
    {
      id: 't_ana_recent',
      pageId: ACME.id,
      psid: RECENT.psid,
      customerName: 'Ana Ruiz',
      selectedItemId: RECENT.item,
      messages: [
        { from: 'customer', text: 'Do you ship to the Canary Islands?', ageMinutes: 7 * 60 },
        { from: 'page', text: 'We do!', ageMinutes: 6.5 * 60 },
        { from: 'customer', text: 'Perfect, see you then', ageMinutes: 6 * 60 },
      ],
    },
  );
}

/** What the pane of each Ana shows, with relative labels as Business Suite writes them. */
const paneOld = (readAt = START): PaneReading => ({
  status: 'read',
  readAt,
  messages: [
    { text: 'Hi, is the green raincoat still in stock?', labels: ['5 d'] },
    { text: 'Yes, in sizes S and M.', labels: ['5 d'] },
    { text: 'Can you hold the order for me?', labels: ['5 d'] },
  ],
});
const paneRecent = (): PaneReading & { status: 'read' } => ({
  status: 'read',
  readAt: START,
  messages: [
    { text: 'Do you ship to the Canary Islands?', labels: ['7 h'] },
    { text: 'We do!', labels: ['6 h'] },
    { text: 'Perfect, see you then', labels: ['6 h'] },
  ],
});

let bg: TestBackground;
afterEach(async () => bg?.close());

const listingCalls = () => bg.graphRequests().filter((request) => request.path.endsWith('/conversations') && !request.query.user_id).length;
const lookups = () =>
  bg
    .graphRequests()
    .filter((request) => request.query.user_id)
    .map((request) => request.query.user_id);
const get = (item: string, pane?: PaneReading) =>
  bg.services.threads.get({ pageId: ACME.id, selectedItemId: item, displayName: 'Ana Ruiz', ...(pane ? { pane } : {}) });

describe('a recipient found by name needs the pane’s proof', () => {
  it('the listing goes on until its conversations are older than 7 days, and the pane picks the old Ana among two', async () => {
    bg = await startBackground({ edit: namesakes });
    const view = await get(OLD.item, paneOld());
    expect(view).toMatchObject({ status: 'resolved', psid: OLD.psid, recipient: { proof: 'pane' } });
    expect(view.status === 'resolved' && view.recipient?.doubt).toBeUndefined();
    // 172 conversations, 50 a page: the fourth page holds the first ones older than 7 days. The probe of the
    // selected item and no read for the proof (the listing's messages agreed).
    expect(listingCalls()).toBe(4);
    expect(lookups()).toEqual([OLD.item]);
    expect(await bg.services.store.getPsidMapping(ACME.id, OLD.item)).toMatchObject({ psid: OLD.psid, source: 'pane_match' });
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, OLD.psid)).toBe(true);
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, RECENT.psid)).toBe(false);
  });

  it('from the recent Ana’s conversation, the recent Ana', async () => {
    bg = await startBackground({ edit: namesakes });
    expect(await get(RECENT.item, paneRecent())).toMatchObject({ status: 'resolved', psid: RECENT.psid, recipient: { proof: 'pane' } });
  });

  it('two namesakes and no readable pane: the agent picks, each candidate with Meta’s last customer message and its time', async () => {
    bg = await startBackground({ edit: namesakes });
    const view = await get(OLD.item, { status: 'unreadable', why: 'no_region' });
    expect(view).toMatchObject({ status: 'unresolved', reason: 'ambiguous' });
    if (view.status !== 'unresolved') throw new Error('unreachable');
    expect(view.candidates?.map((candidate) => [candidate.psid, candidate.lastCustomerText, candidate.customerLastMessageAt])).toEqual(
      expect.arrayContaining([
        [OLD.psid, 'Can you hold the order for me?', START - 5.2 * DAY],
        [RECENT.psid, 'Perfect, see you then', START - 6 * HOUR],
      ]),
    );
    expect(await bg.services.store.getPsidMapping(ACME.id, OLD.item)).toBeNull();
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, RECENT.psid)).toBe(false);
  });

  it('the old Ana beyond the search’s bound: her namesake is offered, in doubt, and never proven', async () => {
    bg = await startBackground({ edit: namesakes, tuning: { nameSearch: { pageSize: 50, maxPages: 3 } } });
    const view = await get(OLD.item, paneOld());
    expect(view).toMatchObject({
      status: 'resolved',
      psid: RECENT.psid,
      recipient: { proof: 'none', doubt: 'times', lastCustomerText: 'Perfect, see you then' },
    });
    if (view.status !== 'resolved') throw new Error('unreachable');
    // The listing's messages of the namesake already contradict the pane: no read for the proof.
    expect(lookups()).toEqual([OLD.item]);
    expect(view.recipient?.candidates?.[0]?.psid).toBe(RECENT.psid);
    expect(view.recipient?.candidates?.length).toBeGreaterThan(1);
    expect(await bg.services.store.getPsidMapping(ACME.id, OLD.item)).toBeNull();
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, RECENT.psid)).toBe(false);
    // The agent confirms (or picks): from then on the send may go.
    await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: OLD.item, psid: RECENT.psid });
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, RECENT.psid)).toBe(true);
  });

  it('a link learned by name is judged again when the pane changes and dropped on a disagreement', async () => {
    bg = await startBackground({ edit: namesakes });
    await get(RECENT.item, paneRecent());
    bg.clear();
    // The same pane again: the mapping and the conversation kept for 60 s answer, no call.
    expect(await get(RECENT.item, paneRecent())).toMatchObject({ psid: RECENT.psid, recipient: { proof: 'pane' } });
    expect(bg.graphRequests()).toHaveLength(0);
    // She writes again; the pane shows it: one read of her conversation, still proven, the window moves.
    bg.sim.addCustomerMessage(RECENT.psid, 'Is it still on?');
    const newer: PaneReading = { status: 'read', readAt: START, messages: [...paneRecent().messages, { text: 'Is it still on?' }] };
    const after = await get(RECENT.item, newer);
    expect(after).toMatchObject({ psid: RECENT.psid, recipient: { proof: 'pane' } });
    expect(after.status === 'resolved' && after.facts.customerLastMessageAt).toBeGreaterThanOrEqual(START);
    expect(lookups()).toEqual([RECENT.psid]);
    // The pane now shows the other Ana's messages (this link would be wrong): dropped, and resolved again to the
    // person the pane shows.
    expect(await get(RECENT.item, paneOld())).toMatchObject({ psid: OLD.psid, recipient: { proof: 'pane' } });
    expect(await bg.services.store.getPsidMapping(ACME.id, RECENT.item)).toMatchObject({ psid: OLD.psid, source: 'pane_match' });
    expect(await bg.services.threads.recipientProven(ACME.id, RECENT.item, RECENT.psid)).toBe(false);
  });

  it('an older version’s name_match mapping is no proof: judged against the pane, dropped when it disagrees', async () => {
    bg = await startBackground({ edit: namesakes });
    // What older versions stored: the namesake, found by name among the recent conversations.
    await bg.services.store.setPsidMapping(ACME.id, OLD.item, { psid: RECENT.psid, source: 'name_match', at: START - DAY });
    expect(await bg.services.threads.recipientProven(ACME.id, OLD.item, RECENT.psid)).toBe(false);
    // Without a pane to judge by, it stays what it is: unproven, offered for the agent to confirm.
    expect(await get(OLD.item)).toMatchObject({ status: 'resolved', psid: RECENT.psid, recipient: { proof: 'none' } });
    // With the pane: dropped, and the name search finds the old Ana, proven.
    expect(await get(OLD.item, paneOld())).toMatchObject({ status: 'resolved', psid: OLD.psid, recipient: { proof: 'pane' } });
    expect(await bg.services.store.getPsidMapping(ACME.id, OLD.item)).toMatchObject({ psid: OLD.psid, source: 'pane_match' });
  });

  it('one match by name that the pane cannot prove (too few texts) is offered for confirmation, never sent to', async () => {
    bg = await startBackground({ edit: namesakes });
    const view = await bg.services.threads.get({
      pageId: ACME.id,
      selectedItemId: '100029016679999',
      displayName: 'Filler 3',
      pane: { status: 'read', readAt: START, messages: [{ text: 'Hello' }] },
    });
    expect(view).toMatchObject({ status: 'resolved', recipient: { proof: 'none', lastCustomerText: 'Question 3' } });
    if (view.status !== 'resolved') throw new Error('unreachable');
    expect(await bg.services.store.getPsidMapping(ACME.id, '100029016679999')).toMatchObject({ psid: view.psid, source: 'name_match' });
    expect(await bg.services.threads.recipientProven(ACME.id, '100029016679999', view.psid)).toBe(false);
  });

  it('the background refuses a send to a person found by name only — no POST — and sends once the agent confirmed', async () => {
    bg = await startBackground({ edit: namesakes, tuning: { nameSearch: { pageSize: 50, maxPages: 3 } } });
    await get(OLD.item, paneOld());
    const send = () =>
      bg.ask(
        { type: 'reopen.send', requestId: requestId(), pageId: ACME.id, psid: RECENT.psid, selectedItemId: OLD.item, request: humanAgentText() },
        INBOX_TAB,
      );
    // The window of the recent Ana is open (6 h): a tag is not even needed, but the recipient check comes first.
    expect(await send()).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'recipient_unproven' } });
    // Without the conversation's id, only a person proven in this worker would do.
    const bare = await bg.ask({ type: 'reopen.send', requestId: requestId(), pageId: ACME.id, psid: RECENT.psid, request: humanAgentText() }, INBOX_TAB);
    expect(bare).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'recipient_unproven' } });
    expect(bg.posts()).toHaveLength(0);
    // A conversation the page selects by this very id is that person's (Business Suite's id is the PSID).
    expect(await bg.services.threads.recipientProven(ACME.id, RECENT.psid, RECENT.psid)).toBe(true);
    await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: OLD.item, psid: RECENT.psid });
    expect(await send()).toMatchObject({ ok: true, value: { outcome: 'blocked', reason: 'window_open' } });
    expect(bg.posts()).toHaveLength(0);
  });

  it('a person the agent chose stays chosen, but a pane that contradicts their conversation puts the window in doubt', async () => {
    bg = await startBackground({ edit: namesakes });
    await bg.services.threads.choose({ pageId: ACME.id, selectedItemId: OLD.item, psid: RECENT.psid });
    expect(await get(OLD.item, paneOld())).toMatchObject({ psid: RECENT.psid, recipient: { proof: 'chosen', doubt: 'times' } });
    expect(await get(OLD.item, paneRecent())).toMatchObject({ psid: RECENT.psid, recipient: { proof: 'chosen' } });
    const agreeing = await get(OLD.item, paneRecent());
    expect(agreeing.status === 'resolved' && agreeing.recipient?.doubt).toBeUndefined();
  });
});
