import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { UPS_POLL_MAX_MS, UPS_POLL_MIN_MS, UPS_SIM_ID, type UpsProtocolDocument } from '@shared/contract'
import { formatTime } from '@shared/i18n/time'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { PortSelect } from '../../components/PortSelect'
import { useApp } from '../../stores/app'
import { useNav } from '../../stores/nav'
import { useUps } from '../../stores/ups'
import { AlarmList } from './AlarmList'
import { type FileChoice, MonitorFile, monitorFileOf } from './MonitorFile'
import { UpsChart } from './UpsChart'
import { UpsDemoPanel } from './UpsDemoPanel'
import { ValueGroups } from './ValueGroups'
import './ups.css'

const INTERVALS_S = [1, 2, 5, 10, 30, 60].filter((s) => s * 1000 >= UPS_POLL_MIN_MS && s * 1000 <= UPS_POLL_MAX_MS)

/** The UPS monitor: a port and the shipped protocol file, every value live by group, lights, alarms, the chart; the demo panel in demo mode. */
export function UpsPage() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const language = useApp((s) => s.language)
  const demo = useApp((s) => s.settings?.demoMode)
  const view = useUps((s) => s.view)
  const layout = useUps((s) => s.layout)
  const [path, setPath] = useState('')
  const [intervalS, setIntervalS] = useState(2)
  const [logPath, setLogPath] = useState('')
  const [logging, setLogging] = useState(false)
  const [choice, setChoice] = useState<FileChoice>('shipped')
  const [chosen, setChosen] = useState<UpsProtocolDocument | null>(null)
  const [lastRecord, setLastRecord] = useState<number | null>(null)
  const editorFile = useUps((s) => s.editorFile)
  const go = useNav((s) => s.go)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void api()
      .upsMonitorState()
      .then((v) => useUps.getState().setView(v))
      .catch(() => undefined)
    void api()
      .upsMonitorLayout()
      .then((l) => useUps.getState().setLayout(l))
      .catch(() => undefined)
  }, [])
  // in demo mode the simulated UPS's port is offered when nothing was chosen
  useEffect(() => {
    if (demo) setPath((p) => p || `sim:${UPS_SIM_ID}`)
  }, [demo])

  const running = Boolean(view?.running)
  const start = async () => {
    setBusy(true)
    setError(null)
    try {
      useUps.getState().reset()
      const file = monitorFileOf(choice, editorFile, chosen)
      const started = await api().upsMonitorStart({ path, file, intervalMs: intervalS * 1000, log: logging, ...(logging && logPath.trim() ? { logPath: logPath.trim() } : {}) })
      useUps.getState().setView(started)
      setLastRecord(started.logRecordId)
      useUps.getState().setLayout(await api().upsMonitorLayout())
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }
  const stop = async () => {
    setBusy(true)
    try {
      useUps.getState().setView(await api().upsMonitorStop())
    } catch (err) {
      setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const link = view?.link
  const linkState = running ? (link?.state ?? 'connecting') : 'idle'
  const active = view?.alarms.active.length ?? 0
  return (
    <div className="ups-page" data-testid="ups-page" data-link={linkState}>
      <div className="ups-monitor-head">
        <div className="toolbar">
          <h1>{t('upsMonitor:title')}</h1>
          <label className="field inline">
            <span>{t('upsMonitor:port')}</span>
            <PortSelect value={running ? (view?.path ?? path) : path} onChange={setPath} testId="ups-port" />
          </label>
          <label className="field inline">
            <span>{t('upsMonitor:interval')}</span>
            <select value={intervalS} disabled={running} onChange={(e) => setIntervalS(Number(e.target.value))} data-testid="ups-interval">
              {INTERVALS_S.map((s) => (
                <option key={s} value={s}>
                  {t('upsMonitor:seconds', { count: s })}
                </option>
              ))}
            </select>
          </label>
          <MonitorFile
            choice={choice}
            chosen={chosen}
            disabled={running || busy}
            onChoice={setChoice}
            onChosen={(doc) => {
              setChosen(doc)
              setChoice('chosen')
            }}
            onError={(err) => setError(errorText(err))}
          />
          <label className="field inline">
            <input type="checkbox" checked={logging} disabled={running} onChange={(e) => setLogging(e.target.checked)} data-testid="ups-log" />
            <span>{t('upsMonitor:logSession')}</span>
          </label>
          {logging && !running && <input value={logPath} placeholder={t('upsMonitor:logPlaceholder')} onChange={(e) => setLogPath(e.target.value)} data-testid="ups-log-path" />}
          {running ? (
            <button type="button" className="secondary" disabled={busy} onClick={() => void stop()} data-testid="ups-stop">
              {t('upsMonitor:stop')}
            </button>
          ) : (
            <button type="button" disabled={busy || !path} onClick={() => void start()} data-testid="ups-start">
              {t('upsMonitor:start')}
            </button>
          )}
        </div>
        <div className={`ups-status ${linkState}`} data-testid="ups-status" data-state={linkState} data-alarms={active}>
          <strong>{t(`upsMonitor:link.${linkState}`)}</strong>
          {running && link?.lastAnswerAt !== null && link?.lastAnswerAt !== undefined && <span>{t('upsMonitor:lastAnswer', { time: formatTime(link.lastAnswerAt, language) })}</span>}
          {running && <span className={active ? 'badge fail' : 'badge'}>{t('upsMonitor:activeAlarms', { count: active })}</span>}
          <span className="ups-next">{t(`upsMonitor:next.${linkState}`)}</span>
          {running && layout?.fileInUse && (
            <span className="muted" data-testid="ups-file-in-use" data-origin={layout.fileInUse.origin} data-framing={layout.fileInUse.framingOwn ? 'own' : 'default'}>
              {t('upsMonitor:file.inUse', { name: layout.fileInUse.name, framing: t(layout.fileInUse.framingOwn ? 'upsMonitor:file.framingOwn' : 'upsMonitor:file.framingDefault') })}
            </span>
          )}
          {view?.logPath && view.logRecordId !== null && <span className="muted" title={view.logPath}>{t('upsMonitor:logRecord', { id: view.logRecordId })}</span>}
          {lastRecord !== null && (
            <button type="button" className="link" onClick={() => go({ page: 'record', id: lastRecord })} data-testid="ups-log-record">
              {t('upsMonitor:openRecord')}
            </button>
          )}
        </div>
        <ErrorBanner message={error} onClose={() => setError(null)} />
      </div>
      {layout && view && (running || view.readings.length > 0) ? (
        <div className={demo ? 'ups-layout with-demo' : 'ups-layout'}>
          <ValueGroups layout={layout} readings={view.readings} />
          <div className="ups-monitor-side">
            <AlarmList layout={layout} alarms={view.alarms} />
            <UpsChart layout={layout} intervalMs={view.intervalMs || intervalS * 1000} />
            {demo && <UpsDemoPanel />}
          </div>
        </div>
      ) : (
        <div className="ups-layout">
          <p className="hint">{t('upsMonitor:intro')}</p>
          {demo && <UpsDemoPanel />}
        </div>
      )}
    </div>
  )
}
