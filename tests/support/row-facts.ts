// Row facts as the background sends them for the row badges' tests: one conversation in each state at NOW.
import type { RowFact } from '../../lib/inbox/row-badge-model';

export const NOW = Date.parse('2026-07-12T12:00:00Z');
export const MIN = 60_000;
export const HOUR = 60 * MIN;
export const DAY = 24 * HOUR;

export const FACTS: RowFact[] = [
  { name: 'ana lopez', customerLastMessageAt: NOW - 23 * HOUR, cooldownUntil: null },
  { name: 'bruno diaz', customerLastMessageAt: NOW - 2 * DAY, cooldownUntil: null },
  { name: 'carla gomez', customerLastMessageAt: NOW - 10 * DAY, cooldownUntil: null },
  { name: 'elena martin', customerLastMessageAt: NOW - 3 * DAY, cooldownUntil: NOW + 5 * HOUR + 10 * MIN },
  { name: 'fede sanz', customerLastMessageAt: NOW - 2 * HOUR, cooldownUntil: null },
];
