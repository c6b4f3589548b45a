// @vitest-environment node
// Meta's Custom Labels API as the simulator answers it (developers.facebook.com, "Custom Labels for Customers", updated
// 2026-03-18; Messenger changelog 2026-03-18): a Page creates labels (a new one each call, duplicates by name possible),
// lists them, puts them on and takes them off a person (PSID), lists a person's labels and deletes a label, which takes
// it off everyone. Refused without pages_manage_metadata (or the MESSAGING task), when the Page's admin has not accepted
// the Page Contact Terms, for an unknown label and for someone who is not a person of the Page.
import { afterEach, describe, expect, it } from 'vitest';
import { parseScenario, type Scenario, type Simulator } from './simulator';
import { ACME, BETA, PSID, TOKENS, fixedScenario, getJson, postJson, startFixed, type JsonAnswer } from './harness';

const LABELS = (owner: string, query = 'fields=page_label_name') => `/v25.0/${owner}/custom_labels?${query}`;
/** A label the scenario gives Acme: the people's own label, which Reopen must never touch. */
const OWN = { id: '4200000000000001', name: 'VIP' };
const BETA_LABEL = { id: '4200000000000002', name: 'Wholesale' };

async function deleteJson(sim: Simulator, path: string, token: string | null = ACME.token): Promise<JsonAnswer> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'DELETE',
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

/** Acme's people own a "VIP" label (on the open and closed conversations' people), Beta a "Wholesale" one. */
function withOwnLabels(scenario: Scenario): void {
  scenario.pacing = false;
  scenario.pages[0]!.labels = [{ ...OWN, psids: [PSID.open, PSID.closed] }];
  scenario.pages[1]!.labels = [{ ...BETA_LABEL, psids: [PSID.beta] }];
}

const labelsOf = (sim: Simulator, pageId = ACME.id) => sim.state().labels.filter((label) => label.pageId === pageId);

