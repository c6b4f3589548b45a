// Prints bench/results.json as the Markdown table the README's "Benchmarks" section shows:
//   npx tsx scripts/bench/table.ts
// A figure missing from the results (a bench not run yet) prints as "—" rather than failing.

import { existsSync, readFileSync } from 'node:fs';
import { RESULTS_FILE } from './record';

type Results = Record<string, Record<string, unknown> | undefined>;

interface Row {
  label: string;
  section: string;
  /** A figure of the section, or a dotted path into it ('update.scriptMsWith'). */
  key: string;
  unit: string;
  target?: string;
  /** Figures of the same section shown after the value as a split: "(reads 12, writes 20)". */
  parts?: [name: string, key: string][];
}

/** The row-badges bench's host models (scripts/bench/rows.bench.ts), each with the same figures. */
const ROW_BADGE_MODES = [
  ['clone', 'bare cloneNode list (worst case)'],
  ['update', 'Preact list, previews and times changed'],
  ['scroll', 'Preact list scrolled by one row'],
  ['remount', 'Preact list, every card replaced'],
] as const;

function rowBadgeRows(mode: string, name: string): Row[] {
  const row = (what: string, key: string, unit: string, target?: string): Row => ({
    label: `Row badges, ${name}: ${what}`,
    section: 'rowBadges',
    key: `${mode}.${key}`,
    unit,
    target,
  });
  return [
    row('extension script per re-render of 50 rows', 'extensionScriptMsPerRerender', 'ms', '≤ 1 ms'),
    row('host script per re-render without Reopen', 'hostScriptMsPerRerender', 'ms'),
    row('CPU-profile ratio (extension + page) / page', 'profiledScriptRatio', '×', '≤ 1.05'),
    row('host-page script with / without Reopen (paired)', 'scriptRatioPairedMedian', '×', '≤ 1.05'),
    row('host-page script with badges / Reopen without badges (paired)', 'badgesRatioPairedMedian', '×', '≤ 1.05'),
  ];
}

