// @vitest-environment node
import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyThread } from '../storage/store';
import type { ThreadRecord } from '../storage/schema';
import { ACME, DAY, HOUR, PSID, START, startBackground, type TestBackground } from '../../tests/support/background';
import { LISTING_PAGE_SIZE } from '../threads/listing';
import { managerSummary } from '../summary/manager-summary';
import { rowFacts } from './rows';
import { CLOSING_COLOR, createToolbarSync, READY_COLOR, toolbarBadge, touchesCount } from './toolbar';

// Row facts (which names may be badged), the toolbar count and its words, and the listing's pace against the Meta
// simulator (fixed scenario: Ana and Diego open for ~23 h, Bruno human_agent, Carla closed, Elena and Fede open).

const sent = (at: number): ThreadRecord['attempts'][number] => ({ requestId: `r-${at}`, route: 'HUMAN_AGENT', status: 'sent', contentKind: 'text', at });

const thread = (psid: string, name: string | null, customerAt: number | null, over: Partial<ThreadRecord> = {}): ThreadRecord => ({
  ...emptyThread(ACME.id, psid, START),
  customerName: name,
  facts: customerAt === null ? null : { customerLastMessageAt: customerAt, pageLastMessageAt: null, checkedAt: START },
  ...over,
});

describe('rowFacts: a row is matched by name only when the name is unique', () => {
  it('keeps unique names (normalized), drops names two customers share, and customers without C', () => {
    const facts = rowFacts(
      [
        thread('1', '  José  PÉREZ ', START - HOUR),
        thread('2', 'María García', START - 2 * DAY),
        thread('3', 'maria garcia', START - 3 * HOUR),
        thread('4', 'Sin Fecha', null),
        thread('5', null, START - HOUR),
      ],
      START,
    );
    expect(facts).toEqual([{ name: 'jose perez', customerLastMessageAt: START - HOUR, cooldownUntil: null }]);
  });

  it('the same customer twice (a stored thread and its listing copy) is still one name', () => {
    expect(rowFacts([thread('1', 'Ana', START - HOUR), thread('1', 'Ana', START - HOUR)], START)).toHaveLength(1);
  });

  it('carries a running cooldown so the badge can say "cooling"', () => {
    const [fact] = rowFacts([thread('1', 'Bruno', START - 2 * DAY, { attempts: [sent(START - HOUR)] })], START);
    expect(fact!.cooldownUntil).toBe(START - HOUR + DAY);
  });
});

