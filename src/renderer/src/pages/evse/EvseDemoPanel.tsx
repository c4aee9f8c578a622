import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { AppError, type EvseDemoAnswerFault, EvseDemoAnswerFaults, type EvseDemoCharger, type EvseDemoControl, EvseDemoFaults, type SimulatorInfo } from '@shared/contract'
import { evseStateKey } from '@shared/devices/evse/states'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'

/** Demo mode only: the hands at a simulated charger — the EV, the charger's faults, answers that go wrong. */
export function EvseDemoPanel() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const [chargers, setChargers] = useState<EvseDemoCharger[]>([])
  const [host, setHost] = useState('')
  const [error, setError] = useState<string | null>(null)
  // the simulated chargers that did not start (another program holds their address): the rest run without them
  const [notStarted, setNotStarted] = useState<SimulatorInfo[]>([])

  useEffect(() => {
    api()
      .listSimulators()
      .then((sims) => setNotStarted(sims.filter((s) => s.device === 'evse' && s.startError)))
      .catch(() => undefined)
    api()
      .evseDemoChargers()
      .then((list) => {
        setChargers(list)
        setHost((h) => h || list[0]?.host || '')
      })
      .catch((err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [])

  const control = async (input: Omit<EvseDemoControl, 'host'>) => {
    setError(null)
    try {
      setChargers(await api().evseDemoControl({ host, ...input }))
    } catch (err) {
      setError(errorText(err))
    }
  }

  const failures = notStarted.map((s) => {
    const reason = errorText(AppError.fromPayload(s.startError!))
    const address = s.startError!.params?.address
    return (
      <p key={s.id} className="banner error" data-testid="evse-demo-not-started">
        {address === undefined ? reason : t('evseSite:demo.notStarted', { address, reason })}
      </p>
    )
  })
  const sim = chargers.find((c) => c.host === host)
  if (!sim) {
    return (
      <aside className="panel demo-panel" data-testid="evse-demo">
        <h2>{t('evseSite:demo.title')}</h2>
        {failures}
        <p className="hint">{t('evseSite:demo.notRunning')}</p>
      </aside>
    )
  }
  return (
    <aside className="panel demo-panel evse-demo" data-testid="evse-demo">
      <h2>{t('evseSite:demo.title')}</h2>
      {failures}
      <label className="field">
        <span>{t('evseSite:demo.charger')}</span>
        <select value={host} onChange={(e) => setHost(e.target.value)} data-testid="evse-demo-charger">
          {chargers.map((c) => (
            <option key={c.host} value={c.host}>
              {c.host} · {c.mac}
            </option>
          ))}
        </select>
      </label>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <h3>{t('evseSite:demo.ev')}</h3>
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => void control({ action: sim.plugged ? 'unplug' : 'plug' })} data-testid="evse-demo-plug">
          {t(sim.plugged ? 'evseSite:demo.unplug' : 'evseSite:demo.plug')}
        </button>
        <button type="button" className="secondary small" disabled={!sim.plugged} onClick={() => void control({ action: sim.evWantsCharge ? 'evStops' : 'evAsks' })} data-testid="evse-demo-asks">
          {t(sim.evWantsCharge ? 'evseSite:demo.evStops' : 'evseSite:demo.evAsks')}
        </button>
      </div>
      <h3>{t('evseSite:demo.faults')}</h3>
      <label className="field">
        <span>{t('evseSite:demo.chargerFault')}</span>
        <select value={sim.fault ?? ''} onChange={(e) => void control({ action: 'fault', fault: (e.target.value || null) as EvseDemoControl['fault'] })} data-testid="evse-demo-fault">
          <option value="">{t('evseSite:demo.none')}</option>
          {EvseDemoFaults.map((fault) => (
            <option key={fault} value={fault}>
              {t(`evse:stateName.${evseStateKey(fault)}`)}
            </option>
          ))}
        </select>
      </label>
      <div className="actions">
        {([1, 2] as const).map((meter) => (
          <label className="check" key={meter}>
            <input type="checkbox" checked={sim.meterFailing[meter - 1]} onChange={(e) => void control({ action: 'meterFault', meter, on: e.target.checked })} />
            <span>{t('evseSite:demo.meterFault', { meter })}</span>
          </label>
        ))}
      </div>
      <h3>{t('evseSite:demo.answers')}</h3>
      <div className="actions">
        {EvseDemoAnswerFaults.map((kind: EvseDemoAnswerFault) => (
          <button key={kind} type="button" className={sim.answerFault === kind ? 'small' : 'secondary small'} onClick={() => void control({ action: 'answers', answers: kind })} data-testid={`evse-demo-${kind}`}>
            {t(`evseSite:answer.${kind}`)}
          </button>
        ))}
        <button type="button" className="secondary small" onClick={() => void control({ action: 'ignoreWrite' })} data-testid="evse-demo-ignore">
          {t('evseSite:demo.ignoreWrite', { pending: sim.ignoredWrites })}
        </button>
      </div>
      <button type="button" className="link" onClick={() => void control({ action: 'clear' })} data-testid="evse-demo-clear">
        {t('evseSite:demo.clear')}
      </button>
    </aside>
  )
}
