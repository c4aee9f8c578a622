import { memo, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { defaultFoxConfig } from '@shared/contract'
import { LIVE_REFRESH_CHOICES, msUntilLocalMidnight, refreshCost } from '@shared/devices/foxess/budget'
import { dayOf } from '@shared/devices/foxess/time'
import { DEFAULT_DAILY_BUDGET } from '@shared/devices/foxess/values'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { FaultList } from '../../components/foxess/FaultAdvice'
import { saveFile } from '../../components/save-file'
import { type FoxLiveView, liveSeriesKey, useFoxess } from '../../stores/foxess'
import { type FoxChartVariable, UnitCharts, useFoxCsv } from './unit-charts'

const WINDOWS = [15, 60, 120, 1440]
const RENEW_MS = 60_000
/** NUT calls data stale after missed polls: the line breaks after three refreshes with nothing */
const STALE_REFRESHES = 3

/**
 * The live subscription: started and stopped by the person, renewed while the
 * page is open, stopped when it closes. Stop keeps what was taken (chart and
 * CSV); Start again carries on in the same view.
 */
export function LiveSection({ sn, selected, unitOf, timezone, onError }: { sn: string; selected: string[]; unitOf: (key: string) => string; timezone: string; onError: (message: string | null) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const toCsv = useFoxCsv()
  const configured = useFoxess((s) => s.connection?.livePollSeconds)
  const [intervalSeconds, setIntervalSeconds] = useState(configured ?? defaultFoxConfig.livePollSeconds)
  const [spendBudget, setSpendBudget] = useState(false)
  const [windowMin, setWindowMin] = useState(60)
  /** the running subscription, null once stopped */
  const [subscription, setSubscription] = useState<string | null>(null)
  /** the view on screen: the running subscription's, or the last one's after Stop */
  const [viewId, setViewId] = useState<string | null>(null)
  // a sample redraws the charts alone (LiveCharts): the toolbar takes from the view only what a sample seldom changes
  const hasView = useFoxess((s) => Boolean(viewId && s.live[viewId]))
  const anyShown = useFoxess((s) => {
    const live = viewId ? s.live[viewId] : undefined
    return Boolean(live && selected.some((variable) => live.series.has(liveSeriesKey(sn, variable))))
  })
  const liveError = useFoxess((s) => {
    const error = viewId ? s.live[viewId]?.error : null
    return error ? t(`errors:${error.code}`, { ...error.params }) : ''
  })
  const faultsKey = useFoxess((s) => (viewId ? s.live[viewId]?.faults[sn]?.join(' ') : '') ?? '')
  const faults = useMemo(() => (faultsKey ? faultsKey.split(' ').map(Number) : []), [faultsKey])
  const status = useFoxess((s) => s.status)
  const subRef = useRef<string | null>(null)
  // the hour matters to the cost: a slow refresh late in the day may still spend what little is left
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), RENEW_MS)
    return () => clearInterval(tick)
  }, [])
  const viewRef = useRef<string | null>(null)

  const stopLive = async () => {
    const id = subRef.current
    subRef.current = null
    setSubscription(null)
    if (id) await api().foxessLiveStop({ subscriptionId: id }).catch(() => undefined)
  }
  const startLive = async () => {
    if (!sn || !selected.length) return
    onError(null)
    try {
      const { subscriptionId } = await api().foxessLiveStart({ sns: [sn], variables: [...selected, 'currentFault'], intervalSeconds, spendBudget, subscriptionId: subRef.current ?? undefined })
      if (viewRef.current && viewRef.current !== subscriptionId) useFoxess.getState().continueLive(viewRef.current, subscriptionId)
      subRef.current = subscriptionId
      viewRef.current = subscriptionId
      setSubscription(subscriptionId)
      setViewId(subscriptionId)
    } catch (err) {
      onError(errorText(err))
    }
  }
  useEffect(() => {
    if (!subscription) return
    const renew = setInterval(() => {
      void api()
        .foxessLiveStart({ sns: [sn], variables: [...selected, 'currentFault'], intervalSeconds, spendBudget, subscriptionId: subscription })
        .catch(() => undefined)
    }, RENEW_MS)
    return () => clearInterval(renew)
  }, [subscription, sn, selected, intervalSeconds, spendBudget])
  // leaving the page stops the subscription and lets its samples go
  useEffect(
    () => () => {
      void stopLive()
      if (viewRef.current) useFoxess.getState().clearLive(viewRef.current)
    },
    [],
  )
  // a change of inverter, variables or refresh applies to the running subscription at once
  useEffect(() => {
    if (subRef.current) void startLive()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sn, selected, intervalSeconds, spendBudget])

  const exportCsv = () => {
    const live = viewId ? useFoxess.getState().live[viewId] : undefined
    if (!live) return
    const { shown, from, to } = liveWindow(live, sn, selected, unitOf, windowMin)
    const content = toCsv(live.series, shown, from, to, timezone)
    saveFile({ fileName: `fieldbench-${sn}-live-${dayOf(to, timezone)}.csv`, mime: 'text/csv', content, base64: false })
  }
  const budget = status?.budget ?? { total: DEFAULT_DAILY_BUDGET, left: DEFAULT_DAILY_BUDGET, fromCloud: false }
  const cost = refreshCost(1, intervalSeconds, budget, msUntilLocalMidnight(now))
  const exhausts = cost.level === 'exhausts'
  const choices = [...new Set([...LIVE_REFRESH_CHOICES, intervalSeconds])].sort((a, b) => a - b)

  return (
    <div className="panel" data-testid="live-section">
      <h2>{t('foxess:livePage.live')}</h2>
      <div className="toolbar">
        <label className="field inline">
          <span>{t('foxess:livePage.refresh')}</span>
          <select
            value={intervalSeconds}
            onChange={(e) => {
              setSpendBudget(false)
              setIntervalSeconds(Number(e.target.value))
            }}
            data-testid="live-interval"
          >
            {choices.map((seconds) => (
              <option key={seconds} value={seconds}>
                {seconds % 60 === 0 ? t('foxess:livePage.everyMinutes', { count: seconds / 60 }) : t('foxess:livePage.everySeconds', { count: seconds })}
              </option>
            ))}
          </select>
        </label>
        <label className="field inline">
          <span>{t('foxess:livePage.window')}</span>
          <select value={windowMin} onChange={(e) => setWindowMin(Number(e.target.value))} data-testid="live-window">
            {WINDOWS.map((m) => (
              <option key={m} value={m}>
                {m >= 60 && m % 60 === 0 ? t('foxess:livePage.hours', { count: m / 60 }) : t('foxess:livePage.minutes', { count: m })}
              </option>
            ))}
          </select>
        </label>
        {subscription ? (
          <button type="button" className="secondary" onClick={() => void stopLive()} data-testid="live-stop">
            {t('foxess:livePage.stop')}
          </button>
        ) : (
          <button type="button" disabled={!sn || !selected.length || (exhausts && !spendBudget)} onClick={() => void startLive()} data-testid="live-start">
            {t('foxess:livePage.start')}
          </button>
        )}
        <button type="button" className="secondary" disabled={!anyShown} onClick={exportCsv} data-testid="live-csv">
          {t('foxess:livePage.csv')}
        </button>
      </div>
      <p className={cost.level === 'comfortable' ? 'hint' : 'hint warn-text'} data-testid="live-projection" data-level={cost.level}>
        {t('foxess:livePage.projection', { perHour: cost.perHour, perDay: cost.perDay, share: Math.round((cost.perDay / budget.total) * 100), total: budget.total, left: budget.left })}
      </p>
      {exhausts && (
        <label className="check banner warn" data-testid="live-exhausts">
          <input type="checkbox" checked={spendBudget} onChange={(e) => setSpendBudget(e.target.checked)} data-testid="live-spend-budget" />
          {t('foxess:livePage.spendBudget', { left: budget.left })}
        </label>
      )}
      {liveError && <p className="banner error">{liveError}</p>}
      <FaultList codes={faults} testId="live-faults" />
      {viewId && hasView && <LiveCharts viewId={viewId} sn={sn} selected={selected} unitOf={unitOf} windowMin={windowMin} timezone={timezone} gapMs={STALE_REFRESHES * intervalSeconds * 1000} />}
      {subscription && !anyShown && <p className="muted">{t('foxess:live.waiting')}</p>}
    </div>
  )
}

