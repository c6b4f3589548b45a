// Local calendar days for the summary ("sent today", the 14-day chart). Formatting an instant per attempt
// would cost microseconds × 50 000; instead the few midnights are computed once and attempts are bucketed
// by comparison.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

function wallClockReader(timeZone: string | undefined): (instant: number) => WallClock {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  return (instant) => {
    const parts: Record<string, number> = {};
    for (const part of format.formatToParts(instant)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    return {
      year: parts.year ?? 1970,
      month: parts.month ?? 1,
      day: parts.day ?? 1,
      hour: parts.hour ?? 0,
      minute: parts.minute ?? 0,
      second: parts.second ?? 0,
    };
  };
}

/** Offset of local wall-clock time from UTC at an instant, in ms (positive east of Greenwich). */
function offsetAt(read: (instant: number) => WallClock, instant: number): number {
  const wall = read(instant);
  const wholeSecond = instant - (((instant % 1000) + 1000) % 1000);
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - wholeSecond;
}

/**
 * The local midnights that start the last `count` days, oldest first; the last one starts the day of `now`.
 * `timeZone` undefined means the runtime's own zone (the manager's browser); tests pass one explicitly.
 */
export function localDayStarts(now: number, count: number, timeZone?: string): number[] {
  const read = wallClockReader(timeZone);
  const starts: number[] = [];
  const today = read(now);
  for (let back = count - 1; back >= 0; back--) {
    // Date.UTC normalises day 0 / negative days into the previous month.
    const wallMidnight = Date.UTC(today.year, today.month - 1, today.day - back);
    // Guess with the offset at noon of that day, then correct once with the offset at the guess:
    // on a daylight-saving day the offset at midnight differs from the one at noon.
    const guess = wallMidnight - offsetAt(read, wallMidnight + 12 * HOUR - offsetAt(read, wallMidnight));
    starts.push(wallMidnight - offsetAt(read, guess));
  }
  return starts;
}

export { DAY };
