import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FoxReportDimension, FoxReportVariables, type FoxReportSeries } from '@shared/contract'
import { toCsv } from '@shared/series/csv'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { EnergyBars } from '../../components/foxess/charts'
import { useFoxFormat } from '../../components/foxess/format'
import { saveFile } from '../../components/save-file'

interface Report {
  dimension: FoxReportDimension
  date: string
  series: FoxReportSeries[]
}

/** Energy per hour, day or month around the chosen day, as grouped bars. */
export function ReportSection({ sn, day, busy, setBusy, onError }: { sn: string; day: string; busy: boolean; setBusy: (busy: boolean) => void; onError: (message: string | null) => void }) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const fmt = useFoxFormat()
  const [dimension, setDimension] = useState<FoxReportDimension>('day')
  const [report, setReport] = useState<Report | null>(null)

  const load = async () => {
    if (!sn || !day) return
    const [year, month, dd] = day.split('-').map(Number) as [number, number, number]
    setBusy(true)
    onError(null)
    try {
      const series = await api().foxessReport({ sn, dimension, year, month: dimension === 'year' ? undefined : month, day: dimension === 'day' ? dd : undefined, variables: [...FoxReportVariables] })
      setReport({ dimension, date: day, series })
    } catch (err) {
      onError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const labels = (r: Report) => {
    const n = r.series[0]?.values.length ?? 0
    if (r.dimension === 'year') return Array.from({ length: n }, (_, i) => new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, i, 1)))
    return Array.from({ length: n }, (_, i) => String(r.dimension === 'day' ? i : i + 1))
  }
  const exportCsv = () => {
    if (!report) return
    const header = [t('foxess:report.period'), ...report.series.map((s) => `${t(`foxess:report.${s.variable}`)} (${s.unit})`)]
    const rows = labels(report).map((label, i) => [label, ...report.series.map((s) => s.values[i] ?? '')])
    saveFile({ fileName: `fieldbench-${sn}-report-${report.date}.csv`, mime: 'text/csv', content: toCsv(header, rows), base64: false })
  }

  return (
    <div className="panel" data-testid="report-section">
      <h2>{t('foxess:livePage.energy')}</h2>
      <div className="toolbar">
        <label className="field inline">
          <span>{t('foxess:livePage.dimension')}</span>
          <select value={dimension} onChange={(e) => setDimension(e.target.value as FoxReportDimension)} data-testid="report-dimension">
            {(['day', 'month', 'year'] as const).map((d) => (
              <option key={d} value={d}>
                {t(`foxess:reportBy.${d}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !day} onClick={() => void load()} data-testid="report-load">
          {t('foxess:livePage.loadReport')}
        </button>
        <button type="button" className="secondary" disabled={!report} onClick={exportCsv}>
          {t('foxess:livePage.csv')}
        </button>
      </div>
      {report && (
        <EnergyBars
          labels={labels(report)}
          series={report.series.map((s) => ({ key: s.variable, label: t(`foxess:report.${s.variable}`), values: s.values }))}
          formatValue={(v) => `${fmt.number(v, 1)} kWh`}
        />
      )}
    </div>
  )
}
