import { type FormEvent, useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { EVSE_DEMO_RANGE, EVSE_SIM_ID } from '@shared/contract'
import { SCAN_RANGE_MAX_CHARS } from '@shared/devices/evse/range'
import { evseStateKey, evseStateName } from '@shared/devices/evse/states'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { useApp } from '../../stores/app'
import { useEvse } from '../../stores/evse'

interface Props {
  /** the installer picked a charger from the list: the page connects to it */
  onUse(host: string): void
}

/** Find chargers: a range scanned a few addresses at a time, progress as it goes, each charger found with what it is and how it is. */
export function ScanPanel({ onUse }: Props) {
  const { t } = useTranslation()
  const errorText = useErrorText()
  const demo = useApp((s) => Boolean(s.settings?.demoMode))
  const scan = useEvse((s) => s.scan)
  const chosen = useEvse((s) => s.chosen)
  const choose = useEvse((s) => s.choose)
  const [range, setRange] = useState('')
  const [port, setPort] = useState('')
  const [running, setRunning] = useState(false)
  const [error, setError] = useState<string | null>(null)

  // demo mode's chargers answer on loopback, all on the demo charger's port
  useEffect(() => {
    if (!demo) return
    setRange((typed) => typed || EVSE_DEMO_RANGE)
    api()
      .listSimulators()
      .then((sims) => {
        const endpoint = sims.find((s) => s.id === EVSE_SIM_ID && s.running)?.endpoint
        if (endpoint) setPort((typed) => typed || new URL(endpoint).port)
      })
      .catch(() => undefined)
  }, [demo])

  const portNumber = port.trim() === '' ? undefined : Number(port)
  const portBad = portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65_535)

  const start = async (e: FormEvent) => {
    e.preventDefault()
    if (portBad) return setError(t('evseSite:scan.badPort', { port }))
    setError(null)
    setRunning(true)
    try {
      useEvse.getState().setScan(await api().evseScan({ range: range.trim(), port: portNumber }))
    } catch (err) {
      setError(errorText(err))
    } finally {
      setRunning(false)
    }
  }

  const hits = scan?.hits ?? []
  const percent = scan && scan.total ? Math.round((scan.scanned / scan.total) * 100) : 0
  return (
    <div className="panel evse-scan" data-testid="evse-scan">
      <h2>{t('evseSite:scan.title')}</h2>
      <form className="evse-scan-form" onSubmit={(e) => void start(e)}>
        <label className="field">
          <span>{t('evseSite:scan.range')}</span>
          <input value={range} onChange={(e) => setRange(e.target.value)} placeholder={t('evseSite:scan.rangeHint')} maxLength={SCAN_RANGE_MAX_CHARS} data-testid="evse-scan-range" />
        </label>
        <label className="field">
          <span>{t('evseSite:scan.port')}</span>
          <input value={port} onChange={(e) => setPort(e.target.value)} placeholder="80" inputMode="numeric" className={portBad ? 'invalid' : undefined} data-testid="evse-scan-port" />
        </label>
        {running ? (
          <button type="button" className="secondary" onClick={() => void api().evseScanCancel()} data-testid="evse-scan-cancel">
            {t('evseSite:scan.cancel')}
          </button>
        ) : (
          <button type="submit" disabled={!range.trim()} data-testid="evse-scan-start">
            {t('evseSite:scan.start')}
          </button>
        )}
      </form>
      <p className="hint">{demo ? t('evseSite:scan.demoHint') : t('evseSite:scan.hint')}</p>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {scan && (
        <p className="evse-scan-progress" data-testid="evse-scan-progress">
          <progress max={scan.total} value={scan.scanned} />{' '}
          {t(`evseSite:scan.${scan.phase}`, { scanned: scan.scanned, total: scan.total, percent, found: hits.length })}
        </p>
      )}
      {hits.length > 0 && (
        <table className="grid evse-hits" data-testid="evse-hits">
          <thead>
            <tr>
              <th>{t('evseSite:columns.address')}</th>
              <th>{t('evseSite:columns.charger')}</th>
              <th>{t('evseSite:columns.wifi')}</th>
              <th>{t('evseSite:columns.health')}</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => {
              const name = evseStateName(hit.state)
              return (
                <tr key={hit.host} data-testid="evse-hit">
                  <td>
                    <label className="check" title={t('evseSite:scan.chooseOne', { host: hit.host })}>
                      <input type="checkbox" checked={chosen.includes(hit.host)} onChange={(e) => choose(hit.host, e.target.checked)} />
                      <span>{hit.host}</span>
                    </label>
                    <button type="button" className="secondary small" onClick={() => onUse(hit.host)} data-testid="evse-hit-use">
                      {t('evseSite:scan.use')}
                    </button>
                  </td>
                  <td>
                    {hit.productType ?? '—'} · {hit.firmware ?? '—'}
                    <div className="hint">{hit.mac ?? '—'}</div>
                  </td>
                  <td>{hit.wifi ? `${hit.wifi.ssid}${hit.wifi.percent === null ? '' : ` ${hit.wifi.percent}%`}` : '—'}</td>
                  <td className={hit.health === 'ok' ? 'evse-good' : hit.health === 'unknown' ? undefined : 'evse-bad'}>
                    {t(`evseSite:health.${hit.health}`)}
                    {name && <div className="hint">{t(`evse:stateName.${evseStateKey(name)}`)}</div>}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      )}
      {scan && scan.phase !== 'running' && hits.length > 0 && <p className="hint">{t('evseSite:scan.next')}</p>}
    </div>
  )
}
