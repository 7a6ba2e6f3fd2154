import type { TrendWeek } from '../../machines/trend';

/**
 * Hand-rolled SVG rather than a charting library: the dashboard draws horizontal bars and two
 * cumulative lines, which take ~60 lines here, while even μPlot (the leanest maintained option,
 * ~20 kB gzip) would more than double the dashboard chunk. Every chart is decorative
 * (aria-hidden): the numbers beside it carry the content, for screen readers and for print.
 */

export function Bar({ value, max = 100, tone = 'done' }: { value: number; max?: number; tone?: 'done' | 'late' | 'due' }) {
  const width = max > 0 ? Math.max(0, Math.min(100, (value / max) * 100)) : 0;
  return (
    <svg className={`chart-bar tone-${tone}`} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" width="100%" height="12">
      <rect x="0" y="0" width="100" height="10" className="chart-track" />
      <rect x="0" y="0" width={width} height="10" className="chart-fill" />
    </svg>
  );
}

/** Two stacked segments: on time and late. */
export function SplitBar({ a, b }: { a: number; b: number }) {
  const total = a + b;
  const wa = total ? (a / total) * 100 : 0;
  return (
    <svg className="chart-split" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" width="100%" height="16">
      <rect x="0" y="0" width={wa} height="10" className="tone-ontime" />
      <rect x={wa} y="0" width={100 - wa} height="10" className="tone-late" />
    </svg>
  );
}

/** Cumulative due (dashed) and done (solid) over the weeks of the year. */
export function TrendChart({ weeks }: { weeks: TrendWeek[] }) {
  const W = 530;
  const H = 160;
  const max = Math.max(1, ...weeks.map((w) => Math.max(w.dueCumulative, w.doneCumulative ?? 0)));
  const x = (i: number) => (i / Math.max(1, weeks.length - 1)) * W;
  const y = (v: number) => H - (v / max) * H;
  const line = (values: Array<number | null>) =>
    values.flatMap((v, i) => (v === null ? [] : [`${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(v).toFixed(1)}`])).join(' ').replace(/^L/, 'M');
  return (
    <svg className="chart-trend" viewBox={`-4 -4 ${W + 8} ${H + 8}`} aria-hidden="true" width="100%" height={H + 8}>
      <line x1="0" y1={H} x2={W} y2={H} className="chart-axis" />
      <path d={line(weeks.map((w) => w.dueCumulative))} className="line-due" />
      <path d={line(weeks.map((w) => w.doneCumulative))} className="line-done" />
    </svg>
  );
}
