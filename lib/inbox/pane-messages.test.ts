// The pane reading against layouts of different shapes and languages (tests/fixtures/inbox/panes/ and the identity
// fixtures), and what it says when it cannot read: "unreadable", never a guess.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isTimeLabel, messageRegion, readPane, samePane } from './pane-messages';
import { parseTimeLabel } from './time-labels';

const FIXTURES = resolve(import.meta.dirname, '../../tests/fixtures/inbox');
const load = (file: string) => new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, file), 'utf8'), 'text/html');
const NOW = new Date(2026, 11, 2, 12, 0, 0).getTime();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('time labels', () => {
  test.each([
    ['5 d', NOW - 6 * DAY, NOW - 5 * DAY],
    ['6h', NOW - 7 * HOUR, NOW - 6 * HOUR],
    ['hace 3 min', NOW - 4 * 60_000, NOW - 3 * 60_000],
    ['2 sem', NOW - 21 * DAY, NOW - 14 * DAY],
    ['10:42', new Date(2026, 11, 2, 10, 42).getTime(), new Date(2026, 11, 2, 10, 43).getTime() - 1],
    ['3:15 PM', new Date(2026, 11, 1, 15, 15).getTime(), new Date(2026, 11, 1, 15, 16).getTime() - 1],
    ['ayer 10:42', new Date(2026, 11, 1, 10, 42).getTime(), new Date(2026, 11, 1, 10, 43).getTime() - 1],
    ['Yesterday', new Date(2026, 11, 1).getTime(), new Date(2026, 11, 2).getTime() - 1],
    ['Hoy 9:15', new Date(2026, 11, 2, 9, 15).getTime(), new Date(2026, 11, 2, 9, 16).getTime() - 1],
    // 2026-12-02 is a Wednesday: "Mon" is two days back, "miércoles" a week back.
    ['Mon', new Date(2026, 10, 30).getTime(), new Date(2026, 11, 1).getTime() - 1],
    ['miércoles', new Date(2026, 10, 25).getTime(), new Date(2026, 10, 26).getTime() - 1],
    ['Nov 27', new Date(2026, 10, 27).getTime(), new Date(2026, 10, 28).getTime() - 1],
    ['12 de diciembre', new Date(2025, 11, 12).getTime(), new Date(2025, 11, 13).getTime() - 1],
  ])('%s', (label, earliest, latest) => {
    expect(parseTimeLabel(label, NOW)).toEqual({ earliest, latest });
  });

  test.each(['Ana Ruiz', 'Can you hold the order for me?', '25:99', '5 parsecs', 'Seen', ''])('%s is no time label', (label) => {
    expect(parseTimeLabel(label, NOW)).toBeNull();
  });

  test.each(['Ana Ruiz', 'Can you hold the order for me?', 'Seen', ''])('the content script takes %s for no label', (label) => {
    expect(isTimeLabel(label)).toBe(false);
  });

  test.each(['5 d', '6h', '10:42', 'ayer 10:42', 'Hoy 9:15', 'Mon 3:15 PM', 'Nov 27', 'lun'])('the content script tells %s for a label', (label) => {
    expect(isTimeLabel(label)).toBe(true);
  });
});

describe('the pane reading', () => {
  test('English log, one row per message with its own relative label', () => {
    const reading = readPane(load('panes/log-rows-en.html'), NOW, 'Ana Ruiz');
    expect(reading).toEqual({
      status: 'read',
      readAt: NOW,
      messages: [
        { text: 'Hi, is the green raincoat still in stock?', labels: ['6 d'] },
        { text: 'Yes, in sizes S and M.', labels: ['6 d'] },
        { text: 'Great, size M please.', labels: ['5 d'] },
        { text: 'Can you hold the order for me?', labels: ['5 d'] },
      ],
    });
  });

  test('Spanish 2026 region, day groups whose labels separate the messages', () => {
    const reading = readPane(load('panes/region-groups-es.html'), NOW, 'Lucía Fernández');
    expect(reading).toEqual({
      status: 'read',
      readAt: NOW,
      messages: [
        { text: '¿Tenéis la talla M en azul?', after: 'ayer 10:42', before: 'hoy 9:15' },
        { text: 'Sí, nos quedan dos.', after: 'ayer 10:42', before: 'hoy 9:15' },
        { text: 'Perfecto, ¿me la reserváis hasta el viernes?', after: 'hoy 9:15' },
        { text: '¡Claro, Lucía!', after: 'hoy 9:15' },
      ],
    });
  });

  test("the identity fixtures' logs read their one message", () => {
    for (const [file, text] of [
      ['messenger-en.html', 'Any news on my order?'],
      ['messenger-es.html', '¿Llegó mi pedido?'],
      ['suite-2026-es.html', '¿Tenéis la talla M en azul?'],
    ] as const) {
      expect(readPane(load(file), NOW, null), file).toEqual({ status: 'read', readAt: NOW, messages: [{ text }] });
    }
  });

  test('a changed layout (no message region) is unreadable, never read from elsewhere', () => {
    expect(readPane(load('changed-layout.html'), NOW, null)).toEqual({ status: 'unreadable', why: 'no_region' });
  });

  test('a region still loading, an empty one, or two regions are unreadable', () => {
    const loading = load('panes/log-rows-en.html');
    loading.querySelector('[role="log"]')!.setAttribute('aria-busy', 'true');
    expect(readPane(loading, NOW, 'Ana Ruiz')).toEqual({ status: 'unreadable', why: 'loading' });

    const empty = load('panes/log-rows-en.html');
    empty.querySelector('[role="log"]')!.replaceChildren();
    expect(readPane(empty, NOW, 'Ana Ruiz')).toEqual({ status: 'unreadable', why: 'empty' });

    const two = load('panes/log-rows-en.html');
    const second = two.createElement('div');
    second.setAttribute('role', 'region');
    second.setAttribute('aria-label', 'Messages archive');
    second.innerHTML = '<div dir="auto">Someone else</div>';
    two.querySelector('[role="main"]')!.append(second);
    expect(messageRegion(two)).toBeNull();
    expect(readPane(two, NOW, 'Ana Ruiz')).toEqual({ status: 'unreadable', why: 'no_region' });
  });

  test('a region without dir="auto" marks still reads its text leaves, labels apart', () => {
    const doc = new DOMParser().parseFromString(
      '<div role="main"><div role="log" aria-label="Messages"><div><p>Where is my parcel?</p><small>2 d</small></div><div><p>It left today.</p><small>1 d</small></div></div></div>',
      'text/html',
    );
    const reading = readPane(doc, NOW, null);
    expect(reading.status === 'read' && reading.messages.map((message) => message.text)).toEqual(['Where is my parcel?', 'It left today.']);
  });

  test('samePane compares the texts only', () => {
    const a = readPane(load('panes/log-rows-en.html'), NOW, 'Ana Ruiz');
    const b = readPane(load('panes/log-rows-en.html'), NOW + 60_000, 'Ana Ruiz');
    expect(samePane(a, b)).toBe(true);
    expect(samePane(a, { status: 'unreadable', why: 'empty' })).toBe(false);
  });
});
