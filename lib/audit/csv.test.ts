import { describe, expect, test } from 'vitest';
import type { PageRecord, StoredAttempt, ThreadRecord } from '../storage/schema';
import { AUDIT_COLUMNS, auditCsv, auditFilename, csvCell, type AuditLabelTransition } from './csv';

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
/** The label columns of a row that is not a label transition. */
const NO_LABEL = ['', '', ''];
/** A column's cell of a parsed record, by the column's name. */
const cell = (cells: string[], column: (typeof AUDIT_COLUMNS)[number]) => cells[AUDIT_COLUMNS.indexOf(column)];

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
      [
        '2026-05-04T10:00:00.000Z',
        '111',
        'Shop, Inc.',
        'Ana',
        '9001',
        'HUMAN_AGENT',
        'sent',
        'm_abc',
        '',
        '',
        '',
        '',
        'r',
        '',
        'messenger',
        ...NO_BLOCK,
        '',
        ...NO_LABEL,
      ],
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
        ...NO_LABEL,
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
        ...NO_LABEL,
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
    expect(records[0]).toContain('double_delivery');
    expect(records.slice(1).map((cells) => [cells[12], cells[13], cell(cells, 'double_delivery')])).toEqual([
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

  describe('label transitions (Labels in Business Suite)', () => {
    const transitions: AuditLabelTransition[] = [
      { pageId: '111', at: T0 + 120_000, psid: '9001', from: 'closing', to: 'human_agent', result: 'written' },
      {
        pageId: '222',
        at: T0 + 180_000,
        psid: '9002',
        from: null,
        to: 'closing',
        result: 'failed',
        error: { kind: 'rate_limited', retryable: true, code: 613, subcode: 1996 },
      },
      { pageId: '111', at: T0 + 240_000, psid: '9001', from: 'human_agent', to: null, result: 'written' },
    ];

    test('the header ends with the label columns, after every column it had', () => {
      expect(AUDIT_COLUMNS.slice(-4)).toEqual(['double_delivery', 'label_from', 'label_to', 'label_result']);
      expect(AUDIT_COLUMNS.slice(0, 3)).toEqual(['time', 'page_id', 'page_name']);
    });

    test('one `label` row per transition, in time order with the attempts: the labels before and after, written', () => {
      const csv = auditCsv([thread({ attempts: [attempt({ at: T0 + 200_000, messageId: 'm_1' })] })], pages, [], transitions);
      const records = parseCsv(csv);
      expect(records).toHaveLength(5);
      expect(records.slice(1).map((cells) => cell(cells, 'outcome'))).toEqual(['label', 'label', 'sent', 'label']);
      // The person's name comes from the thread this browser has; the other Page's person has none here.
      expect(records[1]).toEqual([
        '2026-05-04T10:02:00.000Z',
        '111',
        'Shop, Inc.',
        'Ana',
        '9001',
        '',
        'label',
        '',
        '',
        '',
        '',
        '',
        '',
        '',
        'messenger',
        ...NO_BLOCK,
        '',
        'closing',
        'human_agent',
        'written',
      ]);
      // A label taken off (the customer wrote again) says so: no Reopen label after.
      expect([cell(records[4]!, 'label_from'), cell(records[4]!, 'label_to'), cell(records[4]!, 'label_result')]).toEqual(['human_agent', 'none', 'written']);
      // The attempt's row leaves the label columns empty.
      expect(records[3]!.slice(-3)).toEqual(NO_LABEL);
    });

    test("a failed transition carries Meta's error kind, code and subcode", () => {
      const records = parseCsv(auditCsv([], pages, [], transitions));
      const failed = records.find((cells) => cell(cells, 'label_result') === 'failed')!;
      expect(failed).toBeDefined();
      expect(
        ['time', 'page_id', 'page_name', 'customer', 'psid', 'error_kind', 'error_code', 'error_subcode', 'label_from', 'label_to'].map((column) =>
          cell(failed, column as (typeof AUDIT_COLUMNS)[number]),
        ),
      ).toEqual(['2026-05-04T10:03:00.000Z', '222', '', '', '9002', 'rate_limited', '613', '1996', 'none', 'closing']);
    });

    test('a PSID crafted as a formula is neutralised on a label row too', () => {
      const records = parseCsv(auditCsv([], pages, [], [{ ...transitions[0]!, psid: '=1+2' }]));
      expect(cell(records[1]!, 'psid')).toBe("'=1+2");
    });
  });

  test('an empty ledger gives only the header', () => {
    expect(auditCsv([], [])).toBe(`${AUDIT_COLUMNS.join(',')}\r\n`);
  });
});

test('auditFilename carries the UTC date', () => {
  expect(auditFilename(T0)).toBe('reopen-audit-2026-05-04.csv');
});
