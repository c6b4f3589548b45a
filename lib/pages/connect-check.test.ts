import { describe, expect, it } from 'vitest';
import en from '../../locales/en';
import es from '../../locales/es';
import type { GraphFailure } from '../graph';
import { CONNECT_REFUSALS, refusalOf } from './connect-check';

const failure = (over: Partial<GraphFailure>): GraphFailure => ({ kind: 'unknown_error', retryable: false, delivery: 'not_sent', ...over });

describe("Connect's refusals in Meta's terms", () => {
  it.each([
    ['190/463 (expired)', 'owner', { kind: 'token_invalid', code: 190, subcode: 463 }, 'connect_token_expired'],
    ['190/467 (session invalidated)', 'owner', { kind: 'token_invalid', code: 190, subcode: 467 }, 'connect_token_invalid'],
    ['a bare 190', 'messaging', { kind: 'token_invalid', code: 190 }, 'connect_token_invalid'],
    ['a token refused before any call', 'owner', { kind: 'token_invalid' }, 'connect_token_invalid'],
    ['2500 on /me (an app token)', 'owner', { code: 2500 }, 'connect_app_token'],
    ['210 on a Page edge', 'messaging', { code: 210 }, 'connect_not_page_token'],
    ['200 on the messaging read', 'messaging', { kind: 'needs_app_review', code: 200 }, 'connect_cannot_message'],
    ['10 on the messaging read', 'messaging', { kind: 'permission_denied', code: 10 }, 'connect_cannot_message'],
    ['230 on the messaging read', 'messaging', { code: 230 }, 'connect_cannot_message'],
    ['an unreadable answer', 'accounts', { kind: 'malformed_response' }, 'connect_unreadable'],
    ['no answer in time', 'owner', { kind: 'timeout', retryable: true }, 'connect_unreachable'],
    ['a dropped connection', 'messaging', { kind: 'network_unknown', retryable: true }, 'connect_unreachable'],
    // Not about the token: the catalog's own words stand.
    ['a rate limit', 'messaging', { kind: 'rate_limited', retryable: true, code: 80006 }, 'rate_limited'],
    ['200 on /me/accounts', 'accounts', { kind: 'needs_app_review', code: 200 }, 'needs_app_review'],
    ['200/1545041 on the read (a person, not a permission)', 'messaging', { kind: 'person_unavailable', code: 200, subcode: 1545041 }, 'person_unavailable'],
  ] as const)('%s at %s is %s, keeping Meta’s code', (_name, step, from, kind) => {
    const view = refusalOf(failure(from), step);
    expect(view.kind).toBe(kind);
    if ('code' in from) expect(view.code).toBe(from.code);
    if ('subcode' in from) expect(view.subcode).toBe(from.subcode);
    expect(view).not.toHaveProperty('delivery');
  });

  it.each(CONNECT_REFUSALS)('%s says what happened and what to do, in English and Spanish', (kind) => {
    for (const catalog of [en, es] as Record<string, string>[]) {
      expect(catalog[`errors.${kind}.explain`], kind).toBeTruthy();
      expect(catalog[`errors.${kind}.next`], kind).toBeTruthy();
    }
  });

  it('names the permission and the task a Page token lacks', () => {
    for (const catalog of [en, es] as Record<string, string>[]) {
      const words = `${catalog['errors.connect_cannot_message.explain']} ${catalog['errors.connect_cannot_message.next']}`;
      expect(words).toContain('pages_messaging');
      expect(words).toContain('MESSAGING');
      expect(catalog['errors.connect_no_messaging_task.explain']).toContain('MESSAGING');
    }
  });
});