const ROWS: Row[] = [
  { label: 'Content script loaded up front (identity, banner, badges), gzip', section: 'bundleGzipKb', key: 'contentScript', unit: 'KB', target: '≤ 20 KB' },
  {
    label: 'Content script’s stylesheet, also loaded up front (shadow roots and row badges), gzip',
    section: 'bundleGzipKb',
    key: 'contentStylesheet',
    unit: 'KB',
  },
  { label: 'Reopen panel script, loaded on its first open, gzip', section: 'bundleGzipKb', key: 'panelOnDemand', unit: 'KB' },
  {
    label: 'Panel open after the click, warm page, first open (script loaded then), median',
    section: 'panelOpen',
    key: 'firstOpenMedianMs',
    unit: 'ms',
    target: '≤ 100 ms',
  },
  { label: 'Panel open after the click, warm page, script already loaded, median', section: 'panelOpen', key: 'againMedianMs', unit: 'ms', target: '≤ 100 ms' },
  { label: 'Background, gzip', section: 'bundleGzipKb', key: 'background', unit: 'KB' },
  { label: 'Popup, gzip', section: 'bundleGzipKb', key: 'popup', unit: 'KB' },
  { label: 'Options, gzip', section: 'bundleGzipKb', key: 'options', unit: 'KB' },
  { label: 'Thread switch → right banner, first visit (PSID resolved by name), median', section: 'threadSwitch', key: 'firstVisitMedianMs', unit: 'ms' },
  { label: 'Graph calls per switch, first visit', section: 'threadSwitch', key: 'firstVisitGraphCallsPerSwitch', unit: '' },
  {
    label: 'First visit: Graph calls made before the banner showed (round trips waited for, at most), median',
    section: 'threadSwitch',
    key: 'firstVisitGraphCallsBeforeBannerMedian',
    unit: '',
    target: '≤ 1',
  },
  { label: 'Thread switch → right banner, uncached (facts older than 60 s), median', section: 'threadSwitch', key: 'uncachedMedianMs', unit: 'ms' },
  { label: 'Graph calls per switch, uncached', section: 'threadSwitch', key: 'uncachedGraphCallsPerSwitch', unit: '', target: '≤ 1' },
  { label: 'Thread switch → right banner, cached (within 60 s), median', section: 'threadSwitch', key: 'cachedMedianMs', unit: 'ms' },
  { label: 'Graph calls per switch, cached', section: 'threadSwitch', key: 'cachedGraphCallsPerSwitch', unit: '', target: '0' },
  {
    label: 'Thread switch side by side (12 switches 400 ms apart + 3 s idle): main-thread script Reopen adds per switch',
    section: 'switchCost',
    key: 'addedScriptMsPerSwitch',
    unit: 'ms',
    target: '≤ 3 ms',
  },
  {
    label: 'Thread switch side by side: the extension\u2019s own JS per switch by the CPU profile',
    section: 'switchCost',
    key: 'extensionScriptMsPerSwitchProfiled',
    unit: 'ms',
  },
  { label: 'Warm thread switch: page shows the conversation, without Reopen, median', section: 'switchCost', key: 'pageOwnSwitchMedianMs', unit: 'ms' },
  {
    label: 'Warm thread switch: page and the right banner shown, with Reopen, over the page\u2019s own (medians)',
    section: 'switchCost',
    key: 'warmSwitchOverPageMs',
    unit: 'ms',
    target: '≤ 16 ms',
  },
  {
    label: 'Labels in Business Suite on (BENCH_LABELS=1): main-thread script Reopen adds per switch, side by side',
    section: 'switchCostLabelsOn',
    key: 'addedScriptMsPerSwitch',
    unit: 'ms',
    target: '≤ 3 ms',
  },
  {
    label: 'Labels in Business Suite on: warm switch over the page\u2019s own (medians)',
    section: 'switchCostLabelsOn',
    key: 'warmSwitchOverPageMs',
    unit: 'ms',
    target: '≤ 16 ms',
  },
  { label: 'Host page under DOM churn: main-thread task time with / without Reopen', section: 'hostPageCost', key: 'taskRatio', unit: '×', target: '≤ 1.05' },
  { label: 'Host page under DOM churn: script time with / without Reopen', section: 'hostPageCost', key: 'scriptRatio', unit: '×', target: '≤ 1.05' },
  { label: 'Host page under DOM churn: script Reopen adds per churn task (60 nodes)', section: 'hostPageCost', key: 'extraScriptMsPerIteration', unit: 'ms' },
  ...ROW_BADGE_MODES.flatMap(([mode, name]) => rowBadgeRows(mode, name)),
  {
    label: 'Row badges, one remount alone (250 ms apart, a pass each): extension script per remount of 50 rows',
    section: 'rowBadges',
    key: 'remountIsolated.extensionScriptMsPerRemount',
    unit: 'ms',
    target: '≤ 1 ms',
  },
  { label: 'Row badges, one remount alone: host script per remount', section: 'rowBadges', key: 'remountIsolated.pageScriptMsPerRemount', unit: 'ms' },
  {
    label: 'Row badges, one remount alone: CPU-profile ratio (extension + page) / page',
    section: 'rowBadges',
    key: 'remountIsolated.profiledScriptRatio',
    unit: '×',
  },
  {
    label: 'Row badges: Graph listing calls in 65 s, inbox visible (Messenger + Instagram)',
    section: 'rowBadges',
    key: 'listingCallsVisiblePer65s',
    unit: '',
    target: '≤ 1 per platform a minute',
  },
  {
    label: 'Row badges: Graph listing calls in 65 s, inbox hidden behind another tab',
    section: 'rowBadges',
    key: 'listingCallsHiddenPer65s',
    unit: '',
    target: '0',
  },
  { label: 'Graph reads per hour, one idle visible inbox tab (counted over 125 s)', section: 'graphReads', key: 'idleReadsPerHour', unit: '' },
  {
    label: 'Graph reads per hour, one inbox tab switching conversation every 15 s (counted over 125 s)',
    section: 'graphReads',
    key: 'typicalReadsPerHour',
    unit: '',
  },
  ...[50, 500, 5000].flatMap((perDay): Row[] => {
    const section = `labelSync${perDay}`;
    const name = `Label sync, ${perDay.toLocaleString('en-US')} new conversations a day`;
    return [
      {
        label: `${name}: Graph calls per hour (steady state, a run a minute)`,
        section,
        key: 'callsPerHour',
        unit: '',
        parts: [
          ['label reads', 'labelReadsPerHour'],
          ['writes', 'writesPerHour'],
          ['listing', 'listingReadsPerHour'],
        ],
      },
      {
        label: `${name}: the model's calls per hour`,
        section,
        key: 'modelCallsPerHour',
        unit: '',
        parts: [
          ['label reads', 'modelLabelReadsPerHour'],
          ['writes', 'modelWritesPerHour'],
          ['listing ≤', 'modelListingReadsPerHour'],
        ],
      },
      { label: `${name}: people left with a wrong Reopen label after the run`, section, key: 'wrongLabelsAtEnd', unit: '', target: '0' },
    ];
  }),
  { label: 'Record an attempt, 100 threads', section: 'storage', key: 'recordAttemptMs_100threads', unit: 'ms' },
  { label: 'Record an attempt, 10 000 threads / 50 000 attempts', section: 'storage', key: 'recordAttemptMs_10kThreads50kAttempts', unit: 'ms' },
  { label: 'Read one thread, 10 000 threads', section: 'storage', key: 'readThreadMs_10kThreads50kAttempts', unit: 'ms' },
  { label: 'List all threads, 10 000 threads', section: 'storage', key: 'listThreadsMs_10kThreads50kAttempts', unit: 'ms' },
  { label: 'Stored bytes per viewed conversation (thread record + PSID mapping)', section: 'storageBudget', key: 'bytesPerViewedConversation', unit: 'B' },
  { label: 'Stored bytes per sent attempt', section: 'storageBudget', key: 'bytesPerSentAttempt', unit: 'B' },
  { label: 'Viewed conversations until the 10 MB storage.local quota', section: 'storageBudget', key: 'conversationsToQuota', unit: '' },
  { label: 'One thread after 201 blocked clicks (20 kept, the rest counted)', section: 'storageBudget', key: 'bytesOfThreadAfter201BlockedClicks', unit: 'B' },
  { label: 'Popup summary (computeSummary), 10 000 threads / 50 000 attempts', section: 'summary', key: 'computeSummaryMs_10kThreads50kAttempts', unit: 'ms' },
  { label: 'Popup first render of that summary (happy-dom)', section: 'summary', key: 'popupFirstRenderMs', unit: 'ms' },
];

