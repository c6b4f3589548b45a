import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_PROMO_TERMS } from '../policy';
import { migrateValue } from './migrations';
import { pruneExpiredRecords } from './retention';
import type { StoredAttempt, ThreadRecord } from './schema';
import { createStore, DEFAULT_SETTINGS, emptyThread } from './store';

const NOW = Date.parse('2026-07-12T12:00:00Z');
const DAY = 86_400_000;
const store = () => createStore({ now: () => NOW });

const attempt = (at: number, status: StoredAttempt['status'] = 'sent'): StoredAttempt => ({
  requestId: `r-${at}-${status}`,
  at,
  route: 'HUMAN_AGENT',
  status,
  contentKind: 'text',
});
const thread = (psid: string, attempts: StoredAttempt[], updatedAt = NOW): ThreadRecord => ({
  ...emptyThread('p1', psid, updatedAt),
  attempts,
});

beforeEach(() => fakeBrowser.reset());

describe('storage items', () => {
  it('settings default to v25.0, the browser language, 90 days, the default promo terms, 120 minutes', async () => {
    expect(await store().getSettings()).toEqual({
      graphVersion: 'v25.0',
      language: 'browser',
      retentionDays: 90,
      promoTerms: [...DEFAULT_PROMO_TERMS],
      closesSoonMinutes: 120,
    });
  });

  it('keeps one key per thread with its version, and lists every thread', async () => {
    const s = store();
    await s.updateThread('p1', 'a', () => thread('a', [attempt(NOW)]));
    await s.updateThread('p1', 'b', () => thread('b', []));
    const all = await fakeBrowser.storage.local.get(null);
    expect(
      Object.keys(all)
        .filter((key) => key.startsWith('thread:'))
        .sort(),
    ).toEqual(['thread:p1:a', 'thread:p1:a$', 'thread:p1:b', 'thread:p1:b$']);
    expect(all['thread:p1:a$']).toEqual({ v: 1 });
    expect((await s.listThreads()).map((record) => record.psid).sort()).toEqual(['a', 'b']);
  });

  it('serializes writes to one thread so concurrent updates are not lost', async () => {
    const s = store();
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        s.updateThread('p1', 'a', (current) => ({ ...(current ?? thread('a', [])), attempts: [...(current?.attempts ?? []), attempt(NOW + index)] })),
      ),
    );
    expect((await s.getThread('p1', 'a'))?.attempts).toHaveLength(10);
  });
});

