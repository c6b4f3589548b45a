import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, expect, test } from 'vitest';
import { ActionList } from './ActionList';
import { Overview } from './Overview';

afterEach(cleanup);

// The popup's action lists say which conversations are on Instagram and link to them as Instagram threads.
test('an Instagram row says "Instagram" and opens the Instagram thread; a Messenger row does neither', () => {
  const now = Date.parse('2026-06-03T10:00:00Z');
  const base = { pageId: '111', state: 'human_agent' as const, customerLastMessageAt: now - 2 * 86_400_000, deadline: now + 5 * 86_400_000 };
  render(
    <ActionList
      testId="summary-ready"
      heading="Ready"
      emptyText="None"
      total={2}
      now={now}
      locale="es"
      rows={[
        { ...base, psid: '17850000000000001', customerName: 'insta.shopper', selectedItemId: '340282366841710301244276034609267626671', platform: 'instagram' },
        { ...base, psid: '9001', customerName: 'Ana', selectedItemId: '100029016673099' },
      ]}
    />,
  );
  const [instagram, messenger] = screen.getAllByTestId('summary-row');
  expect(instagram!.textContent).toContain('Instagram');
  expect(instagram!.getAttribute('href')).toContain('thread_type=IG_MESSAGE');
  expect(messenger!.textContent).not.toContain('Instagram');
  expect(messenger!.getAttribute('href')).toContain('thread_type=FB_MESSAGE');
});

test('the overview says how many Messenger and Instagram conversations it scanned, and why Instagram was not', () => {
  const base = {
    pageId: '111',
    state: 'done' as const,
    limit: 400,
    finishedAt: Date.parse('2026-06-03T10:00:00Z'),
    counts: { open: 3, human_agent: 2, closed: 2, unknown: 0 },
  };
  const page = { id: '111', name: 'Acme', status: 'connected' as const, checkedAt: 0, managed: false };
  const { unmount } = render(
    <Overview
      pages={[page]}
      overviews={{ '111': { ...base, scanned: 7, platforms: { messenger: 5, instagram: 2 } } }}
      stalled={{}}
      locale="en"
      timeZone="UTC"
      onScan={() => {}}
      onCancel={() => {}}
    />,
  );
  expect(screen.getByTestId('overview-platforms').textContent).toBe('Messenger: 5 · Instagram: 2');
  expect(screen.queryByTestId('overview-instagram-skipped')).toBeNull();
  unmount();
  render(
    <Overview
      pages={[page]}
      overviews={{
        '111': {
          ...base,
          scanned: 5,
          limit: 200,
          platforms: { messenger: 5, instagram: 0 },
          instagramSkipped: { kind: 'instagram_not_linked', retryable: false },
        },
      }}
      stalled={{}}
      locale="es"
      timeZone="UTC"
      onScan={() => {}}
      onCancel={() => {}}
    />,
  );
  expect(screen.getByTestId('overview-instagram-skipped').textContent).toBe(
    'No se revisó Instagram: Esta página no tiene una cuenta profesional de Instagram vinculada, así que Meta no muestra conversaciones de Instagram para ella.',
  );
});