describe('custom labels', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('creates a new label on every call, also with a name the Page already has, and lists them oldest first', async () => {
    sim = await startFixed(withOwnLabels);
    const first = await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: 'Reopen · closed' });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: expect.stringMatching(/^\d+$/) });
    const again = await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: 'Reopen · closed' });
    expect(again.body.id).not.toBe(first.body.id);

    const list = await getJson(sim, LABELS(ACME.id));
    expect(list.status).toBe(200);
    expect(list.body.data).toEqual([
      { page_label_name: 'VIP', id: OWN.id },
      { page_label_name: 'Reopen · closed', id: first.body.id },
      { page_label_name: 'Reopen · closed', id: again.body.id },
    ]);
    // Without fields, the ids only; Beta's labels are Beta's.
    expect((await getJson(sim, LABELS(ACME.id, ''))).body.data).toEqual([{ id: OWN.id }, { id: first.body.id }, { id: again.body.id }]);
    expect(labelsOf(sim).map((label) => [label.name, label.psids])).toEqual([
      ['VIP', [PSID.open, PSID.closed]],
      ['Reopen · closed', []],
      ['Reopen · closed', []],
    ]);
    expect(labelsOf(sim, BETA.id)).toEqual([{ ...BETA_LABEL, pageId: BETA.id, psids: [PSID.beta] }]);
    // A label node reads back by id.
    expect((await getJson(sim, `/v25.0/${first.body.id}?fields=page_label_name`)).body).toEqual({ page_label_name: 'Reopen · closed', id: first.body.id });
  });

  it('pages the Page’s labels with cursors and a limit, like the other listings', async () => {
    sim = await startFixed(withOwnLabels);
    for (const name of ['a', 'b', 'c', 'd']) await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: name });
    const first = await getJson(sim, LABELS(ACME.id, 'fields=page_label_name&limit=2'));
    expect(first.body.data.map((label: { page_label_name: string }) => label.page_label_name)).toEqual(['VIP', 'a']);
    expect(first.body.paging.cursors).toEqual({ before: expect.any(String), after: expect.any(String) });
    expect(first.body.paging.next).toContain('limit=2');
    expect(first.body.paging.previous).toBeUndefined();
    const second = await getJson(sim, LABELS(ACME.id, `fields=page_label_name&limit=2&after=${first.body.paging.cursors.after}`));
    expect(second.body.data.map((label: { page_label_name: string }) => label.page_label_name)).toEqual(['b', 'c']);
    expect(second.body.paging.previous).toBeDefined();
    const last = await getJson(sim, LABELS(ACME.id, `fields=page_label_name&limit=2&after=${second.body.paging.cursors.after}`));
    expect(last.body.data.map((label: { page_label_name: string }) => label.page_label_name)).toEqual(['d']);
    expect(last.body.paging.next).toBeUndefined();
    // A Page with no labels lists nothing, with no paging.
    const empty = await startFixed();
    try {
      expect((await getJson(empty, LABELS(ACME.id))).body).toEqual({ data: [] });
    } finally {
      await empty.close();
    }
  });

  it('puts a label on a person once, lists the person’s labels, and takes it off without touching their own', async () => {
    sim = await startFixed(withOwnLabels);
    const { id } = (await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: 'Reopen · closed' })).body;
    expect(await postJson(sim, `/v25.0/${id}/label`, { user: PSID.open })).toMatchObject({ status: 200, body: { success: true } });
    // Again: still once.
    expect((await postJson(sim, `/v25.0/${id}/label`, { user: PSID.open })).body).toEqual({ success: true });
    expect(labelsOf(sim).find((label) => label.id === id)?.psids).toEqual([PSID.open]);

    const mine = await getJson(sim, LABELS(PSID.open));
    expect(mine.status).toBe(200);
    expect(mine.body.data).toEqual([
      { page_label_name: 'VIP', id: OWN.id },
      { page_label_name: 'Reopen · closed', id },
    ]);
    expect((await getJson(sim, LABELS(PSID.humanAgent))).body).toEqual({ data: [] });

    expect(await deleteJson(sim, `/v25.0/${id}/label?user=${PSID.open}`)).toMatchObject({ status: 200, body: { success: true } });
    expect((await getJson(sim, LABELS(PSID.open))).body.data).toEqual([{ page_label_name: 'VIP', id: OWN.id }]);
    // Taking off a label the person does not carry succeeds and changes nothing.
    expect((await deleteJson(sim, `/v25.0/${id}/label?user=${PSID.open}`)).body).toEqual({ success: true });
    expect(labelsOf(sim).find((label) => label.id === OWN.id)?.psids).toEqual([PSID.open, PSID.closed]);
  });

  it('takes `user` as form data too, as Meta’s curl examples send it', async () => {
    sim = await startFixed(withOwnLabels);
    const response = await fetch(`${sim.url}/v25.0/${OWN.id}/label`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ user: PSID.humanAgent, access_token: ACME.token }).toString(),
    });
    expect(await response.json()).toEqual({ success: true });
    expect(labelsOf(sim).find((label) => label.id === OWN.id)?.psids).toContain(PSID.humanAgent);
  });

  it('pages a person’s labels', async () => {
    sim = await startFixed(withOwnLabels);
    for (const name of ['a', 'b']) {
      const { id } = (await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: name })).body;
      await postJson(sim, `/v25.0/${id}/label`, { user: PSID.open });
    }
    const first = await getJson(sim, LABELS(PSID.open, 'fields=page_label_name&limit=2'));
    expect(first.body.data.map((label: { page_label_name: string }) => label.page_label_name)).toEqual(['VIP', 'a']);
    const rest = await getJson(sim, LABELS(PSID.open, `fields=page_label_name&limit=2&after=${first.body.paging.cursors.after}`));
    expect(rest.body.data.map((label: { page_label_name: string }) => label.page_label_name)).toEqual(['b']);
    expect(rest.body.paging.next).toBeUndefined();
  });

  it('deleting a label takes it off every person who carried it', async () => {
    sim = await startFixed(withOwnLabels);
    const { id } = (await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: 'Reopen · stop' })).body;
    for (const psid of [PSID.open, PSID.closed, PSID.long]) await postJson(sim, `/v25.0/${id}/label`, { user: psid });
    expect(await deleteJson(sim, `/v25.0/${id}`)).toMatchObject({ status: 200, body: { success: true } });

    expect(labelsOf(sim).map((label) => label.id)).toEqual([OWN.id]);
    for (const psid of [PSID.open, PSID.closed, PSID.long]) {
      expect((await getJson(sim, LABELS(psid))).body.data.some((label: { id: string }) => label.id === id)).toBe(false);
      expect(sim.state().labels.some((label) => label.psids.includes(psid) && label.id === id)).toBe(false);
    }
    // It is gone: reading, labelling or deleting it again is an unknown object.
    expect((await getJson(sim, `/v25.0/${id}?fields=page_label_name`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
    expect((await deleteJson(sim, `/v25.0/${id}`)).body.error).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('custom labels refusals', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim?.close();
  });

  /** Every label call, each expected to be refused the same way, and after which nothing has changed. */
  const everyCall = (s: Simulator, token: string) => [
    postJson(s, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: 'Reopen · closed' }, token),
    getJson(s, LABELS(ACME.id), token),
    postJson(s, `/v25.0/${OWN.id}/label`, { user: PSID.humanAgent }, token),
    deleteJson(s, `/v25.0/${OWN.id}/label?user=${PSID.open}`, token),
    getJson(s, LABELS(PSID.open), token),
    deleteJson(s, `/v25.0/${OWN.id}`, token),
  ];

  it('a Page whose app lacks pages_manage_metadata: 403, (#200), on every call, and nothing written', async () => {
    sim = await startFixed((scenario) => {
      withOwnLabels(scenario);
      scenario.pages[0]!.pagesManageMetadata = false;
    });
    const before = sim.state().labels;
    for (const answer of await Promise.all(everyCall(sim, ACME.token))) {
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({
        code: 200,
        type: 'OAuthException',
        message: '(#200) Requires pages_manage_metadata permission to manage the object',
      });
    }
    expect(sim.state().labels).toEqual(before);
    // The switch is per Page: Beta still answers, and Acme's messaging is untouched.
    expect((await getJson(sim, LABELS(BETA.id), BETA.token)).status).toBe(200);
    expect((await getJson(sim, `/v25.0/${ACME.id}/conversations?platform=messenger&limit=1`)).status).toBe(200);
  });

  it('a Page token without pages_manage_metadata, or without the MESSAGING task, gets (#200) too', async () => {
    sim = await startFixed((scenario) => {
      withOwnLabels(scenario);
      scenario.tokens = [...(scenario.tokens ?? []), { kind: 'page', token: 'EAAB-test-no-metadata', pageId: ACME.id, permissions: ['pages_messaging'] }];
    });
    const noMetadata = await getJson(sim, LABELS(ACME.id), 'EAAB-test-no-metadata');
    expect(noMetadata.status).toBe(403);
    expect(noMetadata.body.error).toMatchObject({ code: 200 });
    // Dana's token for Beta: she has ADVERTISE and ANALYZE there, not MESSAGING.
    const noTask = await postJson(sim, `/v25.0/${BETA.id}/custom_labels`, { page_label_name: 'x' }, TOKENS.personBeta);
    expect(noTask.status).toBe(403);
    expect(noTask.body.error).toMatchObject({ code: 200, message: '(#200) Permissions error' });
    expect(labelsOf(sim, BETA.id)).toHaveLength(1);
    // Her Acme token (MESSAGING, default permissions) may.
    expect((await getJson(sim, LABELS(ACME.id), TOKENS.personAcme)).status).toBe(200);
  });

  it('Page Contact Terms not accepted: 2/2018344 ("Privacy ToS not accepted"), on every call, and nothing written', async () => {
    sim = await startFixed((scenario) => {
      withOwnLabels(scenario);
      scenario.pages[0]!.contactTermsAccepted = false;
    });
    const before = sim.state().labels;
    for (const answer of await Promise.all(everyCall(sim, ACME.token))) {
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({
        code: 2,
        error_subcode: 2018344,
        type: 'OAuthException',
        message: expect.stringContaining('Page Contact Terms'),
      });
      expect(answer.body.error.fbtrace_id).toBe(answer.headers.get('x-fb-trace-id'));
    }
    expect(sim.state().labels).toEqual(before);
    expect(sim.state().pages[0]).toMatchObject({ contactTermsAccepted: false, pagesManageMetadata: true });
  });

  it('an unknown label, or another Page’s: 100', async () => {
    sim = await startFixed(withOwnLabels);
    for (const id of ['4299999999999999', BETA_LABEL.id]) {
      for (const answer of [
        await postJson(sim, `/v25.0/${id}/label`, { user: PSID.open }),
        await deleteJson(sim, `/v25.0/${id}/label?user=${PSID.open}`),
        await deleteJson(sim, `/v25.0/${id}`),
        await getJson(sim, `/v25.0/${id}?fields=page_label_name`),
      ]) {
        expect(answer.status).toBe(400);
        expect(answer.body.error).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
      }
    }
    expect(labelsOf(sim, BETA.id)).toEqual([{ ...BETA_LABEL, pageId: BETA.id, psids: [PSID.beta] }]);
  });

  it('someone who is not a person of this Page: 100', async () => {
    sim = await startFixed((scenario) => {
      withOwnLabels(scenario);
      // An Instagram customer is not a Messenger person of the Page.
      scenario.pages[0]!.instagram = { id: '17841400000000001', username: 'acme.store' };
      scenario.conversations.push({
        id: 't_ig_one',
        pageId: ACME.id,
        psid: '6100000000000001',
        platform: 'instagram',
        username: 'insta.shopper',
        customerName: 'insta.shopper',
        selectedItemId: '340282366841710301244276034609267626671',
        messages: [{ from: 'customer', text: 'Hi', ageMinutes: 5 }],
      });
    });
    for (const user of [PSID.beta, '7999999999999999', '6100000000000001']) {
      const associate = await postJson(sim, `/v25.0/${OWN.id}/label`, { user });
      expect(associate.status).toBe(400);
      expect(associate.body.error).toMatchObject({ code: 100, error_subcode: 2018001 });
      expect((await deleteJson(sim, `/v25.0/${OWN.id}/label?user=${user}`)).body.error).toMatchObject({ code: 100 });
      expect((await getJson(sim, LABELS(user))).body.error).toMatchObject({ code: 100 });
    }
    expect(labelsOf(sim).find((label) => label.id === OWN.id)?.psids).toEqual([PSID.open, PSID.closed]);
  });

  it('missing parameters, unknown fields, and tokens that are not a Page’s', async () => {
    sim = await startFixed(withOwnLabels);
    expect((await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, {})).body.error).toMatchObject({
      code: 100,
      message: '(#100) The parameter page_label_name is required',
    });
    expect((await postJson(sim, `/v25.0/${ACME.id}/custom_labels`, { page_label_name: '  ' })).body.error).toMatchObject({ code: 100 });
    expect((await postJson(sim, `/v25.0/${OWN.id}/label`, {})).body.error).toMatchObject({ code: 100, message: '(#100) The parameter user is required' });
    expect((await getJson(sim, LABELS(ACME.id, 'fields=name'))).body.error).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (name) on node type (PageUserMessageThreadLabel)',
    });
    // Another Page's token on Acme's labels: the cross-Page refusal.
    expect((await getJson(sim, LABELS(ACME.id), BETA.token)).body.error).toMatchObject({ code: 200 });
    // A person's token and an app's: a Page token is required.
    expect((await getJson(sim, LABELS(ACME.id), TOKENS.person)).body.error).toMatchObject({ code: 210 });
    expect((await deleteJson(sim, `/v25.0/${OWN.id}`, TOKENS.person)).body.error).toMatchObject({ code: 210 });
    expect((await postJson(sim, `/v25.0/${OWN.id}/label`, { user: PSID.open }, TOKENS.app)).body.error).toMatchObject({ code: 210 });
    expect((await getJson(sim, LABELS(ACME.id), null)).body.error).toMatchObject({ code: 104 });
    expect((await getJson(sim, LABELS(ACME.id), TOKENS.expired)).body.error).toMatchObject({ code: 190, error_subcode: 463 });
    expect(sim.state().labels).toHaveLength(2);
  });
});

