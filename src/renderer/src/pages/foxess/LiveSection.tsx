import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { FoxConfigLimits } from '@shared/contract'
import { dayOf } from '@shared/devices/foxess/time'
import { DEFAULT_DAILY_BUDGET, liveCallsPerHour } from '@shared/devices/foxess/values'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { FaultList } from '../../components/foxess/FaultAdvice'
import { saveFile } from '../../components/save-file'
import { liveSeriesKey, useFoxess } from '../../stores/foxess'
import { type FoxChartVariable, UnitCharts, useFoxCsv } from './unit-charts'

const INTERVALS = [10, 30, 60, 300]
const WINDOWS = [15, 60, 120, 1440]
const RENEW_MS = 60_000
/** NUT calls data stale after missed polls: the line breaks after three refreshes with nothing */
const STALE_REFRESHES = 3

/** The live subscription: started and stopped by the person, renewed while the page is open, stopped when it closes. */
export function LiveSection({ sn, selected, unitOf, timezone, onError }: { sn: string; selected: string[]; unitOf: (key: string) => string; timezone: string; onError: (message: string | null) => void }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const toCsv = useFoxCsv()
  const [intervalSeconds, setIntervalSeconds] = useState(60)
  const [windowMin, setWindowMin] = useState(60)
  const [subscription, setSubscription] = useState<string | null>(null)
  const live = useFoxess((s) => (subscription ? s.live[subscription] : undefined))
  const status = useFoxess((s) => s.status)
  const subRef = useRef<string | null>(null)

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
    onError(null)
    try {
      const { subscriptionId } = await api().foxessLiveStart({ sns: [sn], variables: [...selected, 'currentFault'], intervalSeconds, subscriptionId: subRef.current ?? undefined })
      subRef.current = subscriptionId
      setSubscription(subscriptionId)
    } catch (err) {
      onError(errorText(err))
    }
  }
  useEffect(() => {
    if (!subscription) return
    const renew = setInterval(() => {
      void api()
        .foxessLiveStart({ sns: [sn], variables: [...selected, 'currentFault'], intervalSeconds, subscriptionId: subscription })
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

  const vars: FoxChartVariable[] = selected.map((variable) => ({ key: liveSeriesKey(sn, variable), variable, unit: live?.units[variable] ?? unitOf(variable) }))
  const shown = live ? vars.filter((v) => live.series.has(v.key)) : []
  const to = live?.latest ?? 0
  const from = to - windowMin * 60_000
  const exportCsv = () => {
    if (!live) return
    const content = toCsv(live.series, shown, from, to, timezone)
    saveFile({ fileName: `fieldbench-${sn}-live-${dayOf(to, timezone)}.csv`, mime: 'text/csv', content, base64: false })
  }
  const budget = status?.accessCount?.total ?? DEFAULT_DAILY_BUDGET
  const perDay = Math.round(liveCallsPerHour(1, intervalSeconds) * 24)

  return (
    <div className="panel" data-testid="live-section" data-samples={live?.samples ?? 0} data-latest={live?.latest ?? 0}>
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
          <button type="button" disabled={!sn || !selected.length} onClick={() => void startLive()} data-testid="live-start">
            {t('foxess:livePage.start')}
          </button>
        )}
        <button type="button" className="secondary" disabled={!shown.length} onClick={exportCsv} data-testid="live-csv">
          {t('foxess:livePage.csv')}
        </button>
      </div>
      <p className={perDay > budget / 2 ? 'hint warn-text' : 'hint'} data-testid="live-projection">
        {t('foxess:livePage.projection', { perHour: Math.round(perDay / 24), perDay, budget })}
      </p>
      {live?.error && <p className="banner error">{t(`errors:${live.error.code}`, { ...live.error.params })}</p>}
      <FaultList codes={live?.faults[sn] ?? []} testId="live-faults" />
      {live && shown.length > 0 && (
        <UnitCharts store={live.series} revision={live.revision} vars={shown} from={from} to={to} live timeZone={timezone} gapMs={STALE_REFRESHES * intervalSeconds * 1000} testId="live-chart" />
      )}
      {subscription && !shown.length && <p className="muted">{t('foxess:live.waiting')}</p>}
    </div>
  )
}
