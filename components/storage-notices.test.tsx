import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { PageView } from '../lib/pages/view';
import type { StorageNotice } from '../lib/storage/notice';
import { ExpiryBanner } from './inbox/ExpiryBanner';
import { CandidateList } from './inbox/CandidateList';
import { C, installBothCatalogs } from '../tests/support/inbox';
import { Pages } from './options/Pages';
import { Health } from './popup/Health';

// What the agent and the manager read when Reopen's storage fills up, and when a Page's saved record was damaged.

installBothCatalogs();
afterEach(cleanup);

const NEAR: StorageNotice = { level: 'near_full', bytesInUse: 8_912_896, quotaBytes: 10_485_760 };
const FULL: StorageNotice = { level: 'full', bytesInUse: 10_485_760, quotaBytes: 10_485_760 };

function banner(over: { storage?: StorageNotice; failure?: string; locale?: 'en' | 'es' }) {
  const onOpenOptions = vi.fn();
  render(
    <ExpiryBanner
      candidateList={CandidateList}
      locale={over.locale ?? 'en'}
      now={C}
      model={over.failure ? { kind: 'failure', code: over.failure } : { kind: 'loading' }}
      floating={false}
      panelOpen={false}
      choosing={false}
      onOpenPanel={vi.fn()}
      onRetry={vi.fn()}
      onOpenOptions={onOpenOptions}
      onChoose={vi.fn()}
      {...(over.storage ? { storage: over.storage } : {})}
    />,
  );
  return { onOpenOptions };
}

describe('inbox banner', () => {
  test('before the quota: how full, what happens when full, and a way to the options', () => {
    const { onOpenOptions } = banner({ storage: NEAR });
    const line = screen.getByTestId('reopen-storage');
    expect(line.dataset.level).toBe('near_full');
    expect(line.textContent).toContain("Reopen's storage in this browser is 85 % full");
    expect(line.textContent).toContain('cannot record reactivations and so sends none');
    fireEvent.click(screen.getByRole('button', { name: "Open Reopen's options" }));
    expect(onOpenOptions).toHaveBeenCalled();
  });

  test('at the quota, in Spanish', () => {
    banner({ storage: FULL, locale: 'es' });
    expect(screen.getByTestId('reopen-storage').textContent).toContain('El almacenamiento de Reopen en este navegador está lleno');
  });

  test('a request refused for a full storage is explained as such, not as "Reopen is not responding"', () => {
    banner({ failure: 'storage_full' });
    const text = screen.getByTestId('reopen-banner').textContent ?? '';
    expect(text).toContain("Reopen's storage in this browser is full");
    expect(text).not.toContain("isn't responding");
  });

  test('nothing about storage while there is room', () => {
    banner({});
    expect(screen.queryByTestId('reopen-storage')).toBeNull();
  });
});

describe('popup health', () => {
  test('near full and full, with the bytes', () => {
    const { rerender } = render(<Health pages={[]} health={null} warnings={[]} storage={NEAR} locale="en" onOpenOptions={vi.fn()} />);
    expect(screen.getByTestId('storage-usage').textContent).toContain('85 % full (8.5 MB of 10 MB)');
    rerender(<Health pages={[]} health={null} warnings={[]} storage={FULL} locale="es" onOpenOptions={vi.fn()} />);
    expect(screen.getByTestId('storage-usage').dataset.level).toBe('full');
    expect(screen.getByTestId('storage-usage').textContent).toContain('está lleno (10 MB)');
  });
});

describe('options: a Page whose saved record was damaged', () => {
  test('says so and asks to reconnect it (en, es)', () => {
    const page: PageView = { id: '1', name: 'Acme', status: 'needs_reconnect', reconnectReason: 'record_damaged', checkedAt: C, managed: false };
    const props = { pages: [page], timeZone: 'UTC', onConnect: vi.fn(), onPick: vi.fn(), onDisconnect: vi.fn() };
    const { rerender } = render(<Pages {...props} locale="en" />);
    expect(screen.getByTestId('page-status').textContent).toContain('Its saved record in this browser was damaged — reconnect this Page');
    rerender(<Pages {...props} locale="es" />);
    expect(screen.getByTestId('page-status').textContent).toContain('Su registro guardado en este navegador estaba dañado');
  });
});
