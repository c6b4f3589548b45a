// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ACME, HOUR, PSID, startBackground, type TestBackground } from '../../tests/support/background';
import { AUDIT_COLUMNS } from './csv';

// The audit CSV as the popup downloads it (audit.export), from a background whose label sync (issue 22) is on against
// the simulated Custom Labels API: the sync's transitions are rows of it, and the Page token is in none of it, even
// when Meta's answer to a label call echoes the token.

let bg: TestBackground;
afterEach(async () => bg?.close());

const column = (name: (typeof AUDIT_COLUMNS)[number]) => AUDIT_COLUMNS.indexOf(name);

async function exportedRows(background: TestBackground): Promise<{ csv: string; rows: string[][] }> {
  const reply = await background.ask({ type: 'audit.export' });
  expect(reply).toMatchObject({ ok: true });
  const csv = (reply as { value: { csv: string } }).value.csv;
  // No cell of these rows holds a comma, a quote or a line break: a plain split reads them.
  const rows = csv
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  expect(rows[0]).toEqual([...AUDIT_COLUMNS]);
  return { csv, rows: rows.slice(1) };
}

const labelRows = (rows: string[][]) => rows.filter((cells) => cells[column('outcome')] === 'label');

describe('the audit export with Labels in Business Suite on', () => {
  it('has one `label` row per transition the sync made: who, when, from which label to which', async () => {
    bg = await startBackground();
    expect((await bg.services.labels.set(ACME.id, true, 'en')).refusal).toBeUndefined();
    await bg.services.labels.run();
    const transitions = await bg.services.labels.transitions();
    // Bruno (2 days) and Carla (10 days) got their labels.
    expect(transitions.map((transition) => transition.psid).sort()).toEqual([PSID.humanAgent, PSID.closed].sort());

    const { rows } = await exportedRows(bg);
    const labels = labelRows(rows);
    expect(labels).toHaveLength(transitions.length);
    const pick = (cells: string[]) =>
      [cells[column('page_id')], cells[column('psid')], cells[column('label_from')], cells[column('label_to')], cells[column('label_result')]].join(' ');
    expect(labels.map(pick).sort()).toEqual([`${ACME.id} ${PSID.humanAgent} none human_agent written`, `${ACME.id} ${PSID.closed} none closed written`].sort());
    for (const cells of labels) {
      expect(cells[column('time')]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(cells[column('page_name')]).toBe(ACME.name);
      expect(cells[column('platform')]).toBe('messenger');
    }
  });

  it("a label write Meta refuses, its answer echoing the token: a `failed` row with Meta's code, and no token anywhere", async () => {
    bg = await startBackground();
    expect((await bg.services.labels.set(ACME.id, true, 'en')).refusal).toBeUndefined();
    await bg.services.labels.run();
    // Ana wrote an hour before: 21 h later her window closes within 2 h, and reading her labels is refused.
    bg.sim.clock.advance(21 * HOUR + 60_000);
    bg.sim.injectFault({
      kind: 'graph_error',
      match: { method: 'GET', pathIncludes: `/${PSID.open}/custom_labels` },
      count: 5,
      error: { code: 200, error_subcode: 2018065, message: `Permissions error (access_token=${ACME.token})` },
    });
    await bg.services.labels.run();

    const { csv, rows } = await exportedRows(bg);
    const failed = labelRows(rows).filter((cells) => cells[column('label_result')] === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]![column('psid')]).toBe(PSID.open);
    expect(failed[0]![column('label_to')]).toBe('closing');
    expect(failed[0]![column('error_code')]).toBe('200');
    expect(failed[0]![column('error_subcode')]).toBe('2018065');
    expect(failed[0]![column('error_kind')]).not.toBe('');
    // The sync kept Meta's words without the token; the export keeps none of them, nor the token.
    const kept = (await bg.services.labels.transitions()).find((transition) => transition.result === 'failed');
    expect(kept?.error?.metaMessage).toContain('[token]');
    expect(csv).not.toContain(ACME.token);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(ACME.token);
  });
});
