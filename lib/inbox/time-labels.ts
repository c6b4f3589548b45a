// The time labels of the conversation pane ("5 d", "6h", "Yesterday 10:42", "lun 15:03", "Nov 12"), read as the
// interval of instants they allow: a label says when a message was sent only to its own resolution ("5 d" is some time
// between 5 and 6 days ago). English and Spanish; an unknown shape is no label (null), never a guess. The words are
// data in ./wording.ts (normalised: lower case, no accents).
import { normalizeText } from './wording';

/** The instants a label allows, epoch ms, both ends included. */
export interface TimeInterval {
  earliest: number;
  latest: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const UNIT_MS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  minuto: MINUTE,
  minutos: MINUTE,
  h: HOUR,
  hr: HOUR,
  hrs: HOUR,
  hour: HOUR,
  hours: HOUR,
  hora: HOUR,
  horas: HOUR,
  d: DAY,
  day: DAY,
  days: DAY,
  dia: DAY,
  dias: DAY,
  w: 7 * DAY,
  wk: 7 * DAY,
  week: 7 * DAY,
  weeks: 7 * DAY,
  sem: 7 * DAY,
  semana: 7 * DAY,
  semanas: 7 * DAY,
};

const WEEKDAYS: Record<string, number> = {
  sun: 0,
  sunday: 0,
  dom: 0,
  domingo: 0,
  mon: 1,
  monday: 1,
  lun: 1,
  lunes: 1,
  tue: 2,
  tuesday: 2,
  mar: 2,
  martes: 2,
  wed: 3,
  wednesday: 3,
  mie: 3,
  miercoles: 3,
  thu: 4,
  thursday: 4,
  jue: 4,
  jueves: 4,
  fri: 5,
  friday: 5,
  vie: 5,
  viernes: 5,
  sat: 6,
  saturday: 6,
  sab: 6,
  sabado: 6,
};

const MONTHS: Record<string, number> = {
  jan: 0,
  january: 0,
  ene: 0,
  enero: 0,
  feb: 1,
  february: 1,
  febrero: 1,
  mar: 2,
  march: 2,
  marzo: 2,
  apr: 3,
  april: 3,
  abr: 3,
  abril: 3,
  may: 4,
  mayo: 4,
  jun: 5,
  june: 5,
  junio: 5,
  jul: 6,
  july: 6,
  julio: 6,
  aug: 7,
  august: 7,
  ago: 7,
  agosto: 7,
  sep: 8,
  sept: 8,
  september: 8,
  septiembre: 8,
  setiembre: 8,
  oct: 9,
  october: 9,
  octubre: 9,
  nov: 10,
  november: 10,
  noviembre: 10,
  dec: 11,
  december: 11,
  dic: 11,
  diciembre: 11,
};

const TODAY = new Set(['today', 'hoy']);
const YESTERDAY = new Set(['yesterday', 'ayer']);
const NOW = new Set(['now', 'just now', 'ahora', 'justo ahora', 'ahora mismo']);

const startOfDay = (at: number) => {
  const day = new Date(at);
  day.setHours(0, 0, 0, 0);
  return day.getTime();
};

const dayInterval = (start: number): TimeInterval => ({ earliest: start, latest: start + DAY - 1 });

/** "10:42", "3:15 pm", "15:15 h": minutes after midnight; null when it is not a clock time. */
function clockMinutes(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})(?: ?([ap])\.? ?m\.?)?(?: ?h)?$/.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 23) return null;
  if (match[3]) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (match[3] === 'p' ? 12 : 0);
  }
  return hours * 60 + minutes;
}

/** A day interval, narrowed to the minute when a clock time follows ("ayer 10:42", "Mon 3:15 PM"). */
function onDay(dayStart: number, clock: string | undefined): TimeInterval | null {
  if (!clock) return dayInterval(dayStart);
  const minutes = clockMinutes(clock.replace(/^(at|a las|a la) /, ''));
  if (minutes === null) return null;
  const at = new Date(dayStart);
  at.setHours(Math.floor(minutes / 60), minutes % 60, 0, 0);
  return { earliest: at.getTime(), latest: at.getTime() + MINUTE - 1 };
}

/** The interval a pane time label allows, read at `now` in the agent's own time zone (the page's). */
export function parseTimeLabel(label: string, now: number): TimeInterval | null {
  const text = normalizeText(label)
    .replace(/^hace /, '')
    .replace(/ ago$/, '')
    .replace(/,/g, '')
    .replace(/ · /g, ' ');
  if (!text || text.length > 40) return null;
  if (NOW.has(text)) return { earliest: now - 2 * MINUTE, latest: now };

  const relative = /^(\d{1,3}) ?([a-z]+)\.?$/.exec(text);
  if (relative) {
    const unit = UNIT_MS[relative[2]!];
    if (!unit) return null;
    const count = Number(relative[1]);
    return { earliest: now - (count + 1) * unit, latest: now - count * unit };
  }

  const minutes = clockMinutes(text);
  if (minutes !== null) {
    // A bare clock time is today's (yesterday's when that would be in the future).
    let day = startOfDay(now);
    if (day + minutes * MINUTE > now + MINUTE) day = startOfDay(day - 1);
    return onDay(day, text);
  }

  const [first, ...rest] = text.split(' ');
  const clock = rest.length ? rest.join(' ') : undefined;
  if (TODAY.has(first!)) return onDay(startOfDay(now), clock);
  if (YESTERDAY.has(first!)) return onDay(startOfDay(startOfDay(now) - 1), clock);
  const weekday = WEEKDAYS[first!.replace(/\.$/, '')];
  if (weekday !== undefined && (!clock || clockMinutes(clock.replace(/^(at|a las|a la) /, '')) !== null)) {
    // The most recent such day before today (a label for today says the time or "today").
    let day = startOfDay(now);
    for (let back = 1; back <= 7; back += 1) {
      day = startOfDay(day - 1);
      if (new Date(day).getDay() === weekday) return onDay(day, clock);
    }
    return null;
  }

  // "nov 12", "nov 12 2026", "12 nov", "12 de noviembre de 2026"
  const monthDay = /^([a-z]+)\.? (\d{1,2})(?: (\d{4}))?$/.exec(text) ?? null;
  const dayMonth = /^(\d{1,2}) (?:de )?([a-z]+)\.?(?: (?:de )?(\d{4}))?$/.exec(text) ?? null;
  const parts = monthDay
    ? { month: monthDay[1]!, day: monthDay[2]!, year: monthDay[3] }
    : dayMonth
      ? { month: dayMonth[2]!, day: dayMonth[1]!, year: dayMonth[3] }
      : null;
  if (parts) {
    const month = MONTHS[parts.month];
    const day = Number(parts.day);
    if (month === undefined || day < 1 || day > 31) return null;
    const thisYear = new Date(now).getFullYear();
    const build = (year: number) => new Date(year, month, day).getTime();
    let start = build(parts.year ? Number(parts.year) : thisYear);
    if (new Date(start).getDate() !== day) return null;
    if (!parts.year && start > now) start = build(thisYear - 1);
    return dayInterval(start);
  }
  return null;
}
