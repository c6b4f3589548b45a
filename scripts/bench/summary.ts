// What opening the manager popup costs on a large ledger: computeSummary over 10 000 threads / 50 000
// attempts, and the popup's first render of that summary.
//
// How it is measured:
// - computeSummary: a generated ledger (fixed seed, every window state, cooldowns, replies, failures),
//   3 warm-up runs for the JIT, then the median of SUMMARY_RUNS timed runs (performance.now()).
// - popupFirstRenderMs: Preact's first synchronous render of the popup's view (ManagerSummary, the same
//   component the popup mounts, with the summary above, 3 Pages and a layout report) into a fresh container
//   of a happy-dom document; the median of RENDER_RUNS mounts, each unmounted afterwards. It counts building
//   the DOM, not browser layout or paint, and not the message round trip to the background.
// Nothing here asserts a speed: the figures are recorded for comparison between versions.

import { h, render } from 'preact';
import { ManagerSummary } from '../../components/popup/ManagerSummary';
import { initialPopupState, type PopupState } from '../../lib/extension-pages/popup-state';
import type { AttemptStatus, RouteId } from '../../lib/policy/types';
import type { PageView } from '../../lib/pages/view';
import type { StoredAttempt, ThreadRecord } from '../../lib/storage/schema';
import { computeSummary } from '../../lib/summary/compute-summary';
import { median, medianMs } from './stats';

const THREADS = 10_000;
const ATTEMPTS_PER_THREAD = 5;
const SUMMARY_RUNS = 15;
const RENDER_RUNS = 15;
const NOW = Date.parse('2026-07-12T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A deterministic ledger: the same figures every run, so medians compare across versions. */
export function generateLedger(threads = THREADS, attemptsPerThread = ATTEMPTS_PER_THREAD): ThreadRecord[] {
  let seed = 20260712;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const statuses: AttemptStatus[] = ['sent', 'sent', 'sent', 'failed', 'unknown', 'pending', 'blocked'];
  const routes: RouteId[] = ['HUMAN_AGENT', 'HUMAN_AGENT', 'CUSTOMER_FEEDBACK', 'UTILITY'];
  const kinds = ['window_closed', 'token_invalid', 'rate_limited', 'person_unavailable'];
  const ledger: ThreadRecord[] = [];
  for (let index = 0; index < threads; index++) {
    const attempts: StoredAttempt[] = [];
    for (let a = 0; a < attemptsPerThread; a++) {
      const status = statuses[Math.floor(random() * statuses.length)]!;
      attempts.push({
        requestId: `r-${index}-${a}`,
        at: NOW - Math.floor(random() * 40 * DAY),
        route: routes[Math.floor(random() * routes.length)]!,
        status,
        contentKind: 'text',
        ...(status === 'sent' ? { messageId: `m_${index}_${a}` } : {}),
        ...(status === 'failed' ? { error: { kind: kinds[Math.floor(random() * kinds.length)]!, retryable: false, code: 10 } } : {}),
      });
    }
    const known = random() > 0.05;
    ledger.push({
      pageId: `10485760000000${index % 3}`,
      psid: String(7_000_000_000_000_000 + index),
      customerName: `Customer ${index}`,
      selectedItemId: String(100_029_016_000_000 + index),
      conversationId: `t_${index}`,
      facts: known
        ? {
            customerLastMessageAt: NOW - Math.floor(random() * 12 * DAY),
            pageLastMessageAt: random() > 0.5 ? NOW - Math.floor(random() * 12 * DAY) : null,
            checkedAt: NOW - HOUR,
          }
        : null,
      attempts,
      updatedAt: NOW,
    });
  }
  return ledger;
}

/** A document to render into: the test environment's, or a fresh happy-dom one when run under plain Node. */
async function benchDocument(): Promise<{ document: Document; restore: () => void }> {
  if (typeof globalThis.document !== 'undefined') return { document: globalThis.document, restore: () => undefined };
  const { Window } = await import('happy-dom');
  const window = new Window();
  const globals = globalThis as Record<string, unknown>;
  globals.document = window.document;
  return {
    document: window.document as unknown as Document,
    restore: () => {
      delete globals.document;
      void window.happyDOM.close();
    },
  };
}

export async function benchSummary(): Promise<Record<string, number>> {
  const ledger = generateLedger();
  const attempts = ledger.reduce((sum, thread) => sum + thread.attempts.length, 0);
  const options = { closesSoonMinutes: 120, timeZone: 'UTC' };

  for (let warm = 0; warm < 3; warm++) computeSummary(ledger, NOW, options);
  const summaryMs = await medianMs(SUMMARY_RUNS, () => computeSummary(ledger, NOW, options));

  const summary = computeSummary(ledger, NOW, options);
  const pages: PageView[] = [0, 1, 2].map((n) => ({
    id: `10485760000000${n}`,
    name: `Page ${n}`,
    status: n === 2 ? 'needs_reconnect' : 'connected',
    checkedAt: NOW - HOUR,
    managed: false,
  }));
  const state: PopupState = {
    ...initialPopupState(),
    load: { status: 'ready' },
    summary,
    pages,
    health: { url: 'https://business.facebook.com/latest/inbox/messenger', checkedAt: NOW, anchors: { header: 'aria', composer: null }, floating: true },
  };

  const { document, restore } = await benchDocument();
  let renderMs: number;
  try {
    const view = () =>
      h(ManagerSummary, {
        state,
        locale: 'en',
        timeZone: 'UTC',
        onOpenOptions: () => undefined,
        onScan: () => undefined,
        onCancelScan: () => undefined,
        onExport: () => undefined,
      });
    const mountOnce = () => {
      const container = document.createElement('div');
      document.body.append(container);
      render(view(), container);
      return container;
    };
    const unmount = (container: HTMLElement) => {
      render(null, container);
      container.remove();
    };
    unmount(mountOnce()); // warm-up
    const samples: number[] = [];
    for (let run = 0; run < RENDER_RUNS; run++) {
      const start = performance.now();
      const container = mountOnce();
      samples.push(performance.now() - start);
      unmount(container);
    }
    renderMs = median(samples);
  } finally {
    restore();
  }

  return {
    threads: ledger.length,
    attempts,
    computeSummaryMs_10kThreads50kAttempts: summaryMs,
    popupFirstRenderMs: renderMs,
    summaryRuns: SUMMARY_RUNS,
    renderRuns: RENDER_RUNS,
  };
}
