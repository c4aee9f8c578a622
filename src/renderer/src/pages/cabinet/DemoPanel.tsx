import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CABINET_CHANNELS, CABINET_SLOTS, type CabinetLockReports, CabinetLockReportKinds, type CabinetSimActionInput } from '@shared/contract'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useCabinet } from '../../stores/cabinet'

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1)

/** Demo mode only: the hands at the simulated cabinet — doors, faults, the cable. */
export function DemoPanel() {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const sim = useCabinet((s) => s.sim)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    api()
      .cabinetSimState()
      .then((state) => useCabinet.getState().setSim(state))
      .catch(() => undefined)
  }, [])

  const control = async (action: CabinetSimActionInput) => {
    setError(null)
    try {
      useCabinet.getState().setSim(await api().cabinetSimControl(action))
    } catch (err) {
      setError(errorText(err))
    }
  }

  if (!sim?.running) {
    return (
      <aside className="panel demo-panel" data-testid="cabinet-demo">
        <h2>{t('cabinet:demo.title')}</h2>
        <p className="hint">{t('cabinet:demo.notRunning')}</p>
      </aside>
    )
  }
  const faults = sim.faults
  return (
    <aside className="panel demo-panel" data-testid="cabinet-demo">
      <h2>{t('cabinet:demo.title')}</h2>
      <p className="hint">{t('cabinet:demo.intro')}</p>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <h3>{t('cabinet:demo.doors')}</h3>
      <div className="door-buttons">
        {range(CABINET_SLOTS).map((slot) => {
          const lock = sim.locks[slot - 1]!
          return (
            <button
              key={slot}
              type="button"
              className={lock.open ? 'small' : 'secondary small'}
              disabled={!lock.open}
              title={lock.open ? t('cabinet:demo.pushDoor', { slot }) : t('cabinet:demo.doorShut', { slot })}
              onClick={() => void control({ action: 'pushDoor', slot })}
              data-testid={`demo-door-${slot}`}
            >
              {slot}
            </button>
          )
        })}
      </div>
      <button type="button" className="secondary small" disabled={!sim.locks.some((l) => l.open)} onClick={() => void control({ action: 'closeAllDoors' })} data-testid="demo-close-all">
        {t('cabinet:demo.closeAll')}
      </button>
      <p className="hint">
        {t('cabinet:demo.state', { relays: sim.relays.filter(Boolean).length, fan: sim.fan ? t('cabinet:demo.fanOn') : t('cabinet:demo.fanOff') })}
      </p>
      <h3>{t('cabinet:demo.cable')}</h3>
      <div className="actions">
        {sim.plugged ? (
          <button type="button" className="secondary small" onClick={() => void control({ action: 'pullCable' })} data-testid="demo-pull">
            {t('cabinet:demo.pull')}
          </button>
        ) : (
          <button type="button" className="small" onClick={() => void control({ action: 'plugCable' })} data-testid="demo-plug">
            {t('cabinet:demo.plug')}
          </button>
        )}
      </div>
      <h3>{t('cabinet:demo.faults')}</h3>
      <label className="field">
        <span>{t('cabinet:demo.firmware')}</span>
        <select value={sim.firmware} onChange={(e) => void control({ action: 'setFirmware', firmware: Number(e.target.value) })} data-testid="demo-firmware">
          <option value={5061}>{t('cabinet:demo.firmwareOld')}</option>
          <option value={5062}>{t('cabinet:demo.firmwareNew')}</option>
        </select>
      </label>
      <label className="field">
        <span>{t('cabinet:demo.lockReports')}</span>
        <select value={sim.lockReports} onChange={(e) => void control({ action: 'setLockReports', lockReports: e.target.value as CabinetLockReports })} data-testid="demo-lock-reports">
          {CabinetLockReportKinds.map((kind) => (
            <option key={kind} value={kind}>
              {t(`cabinet:demo.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('cabinet:demo.deadChannel')}</span>
        <select
          value={faults.deadChannels[0] ?? 0}
          onChange={(e) => void control({ action: 'setFaults', faults: { deadChannels: Number(e.target.value) ? [Number(e.target.value)] : [] } })}
          data-testid="demo-dead-channel"
        >
          <option value={0}>{t('cabinet:demo.none')}</option>
          {range(CABINET_CHANNELS).map((channel) => (
            <option key={channel} value={channel}>
              {t('cabinet:demo.channel', { n: channel })}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('cabinet:demo.stuckLock')}</span>
        <select
          value={faults.stuckLocks[0] ?? 0}
          onChange={(e) => void control({ action: 'setFaults', faults: { stuckLocks: Number(e.target.value) ? [Number(e.target.value)] : [] } })}
          data-testid="demo-stuck-lock"
        >
          <option value={0}>{t('cabinet:demo.none')}</option>
          {range(CABINET_SLOTS).map((slot) => (
            <option key={slot} value={slot}>
              {t('cabinet:demo.slot', { n: slot })}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={faults.garbage} onChange={(e) => void control({ action: 'setFaults', faults: { garbage: e.target.checked } })} data-testid="demo-garbage" />
        <span>{t('cabinet:demo.garbage')}</span>
      </label>
      <div className="actions">
        <button type="button" className="secondary small" onClick={() => void control({ action: 'setFaults', faults: { dropAnswers: faults.dropAnswers + 3 } })} data-testid="demo-drop">
          {t('cabinet:demo.drop', { count: faults.dropAnswers })}
        </button>
        <button type="button" className="secondary small" onClick={() => void control({ action: 'setFaults', faults: { lateAnswers: faults.lateAnswers + 3 } })}>
          {t('cabinet:demo.late', { count: faults.lateAnswers })}
        </button>
        <button type="button" className="secondary small" onClick={() => void control({ action: 'setFaults', faults: { corruptCrc: faults.corruptCrc + 3 } })}>
          {t('cabinet:demo.corrupt', { count: faults.corruptCrc })}
        </button>
        <button type="button" className="link" onClick={() => void control({ action: 'clearFaults' })} data-testid="demo-clear">
          {t('cabinet:demo.clear')}
        </button>
      </div>
    </aside>
  )
}
