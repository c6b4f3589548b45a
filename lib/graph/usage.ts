import type { UsageInfo } from './types';

// Meta's usage headers (reference/meta-messenger.md §4). Values are percentages of a limit;
// throttling starts at 100. A header we cannot read is ignored: usage is advice, never a reason to fail.

const USAGE_FIELDS = ['call_count', 'total_cputime', 'total_time'] as const;

type Figures = { maxPercent: number; regainAccessMinutes: number };

const isPercent = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0;

/** The highest usage figure of one `{call_count,total_cputime,total_time,…}` object; null when it has none. */
function figuresOf(entry: unknown): Figures | null {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) return null;
  const record = entry as Record<string, unknown>;
  const percents = USAGE_FIELDS.map((field) => record[field]).filter(isPercent);
  const regain = record.estimated_time_to_regain_access;
  const regainAccessMinutes = isPercent(regain) ? regain : 0;
  if (percents.length === 0 && regainAccessMinutes === 0) return null;
  return { maxPercent: percents.length ? Math.max(...percents) : 0, regainAccessMinutes };
}

function merge(a: Figures | null, b: Figures | null): Figures | null {
  if (!a) return b;
  if (!b) return a;
  return { maxPercent: Math.max(a.maxPercent, b.maxPercent), regainAccessMinutes: Math.max(a.regainAccessMinutes, b.regainAccessMinutes) };
}

function parseJson(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** X-Business-Use-Case-Usage: `{"<object id>":[{type, call_count, total_cputime, total_time, estimated_time_to_regain_access}]}`. */
function businessUseCaseUsage(text: string | null): Record<string, Figures> | null {
  const json = parseJson(text);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return null;
  const objects: Record<string, Figures> = {};
  for (const [objectId, entries] of Object.entries(json as Record<string, unknown>)) {
    if (!Array.isArray(entries)) continue;
    const figures = entries.map(figuresOf).reduce<Figures | null>(merge, null);
    if (figures) objects[objectId] = figures;
  }
  return Object.keys(objects).length ? objects : null;
}

/**
 * How close the last answer says we are to Meta's limits: X-Business-Use-Case-Usage (per object),
 * X-App-Usage, and the legacy X-Page-Usage when present. Null when no header is there or readable.
 */
export function parseUsageHeaders(headers: Headers): UsageInfo | null {
  try {
    const objects = businessUseCaseUsage(headers.get('x-business-use-case-usage'));
    const app = figuresOf(parseJson(headers.get('x-app-usage')));
    const page = figuresOf(parseJson(headers.get('x-page-usage')));
    const overall = [...Object.values(objects ?? {}), app, page].reduce<Figures | null>(merge, null);
    if (!overall) return null;
    return objects ? { ...overall, objects } : overall;
  } catch {
    // A Headers-like object that throws is treated as no usage information.
    return null;
  }
}

/** The usage that applies to one Page: its own Business Use Case figures when Meta sent them, else the overall ones. */
export function usageForPage(usage: UsageInfo, pageId: string): { maxPercent: number; regainAccessMinutes: number } {
  return usage.objects?.[pageId] ?? usage;
}