describe('quarantine of unreadable values', () => {
  it('a broken thread keeps every attempt (an unreadable one as unknown, which holds the cooldown), the original is kept aside, a warning is raised', async () => {
    const broken = { pageId: 'p1', psid: 'a', attempts: [attempt(NOW - 1000), { at: 'yesterday' }], updatedAt: 'soon' };
    await fakeBrowser.storage.local.set({ 'thread:p1:a': broken });
    const s = store();
    const record = await s.getThread('p1', 'a');
    // No time left anywhere in the record: "now" is the safe side of a cooldown.
    expect(record?.attempts).toEqual([
      attempt(NOW - 1000),
      expect.objectContaining({ status: 'unknown', at: NOW, error: { kind: 'record_damaged', retryable: false } }),
    ]);
    const warnings = await s.warnings();
    expect(warnings).toMatchObject([{ key: 'thread:p1:a', quarantineKey: `quarantine:thread:p1:a:${NOW}`, recovery: 'salvaged', at: NOW }]);
    expect(warnings[0]!.issues.join(' ')).toContain('updatedAt');
    expect(await fakeBrowser.storage.local.get(`quarantine:thread:p1:a:${NOW}`)).toEqual({ [`quarantine:thread:p1:a:${NOW}`]: broken });
    // Reading again is clean: no crash loop, no second warning.
    await s.getThread('p1', 'a');
    expect(await s.warnings()).toHaveLength(1);
  });

  it('a thread unreadable as a whole is kept (its key names it) with one unknown attempt that holds the cooldown, and a warning', async () => {
    await fakeBrowser.storage.local.set({ 'thread:p1:a': 'garbage', 'thread:p1:b': thread('b', []) });
    const s = store();
    expect((await s.listThreads()).map((record) => record.psid).sort()).toEqual(['a', 'b']);
    expect(await s.getThread('p1', 'a')).toMatchObject({
      pageId: 'p1',
      psid: 'a',
      attempts: [{ status: 'unknown', at: NOW, error: { kind: 'record_damaged' } }],
    });
    expect(await s.warnings()).toMatchObject([{ key: 'thread:p1:a', recovery: 'salvaged' }]);
    expect((await s.quarantined()).map((entry) => entry.value)).toEqual(['garbage']);
  });

  it('a thread whose attempt list reads as empty had nothing to keep: removed, with a warning', async () => {
    await fakeBrowser.storage.local.set({ 'thread:p1:a': { attempts: [], facts: 'broken' } });
    const s = store();
    expect(await s.getThread('p1', 'a')).toBeNull();
    expect(await s.warnings()).toMatchObject([{ key: 'thread:p1:a', recovery: 'default' }]);
  });

  it('broken settings keep their valid fields and fall back to defaults for the rest', async () => {
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, retentionDays: 30, language: 'klingon' } });
    const settings = await store().getSettings();
    expect(settings).toMatchObject({ retentionDays: 30, language: 'browser' });
    expect(await store().warnings()).toMatchObject([{ key: 'settings', recovery: 'salvaged', issues: ['language: invalid_value'] }]);
  });

  it('a broken Page entry is dropped, the other Pages stay', async () => {
    const good = { id: '1', name: 'A', token: 't', status: 'connected', checkedAt: 1, managed: false };
    await fakeBrowser.storage.local.set({ pages: [good, { id: 2 }] });
    expect(await store().getPages()).toEqual([good]);
  });
});

describe('migrations', () => {
  it('runs each step from the stored version up, in order', () => {
    const steps = { 2: (old: { n: number }) => ({ n: old.n + 1, v2: true }), 3: (old: { n: number }) => ({ ...old, n: old.n * 10 }) };
    expect(migrateValue({ n: 1 }, 1, 3, steps)).toEqual({ n: 20, v2: true });
    expect(migrateValue({ n: 1 }, 2, 3, steps)).toEqual({ n: 10 });
    expect(() => migrateValue({ n: 1 }, 4, 3, steps)).toThrow(/newer/);
  });
});

describe('retention pruning', () => {
  it('drops attempts and idle threads older than the retention period, keeps the rest', async () => {
    const s = store();
    await s.updateThread('p1', 'old', () => thread('old', [attempt(NOW - 100 * DAY)], NOW - 100 * DAY));
    await s.updateThread('p1', 'mixed', () => thread('mixed', [attempt(NOW - 100 * DAY), attempt(NOW - DAY)], NOW - DAY));
    await s.updateThread('p1', 'recent', () => thread('recent', [], NOW - DAY));
    const report = await pruneExpiredRecords(s, NOW, 90);
    expect(report).toMatchObject({ attemptsRemoved: 2, threadsRemoved: 1 });
    expect(await s.getThread('p1', 'old')).toBeNull();
    expect((await s.getThread('p1', 'mixed'))?.attempts).toEqual([attempt(NOW - DAY)]);
    expect(await s.getThread('p1', 'recent')).not.toBeNull();
  });

  it('never shortens a cooldown: an attempt from the last 24 h survives the shortest retention', async () => {
    const s = store();
    await s.updateThread('p1', 'a', () => thread('a', [attempt(NOW - 23 * 3_600_000, 'unknown')], NOW - 2 * DAY));
    await pruneExpiredRecords(s, NOW, 1);
    expect((await s.getThread('p1', 'a'))?.attempts).toHaveLength(1);
  });
});
