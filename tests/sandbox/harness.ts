// Shared set-up for the simulator's own tests: a fresh simulator on the fixed-clock scenario and
// small fetch helpers that speak to it over real loopback HTTP.
import { resolve } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { loadScenario, startSimulator, type Scenario, type Simulator } from './simulator';

export const ACME = { id: '104857600000001', name: 'Acme Store', token: 'EAAB-test-acme' };
export const BETA = { id: '104857600000002', name: 'Beta Shop', token: 'EAAB-test-beta' };
/** The fixed scenario's other tokens (its `tokens`): Dana Ruiz's, a person who manages Acme (with the MESSAGING task)
 *  and Beta (without), with the Page token Meta gives her for each; an app's; and Acme tokens that are expired, whose
 *  session was invalidated, or without pages_messaging. */
export const TOKENS = {
  person: 'EAAB-test-person',
  personId: '100000000000501',
  personAcme: 'EAAB-test-dana-for-acme',
  personBeta: 'EAAB-test-dana-for-beta',
  app: '1234567890123456|test-app-secret',
  expired: 'EAAB-test-expired',
  revoked: 'EAAB-test-revoked',
  noMessaging: 'EAAB-test-no-messaging',
};
/** PSIDs of the fixed scenario (tests/sandbox/scenarios/fixed.json). */
export const PSID = {
  open: '7000000000000001',
  humanAgent: '7000000000000002',
  closed: '7000000000000003',
  unavailable: '7000000000000004',
  long: '7000000000000005',
  beta: '7000000000000006',
};
export const START = Date.parse('2026-07-12T12:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export function fixedScenario(): Scenario {
  return loadScenario(resolve(import.meta.dirname, 'scenarios/fixed.json'));
}

export async function startFixed(edit?: (scenario: Scenario) => void, publicBaseUrl?: string): Promise<Simulator> {
  const scenario = fixedScenario();
  edit?.(scenario);
  return startSimulator({ scenario, publicBaseUrl });
}

/** Gives each test of the calling suite a fresh fixed-clock simulator with pacing off (the tests that pin
 *  pacing start their own), closed after the test. */
export function useUnpacedSimulator(receive: (sim: Simulator) => void): void {
  let sim: Simulator | undefined;
  beforeEach(async () => {
    sim = await startFixed((scenario) => {
      scenario.pacing = false;
    });
    receive(sim);
  });
  afterEach(async () => {
    await sim?.close();
  });
}

export interface JsonAnswer {
  status: number;
  headers: Headers;
  // Graph's loosely typed JSON; each test's assertions pin the shape it relies on.
  body: any;
}

export async function getJson(sim: Simulator, path: string, token: string | null = ACME.token): Promise<JsonAnswer> {
  const response = await fetch(`${sim.url}${path}`, {
    headers: token === null ? {} : { Authorization: `Bearer ${token}` },
  });
  return { status: response.status, headers: response.headers, body: await response.json() };
}

export async function postJson(sim: Simulator, path: string, body: unknown, token: string | null = ACME.token): Promise<JsonAnswer> {
  const response = await fetch(`${sim.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token === null ? {} : { Authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : JSON.parse(text) };
}

export function textMessage(psid: string, text: string, messagingType = 'RESPONSE', tag?: string) {
  return { recipient: { id: psid }, messaging_type: messagingType, ...(tag ? { tag } : {}), message: { text } };
}

export function feedbackPayload(overrides: Record<string, unknown> = {}) {
  return {
    template_type: 'customer_feedback',
    title: 'Rate your experience with Acme Store',
    subtitle: 'Let us know how we did',
    button_title: 'Rate Experience',
    feedback_screens: [
      {
        questions: [
          {
            id: 'support_q1',
            type: 'csat',
            title: 'How satisfied are you with our support?',
            score_label: 'neg_pos',
            score_option: 'five_stars',
            follow_up: { type: 'free_form', placeholder: 'Give additional feedback' },
          },
        ],
      },
    ],
    business_privacy: { url: 'https://example.com/privacy' },
    expires_in_days: 3,
    ...overrides,
  };
}

export function feedbackMessage(psid: string, payloadOverrides: Record<string, unknown> = {}) {
  return {
    recipient: { id: psid },
    messaging_type: 'MESSAGE_TAG',
    tag: 'CUSTOMER_FEEDBACK',
    message: { attachment: { type: 'template', payload: feedbackPayload(payloadOverrides) } },
  };
}

export function utilityMessage(psid: string, name: string, code: string, parameters: string[]) {
  return {
    recipient: { id: psid },
    messaging_type: 'UTILITY',
    message: {
      template: {
        name,
        language: { code },
        components: [{ type: 'body', parameters: parameters.map((text) => ({ type: 'text', text })) }],
      },
    },
  };
}

/** The Instagram professional account linked to Acme by `withInstagram`. */
export const IG_ACCOUNT = { id: '17841400000000001', username: 'acme.store' };
/** IGSIDs of `withInstagram`'s conversations: the customer wrote 2 days / 8 days before START. */
export const IGSID = { recent: '6100000000000001', late: '6100000000000002' };
/** Business Suite's ids of those threads: long ids of its own, never the IGSID. */
export const IG_ITEM = { recent: '340282366841710301244276034609267626671', late: '340282366841710301244276034609267626672' };

/** Links an Instagram account to Acme and adds two Instagram conversations (pacing off). */
export function withInstagram(scenario: Scenario) {
  scenario.pacing = false;
  scenario.pages[0]!.instagram = IG_ACCOUNT;
  scenario.conversations.push(
    {
      id: 't_ig_recent',
      pageId: ACME.id,
      psid: IGSID.recent,
      platform: 'instagram',
      username: 'insta.shopper',
      customerName: 'insta.shopper',
      selectedItemId: IG_ITEM.recent,
      messages: [
        { from: 'customer', text: 'Is the blue jacket back in stock?', ageMinutes: 2 * 24 * 60 },
        { from: 'page', text: 'Checking with the warehouse', ageMinutes: 2 * 24 * 60 - 10 },
      ],
    },
    {
      id: 't_ig_late',
      pageId: ACME.id,
      psid: IGSID.late,
      platform: 'instagram',
      username: 'late.buyer',
      customerName: 'Late Buyer',
      selectedItemId: IG_ITEM.late,
      messages: [{ from: 'customer', text: 'Hello?', ageMinutes: 8 * 24 * 60 }],
    },
  );
}
