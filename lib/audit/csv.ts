import type { LabelTransition, PageBlockRecord, ThreadRecord } from '../storage/schema';

// The audit export: one row per reactivation attempt (and per Page block and label transition), for a manager's
// spreadsheet or a compliance review.
// It is opened in spreadsheet programs, so cells are RFC 4180 quoted and guarded against formula injection
// (a customer's display name is text someone else chose). Page records carry the access token; only
// their id and name are ever read here.

export const AUDIT_COLUMNS = [
  'time',
  'page_id',
  'page_name',
  'customer',
  'psid',
  'route',
  'outcome',
  'message_id',
  'error_kind',
  'error_code',
  'error_subcode',
  // For an attempt Meta's answer left `unknown`: what reading the conversation found (checking, found, not_found,
  // unchecked); `found` attempts show as sent. And for an explicit resend, the request id it sent again.
  'reconciliation',
  'request_id',
  'retry_of',
  // Appended (spreadsheets rely on the columns before it): messenger, or instagram for Instagram Direct threads,
  // whose `psid` column holds the IGSID.
  'platform',
  // Appended: refusals that mean stop (DESIGN.md §1). On a `failed` attempt, the block Meta's answer started; on a
  // `blocked` one, the block that refused it (`block_reason`: person_blocked / page_blocked, or any other reason a
  // send was refused before Meta). One row per Page block too (outcome `page_block`, no customer), with when a manager
  // cleared it.
  'block_reason',
  'block_scope',
  'block_since',
  'block_until',
  'block_cleared',
  // Appended: `yes` on an attempt whose message showed up after the agent sent it again ("It did not arrive — send
  // again"): the customer got it twice (the resend is the row whose retry_of names it).
  'double_delivery',
  // Appended: Labels in Business Suite (issue 22). One row per label transition the sync made or tried (outcome
  // `label`, platform messenger): the person's Reopen label before (`none`: no Reopen label) and after, `written` or
  // `failed`; a failed one carries Meta's error in error_kind / error_code / error_subcode.
  'label_from',
  'label_to',
  'label_result',
] as const;

type AuditCells = Partial<Record<(typeof AUDIT_COLUMNS)[number], string | number | null | undefined>>;

/** A label transition of one Page, as the label sync keeps it (lib/labels/service.ts `transitions()`). */
export type AuditLabelTransition = LabelTransition & { pageId: string };

/** Cells a spreadsheet would evaluate as a formula (or a DDE call) get a leading apostrophe. */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());

/** Reopen's label of a person as the audit names it: the state, or `none`. */
const labelName = (state: LabelTransition['from']) => state ?? 'none';

export function auditCsv(
  threads: ThreadRecord[],
  pages: ReadonlyArray<{ id: string; name: string }>,
  pageBlocks: readonly PageBlockRecord[] = [],
  labelTransitions: readonly AuditLabelTransition[] = [],
): string {
  const pageNames = new Map<string, string>();
  for (const page of pages) pageNames.set(page.id, page.name);
  // The customer's name on a label row, when this browser has the Messenger thread.
  const customerNames = new Map<string, string>();
  for (const thread of threads) {
    if (thread.platform !== 'instagram' && thread.customerName) customerNames.set(`${thread.pageId}:${thread.psid}`, thread.customerName);
  }

  // Each row names its cells by column; a column a row kind does not use stays empty (a new column needs no blank
  // added to every other kind).
  const rows: { at: number; cells: AuditCells }[] = [];
  for (const thread of threads) {
    for (const attempt of thread.attempts) {
      rows.push({
        at: attempt.at,
        cells: {
          time: new Date(attempt.at).toISOString(),
          page_id: thread.pageId,
          page_name: pageNames.get(thread.pageId) ?? '',
          customer: thread.customerName,
          psid: thread.psid,
          route: attempt.route,
          outcome: attempt.status,
          message_id: attempt.messageId,
          error_kind: attempt.error?.kind,
          error_code: attempt.error?.code,
          error_subcode: attempt.error?.subcode,
          reconciliation: attempt.reconciliation?.state,
          request_id: attempt.requestId,
          retry_of: attempt.retryOf,
          platform: thread.platform ?? 'messenger',
          block_reason: attempt.status === 'blocked' ? attempt.reason : undefined,
          block_scope: attempt.block?.scope,
          block_since: iso(attempt.block?.since),
          block_until: iso(attempt.block?.until),
          double_delivery: attempt.doubleDelivery ? 'yes' : '',
        },
      });
    }
  }
  for (const block of pageBlocks) {
    rows.push({
      at: block.since,
      cells: {
        time: iso(block.since),
        page_id: block.pageId,
        page_name: pageNames.get(block.pageId) ?? '',
        outcome: 'page_block',
        error_kind: block.kind,
        error_code: block.code,
        error_subcode: block.subcode,
        request_id: block.requestId,
        block_reason: 'page_blocked',
        block_scope: 'page',
        block_since: iso(block.since),
        block_until: iso(block.until),
        block_cleared: iso(block.clearedAt),
      },
    });
  }
  for (const transition of labelTransitions) {
    rows.push({
      at: transition.at,
      cells: {
        time: iso(transition.at),
        page_id: transition.pageId,
        page_name: pageNames.get(transition.pageId) ?? '',
        customer: customerNames.get(`${transition.pageId}:${transition.psid}`) ?? '',
        psid: transition.psid,
        outcome: 'label',
        error_kind: transition.error?.kind,
        error_code: transition.error?.code,
        error_subcode: transition.error?.subcode,
        platform: 'messenger',
        label_from: labelName(transition.from),
        label_to: labelName(transition.to),
        label_result: transition.result,
      },
    });
  }
  rows.sort((a, b) => a.at - b.at);

  const lines = [AUDIT_COLUMNS.join(','), ...rows.map((row) => AUDIT_COLUMNS.map((column) => csvCell(row.cells[column])).join(','))];
  // RFC 4180: CRLF after every record, the last included.
  return lines.map((line) => `${line}\r\n`).join('');
}

/** A file name that sorts by date and says what it is. */
export function auditFilename(now: number): string {
  return `reopen-audit-${new Date(now).toISOString().slice(0, 10)}.csv`;
}