describe('toolbar badge', () => {
  it('counts closing and ready conversations, red when one is closing, in the agent’s language', () => {
    const en = toolbarBadge({ closing: 1, ready: 2, closesSoonMinutes: 120, source: 'recent' }, 'en');
    expect(en).toEqual({
      text: '3',
      color: CLOSING_COLOR,
      title:
        "Reopen: 3 conversations need action now — 1 closing within 2 hr, 2 expired and ready to reopen\nFrom the Page's recent conversations and the ones opened in Reopen",
    });
    const es = toolbarBadge({ closing: 0, ready: 1, closesSoonMinutes: 60, source: 'recent' }, 'es');
    expect(es.text).toBe('1');
    expect(es.color).toBe(READY_COLOR);
    expect(es.title).toMatch(/^Reopen: 1 conversación requiere acción ahora/);
  });

  it('is empty when nothing needs action, and the title says so', () => {
    expect(toolbarBadge({ closing: 0, ready: 0, closesSoonMinutes: 120, source: 'recent' }, 'en')).toMatchObject({
      text: '',
      title: "Reopen: no conversation needs action now\nFrom the Page's recent conversations and the ones opened in Reopen",
    });
  });

  it('says which conversations it counted: only the opened ones while no listing was read (en, es)', () => {
    expect(toolbarBadge({ closing: 1, ready: 0, closesSoonMinutes: 120, source: 'opened' }, 'en').title.split('\n')[1]).toMatch(
      /^Only conversations opened in Reopen/,
    );
    expect(toolbarBadge({ closing: 1, ready: 0, closesSoonMinutes: 120, source: 'opened' }, 'es').title.split('\n')[1]).toMatch(
      /^Solo conversaciones abiertas en Reopen/,
    );
    expect(toolbarBadge({ closing: 1, ready: 0, closesSoonMinutes: 120, source: 'recent' }, 'es').title.split('\n')[1]).toBe(
      'De las conversaciones recientes de la página y las abiertas en Reopen',
    );
  });

  it('a burst of updates costs one more count after the running one, not one per call', async () => {
    let release!: () => void;
    const count = vi.fn(
      () =>
        new Promise<{ closing: number; ready: number; closesSoonMinutes: number; source: 'recent' }>((resolve) => {
          release = () => resolve({ closing: 0, ready: 4, closesSoonMinutes: 120, source: 'recent' });
        }),
    );
    const action = { setBadgeText: vi.fn(), setBadgeBackgroundColor: vi.fn(), setTitle: vi.fn() };
    const sync = createToolbarSync({ action, count, language: async () => 'en', browserLanguage: () => 'en-US' });
    const first = sync.update();
    for (let i = 0; i < 5; i++) void sync.update();
    await Promise.resolve();
    release();
    await first;
    await vi.waitFor(() => expect(count).toHaveBeenCalledTimes(2));
    release();
    await vi.waitFor(() => expect(action.setBadgeText).toHaveBeenCalledTimes(2));
    expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '4' });
  });

  it('recounts on thread, settings and Page writes only', () => {
    expect(touchesCount([`thread:${ACME.id}:1`])).toBe(true);
    expect(touchesCount(['settings'])).toBe(true);
    expect(touchesCount(['inboxHealth', `psidmap:${ACME.id}:2`])).toBe(false);
  });
});

