// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { ACME, clickSend, DAY, HOUR, PSID, startBackground, type TestBackground } from '../../tests/support/background';
import { LABEL_NAMES } from './names';
import { capPeople } from './service';

// Labels in Business Suite (issue 22), the background's side against the simulated Custom Labels API. The fixed
// scenario: Ana, Diego and Elena wrote within the hour (open, more than 2 h left: no Reopen label), Bruno 2 days ago
// (human agent only), Carla 10 days ago (closed).

let bg: TestBackground;
afterEach(async () => bg?.close());

const EN = LABEL_NAMES.en;
const reopenNames = new Set(Object.values(LABEL_NAMES).flatMap((names) => Object.values(names)));

/** The Page's labels as Meta holds them, and who carries which Reopen label. */
function labelsOnMeta(background: TestBackground) {
  const labels = background.sim.state().labels.filter((label) => label.pageId === ACME.id);
  const reopen = labels.filter((label) => reopenNames.has(label.name));
  const byPerson = new Map<string, string[]>();
  for (const label of reopen) for (const psid of label.psids) byPerson.set(psid, [...(byPerson.get(psid) ?? []), label.name]);
  return { labels, reopen, byPerson };
}

const labelCalls = (background: TestBackground) => background.graphRequests().filter((request) => request.path.includes('label'));

async function switchedOn(edit?: Parameters<typeof startBackground>[0]) {
  bg = await startBackground({
    ...edit,
    edit: (scenario) => {
      scenario.pages[0]!.labels = [{ name: 'VIP', psids: [PSID.humanAgent, PSID.open] }];
      edit?.edit?.(scenario);
    },
  });
  const reply = await bg.services.labels.set(ACME.id, true, 'en');
  expect(reply.refusal).toBeUndefined();
  await bg.services.labels.run();
  return reply;
}

describe('switching on', () => {
  it('creates the five labels once, then each person carries exactly the label of their state; their own labels stay', async () => {
    const reply = await switchedOn();
    expect(reply.page).toMatchObject({ enabled: true, language: 'en', pending: null });
    const meta = labelsOnMeta(bg);
    expect(meta.reopen.map((label) => label.name).sort()).toEqual(Object.values(EN).sort());
    expect(meta.byPerson.get(PSID.humanAgent)).toEqual([EN.human_agent]);
    expect(meta.byPerson.get(PSID.closed)).toEqual([EN.closed]);
    for (const open of [PSID.open, PSID.unavailable, PSID.long]) expect(meta.byPerson.get(open)).toBeUndefined();
    // The people's own label is untouched.
    expect(meta.labels.find((label) => label.name === 'VIP')?.psids.sort()).toEqual([PSID.humanAgent, PSID.open].sort());

    // Switching on again (another window, a restarted worker) finds the labels by name: nothing new is created.
    const creates = () => bg.graphRequests().filter((request) => request.method === 'POST' && request.path.endsWith('/custom_labels'));
    expect(creates()).toHaveLength(5);
    await bg.restart().services.labels.set(ACME.id, true, 'es');
    expect(creates()).toHaveLength(5);
    expect(labelsOnMeta(bg).reopen).toHaveLength(5);

    const [view] = await bg.services.labels.status();
    expect(view).toMatchObject({ pageId: ACME.id, enabled: true, counts: { human_agent: 1, closed: 1, closing: 0, reactivated: 0, stop: 0 }, lastError: null });
    expect(view!.lastSyncAt).not.toBeNull();
  });

  it('a second run with nothing changed makes no label call', async () => {
    await switchedOn();
    bg.clear();
    await bg.services.labels.run();
    expect(labelCalls(bg)).toEqual([]);
  });

  it('labels follow the clock with no agent: closes within 2 h, then human agent only, then closed; one remove and one add each', async () => {
    await switchedOn();
    // Ana wrote an hour ago: her window closes in 23 h; the label starts 2 h before.
    bg.sim.clock.advance(21 * HOUR + 60_000);
    bg.clear();
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.open)).toEqual([EN.closing]);
    bg.sim.clock.advance(2 * HOUR);
    bg.clear();
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.open)).toEqual([EN.human_agent]);
    const writes = labelCalls(bg).filter((request) => request.method !== 'GET' && request.path.endsWith('/label'));
    // Ana, Diego (both wrote 60 min before the start) and Elena each moved: per person one remove and one add at most.
    expect(writes.length).toBeLessThanOrEqual(6);
    // Bruno wrote 2 days before the start: he crosses 7 days after 5 more.
    bg.sim.clock.advance(5 * DAY);
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.humanAgent)).toEqual([EN.closed]);
    expect(labelsOnMeta(bg).byPerson.get(PSID.open)).toEqual([EN.human_agent]);
  });

  it('a customer who writes again loses the label; a reopen sent moves the conversation to "reactivated"', async () => {
    await switchedOn();
    bg.sim.addCustomerMessage(PSID.closed, 'Hello again', bg.sim.clock.now());
    bg.sim.clock.advance(61_000);
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.closed)).toBeUndefined();

    const sent = await clickSend(bg);
    expect(sent).toMatchObject({ ok: true, value: { outcome: 'sent' } });
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.humanAgent)).toEqual([EN.reactivated]);
    const transitions = await bg.services.labels.transitions();
    expect(transitions.at(-1)).toMatchObject({ pageId: ACME.id, psid: PSID.humanAgent, from: 'human_agent', to: 'reactivated', result: 'written' });
  });
});

