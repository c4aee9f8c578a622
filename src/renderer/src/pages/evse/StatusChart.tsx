import { memo, useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { isoWithOffset, seriesCsv } from '@shared/series/csv'
import { saveFile } from '../../components/save-file'
import { useEvse } from '../../stores/evse'
import { EvseCharts } from './EvseCharts'

/** two charts (the units differ) under the figures, short enough that the toggles stay on a 768 px high screen */
const HEIGHT = 120

/** Power and current of the live session on this charger, the whole session, and the session as CSV; it follows the series alone, with the same labels from one update to the next. */
export const StatusChart = memo(function StatusChart({ host }: { host: string }) {
  const { t } = useTranslation()
  const series = useEvse((s) => (s.liveSeries?.host === host ? s.liveSeries : null))
  const power = t('evse:page.power')
  const current = t('evse:page.current')
  const labels = useMemo(() => ({ power, current }), [power, current])
  if (!series) return null
  const from = series.from
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
      <EvseCharts
        store={series.store}
        revision={series.revision}
        from={from}
        latest={series.lastAt}
        labels={labels}
        height={HEIGHT}
        testId="evse-live-chart"
      />
      <button type="button" className="secondary" onClick={exportCsv} data-testid="evse-live-csv">
        {t('evse:page.exportCsv')}
      </button>
    </div>
  )
})
