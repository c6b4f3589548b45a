import { useId } from 'preact/hooks';

// Horizontal bars of a rate (0…1) per category, e.g. reply rate per route. A missing rate (nothing sent)
// is drawn as no bar and spelled out by `emptyText`, never as 0 %.

export interface RateBar {
  label: string;
  rate: number | null;
  /** The rate in words, already localised (e.g. "40 % (2 of 5)"). */
  text: string;
}

export interface RateBarChartProps {
  title: string;
  description: string;
  categoryLabel: string;
  valueLabel: string;
  tableLabel: string;
  bars: RateBar[];
  width?: number;
  color?: string;
  testId?: string;
}

export function RateBarChart(props: RateBarChartProps) {
  const { bars, width = 340, color = '#2e7d5b' } = props;
  const id = useId();
  // Label on its own line above each bar: route names in Spanish are long and must never be cut.
  const rowHeight = 32;
  const valueWidth = 120;
  const plotWidth = width - valueWidth;
  const height = Math.max(rowHeight, bars.length * rowHeight);

  return (
    <figure class="chart" data-testid={props.testId}>
      <svg role="img" aria-labelledby={`${id}-title ${id}-desc`} width={width} height={height} viewBox={`0 0 ${width} ${height}`}>
        <title id={`${id}-title`}>{props.title}</title>
        <desc id={`${id}-desc`}>{props.description}</desc>
        {bars.map((bar, index) => {
          const y = index * rowHeight;
          const barLength = bar.rate === null ? 0 : Math.max(1, Math.min(1, bar.rate) * plotWidth);
          return (
            <g key={bar.label}>
              <text x={0} y={y + 11} font-size={11} class="chart-text">
                {bar.label}
              </text>
              <rect x={0} y={y + 15} width={plotWidth} height={11} class="chart-track" />
              {barLength > 0 && <rect x={0} y={y + 15} width={barLength} height={11} fill={color} />}
              <text x={plotWidth + 6} y={y + 25} font-size={11} class="chart-text">
                {bar.text}
              </text>
            </g>
          );
        })}
      </svg>
      <details class="chart-table">
        <summary>{props.tableLabel}</summary>
        <table>
          <caption>{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{props.categoryLabel}</th>
              <th scope="col">{props.valueLabel}</th>
            </tr>
          </thead>
          <tbody>
            {bars.map((bar) => (
              <tr key={bar.label}>
                <th scope="row">{bar.label}</th>
                <td>{bar.text}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
