import type { LayoutHealth } from '../messaging/protocol';
import { ANCHORS, findAnchor, type AnchorName } from './selectors';

/** Runs the selector registry against a page and says which anchors were found, and by which fallback.
 *  Only the inbox path is recorded, never the query (it names the Page's customers). */
export function checkLayout(doc: Document, pageUrl: string, now: number): LayoutHealth {
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
  return { url, checkedAt: now, anchors, floating: anchors.composer === null };
}

/** Two reports say the same thing (so the content script doesn't re-send an unchanged one). */
export function sameHealth(a: LayoutHealth | null, b: LayoutHealth): boolean {
  return !!a && a.floating === b.floating && a.url === b.url && JSON.stringify(a.anchors) === JSON.stringify(b.anchors);
}
