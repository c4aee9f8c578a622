import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { CABINET_CHANNELS, type CabinetBand, type CabinetSample } from '@shared/contract'
import { TimeChart } from '../../components/charts/TimeChart'
import { channelKey, useCabinet } from '../../stores/cabinet'

/** the shortest window drawn, so the first seconds of a run are not stretched across the chart */
const MIN_WINDOW_MS = 10_000
const NO_SAMPLES: CabinetSample[] = []

/**
 * Channels 1–9 live: the latest measured current of each against its pass
 * band (the pale bar is the band), and every reading's course over the last
 * samples.
 */
export function CurrentChart({ recordId, bands, unit }: { recordId: number; bands: CabinetBand[]; unit: string }) {
  const { t } = useTranslation()
  const samples = useCabinet((s) => s.samples[recordId] ?? NO_SAMPLES)

  // the bars show the measurement against the bands once there is one; before it, the relay read-backs
  const latest = useMemo(() => {
    const values: (number | null)[] = new Array<number | null>(CABINET_CHANNELS).fill(null)
    const measured = samples.filter((sample) => sample.step === 'currents')
    for (const sample of measured.length ? measured : samples) sample.currents.forEach((value, i) => value !== null && (values[i] = value))
    return bands.map((band, i) => {
      const value = values[i] ?? null
      return { channel: String(i + 1), band: [band.min, band.max] as [number, number], value, ok: value !== null && value >= band.min && value <= band.max }
    })
  }, [samples, bands])

  const series = useCabinet((s) => s.series[recordId])
  const channels = useMemo(() => bands.map((_, i) => ({ key: channelKey(i + 1), label: t('cabinet:chart.channel', { n: i + 1 }), unit })), [bands, unit, t])
  // the whole run so far: a factory test lasts seconds to minutes
  const from = series?.firstAt ?? 0
  const to = Math.max(series?.store.latest() ?? from, from + MIN_WINDOW_MS)

  return (
    <div className="panel chart-panel" data-testid="cabinet-chart" data-samples={samples.length}>
      <h2>{t('cabinet:chart.title', { unit })}</h2>
      <div className="charts">
        <div className="chart">
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={latest} barGap={-26} barSize={26} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} />
              <XAxis dataKey="channel" />
              <YAxis width={44} />
              <Tooltip isAnimationActive={false} />
              <Bar dataKey="band" name={t('cabinet:chart.band')} fill="#c3e6cb" isAnimationActive={false} />
              <Bar dataKey="value" name={t('cabinet:chart.latest')} isAnimationActive={false}>
                {latest.map((entry) => (
                  <Cell key={entry.channel} fill={entry.value === null ? '#adb5bd' : entry.ok ? '#0a7a35' : '#b3132b'} />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        </div>
        <div className="chart">
          {series && <TimeChart store={series.store} revision={series.revision} series={channels} from={from} to={to} live height={240} formatValue={(v) => String(Number(v.toFixed(3)))} testId="cabinet-current-course" />}
        </div>
      </div>
    </div>
  )
}
