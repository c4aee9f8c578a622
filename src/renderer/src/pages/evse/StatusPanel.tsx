import { memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, type EvseSnapshot, type ToggleAction, type ToggleResult } from '@shared/contract'
import { evseStateKey, evseStateName, isEvseErrorState } from '@shared/devices/evse/states'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { LiveBadge, LiveFigures } from './LiveFigures'
import { useLiveStatus } from './live-status'
import { StatusChart } from './StatusChart'

/**
 * The state with its name and meaning (and what to check when it is a
 * fault), live figures, and the toggles with what the charger did. It reads
 * only what changes seldom (the state, the flags, a failure); the figures,
 * the badge and the chart follow each update on their own.
 */
export const StatusPanel = memo(function StatusPanel({ snapshot }: { snapshot: EvseSnapshot }) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const host = snapshot.host
  const [pending, setPending] = useState<ToggleAction | null>(null)
  const [result, setResult] = useState<ToggleResult | null>(null)
  const [toggleError, setToggleError] = useState<string | null>(null)
  const live = useLiveStatus(snapshot, ({ status: s, error, restarted }) => ({
    state: s ? s.state : null,
    started: s?.started ?? null,
    boosted: s?.boosted ?? null,
    startStopAllowed: s?.startStopAllowed ?? null,
    boostAllowed: s?.boostAllowed ?? null,
    error: error ? errorText(AppError.fromPayload(error)) : null,
    restarted,
  }))
  const { state, error, restarted } = live
  const name = state === null ? null : evseStateName(state)
  const key = name ? evseStateKey(name) : null
  const fault = state === null ? false : isEvseErrorState(state)

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
        <h2 data-testid="evse-state" data-state={state ?? ''}>
          {state !== null ? (key ? t(`evse:stateName.${key}`) : t('evse:stateUnknown', { code: state })) : t('evse:page.noStatus')}
        </h2>
        <LiveBadge snapshot={snapshot} />
      </div>
      {error && <p className="evse-error">{error}</p>}
      {restarted && <p className="evse-note">{t('evse:page.restarted')}</p>}
      {key && <p className="evse-explain">{t(`evse:stateExplain.${key}`)}</p>}
      {key && fault && (
        <p className="evse-check" data-testid="evse-check">
          <strong>{t('evse:page.whatToCheck')}</strong> {t(`evse:stateCheck.${key}`)}
        </p>
      )}
      <LiveFigures snapshot={snapshot} />
      <StatusChart host={host} />
      {state !== null && (
        <div className="actions">
          <button type="button" disabled={pending !== null || live.startStopAllowed === false} onClick={() => void send(live.started ? 'stop' : 'start')} data-testid="evse-startstop">
            {pending === 'start' || pending === 'stop' ? t('common:working') : t(live.started ? 'evse:toggle.stop' : 'evse:toggle.start')}
          </button>
          <button
            type="button"
            className="secondary"
            disabled={pending !== null || (!live.boosted && live.boostAllowed === false)}
            onClick={() => void send(live.boosted ? 'boostOff' : 'boostOn')}
            data-testid="evse-boost"
          >
            {pending === 'boostOn' || pending === 'boostOff' ? t('common:working') : t(live.boosted ? 'evse:toggle.boostOff' : 'evse:toggle.boostOn')}
          </button>
          {live.startStopAllowed === false && <span className="muted">{t('evse:toggle.startStopNotAllowed')}</span>}
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
})
