// @vitest-environment node
// The simulator's controls: request log, clock, ageWorld, customer messages, faults and state, both
// in-process and over the /__sim/ HTTP API other processes use; scenario validation and the CLI.
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startSimulator, type LoggedRequest, type Simulator } from './simulator';
import { ACME, DAY, PSID, START, fixedScenario, getJson, postJson, useUnpacedSimulator, textMessage } from './harness';

const SEND = `/v25.0/${ACME.id}/messages`;

async function control(sim: Simulator, method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/__sim/${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text === '' ? null : JSON.parse(text) };
}

describe('controls', () => {
  let sim: Simulator;
  useUnpacedSimulator((started) => (sim = started));

  it('logs each Graph request with its parsed body and answered status, and nothing else', async () => {
    sim.clock.advance(5000);
    await postJson(sim, `${SEND}?debug=all`, textMessage(PSID.open, 'logged'));
    await getJson(sim, '/v25.0/me', 'EAAB-nope');
    await control(sim, 'GET', 'state');
    await fetch(`${sim.url}${SEND}`, { method: 'OPTIONS' });

    const log = sim.requests();
    expect(log).toHaveLength(2);
    const [send, me] = log as [LoggedRequest, LoggedRequest];
    expect(send).toEqual({
      at: START + 5000,
      method: 'POST',
      path: SEND,
      query: { debug: 'all' },
      headers: expect.objectContaining({ authorization: `Bearer ${ACME.token}`, 'content-type': 'application/json' }),
      body: textMessage(PSID.open, 'logged'),
      status: 200,
    });
    expect(me).toMatchObject({ method: 'GET', path: '/v25.0/me', body: null, status: 400 });

    expect((await control(sim, 'GET', 'log')).body).toEqual(log);
    expect((await control(sim, 'DELETE', 'log')).status).toBe(204);
    expect(sim.requests()).toEqual([]);
    await getJson(sim, '/v25.0/me');
    sim.clearLog();
    expect((await control(sim, 'GET', 'log')).body).toEqual([]);
  });

  it('requests() is a copy: changing it changes no later answer', async () => {
    await getJson(sim, '/v25.0/me');
    const copy = sim.requests();
    copy.length = 0;
    expect(sim.requests()).toHaveLength(1);
  });

  it('moves the fixed clock by set and advance, in-process and over HTTP', async () => {
    expect(sim.clock.now()).toBe(START);
    sim.clock.advance(60_000);
    expect(sim.clock.now()).toBe(START + 60_000);
    expect((await control(sim, 'POST', 'clock', { set: '2026-07-13T00:00:00Z' })).body).toMatchObject({
      now: Date.parse('2026-07-13T00:00:00Z'),
      meta: '2026-07-13T00:00:00+0000',
      mode: 'fixed',
    });
    expect((await control(sim, 'POST', 'clock', { advance: 1000 })).body.iso).toBe('2026-07-13T00:00:01.000Z');
    expect((await control(sim, 'POST', 'clock', { set: START })).body.now).toBe(START);
    expect((await control(sim, 'GET', 'clock')).body.now).toBe(START);
    expect((await control(sim, 'POST', 'clock', { set: 'yesterday' })).status).toBe(400);
    expect((await control(sim, 'POST', 'clock', { advance: '1h' })).status).toBe(400);
  });

  it('ageWorld moves every stored instant into the past, so an open window closes', async () => {
    const before = sim.state().conversations.find((c) => c.psid === PSID.open);
    sim.ageWorld(DAY);
    const after = sim.state().conversations.find((c) => c.psid === PSID.open);
    expect(after?.messages.map((m) => m.at)).toEqual(before?.messages.map((m) => m.at - DAY));
    expect(sim.clock.now()).toBe(START);
    expect((await postJson(sim, SEND, textMessage(PSID.open, 'too late'))).body.error).toMatchObject({ code: 10, error_subcode: 2018278 });

    expect((await control(sim, 'POST', 'age', { ms: 6 * DAY })).status).toBe(200);
    const tagged = await postJson(sim, SEND, textMessage(PSID.open, 'human reply', 'MESSAGE_TAG', 'HUMAN_AGENT'));
    expect(tagged.body.error).toMatchObject({ code: 10, error_subcode: 2018278 });
    expect((await control(sim, 'POST', 'age', {})).status).toBe(400);
  });

  it('a customer message added now or at a given instant reopens the window and shows in the API', async () => {
    const id = sim.addCustomerMessage(PSID.closed, 'Are you there?');
    expect(id).toMatch(/^m_/);
    expect((await postJson(sim, SEND, textMessage(PSID.closed, 'Yes!'))).status).toBe(200);

    const viaHttp = await control(sim, 'POST', 'customer-message', { psid: PSID.humanAgent, text: 'Hello?', at: '2026-07-12T11:59:00Z' });
    expect(viaHttp.status).toBe(201);
    const thread = await getJson(sim, `/v25.0/t_1002?fields=${encodeURIComponent('messages.limit(1){from,created_time,message}')}`);
    expect(thread.body.messages.data[0]).toEqual({
      id: viaHttp.body.message_id,
      from: { id: PSID.humanAgent, name: 'Bruno Díaz' },
      created_time: '2026-07-12T11:59:00+0000',
      message: 'Hello?',
    });

    expect(() => sim.addCustomerMessage('7999999999999999', 'who?')).toThrow(/No conversation with PSID/);
    expect((await control(sim, 'POST', 'customer-message', { psid: '7999999999999999', text: 'who?' })).status).toBe(400);
    expect((await control(sim, 'POST', 'customer-message', { psid: PSID.open })).status).toBe(400);
  });

  it('queues faults over HTTP and refuses invalid ones', async () => {
    expect((await control(sim, 'POST', 'fault', { kind: 'http5xx', status: 500, match: { method: 'POST' } })).status).toBe(201);
    const faulted = await fetch(`${sim.url}${SEND}`, { method: 'POST', headers: { Authorization: `Bearer ${ACME.token}` }, body: '{}' });
    expect(faulted.status).toBe(500);
    expect((await control(sim, 'POST', 'fault', { kind: 'http5xx' })).status).toBe(201);
    expect((await control(sim, 'DELETE', 'fault')).status).toBe(204);
    expect((await getJson(sim, '/v25.0/me')).status).toBe(200);
    const invalid = await control(sim, 'POST', 'fault', { kind: 'graph_error', error: { code: 'x' } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatch(/Invalid fault/);
  });

  it('GET /__sim/state returns the same snapshot as state(), with derived instants', async () => {
    const { status, body } = await control(sim, 'GET', 'state');
    expect(status).toBe(200);
    expect(body).toEqual(sim.state());
    const open = body.conversations.find((c: { psid: string }) => c.psid === PSID.open);
    expect(open).toMatchObject({
      id: 't_1001',
      selectedItemId: '100029016670001',
      unavailable: false,
      customerLastMessageAt: START - 60 * 60_000,
      updatedAt: START - 30 * 60_000,
    });
    expect(body.now).toBe(START);
  });

  it('answers unknown controls with 404 and bad JSON with 400', async () => {
    expect((await control(sim, 'GET', 'nothing')).status).toBe(404);
    const response = await fetch(`${sim.url}/__sim/clock`, { method: 'POST', body: '{oops' });
    expect(response.status).toBe(400);
  });

  it('answers CORS preflights so a browser extension can call it', async () => {
    const response = await fetch(`${sim.url}${SEND}`, {
      method: 'OPTIONS',
      headers: { Origin: 'chrome-extension://abc', 'Access-Control-Request-Method': 'POST' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('Authorization');
  });
});

describe('real clock mode', () => {
  it('follows the wall clock, counts ageMinutes back from start, and set/advance shift it', async () => {
    const scenario = fixedScenario();
    scenario.clock = { mode: 'real' };
    const before = Date.now();
    const sim = await startSimulator({ scenario });
    const after = Date.now();
    try {
      const now = sim.clock.now();
      expect(now).toBeGreaterThanOrEqual(before);
      const open = sim.state().conversations.find((c) => c.psid === PSID.open);
      const customerAt = open?.customerLastMessageAt as number;
      expect(customerAt).toBeGreaterThanOrEqual(before - 60 * 60_000);
      expect(customerAt).toBeLessThanOrEqual(after - 60 * 60_000);

      sim.clock.advance(2 * DAY);
      expect(sim.clock.now()).toBeGreaterThanOrEqual(before + 2 * DAY);
      expect((await postJson(sim, SEND, textMessage(PSID.open, 'late'))).body.error.code).toBe(10);
      sim.clock.set(Date.parse('2030-01-01T00:00:00Z'));
      expect(sim.clock.now()).toBeGreaterThanOrEqual(Date.parse('2030-01-01T00:00:00Z'));
      expect(sim.state().clockMode).toBe('real');
    } finally {
      await sim.close();
    }
  });
});

describe('scenario validation', () => {
  it.each([
    [
      'a selectedItemId equal to the PSID',
      (s: ReturnType<typeof fixedScenario>) => {
        const first = s.conversations[0];
        if (first) first.selectedItemId = first.psid;
      },
      /selected_item_id differs from the PSID/,
    ],
    [
      'a conversation on an unknown Page',
      (s: ReturnType<typeof fixedScenario>) => {
        const first = s.conversations[0];
        if (first) first.pageId = '1';
      },
      /unknown Page 1/,
    ],
    [
      'a message with both at and ageMinutes',
      (s: ReturnType<typeof fixedScenario>) => {
        const first = s.conversations[0];
        if (first) first.messages = [{ from: 'customer', text: 'x', at: '2026-07-01T00:00:00Z', ageMinutes: 3 }];
      },
      /exactly one of "at" or "ageMinutes"/,
    ],
    [
      'a conversation id without t_',
      (s: ReturnType<typeof fixedScenario>) => {
        const first = s.conversations[0];
        if (first) first.id = '1001';
      },
      /t_/,
    ],
  ])('refuses %s with a clear message', async (_name, edit, message) => {
    const scenario = fixedScenario();
    edit(scenario);
    await expect(startSimulator({ scenario })).rejects.toThrow(message);
  });
});

describe('CLI', () => {
  it('prints its URL, serves the given scenario and stops on SIGTERM', async () => {
    const tsx = resolve(import.meta.dirname, '../../node_modules/.bin/tsx');
    const child = spawn(
      tsx,
      [resolve(import.meta.dirname, 'cli.ts'), '--scenario', resolve(import.meta.dirname, 'scenarios/fixed.json'), '--port', '0', '--quiet'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`no URL printed: ${output}`)), 12_000);
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /Meta simulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolveUrl(match[1]);
          }
        });
        child.on('exit', (code) => reject(new Error(`CLI exited with ${code}: ${output}`)));
      });
      const me = await fetch(`${url}/v25.0/me?access_token=${ACME.token}`);
      expect(await me.json()).toEqual({ id: ACME.id, name: ACME.name });
      const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('loads the default demo scenario', async () => {
    const { loadScenario } = await import('./simulator');
    const demo = loadScenario(resolve(import.meta.dirname, 'scenarios/demo.json'));
    expect(demo.clock).toEqual({ mode: 'real' });
    expect(demo.pages).toEqual([{ id: '104857600000001', name: 'Acme Store', token: 'EAAB-demo-token' }]);
    const sim = await startSimulator({ scenario: demo });
    try {
      const { now, conversations } = sim.state();
      expect(conversations.length).toBeGreaterThanOrEqual(10);
      expect(conversations.filter((c) => c.customerName === 'María García')).toHaveLength(2);
      expect(conversations.some((c) => c.unavailable)).toBe(true);
      const sinceCustomer = conversations.map((c) => now - (c.customerLastMessageAt as number));
      const HOUR = DAY / 24;
      // Every window state the product shows: open, open but closing within 2 h, human_agent early
      // and late, closed.
      expect(sinceCustomer.some((age) => age < 22 * HOUR)).toBe(true);
      expect(sinceCustomer.some((age) => age >= 22 * HOUR && age < DAY)).toBe(true);
      expect(sinceCustomer.some((age) => age >= DAY && age < 2 * DAY)).toBe(true);
      expect(sinceCustomer.some((age) => age >= 6 * DAY && age < 7 * DAY)).toBe(true);
      expect(sinceCustomer.some((age) => age >= 7 * DAY)).toBe(true);
      expect(conversations.some((c) => c.messages.length > 20)).toBe(true);
      const templates = sim.state().templates;
      expect(
        templates
          .filter((t) => t.status === 'APPROVED')
          .map((t) => t.language)
          .sort(),
      ).toEqual(['en', 'en', 'es', 'es']);
      expect(templates.filter((t) => t.status === 'PENDING')).toHaveLength(1);
    } finally {
      await sim.close();
    }
  });
});