describe('a label this browser no longer knows', () => {
  it('is found again before writing, and no Meta error is recorded for it', async () => {
    await switchedOn();
    const record = (await bg.services.store.getLabelSync(ACME.id))!;
    const { closed: _closed, ...labelIds } = record.labelIds;
    const { l: _label, ...carla } = record.people[PSID.closed]!;
    await bg.services.store.updateLabelSync(ACME.id, () => ({ ...record, labelIds, people: { ...record.people, [PSID.closed]: carla } }));
    await bg.services.labels.run();
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.closed)).toEqual([EN.closed]);
    expect(labelsOnMeta(bg).reopen).toHaveLength(5);
    expect((await bg.services.labels.transitions()).filter((entry) => entry.result === 'failed')).toEqual([]);
    expect((await bg.services.labels.status())[0]!.lastError).toBeNull();
  });
});

describe('refusals', () => {
  it('a Meta app without pages_manage_metadata: refused in words, nothing written, the switch stays off', async () => {
    bg = await startBackground({ edit: (scenario) => void (scenario.pages[0]!.pagesManageMetadata = false) });
    const reply = await bg.services.labels.set(ACME.id, true, 'en');
    expect(reply.refusal).toMatchObject({ kind: 'permission', error: { code: 200 } });
    expect(reply.page).toMatchObject({ enabled: false, pending: null });
    expect(bg.graphRequests().filter((request) => request.method !== 'GET')).toEqual([]);
    expect(labelsOnMeta(bg).labels).toEqual([]);
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).labels).toEqual([]);
  });

  it('the Page Contact Terms not accepted (2/2018344): refused as "terms", nothing written', async () => {
    bg = await startBackground({ edit: (scenario) => void (scenario.pages[0]!.contactTermsAccepted = false) });
    const reply = await bg.services.labels.set(ACME.id, true, 'es');
    expect(reply.refusal).toMatchObject({ kind: 'terms', error: { code: 2, subcode: 2018344 } });
    expect(reply.page.enabled).toBe(false);
    expect(labelsOnMeta(bg).labels).toEqual([]);
  });

  it('a failure part way through creating the labels takes back the ones made: nothing half-written', async () => {
    // The third create is refused (Meta's 100), after two labels were made.
    let creates = 0;
    bg = await startBackground({
      wrapGraph: (client) => ({
        ...client,
        labels: {
          ...client.labels,
          create: (pageId, name, token) =>
            ++creates === 3
              ? Promise.resolve({ ok: false, error: { kind: 'invalid_parameter', retryable: false, delivery: 'not_sent', code: 100 } })
              : client.labels.create(pageId, name, token),
        },
      }),
    });
    const reply = await bg.services.labels.set(ACME.id, true, 'en');
    expect(reply.refusal).toMatchObject({ kind: 'failed', error: { code: 100 } });
    expect(reply.page.enabled).toBe(false);
    expect(creates).toBe(3);
    expect(bg.graphRequests().filter((request) => request.method === 'DELETE')).toHaveLength(2);
    expect(labelsOnMeta(bg).labels).toEqual([]);
  });

  it('a rate limit while writing stops the run and backs off: no label call until the wait is over', async () => {
    bg = await startBackground();
    expect((await bg.services.labels.set(ACME.id, true, 'en')).refusal).toBeUndefined();
    bg.sim.injectFault({
      kind: 'graph_error',
      match: { method: 'GET', pathIncludes: '/custom_labels' },
      count: 3,
      error: { code: 613, message: 'Calls to this api have exceeded the rate limit.' },
    });
    await bg.services.labels.run();
    const [view] = await bg.services.labels.status();
    expect(view!.lastError?.error).toMatchObject({ kind: 'rate_limited', code: 613 });
    expect(view!.backoffUntil).toBeGreaterThan(bg.sim.clock.now());
    bg.sim.clearFaults();
    bg.clear();
    await bg.services.labels.run();
    expect(labelCalls(bg)).toEqual([]);
    bg.sim.clock.advance(view!.backoffUntil! - bg.sim.clock.now() + 1);
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.humanAgent)).toEqual([EN.human_agent]);
  });
});

