import { describe, expect, it } from 'vitest';
import { parseUsageHeaders, usageForPage } from './usage';

const headers = (values: Record<string, string>) => new Headers(values);

describe('parseUsageHeaders', () => {
  it('takes the highest figure of each business object and of all of them', () => {
    const usage = parseUsageHeaders(
      headers({
        'X-Business-Use-Case-Usage': JSON.stringify({
          '111': [{ type: 'messenger', call_count: 28, total_cputime: 15, total_time: 12, estimated_time_to_regain_access: 0 }],
          '222': [
            { type: 'pages', call_count: 5, total_cputime: 91, total_time: 3, estimated_time_to_regain_access: 0 },
            { type: 'messenger', call_count: 100, total_cputime: 2, total_time: 2, estimated_time_to_regain_access: 7 },
          ],
        }),
      }),
    );
    expect(usage).toEqual({
      maxPercent: 100,
      regainAccessMinutes: 7,
      objects: { '111': { maxPercent: 28, regainAccessMinutes: 0 }, '222': { maxPercent: 100, regainAccessMinutes: 7 } },
    });
    expect(usageForPage(usage!, '111')).toEqual({ maxPercent: 28, regainAccessMinutes: 0 });
    expect(usageForPage(usage!, '999')).toMatchObject({ maxPercent: 100, regainAccessMinutes: 7 });
  });

  it('reads X-App-Usage and the legacy X-Page-Usage', () => {
    expect(parseUsageHeaders(headers({ 'x-app-usage': '{"call_count":12,"total_cputime":40,"total_time":9}' }))).toEqual({
      maxPercent: 40,
      regainAccessMinutes: 0,
    });
    expect(parseUsageHeaders(headers({ 'x-app-usage': '{"call_count":12}', 'x-page-usage': '{"call_count":3,"total_time":55}' }))).toEqual({
      maxPercent: 55,
      regainAccessMinutes: 0,
    });
  });

  it('uses what a partial header gives', () => {
    expect(parseUsageHeaders(headers({ 'x-business-use-case-usage': '{"1":[{"type":"messenger","total_time":64}]}' }))).toEqual({
      maxPercent: 64,
      regainAccessMinutes: 0,
      objects: { '1': { maxPercent: 64, regainAccessMinutes: 0 } },
    });
    expect(parseUsageHeaders(headers({ 'x-business-use-case-usage': '{"1":[{"estimated_time_to_regain_access":12}]}' }))).toMatchObject({
      maxPercent: 0,
      regainAccessMinutes: 12,
    });
    // One readable header is enough when another is broken.
    expect(parseUsageHeaders(headers({ 'x-business-use-case-usage': '{oops', 'x-app-usage': '{"call_count":7}' }))).toEqual({
      maxPercent: 7,
      regainAccessMinutes: 0,
    });
  });

  it.each([
    ['no header', {}],
    ['not JSON', { 'x-business-use-case-usage': 'call_count=28' }],
    ['an array', { 'x-business-use-case-usage': '[1,2]' }],
    ['objects without lists', { 'x-business-use-case-usage': '{"1":{"call_count":5}}' }],
    ['text figures', { 'x-app-usage': '{"call_count":"28"}' }],
    ['negative or infinite figures', { 'x-app-usage': '{"call_count":-4,"total_time":1e999}' }],
    ['null', { 'x-app-usage': 'null' }],
  ])('gives null for %s, without throwing', (_, values) => {
    expect(parseUsageHeaders(headers(values as Record<string, string>))).toBeNull();
  });
});
