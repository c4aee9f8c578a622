import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from 'recharts'
import { SERIES_COLORS, useWidth } from '../charts/axis'

/** Energy per hour/day/month as grouped bars (generation, feed-in, grid, charge, discharge). */
export function EnergyBars({ labels, series, formatValue, height = 260 }: { labels: string[]; series: { key: string; label: string; values: number[] }[]; formatValue: (v: number) => string; height?: number }) {
  const [ref, width] = useWidth()
  const data = labels.map((label, i) => Object.fromEntries([['label', label], ...series.map((s) => [s.key, s.values[i] ?? 0])]))
  return (
    <div ref={ref} className="chart" data-testid="energy-bars" data-bars={labels.length}>
      {width > 0 && (
        <BarChart width={width} height={height} data={data} margin={{ top: 8, right: 16, bottom: 4, left: 8 }}>
          <CartesianGrid stroke="#e6e9ee" vertical={false} />
          <XAxis dataKey="label" />
          <YAxis width={64} tickFormatter={(v: number) => formatValue(v)} />
          <Tooltip formatter={(v) => formatValue(Number(v))} />
          <Legend />
          {series.map((s, i) => (
            <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLORS[i % SERIES_COLORS.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      )}
    </div>
  )
}
