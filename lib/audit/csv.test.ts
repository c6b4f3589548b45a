import { describe, expect, test } from 'vitest';
import type { PageRecord, StoredAttempt, ThreadRecord } from '../storage/schema';
import { AUDIT_COLUMNS, auditCsv, auditFilename, csvCell } from './csv';

const T0 = Date.parse('2026-05-04T10:00:00Z');

function attempt(over: Partial<StoredAttempt>): StoredAttempt {
  return { requestId: 'r', at: T0, route: 'HUMAN_AGENT', status: 'sent', contentKind: 'text', ...over };
}

function thread(over: Partial<ThreadRecord>): ThreadRecord {
  return {
    pageId: '111',
    psid: '9001',
    customerName: 'Ana',
    selectedItemId: null,
    conversationId: null,
    facts: null,
    attempts: [],
    updatedAt: T0,
    ...over,
  };
}

/** Splits RFC 4180 text into records of cells, honouring quotes (a minimal reader for assertions). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let cell = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(cell);
      records.push(record);
      record = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return records;
}

describe('csvCell', () => {
  test.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("x")', `"'=HYPERLINK(""x"")"`],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['a=b', 'a=b'],
    [null, ''],
    [undefined, ''],
    [190, '190'],
  ])('%j → %j', (input, expected) => {
    expect(csvCell(input)).toBe(expected);
  });
});

/** The block columns of an attempt no block concerns. */
const NO_BLOCK = ['', '', '', '', ''];

