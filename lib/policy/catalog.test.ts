import en from '../../locales/en/routes';
import es from '../../locales/es/routes';
import { describe, expect, test } from 'vitest';
import { ROUTES, TAG_RETIREMENT_AT, routeById } from './catalog';
import type { RouteId } from './types';

describe('ROUTES', () => {
  test('lists every route in display order', () => {
    expect(ROUTES.map((route) => route.id)).toEqual([
      'HUMAN_AGENT',
      'CUSTOMER_FEEDBACK',
      'UTILITY',
      'ACCOUNT_UPDATE',
      'CONFIRMED_EVENT_UPDATE',
      'POST_PURCHASE_UPDATE',
    ]);
  });

  test('the three retired tags are dated 2026-04-27 and point to utility messages', () => {
    expect(TAG_RETIREMENT_AT).toBe(Date.UTC(2026, 3, 27));
    for (const id of ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'] as const) {
      expect(routeById(id)).toMatchObject({ retiredOn: TAG_RETIREMENT_AT, replacement: 'UTILITY', limitMs: null, tag: id });
    }
  });

  test('the 7-day tags and the utility message are active', () => {
    expect(routeById('HUMAN_AGENT')).toMatchObject({ tag: 'HUMAN_AGENT', content: 'text', limitMs: 7 * 86_400_000, retiredOn: null });
    expect(routeById('CUSTOMER_FEEDBACK')).toMatchObject({ content: 'feedback', limitMs: 7 * 86_400_000, retiredOn: null });
    expect(routeById('UTILITY')).toMatchObject({ tag: null, messagingType: 'UTILITY', content: 'utility', limitMs: null });
    expect(en['route.UTILITY.requirement']).toContain('pages_utility_messaging');
    expect(en['route.HUMAN_AGENT.requirement']).toContain('Human Agent permission');
    expect(es['route.HUMAN_AGENT.requirement']).toContain('Human Agent');
    for (const route of ROUTES) expect(`route.${route.id}.requirement` in en, route.id).toBe(route.requirement);
  });

  test.each(ROUTES.map((route) => [route.id, route] as const))('%s explains itself in both languages and forbids promotions', (_id, route) => {
    for (const part of ['uses', 'notAllowed'] as const) {
      const key = `route.${route.id}.${part}` as const;
      expect(en[key].length).toBeGreaterThan(0);
      expect(es[key].split('\n')).toHaveLength(en[key].split('\n').length);
    }
    expect(en[`route.${route.id}.notAllowed`]).toMatch(/promotion/i);
    expect(es[`route.${route.id}.notAllowed`]).toMatch(/promoci/i);
    expect(route.messagingType).toBe(route.tag === null ? 'UTILITY' : 'MESSAGE_TAG');
  });

  test('routeById refuses an id outside the catalog', () => {
    expect(() => routeById('MARKETING' as RouteId)).toThrow(/MARKETING/);
  });
});