/** The chosen variables the view has samples of, in the cloud's units, over the window that ends at its newest sample. */
function liveWindow(live: FoxLiveView, sn: string, selected: string[], unitOf: (key: string) => string, windowMin: number) {
  const vars: FoxChartVariable[] = selected.map((variable) => ({ key: liveSeriesKey(sn, variable), variable, unit: live.units[variable] ?? unitOf(variable) }))
  const to = live.latest ?? 0
  return { shown: vars.filter((v) => live.series.has(v.key)), from: to - windowMin * 60_000, to }
}

/**
 * The live view's charts: the one part of the section a sample renders
 * again. Its box has a fixed height per chart and contains its own layout
 * and paint, so a redrawn line never lays out or repaints the page around it.
 */
const LiveCharts = memo(function LiveCharts(props: { viewId: string; sn: string; selected: string[]; unitOf: (key: string) => string; windowMin: number; timezone: string; gapMs: number }) {
  const live = useFoxess((s) => s.live[props.viewId])
  if (!live) return null
  const { shown, from, to } = liveWindow(live, props.sn, props.selected, props.unitOf, props.windowMin)
  return (
    <div className="live-charts" data-testid="live-view" data-samples={live.samples} data-latest={live.latest ?? 0}>
      {shown.length > 0 && <UnitCharts store={live.series} revision={live.revision} vars={shown} from={from} to={to} live timeZone={props.timezone} gapMs={props.gapMs} testId="live-chart" />}
    </div>
  )
})
