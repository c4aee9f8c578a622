import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvseStatus, ToggleAction, ToggleResult } from '@shared/contract'
import { asLanguage, formatDateTime, formatTime } from '@shared/i18n/time'
import { evseStateKey, evseStateName, isEvseErrorState } from '@shared/devices/evse/states'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { StatusChart } from './StatusChart'

interface Props {
  host: string
  status: EvseStatus | null
  /** the latest read's failure, localized */
  error: string | null
  at: number
  restarted: boolean
}

const num = (v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '—' : v.toFixed(digits))

export function durationText(seconds: number | null): string {
  if (seconds === null) return '—'
  return [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60].map((n) => String(n).padStart(2, '0')).join(':')
}

/** The state with its name and meaning (and what to check when it is a fault), live figures, and the toggles with what the charger did. */
export function StatusPanel({ host, status, error, at, restarted }: Props) {
  const { t, i18n } = useTranslation()
  const errorText = useErrorText()
  const [pending, setPending] = useState<ToggleAction | null>(null)
  const [result, setResult] = useState<ToggleResult | null>(null)
  const [toggleError, setToggleError] = useState<string | null>(null)
  const name = status ? evseStateName(status.state) : null
  const key = name ? evseStateKey(name) : null
  const fault = status ? isEvseErrorState(status.state) : false

  const send = async (action: ToggleAction) => {
    setPending(action)
    setToggleError(null)
    try {
      setResult(await api().evseToggle({ host, action }))
    } catch (err) {
      setToggleError(errorText(err))
    } finally {
      setPending(null)
    }
  }

  const stateLabel = (state: number) => {
    const n = evseStateName(state)
    return n ? t(`evse:stateName.${evseStateKey(n)}`) : t('evse:stateUnknown', { code: state })
  }

  return (
    <div className={fault ? 'panel danger evse-status' : 'panel evse-status'} data-testid="evse-status">
      <div className="row">
        <h2 data-testid="evse-state" data-state={status?.state ?? ''}>
          {status ? (key ? t(`evse:stateName.${key}`) : t('evse:stateUnknown', { code: status.state })) : t('evse:page.noStatus')}
        </h2>
        <span className={error ? 'badge fail' : 'badge'} title={formatDateTime(at, asLanguage(i18n.language))}>
          {error ? t('evse:page.liveFailed') : t('evse:page.liveAt', { time: formatTime(at, asLanguage(i18n.language)) })}
        </span>
      </div>
      {error && <p className="evse-error">{error}</p>}
      {restarted && <p className="evse-note">{t('evse:page.restarted')}</p>}
      {key && <p className="evse-explain">{t(`evse:stateExplain.${key}`)}</p>}
      {key && fault && (
        <p className="evse-check" data-testid="evse-check">
          <strong>{t('evse:page.whatToCheck')}</strong> {t(`evse:stateCheck.${key}`)}
        </p>
      )}
      {status && (
        <dl className="evse-kv">
          <dt>{t('evse:page.current')}</dt>
          <dd>{t('evse:unit.amps', { value: num(status.currentA, 1) })}</dd>
          <dt>{t('evse:page.power')}</dt>
          <dd>{t('evse:unit.watts', { value: num(status.powerW) })}</dd>
          <dt>{t('evse:page.powerAvailable')}</dt>
          <dd>{t('evse:unit.watts', { value: num(status.powerAvailableW) })}</dd>
          <dt>{t('evse:page.energy')}</dt>
          <dd>{t('evse:unit.kwh', { value: status.energyWs === null ? '—' : (status.energyWs / 3_600_000).toFixed(3) })}</dd>
          <dt>{t('evse:page.session')}</dt>
          <dd>{durationText(status.durationS)}</dd>
          <dt>{t('evse:page.charging')}</dt>
          <dd>
            {t(status.started ? 'evse:page.started' : 'evse:page.stopped')}
            {status.boosted ? ` · ${t('evse:page.boosted')}` : ''}
            {status.threePhase === null ? '' : ` · ${t(status.threePhase ? 'evse:page.threePhase' : 'evse:page.onePhase')}`}
          </dd>
        </dl>
      )}
      <StatusChart host={host} />
      {status && (
        <div className="actions">
          <button type="button" disabled={pending !== null || status.startStopAllowed === false} onClick={() => void send(status.started ? 'stop' : 'start')} data-testid="evse-startstop">
            {pending === 'start' || pending === 'stop' ? t('common:working') : t(status.started ? 'evse:toggle.stop' : 'evse:toggle.start')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={pending !== null || (!status.boosted && status.boostAllowed === false)}
            onClick={() => void send(status.boosted ? 'boostOff' : 'boostOn')}
            data-testid="evse-boost"
          >
            {pending === 'boostOn' || pending === 'boostOff' ? t('common:working') : t(status.boosted ? 'evse:toggle.boostOff' : 'evse:toggle.boostOn')}
          </button>
          {status.startStopAllowed === false && <span className="muted">{t('evse:toggle.startStopNotAllowed')}</span>}
        </div>
      )}
      {toggleError && <p className="evse-error">{toggleError}</p>}
      {result && (
        <p className={result.outcome === 'confirmed' || result.outcome === 'alreadyThere' ? 'evse-outcome ok' : 'evse-outcome fail'} data-testid="evse-toggle-result" data-outcome={result.outcome}>
          {t(`evse:toggleOutcome.${result.outcome}`, {
            action: t(`evse:toggleAction.${result.action}`),
            state: result.observed ? stateLabel(result.observed.state) : stateLabel(result.before.state),
            seconds: result.observed ? (result.observed.afterMs / 1000).toFixed(1) : '—',
          })}
          {result.answerError && ` ${t('evse:toggle.answerLost')}`}
        </p>
      )}
    </div>
  )
}