export function benchTable(results: Results): string {
  const lines = ['| figure | measured | target |', '|---|---:|---|'];
  for (const row of ROWS) {
    const figure = (key: string) =>
      key.split('.').reduce<unknown>((at, part) => (at && typeof at === 'object' ? (at as Record<string, unknown>)[part] : undefined), results[row.section]);
    const value = figure(row.key);
    const parts = (row.parts ?? []).map(([name, key]) => {
      const part = figure(key);
      return `${name} ${typeof part === 'number' ? part : '—'}`;
    });
    const shown =
      typeof value === 'number' ? `${value}${row.unit ? (row.unit === '×' ? '×' : ` ${row.unit}`) : ''}${parts.length ? ` (${parts.join(', ')})` : ''}` : '—';
    lines.push(`| ${row.label} | ${shown} | ${row.target ?? ''} |`);
  }
  return lines.join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) {
  if (!existsSync(RESULTS_FILE)) {
    console.error('No bench/results.json yet: run `npm run bench` first.');
    process.exit(1);
  }
  const results = JSON.parse(readFileSync(RESULTS_FILE, 'utf8')) as Results;
  const dates = Object.values(results)
    .map((section) => section?.measuredAt)
    .filter((at): at is string => typeof at === 'string')
    .sort();
  console.log(benchTable(results));
  if (dates.length)
    console.log(`\nMeasured ${dates[0]!.slice(0, 10)}${dates.at(-1)!.slice(0, 10) !== dates[0]!.slice(0, 10) ? ` – ${dates.at(-1)!.slice(0, 10)}` : ''}.`);
}
