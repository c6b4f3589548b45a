import { useId } from 'preact/hooks';

// Small inline SVG charts for the popup: no chart library (bundle size, and no third-party code
// rendering into the extension). Every chart carries <title>/<desc> and a table with the same numbers,
// so the figures reach screen readers and anyone who prefers text.

export interface ChartSeries {
  key: string;
  label: string;
  color: string;
}

export interface StackedBar {
  label: string;
  /** series key → value */
  values: Record<string, number>;
}

export interface StackedBarChartProps {
  title: string;
  description: string;
  /** Header of the first column of the text alternative (e.g. "Day"). */
  categoryLabel: string;
  /** Label of the disclosure that shows the numbers as a table. */
  tableLabel: string;
  series: ChartSeries[];
  bars: StackedBar[];
  width?: number;
  height?: number;
  testId?: string;
}

export function StackedBarChart(props: StackedBarChartProps) {
  const { series, bars, width = 340, height = 96 } = props;
  const id = useId();
  const totals = bars.map((bar) => series.reduce((sum, s) => sum + (bar.values[s.key] ?? 0), 0));
  const max = Math.max(1, ...totals);
  const labelHeight = 14;
  const plotHeight = height - labelHeight;
  const slot = width / Math.max(1, bars.length);
  const barWidth = Math.max(2, slot * 0.7);

  return (
    <figure class="chart" data-testid={props.testId}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        <line x1={0} y1={plotHeight + 0.5} x2={width} y2={plotHeight + 0.5} class="chart-axis" stroke-width={1} />
        {bars.map((bar, index) => {
          let top = plotHeight;
          const x = index * slot + (slot - barWidth) / 2;
          return (
            <g key={bar.label}>
              {series.map((s) => {
                const value = bar.values[s.key] ?? 0;
                if (value <= 0) return null;
                const h = (value / max) * (plotHeight - 2);
                top -= h;
                return (
                  <rect key={s.key} x={x} y={top} width={barWidth} height={h} fill={s.color}>
                    <title>{`${bar.label} — ${s.label}: ${value}`}</title>
                  </rect>
                );
              })}
              {(index === 0 || index === bars.length - 1 || index % 7 === 0) && (
                <text
                  x={index === 0 ? x : index === bars.length - 1 ? x + barWidth : x + barWidth / 2}
                  y={height - 3}
                  font-size={9}
                  text-anchor={index === 0 ? 'start' : index === bars.length - 1 ? 'end' : 'middle'}
                  class="chart-label"
                >
                  {bar.label}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <ul class="chart-legend" aria-hidden="true">
        {series.map((s) => (
          <li key={s.key}>
            <span class="swatch" style={{ background: s.color }} />
            {s.label}
          </li>
        ))}
      </ul>
      <details class="chart-table">
        <summary>{props.tableLabel}</summary>
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.categoryLabel}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                {series.map((s) => (
                  <td key={s.key}>{bar.values[s.key] ?? 0}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
