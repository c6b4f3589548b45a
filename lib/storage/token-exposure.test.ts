// @vitest-environment node
import { afterEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { onWorkerStart } from '../../entrypoints/background/lifecycle';
import { ACME, clickSend, startBackground, type TestBackground } from '../../tests/support/background';

// The Firefox build's storage model: Firefox has no storage.local.setAccessLevel, so a content script on the
// inbox can read ALL of storage.local. The token is safe only if nothing in storage.local holds it — after a
// connect, after the one-time migration of an older version's list, after a damaged Page record was quarantined
// — and if no reply a content script may ask for carries it. The token lives in the extension origin's
// IndexedDB (lib/storage/vault.ts), which a content script (page origin) cannot open.

let bg: TestBackground;
afterEach(async () => bg?.close());

/** Every key and value of storage.local, as a content script on Firefox could read them. */
const everythingInLocal = async () => JSON.stringify(await fakeBrowser.storage.local.get(null));

async function everythingAnExtensionPageCanExport(b: TestBackground): Promise<string> {
  const settings = await b.ask({ type: 'settings.export' });
  const audit = await b.ask({ type: 'audit.export' });
  const summary = await b.ask({ type: 'summary.get' });
  const pages = await b.ask({ type: 'pages.list' });
  const labels = await b.ask({ type: 'labels.status' });
  return JSON.stringify([settings, audit, summary, pages, labels]);
}

describe('a content script cannot obtain a Page token (storage.local fully readable, as on Firefox)', () => {
  it('after connecting a Page and sending with it, no key or value of storage.local holds the token', async () => {
    bg = await startBackground();
    const reply = await clickSend(bg);
    // The token was found (in the vault) and used: Meta's simulator accepted the send.
    expect(reply).toMatchObject({ ok: true, value: { outcome: 'sent' } });
    expect(bg.posts()).toHaveLength(1);
    expect(await everythingInLocal()).not.toContain(ACME.token);
    expect(await everythingAnExtensionPageCanExport(bg)).not.toContain(ACME.token);
  });

  it('labels in Business Suite: a Meta error that echoes the token is kept and shown without it', async () => {
    bg = await startBackground();
    expect((await bg.services.labels.set(ACME.id, true, 'en')).refusal).toBeUndefined();
    bg.sim.injectFault({
      kind: 'graph_error',
      match: { method: 'GET', pathIncludes: '/custom_labels' },
      count: 5,
      error: { code: 100, message: `Invalid OAuth access token - ${ACME.token}` },
    });
    await bg.services.labels.run();
    const [view] = await bg.services.labels.status();
    expect(view!.lastError?.error.code).toBe(100);
    expect(await everythingInLocal()).not.toContain(ACME.token);
    expect(await everythingAnExtensionPageCanExport(bg)).not.toContain(ACME.token);
  });

  it('an older version’s list with the token in storage.local is migrated at the worker start, and sends still work', async () => {
    bg = await startBackground({ connect: [] });
    await fakeBrowser.storage.local.set({
      pages: [{ id: ACME.id, name: ACME.name, token: ACME.token, status: 'connected', checkedAt: 1, managed: false }],
    });
    const restarted = bg.restart();
    expect(await onWorkerStart(restarted.services)).toMatchObject({ tokensMoved: 1 });
    expect(await everythingInLocal()).not.toContain(ACME.token);
    expect(await clickSend(restarted)).toMatchObject({ ok: true, value: { outcome: 'sent' } });
  });

  it('a damaged Page record: quarantined without the token (nor in the export), the options say reconnect, nothing is sent', async () => {
    bg = await startBackground();
    const [entry] = (await fakeBrowser.storage.local.get('pages')).pages as Record<string, unknown>[];
    // Damaged, and as an older version wrote it: with its token.
    await fakeBrowser.storage.local.set({ pages: [{ ...entry, token: ACME.token, status: 'connected?' }] });
    const pages = await bg.ask({ type: 'pages.list' });
    expect(pages).toMatchObject({ ok: true, value: { pages: [{ id: ACME.id, status: 'needs_reconnect', reconnectReason: 'record_damaged' }] } });
    expect((await bg.services.store.quarantined()).length).toBe(1);
    expect(await everythingInLocal()).not.toContain(ACME.token);
    expect(await everythingAnExtensionPageCanExport(bg)).not.toContain(ACME.token);
    const reply = await clickSend(bg);
    expect(reply).toMatchObject({ ok: true, value: { outcome: 'failed', error: { kind: 'token_invalid' } } });
    expect(bg.posts()).toHaveLength(0);
  });

  it('a damaged thread record holding a token under a key that does not name one: the quarantined copy keeps neither the Page’s token nor a token-shaped string', async () => {
    bg = await startBackground();
    const otherToken = `EAAG${'x7Q'.repeat(60)}`;
    const key = `thread:${ACME.id}:damaged-psid`;
    await fakeBrowser.storage.local.set({
      [key]: { attempts: 'broken', auth: ACME.token, note: `pasted ${otherToken} here`, nested: [{ secret: otherToken }] },
    });
    await bg.services.store.getThread(ACME.id, 'damaged-psid');
    const copies = await bg.services.store.quarantined();
    expect(copies).toHaveLength(1);
    // The copy is still there for support, minus the secrets.
    expect(JSON.stringify(copies[0]!.value)).toContain('[redacted]');
    expect(await everythingInLocal()).not.toContain(ACME.token);
    expect(await everythingInLocal()).not.toContain(otherToken);
    expect(await everythingAnExtensionPageCanExport(bg)).not.toContain(otherToken);
  });

  it('a copy quarantined by an older version with a token-shaped string under any key is scrubbed at the worker start', async () => {
    bg = await startBackground();
    const otherToken = `EAAG${'k9Z'.repeat(60)}`;
    await fakeBrowser.storage.local.set({ [`quarantine:thread:${ACME.id}:old:1700000000000`]: { pat: otherToken } });
    await onWorkerStart(bg.services);
    expect(await everythingInLocal()).not.toContain(otherToken);
  });
});
