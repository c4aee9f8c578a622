import { useDeferredValue, useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { type FoxDevice, isSettingsError } from '@shared/contract'
import { api } from '../../api'
import { useFoxess } from '../../stores/foxess'
import { useErrorText } from '../errors'
import { ErrorBanner } from '../ErrorBanner'
import { CloudSetupBanner } from './CloudSetupBanner'

/** Loads the account's plants and inverters once (two calls), then searches them by name, serial or type. */
export function useFleet() {
  const errorText = useErrorText()
  const plants = useFoxess((s) => s.plants)
  const devices = useFoxess((s) => s.devices)
  const [error, setError] = useState<string | null>(null)
  /** the error is the app's cloud settings (key, address), not the cloud */
  const [setupProblem, setSetupProblem] = useState(false)
  const [loading, setLoading] = useState(false)
  const load = async () => {
    setLoading(true)
    setError(null)
    try {
      const [p, d] = await Promise.all([api().foxessListPlants(), api().foxessListDevices()])
      useFoxess.getState().setFleet(p, d)
    } catch (err) {
      setError(errorText(err))
      setSetupProblem(isSettingsError(err))
    } finally {
      setLoading(false)
    }
  }
  // loaded once, and again after the account changed (demo mode on or off)
  const unloaded = devices === null
  useEffect(() => {
    if (unloaded) void load()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unloaded])
  return { plants, devices, error, setupProblem, loading, reload: load, clearError: () => setError(null) }
}

export function InverterPicker({ selected, onSelect }: { selected: string | null; onSelect: (device: FoxDevice) => void }) {
  const { t } = useTranslation()
  const { plants, devices, error, setupProblem, loading, reload, clearError } = useFleet()
  const [query, setQuery] = useState('')
  const deferred = useDeferredValue(query)

  const groups = useMemo(() => {
    const terms = deferred.toLowerCase().split(/\s+/).filter(Boolean)
    const match = (d: FoxDevice) => {
      const hay = `${d.deviceSN} ${d.stationName} ${d.deviceType} ${d.productType}`.toLowerCase()
      return terms.every((term) => hay.includes(term))
    }
    return (plants ?? [])
      .map((p) => ({ plant: p, devices: (devices ?? []).filter((d) => d.stationID === p.stationID && match(d)) }))
      .filter((g) => g.devices.length)
  }, [plants, devices, deferred])

  return (
    <div className="panel" data-testid="inverter-picker" data-ready={Boolean(devices)}>
      <div className="toolbar">
        <input className="grow" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t('foxess:picker.search')} aria-label={t('foxess:picker.search')} data-testid="inverter-search" />
        <button type="button" className="secondary" disabled={loading} onClick={() => void reload()}>
          {t('foxess:picker.reload')}
        </button>
      </div>
      {setupProblem ? <CloudSetupBanner message={error} onClose={clearError} /> : <ErrorBanner message={error} onClose={clearError} />}
      {loading && !devices && <p className="muted">{t('common:loading')}</p>}
      {devices && groups.length === 0 && <p className="muted">{t('foxess:picker.none')}</p>}
      {groups.map((g) => (
        <div key={g.plant.stationID} className="plant-group">
          <div className="plant-name">
            {g.plant.name} <span className="muted">{g.plant.ianaTimezone}</span>
          </div>
          <table className="grid compact clickable">
            <tbody>
              {g.devices.map((d) => (
                <tr key={d.deviceSN} className={selected === d.deviceSN ? 'selected' : ''} onClick={() => onSelect(d)} data-testid="inverter-row" data-sn={d.deviceSN}>
                  <td className="mono">{d.deviceSN}</td>
                  <td>{d.deviceType}</td>
                  <td>
                    <span className={`badge ${d.status === 1 ? 'verdict-pass' : d.status === 2 ? 'verdict-none' : 'verdict-fail'}`}>{t(`foxess:deviceStatus.s${d.status}`)}</span>
                  </td>
                  <td className="muted">{d.hasBattery ? t('foxess:picker.battery') : t('foxess:picker.noBattery')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </div>
  )
}