describe('urgency service against the simulator', () => {
  let bg: TestBackground;
  afterEach(async () => bg?.close());
  const listings = () => bg.graphRequests().filter((request) => request.path.endsWith('/conversations') && !request.query.user_id);

  it('rows: one listing call per Page per minute, facts for every unique name', async () => {
    bg = await startBackground();
    bg.clear();
    const view = await bg.services.urgency.rows(ACME.id);
    expect(listings()).toHaveLength(1);
    // The one page the name match reads first, too (lib/threads/listing.ts): one read serves both.
    expect(listings()[0]!.query.limit).toBe(String(LISTING_PAGE_SIZE));
    const byName = Object.fromEntries(view.rows.map((row) => [row.name, row.customerLastMessageAt]));
    expect(byName['ana lopez']).toBe(START - 60 * 60_000);
    expect(byName['bruno diaz']).toBe(START - 2 * DAY);
    // Asked again within the minute (another tab, a re-render): no call.
    bg.sim.clock.advance(59_000);
    await bg.services.urgency.rows(ACME.id);
    await bg.services.urgency.rows(ACME.id);
    expect(listings()).toHaveLength(1);
    bg.sim.clock.advance(2_000);
    await bg.services.urgency.rows(ACME.id);
    expect(listings()).toHaveLength(2);
  });

  it('the toolbar count merges the listing with stored threads, and a stored send puts one in cooldown', async () => {
    bg = await startBackground();
    // Before any listing only stored threads count: none yet.
    expect(await bg.services.urgency.needingAction()).toMatchObject({ closing: 0, ready: 0 });
    await bg.services.urgency.rows(ACME.id);
    // Bruno (human_agent) and Carla (closed) can be reopened; nothing closes within 2 h.
    expect(await bg.services.urgency.needingAction()).toMatchObject({ closing: 0, ready: 2 });
    await bg.services.store.updateThread(ACME.id, PSID.humanAgent, (current) => ({
      ...(current ?? emptyThread(ACME.id, PSID.humanAgent, START)),
      attempts: [sent(START - HOUR)],
    }));
    expect(await bg.services.urgency.needingAction()).toMatchObject({ ready: 1 });
    // 22 h later Ana's, Diego's (C an hour before the start) and Fede's (5 min) windows close within 2 h: no new call.
    bg.clear();
    bg.sim.clock.advance(22 * HOUR);
    expect(await bg.services.urgency.needingAction()).toMatchObject({ closing: 3 });
    expect(bg.graphRequests()).toHaveLength(0);
  });

  it('one truth: the popup counts what the toolbar counts, a listing-only customer 39 min from closing included', async () => {
    bg = await startBackground();
    const popup = () => managerSummary({ ...bg.services, urgencyRecords: () => bg.services.urgency.records() });
    // No listing read yet in this worker: both count the opened conversations only, and say so.
    expect(await bg.services.urgency.needingAction()).toMatchObject({ closing: 0, ready: 0, source: 'opened' });
    expect((await popup()).source).toBe('opened');
    await bg.services.urgency.rows(ACME.id);
    // Ana López wrote an hour before the start, in the listing only (no agent opened her): 39 min left.
    bg.sim.clock.advance(23 * HOUR - 39 * 60_000);
    const toolbar = await bg.services.urgency.needingAction();
    const summary = await popup();
    expect(toolbar.source).toBe('recent');
    expect(summary.source).toBe('recent');
    expect({ closing: summary.closingSoonTotal, ready: summary.counts.ready }).toEqual({ closing: toolbar.closing, ready: toolbar.ready });
    expect(summary.readyNowTotal).toBe(toolbar.ready);
    expect(summary.closingSoon.map((row) => row.customerName)).toContain('Ana López');
    expect(toolbar.closing).toBeGreaterThanOrEqual(1);
  });

  it('a thread read after the listing keeps its newer facts: a customer who wrote since counts as open', async () => {
    bg = await startBackground();
    await bg.services.urgency.rows(ACME.id);
    // Bruno (human_agent in the listing) wrote again, and an agent's read of his thread stored it after the listing.
    bg.sim.clock.advance(10_000);
    await bg.services.store.updateThread(ACME.id, PSID.humanAgent, () =>
      thread(PSID.humanAgent, 'Bruno Díaz', START + 5_000, {
        facts: { customerLastMessageAt: START + 5_000, pageLastMessageAt: null, checkedAt: START + 10_000 },
      }),
    );
    const { records } = await bg.services.urgency.records();
    expect(records.find((record) => record.psid === PSID.humanAgent)?.facts?.customerLastMessageAt).toBe(START + 5_000);
    expect(await bg.services.urgency.needingAction()).toMatchObject({ ready: 1 });
  });

  it("storedRecords: the conversations Reopen resolved, with a listing's newer window, never listing-only ones", async () => {
    bg = await startBackground();
    // Stored a day ago: Ana's window then had 1 h left. She has written again since (the listing: 1 h ago).
    await bg.services.store.updateThread(ACME.id, PSID.open, () => thread(PSID.open, 'Ana López', START - 23 * HOUR));
    expect((await bg.services.urgency.storedRecords()).map((record) => record.facts?.customerLastMessageAt)).toEqual([START - 23 * HOUR]);
    await bg.services.urgency.rows(ACME.id);
    const records = await bg.services.urgency.storedRecords();
    expect(records.map((record) => [record.psid, record.facts?.customerLastMessageAt])).toEqual([[PSID.open, START - HOUR]]);
  });

  it('the router lets the inbox ask for row facts', async () => {
    bg = await startBackground();
    const { INBOX_TAB } = await import('../../tests/support/background');
    const answer = await bg.ask({ type: 'urgency.rows', pageId: ACME.id }, INBOX_TAB);
    if (!answer.ok) throw new Error(`refused: ${answer.error.code}`);
    expect(answer.value.rows.length).toBeGreaterThan(3);
  });
});
