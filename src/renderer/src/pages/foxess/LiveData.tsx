import './foxess.css'
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FoxConfigLimits, type FoxHistory, type FoxReportDimension, FoxReportVariables, type FoxReportSeries } from '@shared/contract'
import type { FoxessTablesMeta, VariableMeta } from '@shared/devices/foxess/tables'
import { dayOf, dayRange } from '@shared/devices/foxess/time'
import { DEFAULT_DAILY_BUDGET, liveCallsPerHour } from '@shared/devices/foxess/values'
import { toCsv } from '@shared/series/csv'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { BudgetBadge } from '../../components/foxess/BudgetBadge'
import { EnergyBars, TimeChart, type TimeSeries } from '../../components/foxess/charts'
import { useFoxFormat, useFoxNames } from '../../components/foxess/format'
import { useFleet } from '../../components/foxess/InverterPicker'
import { saveFile } from '../../components/save-file'
import { useFoxess } from '../../stores/foxess'

const DEFAULT_VARS = ['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'SoC']
const INTERVALS = [10, 30, 60, 300]
const WINDOWS = [15, 60, 120]
const RENEW_MS = 60_000
const MAX_CHARTS = 4

/** Series grouped by unit, one chart per unit (kW with kW, % with %). */
function byUnit(series: TimeSeries[]): TimeSeries[][] {
  const groups = new Map<string, TimeSeries[]>()
  for (const s of series) groups.set(s.unit, [...(groups.get(s.unit) ?? []), s])
  return [...groups.values()].slice(0, MAX_CHARTS)
}

export function LiveDataPage() {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const fmt = useFoxFormat()
  const names = useFoxNames()
  const { plants, devices, error: fleetError, clearError } = useFleet()
  const status = useFoxess((s) => s.status)
  const [meta, setMeta] = useState<FoxessTablesMeta | null>(null)
  const [sn, setSn] = useState<string>('')
  const [selected, setSelected] = useState<string[]>(DEFAULT_VARS)
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)
  const [intervalSeconds, setIntervalSeconds] = useState(60)
  const [windowMin, setWindowMin] = useState(60)
  const [subscription, setSubscription] = useState<string | null>(null)
  const live = useFoxess((s) => (subscription ? s.live[subscription] : undefined))
  const [day, setDay] = useState('')
  const [history, setHistory] = useState<FoxHistory | null>(null)
  const [dimension, setDimension] = useState<FoxReportDimension>('day')
  const [report, setReport] = useState<{ dimension: FoxReportDimension; date: string; series: FoxReportSeries[] } | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const subRef = useRef<string | null>(null)

  useEffect(() => {
    void import('@locales/foxess-tables.json').then((m) => setMeta(m.default as unknown as FoxessTablesMeta))
  }, [])

  const device = devices?.find((d) => d.deviceSN === sn) ?? null
  const timezone = plants?.find((p) => p.stationID === device?.stationID)?.ianaTimezone || 'UTC'
  useEffect(() => {
    if (!sn && devices?.length) setSn(devices.find((d) => d.status === 1)?.deviceSN ?? devices[0]!.deviceSN)
  }, [devices, sn])
  useEffect(() => {
    if (device) setDay(dayOf(Date.now(), timezone))
  }, [device, timezone])

  const variables: VariableMeta[] = useMemo(() => (meta ? meta.variables.filter((v) => (device?.hasBattery ? v.storage : v.gridTied)) : []), [meta, device])
  const unitOf = (key: string) => variables.find((v) => v.key === key)?.unit ?? ''
  const shown = useMemo(() => {
    const terms = deferred.toLowerCase().split(/\s+/).filter(Boolean)
    const matching = variables.filter((v) => {
      const hay = `${v.key} ${names.variable(v.key)} ${v.unit}`.toLowerCase()
      return terms.every((term) => hay.includes(term))
    })
    // the chosen ones first, in table order after that
    return [...matching.filter((v) => selected.includes(v.key)), ...matching.filter((v) => !selected.includes(v.key))]
    // names change with the language
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [variables, deferred, i18n.language, selected])

  // the live subscription: started and stopped by the person, renewed while the page is open, stopped when it closes
  const stopLive = async () => {
    const id = subRef.current
    subRef.current = null
    setSubscription(null)
    if (id) {
      useFoxess.getState().clearLive(id)
      await api().foxessLiveStop({ subscriptionId: id }).catch(() => undefined)
    }
  }
  const startLive = async () => {
    if (!sn || !selected.length) return
    setError(null)
    try {
      const { subscriptionId } = await api().foxessLiveStart({ sns: [sn], variables: selected, intervalSeconds, subscriptionId: subRef.current ?? undefined })
      subRef.current = subscriptionId
      setSubscription(subscriptionId)
    } catch (err) {
      setError(errorText(err))
    }
  }
  useEffect(() => {
    if (!subscription) return
    const renew = setInterval(() => {
      void api()
        .foxessLiveStart({ sns: [sn], variables: selected, intervalSeconds, subscriptionId: subscription })
        .catch(() => undefined)
    }, RENEW_MS)
    return () => clearInterval(renew)
  }, [subscription, sn, selected, intervalSeconds])
  useEffect(() => () => void stopLive(), [])
  // a change of inverter, variables or refresh applies to the running subscription at once
  useEffect(() => {
    if (subRef.current) void startLive()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sn, selected, intervalSeconds])

  const liveSeries: TimeSeries[] = useMemo(() => {
    const samples = live?.samples ?? []
    return selected
      .filter((key) => samples.some((s) => typeof s.values[key] === 'number'))
      .map((key) => {
        const unit = unitOf(key)
        return {
          key,
          label: names.variable(key),
          unit: fmt.convert(1, unit).unit,
          points: samples.filter((s) => s.deviceSN === sn && typeof s.values[key] === 'number').map((s) => ({ x: s.dataTime ?? s.at, y: fmt.convert(s.values[key] as number, unit).value })),
        }
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [live, selected, sn, fmt.prefs.powerUnit, fmt.prefs.temperatureUnit, i18n.language])
  const liveTo = Math.max(0, ...(live?.samples ?? []).map((s) => s.dataTime ?? s.at))

  const loadHistory = async () => {
    if (!sn || !day) return
    setBusy(true)
    setError(null)
    try {
      const { begin, end } = dayRange(day, timezone)
      setHistory(await api().foxessHistory({ sn, variables: selected, begin, end: Math.min(end, Date.now()) }))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const historySeries: TimeSeries[] = (history?.series ?? []).map((s) => ({
    key: s.variable,
    label: names.variable(s.variable),
    unit: fmt.convert(1, s.unit).unit,
    points: s.data.map((p) => ({ x: p.time, y: fmt.convert(p.value, s.unit).value })),
  }))

  const loadReport = async () => {
    if (!sn || !day) return
    const [year, month, dd] = day.split('-').map(Number) as [number, number, number]
    setBusy(true)
    setError(null)
    try {
      const series = await api().foxessReport({ sn, dimension, year, month: dimension === 'year' ? undefined : month, day: dimension === 'day' ? dd : undefined, variables: [...FoxReportVariables] })
      setReport({ dimension, date: day, series })
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const reportLabels = (r: NonNullable<typeof report>) => {
    const n = r.series[0]?.values.length ?? 0
    if (r.dimension === 'year') return Array.from({ length: n }, (_, i) => new Intl.DateTimeFormat(i18n.language, { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, i, 1)))
    return Array.from({ length: n }, (_, i) => String(r.dimension === 'day' ? i : i + 1))
  }

  const exportCsv = (kind: 'live' | 'history' | 'report') => {
    const zoneTime = (ms: number) => `${dayOf(ms, timezone)} ${fmt.time(ms, timezone)}`
    let header: string[]
    let rows: (string | number)[][]
    if (kind === 'report' && report) {
      header = [t('foxess:report.period'), ...report.series.map((s) => `${t(`foxess:report.${s.variable}`)} (${s.unit})`)]
      rows = reportLabels(report).map((label, i) => [label, ...report.series.map((s) => s.values[i] ?? '')])
    } else {
      const series = kind === 'live' ? liveSeries : historySeries
      const times = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b)
      const maps = series.map((s) => new Map(s.points.map((p) => [p.x, p.y])))
      header = [t('foxess:cli.colTime'), ...series.map((s) => (s.unit ? `${s.label} (${s.unit})` : s.label))]
      rows = times.map((x) => [zoneTime(x), ...maps.map((m) => m.get(x) ?? '')])
    }
    saveFile({ fileName: `fieldbench-${sn}-${kind}-${day || dayOf(Date.now(), timezone)}.csv`, mime: 'text/csv', content: toCsv(header, rows), base64: false })
  }

  const budget = status?.accessCount?.total ?? DEFAULT_DAILY_BUDGET
  const perDay = Math.round(liveCallsPerHour(1, intervalSeconds) * 24)

  return (
    <section data-testid="live-data" className="foxess">
      <div className="page-head">
        <h1>{t('foxess:livePage.title')}</h1>
        <BudgetBadge />
      </div>
      <p className="lead">{t('foxess:livePage.intro')}</p>
      <ErrorBanner message={error ?? fleetError} onClose={() => (error ? setError(null) : clearError())} />
      <div className="toolbar">
        <label className="field inline">
          <span>{t('foxess:livePage.inverter')}</span>
          <select value={sn} onChange={(e) => setSn(e.target.value)} data-testid="live-inverter">
            {(devices ?? []).map((d) => (
              <option key={d.deviceSN} value={d.deviceSN}>
                {`${d.deviceSN} · ${d.stationName} · ${d.deviceType}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="live-layout">
        <div className="panel variables-picker" data-testid="variable-picker">
          <h2>{t('foxess:livePage.variables', { count: selected.length })}</h2>
          <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('foxess:livePage.searchVariables')} aria-label={t('foxess:livePage.searchVariables')} data-testid="variable-search" />
          <div className="variable-list">
            {shown.map((v) => (
              <label key={v.key} className="check" data-key={v.key}>
                <input type="checkbox" checked={selected.includes(v.key)} onChange={(e) => setSelected((prev) => (e.target.checked ? [...prev, v.key] : prev.filter((k) => k !== v.key)))} />
                <span>{names.variable(v.key)}</span>
                <span className="muted mono">{v.unit ? `${v.key} · ${v.unit}` : v.key}</span>
              </label>
            ))}
          </div>
        </div>
        <div className="live-main">
          <div className="panel" data-testid="live-section">
            <h2>{t('foxess:livePage.live')}</h2>
            <div className="toolbar">
              <label className="field inline">
                <span>{t('foxess:livePage.refresh')}</span>
                <select value={intervalSeconds} onChange={(e) => setIntervalSeconds(Number(e.target.value))} data-testid="live-interval">
                  {INTERVALS.filter((s) => s >= FoxConfigLimits.livePollSeconds.min).map((s) => (
                    <option key={s} value={s}>
                      {t('foxess:livePage.everySeconds', { count: s })}
                    </option>
                  ))}
                </select>
              </label>
              <label className="field inline">
                <span>{t('foxess:livePage.window')}</span>
                <select value={windowMin} onChange={(e) => setWindowMin(Number(e.target.value))}>
                  {WINDOWS.map((m) => (
                    <option key={m} value={m}>
                      {t('foxess:livePage.minutes', { count: m })}
                    </option>
                  ))}
                </select>
              </label>
              {subscription ? (
                <button type="button" className="secondary" onClick={() => void stopLive()} data-testid="live-stop">
                  {t('foxess:livePage.stop')}
                </button>
              ) : (
                <button type="button" disabled={!sn || !selected.length} onClick={() => void startLive()} data-testid="live-start">
                  {t('foxess:livePage.start')}
                </button>
              )}
              <button type="button" className="secondary" disabled={!liveSeries.length} onClick={() => exportCsv('live')}>
                {t('foxess:livePage.csv')}
              </button>
            </div>
            <p className={perDay > budget / 2 ? 'hint warn-text' : 'hint'} data-testid="live-projection">
              {t('foxess:livePage.projection', { perHour: Math.round(perDay / 24), perDay, budget })}
            </p>
            {live?.error && <p className="banner error">{t(`errors:${live.error.code}`, { ...live.error.params })}</p>}
            {byUnit(liveSeries).map((group) => (
              <TimeChart
                key={group[0]!.unit}
                series={group}
                from={liveTo - windowMin * 60_000}
                to={liveTo}
                mode="live"
                formatTime={(ms) => fmt.hm(ms, timezone)}
                formatValue={(v) => fmt.number(v)}
                testId="live-chart"
                timeZone={timezone}
              />
            ))}
            {subscription && !liveSeries.length && <p className="muted">{t('foxess:live.waiting')}</p>}
          </div>
          <div className="panel" data-testid="history-section">
            <h2>{t('foxess:livePage.history')}</h2>
            <div className="toolbar">
              <label className="field inline">
                <span>{t('foxess:livePage.day', { zone: timezone })}</span>
                <input type="date" value={day} onChange={(e) => setDay(e.target.value)} data-testid="history-day" />
              </label>
              <button type="button" disabled={busy || !day || !selected.length} onClick={() => void loadHistory()} data-testid="history-load">
                {t('foxess:livePage.loadDay')}
              </button>
              <button type="button" className="secondary" disabled={!historySeries.length} onClick={() => exportCsv('history')} data-testid="history-csv">
                {t('foxess:livePage.csv')}
              </button>
            </div>
            {history && <p className="hint">{t('foxess:livePage.historyCalls', { count: history.requests })}</p>}
            {history && byUnit(historySeries).map((group) => (
              <TimeChart key={group[0]!.unit} series={group} from={history.begin} to={dayRange(day || dayOf(history.begin, timezone), timezone).end} mode="history" timeZone={timezone} formatTime={(ms) => fmt.hm(ms, timezone)} formatValue={(v) => fmt.number(v)} testId="history-chart" />
            ))}
          </div>
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
              <button type="button" disabled={busy || !day} onClick={() => void loadReport()} data-testid="report-load">
                {t('foxess:livePage.loadReport')}
              </button>
              <button type="button" className="secondary" disabled={!report} onClick={() => exportCsv('report')}>
                {t('foxess:livePage.csv')}
              </button>
            </div>
            {report && (
              <EnergyBars
                labels={reportLabels(report)}
                series={report.series.map((s) => ({ key: s.variable, label: t(`foxess:report.${s.variable}`), values: s.values }))}
                formatValue={(v) => `${fmt.number(v, 1)} kWh`}
              />
            )}
          </div>
        </div>
      </div>
    </section>
  )
}
