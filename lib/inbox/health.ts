import type { LayoutHealth } from './layout-health';
import type { IdentityReading } from './identity';
import { ANCHORS, findAnchor, type AnchorName } from './selectors';

/** Runs the selector registry against a page and says which anchors were found, and by which fallback, and which
 *  name signal gave the customer's name (never the name itself). Only the inbox path is recorded, never the query
 *  (it names the Page's customers). */
export function checkLayout(doc: Document, pageUrl: string, now: number, identity?: IdentityReading | null): LayoutHealth {
  const anchors: Record<string, string | null> = {};
  for (const name of Object.keys(ANCHORS) as AnchorName[]) {
    anchors[name] = findAnchor(doc, name)?.fallbackId ?? null;
  }
  let url = '';
  try {
    const parsed = new URL(pageUrl);
    url = `${parsed.origin}${parsed.pathname}`;
  } catch {
    // an unparsable address is recorded as empty rather than failing the report
  }
  return {
    url,
    checkedAt: now,
    anchors,
    floating: anchors.composer === null,
    ...(identity ? { identity: { source: identity.source, status: identity.status, verdicts: { ...identity.verdicts } } } : {}),
  };
}

/** What a report says, as one string: the time it was checked left out. */
const healthKey = (report: LayoutHealth) => JSON.stringify([report.url, report.floating, report.anchors, report.identity ?? null]);

/** Two reports say the same thing (so the content script doesn't re-send an unchanged one). */
export function sameHealth(a: LayoutHealth | null, b: LayoutHealth): boolean {
  return !!a && healthKey(a) === healthKey(b);
}
