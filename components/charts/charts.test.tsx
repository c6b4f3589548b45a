import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, test } from 'vitest';
import { RateBarChart } from './RateBarChart';
import { StackedBarChart } from './StackedBarChart';

afterEach(cleanup);

const series = [
  { key: 'sent', label: 'Sent', color: '#2e7d5b' },
  { key: 'failed', label: 'Failed', color: '#c62828' },
];

describe('StackedBarChart', () => {
  const bars = [
    { label: 'May 4', values: { sent: 3, failed: 1 } },
    { label: 'May 5', values: { sent: 0, failed: 2 } },
  ];
  const renderChart = () =>
    render(
      <StackedBarChart
        title="Attempts per day"
        description="Stacked by outcome"
        categoryLabel="Day"
        tableLabel="Show the numbers"
        series={series}
        bars={bars}
        testId="chart"
      />,
    );

  test('the SVG is an image named by its title and description', () => {
    renderChart();
    const image = screen.getByRole('img', { name: /Attempts per day/ });
    const labelledBy = image.getAttribute('aria-labelledby')!.split(' ');
    expect(labelledBy.map((id) => document.getElementById(id)?.textContent)).toEqual(['Attempts per day', 'Stacked by outcome']);
  });

  test('one rectangle per non-zero segment, taller for larger values', () => {
    renderChart();
    const rects = [...screen.getByTestId('chart').querySelectorAll('svg rect')];
    expect(rects).toHaveLength(3);
    const heights = rects.map((r) => Number(r.getAttribute('height')));
    // May 4: sent 3 then failed 1; May 5: failed 2
    expect(heights[0]).toBeGreaterThan(heights[2]!);
    expect(heights[2]).toBeGreaterThan(heights[1]!);
  });

  test('the text alternative holds every number', () => {
    renderChart();
    const table = screen.getByRole('table', { hidden: true });
    const rows = within(table).getAllByRole('row', { hidden: true });
    expect(rows.map((row) => row.textContent)).toEqual(['DaySentFailed', 'May 431', 'May 502']);
  });
});

describe('RateBarChart', () => {
  test('a route with nothing sent shows its text and no bar; the table repeats the rates', () => {
    render(
      <RateBarChart
        title="Reply rate by route"
        description="Last 30 days"
        categoryLabel="Route"
        valueLabel="Reply rate"
        tableLabel="Show the numbers"
        bars={[
          { label: 'Human agent', rate: 0.5, text: '50 % (1 of 2)' },
          { label: 'Utility', rate: null, text: 'nothing sent' },
        ]}
        testId="rate"
      />,
    );
    expect(screen.getByRole('img', { name: /Reply rate by route/ })).toBeTruthy();
    const svg = screen.getByTestId('rate').querySelector('svg')!;
    // two backgrounds + one filled bar
    expect(svg.querySelectorAll('rect')).toHaveLength(3);
    const cells = within(screen.getByRole('table', { hidden: true })).getAllByRole('cell', { hidden: true });
    expect(cells.map((c) => c.textContent)).toEqual(['50 % (1 of 2)', 'nothing sent']);
  });
});
