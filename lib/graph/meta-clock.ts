// Meta's clock. Reconciling a send compares the POST with the `created_time` Meta gives the messages, so both must be
// on Meta's clock, not the agent's (which may be minutes off: a laptop whose clock was set by hand, a VM that slept).
// Every HTTP answer states its server's time in the `Date` header (RFC 9110 §6.6.1: an origin server with a clock
// sends it; whole seconds, IMF-fixdate "Sun, 06 Nov 1994 08:49:37 GMT"); the offset between that and our clock when
// the answer arrived is how far we are from Meta. Pure: the Graph client feeds it.

/** The Date header floors to the second: Meta's time at the answer lies in [date, date + 1 s). */
export const DATE_RESOLUTION_MS = 1_000;

/** A Date header's instant (epoch ms); null when absent or unreadable. */
export function parseHttpDate(value: string | null | undefined): number | null {
  if (!value) return null;
  // IMF-fixdate is the format every engine's Date.parse reads (ECMA-262 requires toUTCString's own format back).
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export interface MetaClock {
  /** Records one answer: its Date header and our clock when it arrived. Answers the offset it measured (Meta − us,
   *  ms), or null when the answer stated no time. */
  observe(dateHeader: string | null | undefined, localAt: number): number | null;
  /** Meta's time minus ours (ms) from the newest answer that stated one; null before any did. */
  offsetMs(): number | null;
  /** Our instant on Meta's clock: with the newest offset, or as it is while no answer has stated Meta's time. */
  toMeta(localAt: number): number;
}

export function createMetaClock(): MetaClock {
  let offset: number | null = null;
  return {
    observe(dateHeader, localAt) {
      const stated = parseHttpDate(dateHeader);
      if (stated === null) return null;
      // The middle of the header's second: the estimate is then within half a second of Meta's clock (plus the time
      // the answer took to arrive).
      offset = stated + DATE_RESOLUTION_MS / 2 - localAt;
      return offset;
    },
    offsetMs: () => offset,
    toMeta: (localAt) => localAt + (offset ?? 0),
  };
}
