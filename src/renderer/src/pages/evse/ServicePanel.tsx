import { memo, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, chargerKey, type EvseInfo, type EvseServiceAction, EvseServiceConfirmed, type EvseServiceView, type JobUpdate } from '@shared/contract'
import { asLanguage, formatTime } from '@shared/i18n/time'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { useEvseService } from '../../stores/evse-service'
import { useJobs } from '../../stores/jobs'
import { useNav } from '../../stores/nav'
import './service.css'

interface Props {
  host: string
  info: EvseInfo | null
}

/** the actions offered as buttons, in the order an installer reaches for them */
const BUTTONS: readonly Exclude<EvseServiceAction, 'restore'>[] = ['updateCheck', 'updateRun', 'reset', 'factoryDefault', 'wifiAp']
const BUTTON_TEXT: Record<(typeof BUTTONS)[number], string> = {
  updateCheck: 'evseService:panel.check',
  updateRun: 'evseService:panel.update',
  reset: 'evseService:panel.restart',
  factoryDefault: 'evseService:panel.factory',
  wifiAp: 'evseService:panel.wifiAp',
}

const seconds = (ms: number | null) => (ms === null ? '—' : String(Math.round(ms / 1000)))
const shown = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v))

/**
 * Firmware update, restart, factory defaults and the access point, each a
 * recorded job sent once and proven from the charger's state; what cannot be
 * undone is asked first (factory defaults twice), and the result says what
 * the charger showed and what to do next.
 */
/** memoized: the live status updates the page once a second, and this panel depends on none of it */
export const ServicePanel = memo(function ServicePanel({ host, info }: Props) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const go = useNav((s) => s.go)
  const open = useJobs((s) => s.open)
  const [started, setStarted] = useState<number | null>(null)
  const [asking, setAsking] = useState<{ action: (typeof BUTTONS)[number]; again: boolean } | null>(null)
  const [error, setError] = useState<string | null>(null)
  // a service job already running on this charger (started before the page was opened) is the one shown
  const attached = open.find((j) => j.state === 'running' && j.jobType === 'evseService' && j.deviceKey === chargerKey(host))?.recordId ?? null
  const recordId = started ?? attached
  const job = useJobs((s) => (recordId === null ? undefined : s.byRecord[recordId]))
  const view = useEvseService((s) => (recordId === null ? undefined : s.views[recordId]))
  const presence = useEvseService((s) => s.charger[host])
  const running = job?.phase.phase === 'running'
  const time = (ms: number) => formatTime(ms, asLanguage(i18n.language))
  // the question, then the running step and the result, are brought into view as they come (the panel sits low on a laptop screen)
  const follow = useRef<HTMLDivElement>(null)
  const phaseKey = job ? `${job.recordId}:${job.phase.phase}` : ''
  useEffect(() => {
    follow.current?.querySelector('[data-follow]')?.scrollIntoView({ block: 'nearest' })
  }, [asking, phaseKey])

  const start = async (action: EvseServiceAction, fromRecord?: number) => {
    setAsking(null)
    setError(null)
    try {
      const update = await api().evseServiceStart({ host, action, ...(EvseServiceConfirmed.includes(action) ? { confirmed: action } : {}), ...(fromRecord ? { fromRecord } : {}) })
      useJobs.getState().update(update)
      setStarted(update.recordId)
    } catch (err) {
      setError(errorText(err))
    }
  }

  const checkAllowed = view?.otaCheckAllowed ?? info?.otaCheckAllowed ?? null
  const updateAllowed = view?.otaUpdateAllowed ?? info?.otaUpdateAllowed ?? null
  const allowed = (action: (typeof BUTTONS)[number]) => (action === 'updateCheck' ? checkAllowed === true : action === 'updateRun' ? updateAllowed === true : true)
  const version = (view?.action === 'updateRun' ? view.versionAfter : null) ?? info?.systemVersion ?? '—'
  const otaMessage = view?.otaMessage ?? info?.otaMessage ?? null

  const ask = (action: (typeof BUTTONS)[number]) => {
    if (action === 'updateCheck') void start(action)
    else setAsking({ action, again: false })
  }

  return (
    <div className="panel evse-service" data-testid="evse-service" ref={follow}>
      <h2>{t('evseService:panel.title')}</h2>
      <p className="evse-note">
        {t('evseService:panel.firmware', { version })}
        {otaMessage ? ` · ${t('evseService:panel.otaMessage', { message: otaMessage })}` : ''}
      </p>
      <div className="evse-service-actions">
        {BUTTONS.map((action) => (
          <button key={action} type="button" disabled={running || asking !== null || !allowed(action)} onClick={() => ask(action)} data-testid={`evse-service-${action}`}>
            {t(BUTTON_TEXT[action])}
          </button>
        ))}
      </div>
      {checkAllowed === false && <p className="evse-note">{t('evseService:panel.checkNotAllowed')}</p>}
      {checkAllowed !== false && updateAllowed !== true && <p className="evse-note">{t('evseService:panel.updateNotAllowed')}</p>}
      {asking && (
        <div className="evse-service-ask" data-testid="evse-service-ask" data-follow>
          <p>{asking.action === 'factoryDefault' && asking.again ? t('evseService:panel.confirmFactoryAgain', { host }) : t(`evseService:panel.confirm${asking.action[0]!.toUpperCase()}${asking.action.slice(1)}`)}</p>
          <div className="actions">
            {asking.action === 'factoryDefault' && !asking.again ? (
              <button type="button" onClick={() => setAsking({ ...asking, again: true })} data-testid="evse-service-continue">
                {t('evseService:panel.continue')}
              </button>
            ) : (
              <button type="button" className="evse-danger" onClick={() => void start(asking.action)} data-testid="evse-service-confirm">
                {t('evseService:panel.confirm', { action: t(`evseService:action.${asking.action}`) })}
              </button>
            )}
            <button type="button" className="secondary" onClick={() => setAsking(null)}>
              {t('evseService:panel.cancel')}
            </button>
          </div>
        </div>
      )}
      {error && <p className="evse-error">{error}</p>}
      {presence && (
        <p className="evse-note" data-testid="evse-service-presence">
          {presence.kind === 'away' ? t('evseService:panel.away', { time: time(presence.at) }) : t(presence.restarted ? 'evseService:panel.backRestarted' : 'evseService:panel.back', { time: time(presence.at) })}
        </p>
      )}
      {job && view && <Outcome job={job} view={view} onRestore={() => void start('restore', view.recordId)} onRecord={() => go({ page: 'record', id: view.recordId })} errorText={errorText} />}
    </div>
  )
})