describe('auditCsv', () => {
  const pages = [{ id: '111', name: 'Shop, Inc.' }];

  test('one row per attempt, oldest first, with the documented columns and CRLF line ends', () => {
    const csv = auditCsv(
      [
        thread({
          attempts: [
            attempt({ at: T0 + 60_000, status: 'failed', route: 'CUSTOMER_FEEDBACK', error: { kind: 'token_invalid', retryable: false, code: 190 } }),
            attempt({ at: T0, messageId: 'm_abc' }),
          ],
        }),
        thread({
          pageId: '222',
          psid: '9002',
          customerName: null,
          attempts: [attempt({ at: T0 + 30_000, status: 'failed', error: { kind: 'window_closed', retryable: false, code: 10, subcode: 2018278 } })],
        }),
      ],
      pages,
    );
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\r\n')).toHaveLength(5);
    const records = parseCsv(csv);
    expect(records[0]).toEqual([...AUDIT_COLUMNS]);
    expect(records.slice(1)).toEqual([
      ['2026-05-04T10:00:00.000Z', '111', 'Shop, Inc.', 'Ana', '9001', 'HUMAN_AGENT', 'sent', 'm_abc', '', '', '', '', 'r', '', 'messenger', ...NO_BLOCK, ''],
      [
        '2026-05-04T10:00:30.000Z',
        '222',
        '',
        '',
        '9002',
        'HUMAN_AGENT',
        'failed',
        '',
        'window_closed',
        '10',
        '2018278',
        '',
        'r',
        '',
        'messenger',
        ...NO_BLOCK,
        '',
      ],
      [
        '2026-05-04T10:01:00.000Z',
        '111',
        'Shop, Inc.',
        'Ana',
        '9001',
        'CUSTOMER_FEEDBACK',
        'failed',
        '',
        'token_invalid',
        '190',
        '',
        '',
        'r',
        '',
        'messenger',
        ...NO_BLOCK,
        '',
      ],
    ]);
  });

  test('says how an unknown send was reconciled, and which attempt an explicit resend sent again', () => {
    const csv = auditCsv(
      [
        thread({
          attempts: [
            attempt({
              requestId: 'first',
              status: 'unknown',
              error: { kind: 'maybe_processed', retryable: false, code: 2 },
              reconciliation: { state: 'not_found', reads: 3 },
            }),
            attempt({ requestId: 'second', at: T0 + 200_000, retryOf: 'first', messageId: 'm_2' }),
            attempt({
              requestId: 'third',
              at: T0 + 400_000,
              status: 'sent',
              messageId: 'm_3',
              error: { kind: 'timeout', retryable: false },
              reconciliation: { state: 'found', reads: 1 },
            }),
          ],
        }),
      ],
      pages,
    );
    const rows = parseCsv(csv)
      .slice(1)
      .map((cells) => [cells[6], cells[8], ...cells.slice(11, 14)]);
    expect(rows).toEqual([
      ['unknown', 'maybe_processed', 'not_found', 'first', ''],
      ['sent', '', '', 'second', 'first'],
      ['sent', 'timeout', 'found', 'third', ''],
    ]);
  });

  test("the platform column: an Instagram thread's attempt names it (its psid is the IGSID)", () => {
    const csv = auditCsv(
      [
        thread({ psid: '17850000000000001', customerName: 'insta.shopper', platform: 'instagram', attempts: [attempt({ messageId: 'm_ig' })] }),
        thread({ attempts: [attempt({ at: T0 + 1000 })] }),
      ],
      pages,
    );
    const records = parseCsv(csv);
    expect(records[0]![14]).toBe('platform');
    expect(records.slice(1).map((cells) => [cells[3], cells[4], cells[14]])).toEqual([
      ['insta.shopper', '17850000000000001', 'instagram'],
      ['Ana', '9001', 'messenger'],
    ]);
  });

  test('says plainly when a first message showed up after its resend: the customer got it twice', () => {
    const csv = auditCsv(
      [
        thread({
          attempts: [
            attempt({
              requestId: 'first',
              messageId: 'm_1',
              reconciliation: { state: 'found', reads: 5 },
              doubleDelivery: { messageId: 'm_1', foundAt: T0 + 3_600_000 },
            }),
            attempt({ requestId: 'again', at: T0 + 700_000, retryOf: 'first', messageId: 'm_2' }),
          ],
        }),
      ],
      pages,
    );
    const records = parseCsv(csv);
    expect(records[0]!.at(-1)).toBe('double_delivery');
    expect(records.slice(1).map((cells) => [cells[12], cells[13], cells.at(-1)])).toEqual([
      ['first', '', 'yes'],
      ['again', 'first', ''],
    ]);
  });

  test('a customer name crafted as a formula is neutralised', () => {
    const csv = auditCsv([thread({ customerName: '=cmd|" /C calc"!A0', attempts: [attempt({})] })], pages);
    const records = parseCsv(csv);
    expect(records[1]![3]).toBe(`'=cmd|" /C calc"!A0`);
  });

  test('a Page record passed in whole never leaks its access token', () => {
    const token = 'EAAGm0PX4ZCpsBAsecretTOKEN123';
    const record: PageRecord = { id: '111', name: 'Shop', token, status: 'connected', checkedAt: T0, managed: false };
    const csv = auditCsv([thread({ attempts: [attempt({}), attempt({ status: 'failed' })] })], [record]);
    expect(csv).toContain('Shop');
    expect(csv).not.toContain(token);
  });

  test('refusals that mean stop: the block a refusal started, the sends it refused, and the Page block with its clear', () => {
    const since = T0 + 60_000;
    const csv = auditCsv(
      [
        thread({
          attempts: [
            attempt({
              requestId: 'a',
              at: T0,
              status: 'failed',
              error: { kind: 'person_unavailable', retryable: false, code: 551, subcode: 1545041 },
              block: { scope: 'person', since: T0 },
            }),
            attempt({ requestId: 'b', at: T0 + 1000, status: 'blocked', reason: 'person_blocked', block: { scope: 'person', since: T0 } }),
            attempt({ requestId: 'c', at: since + 1000, status: 'blocked', reason: 'page_blocked', block: { scope: 'page', since, until: since + 3_600_000 } }),
          ],
        }),
      ],
      pages,
      [
        {
          pageId: '111',
          scope: 'page',
          code: 10,
          subcode: 1893063,
          kind: 'page_restricted',
          since,
          until: since + 3_600_000,
          requestId: 'z',
          clearedAt: since + 600_000,
        },
      ],
    );
    const rows = parseCsv(csv)
      .slice(1)
      .map((cells) => [cells[6], cells[9], cells[10], ...cells.slice(15, 20)]);
    expect(rows).toEqual([
      ['failed', '551', '1545041', '', 'person', '2026-05-04T10:00:00.000Z', '', ''],
      ['blocked', '', '', 'person_blocked', 'person', '2026-05-04T10:00:00.000Z', '', ''],
      ['page_block', '10', '1893063', 'page_blocked', 'page', '2026-05-04T10:01:00.000Z', '2026-05-04T11:01:00.000Z', '2026-05-04T10:11:00.000Z'],
      ['blocked', '', '', 'page_blocked', 'page', '2026-05-04T10:01:00.000Z', '2026-05-04T11:01:00.000Z', ''],
    ]);
  });

  test('an empty ledger gives only the header', () => {
    expect(auditCsv([], [])).toBe(`${AUDIT_COLUMNS.join(',')}\r\n`);
  });
});

test('auditFilename carries the UTC date', () => {
  expect(auditFilename(T0)).toBe('reopen-audit-2026-05-04.csv');
});
