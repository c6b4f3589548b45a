import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createStore } from '../storage/store';
import { EMPTY_MANAGED_CONFIG, parseManagedConfig, readManagedConfig, type ManagedConfig } from './managed';
import { createSettingsService } from './service';

const NOW = Date.parse('2026-07-12T12:00:00Z');
const TOKEN = 'EAAB-secret-token';

function service(managed: ManagedConfig = EMPTY_MANAGED_CONFIG) {
  const store = createStore({ now: () => NOW });
  return { store, settings: createSettingsService({ store, managed: async () => managed, now: () => NOW }) };
}

beforeEach(() => fakeBrowser.reset());

describe('settings', () => {
  it('set applies a patch and returns the view', async () => {
    const { settings } = service();
    const view = await settings.set({ retentionDays: 30, promoTerms: ['gratis'] });
    expect(view).toMatchObject({ retentionDays: 30, promoTerms: ['gratis'], graphVersion: 'v25.0', locked: [] });
    expect(await settings.get()).toEqual(view);
  });

  it('an administrator’s values win and are locked: a patch cannot change them', async () => {
    const { settings } = service({ pages: [], settings: { graphVersion: 'v24.0', retentionDays: 365 } });
    const view = await settings.set({ graphVersion: 'v26.0', retentionDays: 7, language: 'es' });
    expect(view).toMatchObject({ graphVersion: 'v24.0', retentionDays: 365, language: 'es', locked: ['graphVersion', 'retentionDays'] });
  });

  it('exports JSON with a format version and without any token, even in quarantined values', async () => {
    const { settings, store } = service();
    await store.updatePages(() => [{ id: '1', name: 'Acme', token: TOKEN, status: 'connected', checkedAt: 1, managed: false }]);
    await fakeBrowser.storage.local.set({ [`quarantine:pages:${NOW}`]: [{ id: 2, token: TOKEN, note: `copy ${TOKEN}` }] });
    const { json, filename } = await settings.exportJson();
    expect(filename).toBe('reopen-settings-2026-07-12.json');
    expect(json).not.toContain(TOKEN);
    expect(JSON.parse(json)).toMatchObject({ format: 'reopen-settings', version: 1, pages: [{ id: '1', name: 'Acme' }], settings: { retentionDays: 90 } });
  });

  it('import round-trips an export', async () => {
    const first = service();
    await first.settings.set({ closesSoonMinutes: 45, language: 'en' });
    const { json } = await first.settings.exportJson();
    fakeBrowser.reset();
    const second = service();
    expect(await second.settings.importJson(json)).toMatchObject({ closesSoonMinutes: 45, language: 'en' });
  });

  const bad: { name: string; json: string; error: string }[] = [
    { name: 'not JSON', json: '{"format": ', error: 'invalid_json' },
    { name: 'another file', json: '{"hello": 1}', error: 'invalid_settings' },
    { name: 'a future format version', json: '{"format":"reopen-settings","version":2,"settings":{}}', error: 'invalid_settings' },
    { name: 'a bad value', json: '{"format":"reopen-settings","version":1,"settings":{"retentionDays":0}}', error: 'invalid_settings' },
  ];
  for (const row of bad) {
    it(`import of ${row.name} → ${row.error}, nothing changed`, async () => {
      const { settings } = service();
      await settings.set({ retentionDays: 30 });
      const before = await settings.get();
      const reply = await settings.importJson(row.json);
      expect(reply).toMatchObject({ error: row.error, detail: expect.any(String) });
      expect(await settings.get()).toEqual(before);
    });
  }
});

describe('managed policy', () => {
  it('keeps the valid parts of a policy', () => {
    expect(
      parseManagedConfig({
        pages: [{ id: '1', token: 't' }, { id: 2 }],
        settings: { retentionDays: 30, graphVersion: 'latest', extra: true },
      }),
    ).toEqual({ pages: [{ id: '1', token: 't' }], settings: { retentionDays: 30 } });
  });

  it('no managed storage, or one that throws (Firefox without a policy), means no presets', async () => {
    expect(await readManagedConfig(undefined)).toEqual(EMPTY_MANAGED_CONFIG);
    expect(await readManagedConfig({ get: () => Promise.reject(new Error('Managed storage manifest not found')) })).toEqual(EMPTY_MANAGED_CONFIG);
  });
});
