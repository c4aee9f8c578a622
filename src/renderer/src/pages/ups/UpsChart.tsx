import { memo, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { UpsMonitorLayout } from '@shared/contract'
import { seriesCsv } from '@shared/series/csv'
import { TimeChart } from '../../components/charts/TimeChart'
import { saveFile } from '../../components/save-file'
import { CHART_SETS, type ChartSet, seriesKey, useUps } from '../../stores/ups'
import { valueName } from './names'

const SETS = Object.keys(CHART_SETS) as ChartSet[]
/** the shortest window drawn, so the first polls are not stretched across the chart */
const MIN_WINDOW_MS = 60_000

const formatValue = (v: number, unit: string) => `${Number(v.toFixed(2))}${unit ? ` ${unit}` : ''}`

/**
 * The chosen values over the session (a day at 1 Hz in fixed memory); a line
 * breaks where three polls went unanswered. It follows the series itself, so
 * the page's own redraw on each poll leaves it alone.
 */
export const UpsChart = memo(function UpsChart({ layout, intervalMs }: { layout: UpsMonitorLayout; intervalMs: number }) {
  const { t } = useTranslation()
  const [set, setSet] = useState<ChartSet>('voltages')
  const series = useUps((s) => s.series)
  const info = useMemo(() => new Map(layout.values.map((v) => [v.n, v])), [layout])
  const chosen = useMemo(
    () => CHART_SETS[set].filter((n) => info.has(n)).map((n) => ({ key: seriesKey(n), label: valueName(t, info.get(n)!), unit: info.get(n)!.unit })),
    [set, info, t],
  )
  const from = series?.firstAt ?? 0
  const to = Math.max(series?.store.latest() ?? from, from + MIN_WINDOW_MS)
  // every charted value of the session, not only the shown set: ISO times with the computer's offset, min and max where the store keeps buckets
  const exportCsv = () => {
    if (!series) return
    const columns = Object.values(CHART_SETS)
      .flat()
      .filter((n) => info.has(n))
      .map((n) => ({ key: seriesKey(n), label: info.get(n)!.unit ? `${valueName(t, info.get(n)!)} (${info.get(n)!.unit})` : valueName(t, info.get(n)!) }))
    const content = seriesCsv(series.store, columns, { from, to, timeLabel: t('common:chart.time'), minLabel: t('common:chart.min'), maxLabel: t('common:chart.max') })
    saveFile({ fileName: 'ups-chart.csv', mime: 'text/csv', content, base64: false })
  }
  return (
    <section className="panel ups-chart" data-testid="ups-chart" data-latest={series?.store.latest() ?? 0}>
      <div className="toolbar">
        <h2>{t('upsMonitor:chart.title')}</h2>
        <span className="spacer" />
        <button type="button" className="secondary small" disabled={!series} onClick={exportCsv} data-testid="ups-chart-csv">
          {t('upsMonitor:chart.export')}
        </button>
        <div className="tabs" role="tablist">
          {SETS.map((s) => (
            <button key={s} type="button" role="tab" aria-selected={s === set} className={s === set ? 'tab active' : 'tab'} onClick={() => setSet(s)} data-chart-set={s}>
              {t(`upsMonitor:chart.${s}`)}
            </button>
          ))}
        </div>
      </div>
      {series ? (
        <TimeChart
          store={series.store}
          revision={series.revision}
          series={chosen}
          from={from}
          to={to}
          live
          gapMs={intervalMs * 3}
          height={200}
          formatValue={formatValue}
          testId="ups-chart-course"
        />
      ) : (
        <p className="hint">{t('upsMonitor:chart.empty')}</p>
      )}
    </section>
  )
})
