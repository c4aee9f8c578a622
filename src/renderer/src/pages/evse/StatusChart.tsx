import { useTranslation } from 'react-i18next'
import { isoWithOffset, seriesCsv } from '@shared/series/csv'
import { TimeChart } from '../../components/charts/TimeChart'
import { saveFile } from '../../components/save-file'
import { useEvse } from '../../stores/evse'

/** the chart shows at least this much time, so the first seconds are not stretched across it */
const MIN_SPAN_MS = 60_000
/** a poll missed for longer than this breaks the line rather than drawing across the silence */
const GAP_MS = 5_000
/** two charts (the units differ) under the figures, short enough that the toggles stay on a 768 px high screen */
const HEIGHT = 120

/** Power and current of the live session on this charger, the whole session, and the session as CSV. */
export function StatusChart({ host }: { host: string }) {
  const { t, i18n } = useTranslation()
  const series = useEvse((s) => (s.liveSeries?.host === host ? s.liveSeries : null))
  if (!series) return null
  const num = (n: number) => n.toLocaleString(i18n.language, { maximumFractionDigits: 1 })
  const from = series.from
  const to = Math.max(series.lastAt, from + MIN_SPAN_MS)
  const exportCsv = () => {
    const content = seriesCsv(
      series.store,
      [
        { key: 'powerW', label: `${t('evse:page.power')} (W)` },
        { key: 'currentA', label: `${t('evse:page.current')} (A)` },
      ],
      { from, to: series.lastAt, timeLabel: t('common:chart.time'), minLabel: t('common:chart.min'), maxLabel: t('common:chart.max') },
    )
    saveFile({ fileName: `fieldbench-evse-${host.replace(/[^\w.-]+/g, '_')}-live-${isoWithOffset(series.lastAt).slice(0, 10)}.csv`, mime: 'text/csv', content, base64: false })
  }
  return (
    <div className="evse-status-chart" data-testid="evse-status-chart" data-revision={series.revision} data-latest={series.lastAt}>
      <TimeChart
        store={series.store}
        revision={series.revision}
        series={[{ key: 'powerW', label: t('evse:page.power'), unit: 'W' }]}
        from={from}
        to={to}
        live
        gapMs={GAP_MS}
        height={HEIGHT}
        formatValue={(v) => num(v)}
        testId="evse-live-chart-power"
      />
      <TimeChart
        store={series.store}
        revision={series.revision}
        series={[{ key: 'currentA', label: t('evse:page.current'), unit: 'A' }]}
        from={from}
        to={to}
        live
        gapMs={GAP_MS}
        height={HEIGHT}
        formatValue={(v) => num(v)}
        testId="evse-live-chart-current"
      />
      <button type="button" className="secondary" onClick={exportCsv} data-testid="evse-live-csv">
        {t('evse:page.exportCsv')}
      </button>
    </div>
  )
}