describe('switching off', () => {
  it('removes every Reopen label from every person and deletes them; the people’s own labels stay', async () => {
    await switchedOn();
    const reply = await bg.services.labels.set(ACME.id, false);
    expect(reply.refusal).toBeUndefined();
    expect(reply.page).toMatchObject({ enabled: false, pending: null });
    expect(reply.page.clearedAt).not.toBeNull();
    const meta = labelsOnMeta(bg);
    expect(meta.reopen).toEqual([]);
    expect(meta.labels.map((label) => label.name)).toEqual(['VIP']);
    bg.clear();
    bg.sim.clock.advance(DAY);
    await bg.services.labels.run();
    expect(labelCalls(bg)).toEqual([]);
  });

  it('disconnecting the Page takes Reopen’s labels away first, while its token still works', async () => {
    await switchedOn();
    const reply = await bg.ask({ type: 'pages.disconnect', pageId: ACME.id });
    expect(reply.ok).toBe(true);
    expect(labelsOnMeta(bg).reopen).toEqual([]);
    expect(await bg.services.store.getLabelSync(ACME.id)).toBeNull();
  });
});

describe('the administrator’s policy', () => {
  it('switches a Page on for the agent, who cannot switch it off', async () => {
    bg = await startBackground({ managed: { pages: [{ id: ACME.id, token: ACME.token, labelsSync: true, labelsLanguage: 'es' }], settings: {} } });
    await bg.services.labels.run();
    await bg.services.labels.run();
    expect(labelsOnMeta(bg).byPerson.get(PSID.closed)).toEqual([LABEL_NAMES.es.closed]);
    const reply = await bg.services.labels.set(ACME.id, false);
    expect(reply.refusal).toEqual({ kind: 'managed' });
    expect(reply.page).toMatchObject({ enabled: true, managed: true, language: 'es' });
  });
});

describe('bounds', () => {
  it('over the cap, people whose label the clock will not change go first, then the ones who wrote longest ago', () => {
    const now = Date.parse('2026-12-01T12:00:00Z');
    const people = {
      closedLongAgo: { c: now - 30 * DAY, p: null, l: 'closed' as const },
      humanAgentOldest: { c: now - 6 * DAY, p: null, l: 'human_agent' as const },
      reactivated: { c: now - 3 * DAY, p: now - DAY, l: 'reactivated' as const },
      openRecent: { c: now - HOUR, p: null },
      closingRecent: { c: now - 23 * HOUR, p: null, l: 'closing' as const },
    };
    expect(Object.keys(capPeople(people, now, 3)).sort()).toEqual(['closingRecent', 'humanAgentOldest', 'openRecent']);
    expect(Object.keys(capPeople(people, now, 2)).sort()).toEqual(['closingRecent', 'openRecent']);
  });

  it('the dashboard’s writes of the last 24 h count every write, also beyond the log kept for the CSV', async () => {
    await switchedOn();
    const written = (await bg.services.labels.transitions()).filter((entry) => entry.result === 'written').length;
    expect(written).toBeGreaterThan(0);
    const record = (await bg.services.store.getLabelSync(ACME.id))!;
    // As if a busy day had pushed these transitions out of the log.
    await bg.services.store.updateLabelSync(ACME.id, () => ({ ...record, log: [] }));
    const [view] = await bg.services.labels.status();
    expect(view!.writesLast24h).toBe(written);
    bg.sim.clock.advance(DAY + 2 * HOUR);
    const [later] = await bg.services.labels.status();
    expect(later!.writesLast24h).toBe(0);
  });
});