interface OutcomeProps {
  job: JobUpdate
  view: EvseServiceView
  onRestore(): void
  onRecord(): void
  errorText(err: unknown): string
}

/** What the action did, as the charger showed it, and what to do next. */
function Outcome({ job, view, onRestore, onRecord, errorText }: OutcomeProps) {
  const { t } = useTranslation()
  const action = t(`evseService:action.${view.action}`)
  const note = (key: string) => job.steps.find((s) => s.key === key)?.note ?? null
  const phase = job.phase
  // a step that could not reach the charger: its error says what to check
  const failure = job.steps.find((s) => s.verdict === 'fail' && s.note?.startsWith('evse'))?.note ?? null
  let lines: string[] = []
  let ok = phase.phase === 'finished' && phase.verdict === 'pass'
  if (phase.phase === 'running') lines = [t('evseService:panel.running', { action, step: phase.step ? t(`evseService:steps.${phase.step}`) : '' })]
  else if (phase.phase === 'aborted') lines = [t('evseService:panel.stopped', { reason: errorText(new AppError(phase.reason as never)) })]
  else if (note('flags') === 'otaNotAllowed') lines = [t('evseService:panel.notAllowed')]
  else if (failure) lines = [errorText(new AppError(failure as never, { host: view.host, seconds: 5, status: '—' }))]
  else {
    const effect = note(view.action === 'wifiAp' ? 'apMode' : 'restart')
    const changed = view.comparison.some((c) => !c.same)
    switch (view.action) {
      case 'reset':
      case 'factoryDefault':
        if (effect !== 'confirmed') lines = [t(effect === 'notTaken' ? 'evseService:panel.notTaken' : 'evseService:panel.notConfirmed')]
        else {
          lines = [view.action === 'reset' ? t('evseService:panel.resetDone', { runOn: seconds(view.uptimeRunOnMs), after: seconds(view.uptimeAfterMs) }) : t(changed ? 'evseService:panel.factoryDone' : 'evseService:panel.factorySame')]
          if (view.awayMs !== null) lines.push(t('evseService:panel.awayFor', { seconds: seconds(view.awayMs) }))
        }
        break
      case 'wifiAp':
        lines = effect === 'confirmed' || effect === 'leftNetwork' ? [t(effect === 'confirmed' ? 'evseService:panel.apDone' : 'evseService:panel.apLeft'), t('evseService:panel.apReconnect', { ssid: view.wifiAfter ?? '559EVSE' })] : [t(effect === 'notTaken' ? 'evseService:panel.notTaken' : 'evseService:panel.notConfirmed')]
        ok = ok || effect === 'leftNetwork'
        break
      case 'updateCheck':
        lines = [view.otaMessage && note('otaMessage') === null ? t('evseService:panel.checkDone', { message: view.otaMessage }) : t('evseService:panel.checkNoMessage')]
        break
      case 'updateRun':
        lines = effect === 'confirmed' ? [t(changed ? 'evseService:panel.updateChanged' : 'evseService:panel.updateDone', { before: view.versionBefore ?? '—', after: view.versionAfter ?? '—' })] : [t('evseService:panel.notConfirmed')]
        break
      case 'restore':
        lines = [t(ok ? 'evseService:panel.restoreDone' : 'evseService:panel.restoreFailed')]
        break
    }
  }
  const differing = view.comparison.filter((c) => !c.same)
  return (
    <div className={`evse-outcome ${phase.phase === 'running' ? '' : ok ? 'ok' : 'fail'}`} data-testid="evse-service-outcome" data-next-action data-follow>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
      {phase.phase !== 'running' && differing.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('evseService:panel.field')}</th>
              <th>{t('evseService:panel.backup')}</th>
              <th>{t('evseService:panel.after')}</th>
            </tr>
          </thead>
          <tbody>
            {differing.map((c) => (
              <tr key={c.field}>
                <td>{t(`evse:field.${c.field[0]!.toLowerCase()}${c.field.slice(1)}`)}</td>
                <td>{shown(c.backup)}</td>
                <td>{shown(c.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div className="actions">
        {phase.phase === 'finished' && view.action === 'factoryDefault' && view.backup && (
          <button type="button" onClick={onRestore} title={t('evseService:panel.restoreHint', { id: view.recordId })} data-testid="evse-service-restore">
            {t('evseService:panel.restore')}
          </button>
        )}
        <button type="button" className="link" onClick={onRecord}>
          {t('evseService:panel.record', { id: view.recordId })}
        </button>
      </div>
    </div>
  )
}