describe('custom labels and the rest of the simulator', () => {
  let sim: Simulator;
  afterEach(async () => {
    await sim?.close();
  });

  it('label calls carry the usage header, count in it, are logged, are not paced, and take faults', async () => {
    // Pacing on: label calls are not Conversations API calls.
    sim = await startFixed((scenario) => {
      withOwnLabels(scenario);
      scenario.pacing = true;
      scenario.usageBudgetPerHour = 10;
    });
    const answers = [];
    for (let index = 0; index < 4; index += 1) answers.push(await getJson(sim, LABELS(ACME.id)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const usage = JSON.parse(answers[3]!.headers.get('x-business-use-case-usage') ?? '{}');
    expect(usage[ACME.id][0]).toMatchObject({ type: 'messenger', call_count: 40 });
    // A refusal counts too.
    const refused = await deleteJson(sim, `/v25.0/4299999999999999`);
    expect(JSON.parse(refused.headers.get('x-business-use-case-usage') ?? '{}')[ACME.id][0].call_count).toBe(50);

    await deleteJson(sim, `/v25.0/${OWN.id}/label?user=${PSID.open}`);
    const logged = sim.requests().at(-1)!;
    expect(logged).toMatchObject({ method: 'DELETE', path: `/v25.0/${OWN.id}/label`, query: { user: PSID.open }, status: 200 });

    sim.injectFault({ kind: 'graph_error', match: { method: 'DELETE', pathIncludes: '/label' }, error: { code: 613 } });
    const faulted = await deleteJson(sim, `/v25.0/${OWN.id}/label?user=${PSID.closed}`);
    expect(faulted.body.error).toMatchObject({ code: 613 });
    // The fault answered instead of Meta: the person still carries the label.
    expect(labelsOf(sim)[0]?.psids).toEqual([PSID.closed]);
  });

  it('a scenario refuses labels on people the Page does not have, and duplicate label ids', () => {
    const onStranger = fixedScenario();
    onStranger.pages[0]!.labels = [{ name: 'VIP', psids: [PSID.beta] }];
    expect(() => parseScenario(onStranger)).toThrow(/PSID 7000000000000006 has no Messenger conversation on Page 104857600000001/);
    const duplicate = fixedScenario();
    duplicate.pages[0]!.labels = [{ id: '1', name: 'a' }];
    duplicate.pages[1]!.labels = [{ id: '1', name: 'b' }];
    expect(() => parseScenario(duplicate)).toThrow(/duplicate label id 1/);
  });

  it('existing scenarios keep their defaults: permission granted, terms accepted, no labels', async () => {
    sim = await startFixed();
    expect(sim.state().labels).toEqual([]);
    expect(sim.state().pages.every((page) => page.pagesManageMetadata && page.contactTermsAccepted)).toBe(true);
    expect((await getJson(sim, LABELS(ACME.id))).body).toEqual({ data: [] });
  });
});
