import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FoxHistory } from '@shared/contract'
import { dayOf, dayRange } from '@shared/devices/foxess/time'
import { storeOfPoints } from '@shared/series/store'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { DateField } from '../../components/TimeFields'
import { saveFile } from '../../components/save-file'
import { type FoxChartVariable, UnitCharts, useFoxCsv } from './unit-charts'

/** A day of the cloud's history for the chosen variables, in the plant's own day. */
export function HistorySection({ sn, selected, day, setDay, timezone, busy, setBusy, onError }: { sn: string; selected: string[]; day: string; setDay: (day: string) => void; timezone: string; busy: boolean; setBusy: (busy: boolean) => void; onError: (message: string | null) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const toCsv = useFoxCsv()
  const [history, setHistory] = useState<FoxHistory | null>(null)

  const load = async () => {
    if (!sn || !day) return
    setBusy(true)
    onError(null)
    try {
      const { begin, end } = dayRange(day, timezone)
      setHistory(await api().foxessHistory({ sn, variables: selected, begin, end: Math.min(end, Date.now()) }))
    } catch (err) {
      onError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const drawn = useMemo(() => {
    if (!history) return null
    const store = storeOfPoints(history.series.map((s) => ({ key: s.variable, points: s.data.map((p) => ({ x: p.time, y: p.value })) })))
    const vars: FoxChartVariable[] = history.series.map((s) => ({ key: s.variable, variable: s.variable, unit: s.unit }))
    const to = dayRange(day || dayOf(history.begin, timezone), timezone).end
    return { store, vars, from: history.begin, to }
    // a new day typed in keeps the drawn one until it is loaded
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [history, timezone])
  const exportCsv = () => {
    if (!drawn) return
    const content = toCsv(drawn.store, drawn.vars, drawn.from, drawn.to, timezone)
    saveFile({ fileName: `fieldbench-${sn}-history-${day || dayOf(Date.now(), timezone)}.csv`, mime: 'text/csv', content, base64: false })
  }

  return (
    <div className="panel" data-testid="history-section">
      <h2>{t('foxess:livePage.history')}</h2>
      <div className="toolbar">
        <label className="field inline">
          <span>{t('foxess:livePage.day', { zone: timezone })}</span>
          <DateField value={day || undefined} onChange={(next) => setDay(next ?? '')} label={t('foxess:livePage.day', { zone: timezone })} testId="history-day" />
        </label>
        <button type="button" disabled={busy || !day || !selected.length} onClick={() => void load()} data-testid="history-load">
          {t('foxess:livePage.loadDay')}
        </button>
        <button type="button" className="secondary" disabled={!drawn?.vars.length} onClick={exportCsv} data-testid="history-csv">
          {t('foxess:livePage.csv')}
        </button>
      </div>
      {history && <p className="hint">{t('foxess:livePage.historyCalls', { count: history.requests })}</p>}
      {drawn && <UnitCharts store={drawn.store} revision={drawn.store.revision} vars={drawn.vars} from={drawn.from} to={drawn.to} timeZone={timezone} testId="history-chart" />}
    </div>
  )
}
