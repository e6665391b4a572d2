import type uPlot from 'uplot';
import type { TargetFigure, TargetPoint } from '../api/monitoring';

const seconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;

/** Money targets are charted in billions of roubles (kopecks would crowd the axis); others as they are. */
export const chartDivisor = (unit: string) => (unit === 'kopecks/yr' ? 1e11 : 1);

/**
 * The chart's columns: month ends with the measured value and the trajectory,
 * then the target year's end where the trajectory meets the target and the
 * forecast lands; the forecast runs from the latest measured point to there.
 * (Numbers for drawing only: the exact figures are shown as text.)
 */
export function targetSeries(figure: TargetFigure, points: TargetPoint[]): uPlot.AlignedData {
  const divisor = chartDivisor(figure.unit);
  const number = (value: string | null | undefined) =>
    value === null || value === undefined ? null : Number(value) / divisor;
  const end = `${figure.target.year}-12-31`;
  const rows = points.filter((point) => point.asOf < end);
  // The last point is the current month: it shows the figure as it is now, which moves between history loads.
  if (rows.length > 0 && rows[rows.length - 1].asOf.slice(0, 7) === figure.asOf.slice(0, 7)) {
    rows[rows.length - 1] = { ...rows[rows.length - 1], current: figure.current };
  }
  const xs = [...rows.map((point) => seconds(point.asOf)), seconds(end)];
  const current = [...rows.map((point) => number(point.current)), null];
  const trajectory = [...rows.map((point) => number(point.trajectory)), number(figure.target.value)];
  const target = xs.map(() => number(figure.target.value));
  const lastMeasured = current.reduce<number>((found, value, index) => (value === null ? found : index), -1);
  const forecast = xs.map((_, index) =>
    index === xs.length - 1 ? number(figure.forecast.value) : index === lastMeasured ? current[index] : null,
  );
  return [xs, current, trajectory, target, forecast];
}

export const SERIES_STYLE: Record<
  'actual' | 'trajectory' | 'target' | 'forecast',
  { stroke: string; dash?: number[] }
> = {
  actual: { stroke: '#1d5c87' },
  trajectory: { stroke: '#8a96a3', dash: [6, 4] },
  target: { stroke: '#a8261e', dash: [2, 4] },
  forecast: { stroke: '#d39b27', dash: [4, 3] },
};

/** Chart options in the console's palette; the legend is drawn beside the chart, the axis in compact numbers. */
export function targetOptions(axisLabel: string, locale: string): Omit<uPlot.Options, 'width' | 'height'> {
  const compact = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  const axis = { stroke: '#5a6573', grid: { stroke: '#eef0f3' }, ticks: { stroke: '#dce0e5' } };
  return {
    scales: { x: { time: true } },
    axes: [
      axis,
      {
        ...axis,
        label: axisLabel,
        size: 72,
        gap: 6,
        values: (_plot, splits) => splits.map((value) => compact.format(value)),
      },
    ],
    series: [
      {},
      { ...SERIES_STYLE.actual, width: 2.5, points: { show: true, size: 4 } },
      { ...SERIES_STYLE.trajectory, width: 1.5 },
      { ...SERIES_STYLE.target, width: 1 },
      { ...SERIES_STYLE.forecast, width: 2, spanGaps: true, points: { show: true, size: 6 } },
    ],
    legend: { show: false },
    cursor: { drag: { x: false, y: false } },
  };
}

/** Months to chart: from the baseline year (at most 120 months back) to the current month. */
export function historyRange(figure: TargetFigure): { from: string; to: string } {
  const to = figure.asOf.slice(0, 7);
  const [year, month] = [Number(to.slice(0, 4)), Number(to.slice(5, 7))];
  const earliest = new Date(Date.UTC(year, month - 1 - 119, 1)).toISOString().slice(0, 7);
  const baseline = `${figure.baseline.year}-01`;
  return { from: baseline > earliest ? baseline : earliest, to };
}
