import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { portOwnerText } from '@shared/i18n/errors'
import { useTranslate } from '../components/translate'
import { api } from '../api'
import { useErrorText } from '../components/errors'
import { ErrorBanner } from '../components/ErrorBanner'
import { usbVendorName } from '../components/usb'
import { useNav } from '../stores/nav'
import { usePorts } from '../stores/ports'

/** Serial ports as the OS reports them, live: plug and unplug show up within a second. */
export function DevicesPage() {
  const { t } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const ports = usePorts((s) => s.ports)
  const go = useNav((s) => s.go)
  const [manual, setManual] = useState('')
  const [error, setError] = useState<string | null>(null)

  const add = async () => {
    try {
      usePorts.getState().setPorts(await api().addManualPort({ path: manual }))
      setManual('')
    } catch (err) {
      setError(errorText(err))
    }
  }
  const remove = async (path: string) => {
    try {
      usePorts.getState().setPorts(await api().removeManualPort({ path }))
    } catch (err) {
      setError(errorText(err))
    }
  }

  return (
    <section data-testid="devices">
      <h1>{t('devices:title')}</h1>
      <p className="lead">{t('devices:intro')}</p>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <table className="grid" data-testid="ports-table">
        <thead>
          <tr>
            <th>{t('devices:path')}</th>
            <th>{t('devices:kind')}</th>
            <th>{t('devices:usb')}</th>
            <th>{t('devices:manufacturer')}</th>
            <th>{t('devices:serialNumber')}</th>
            <th>{t('devices:status')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {ports.length === 0 && (
            <tr>
              <td colSpan={7} className="empty">
                {t('devices:noPorts')}
              </td>
            </tr>
          )}
          {ports.map((port) => (
            <tr key={port.path} data-port={port.path} data-present={port.present}>
              <td className="mono">{port.path}</td>
              <td>{t(`devices:kinds.${port.kind}`)}</td>
              <td className="mono">
                {port.vendorId ? `${port.vendorId}:${port.productId ?? '????'}` : '—'}
                {usbVendorName(port.vendorId) && <span className="muted"> {usbVendorName(port.vendorId)}</span>}
              </td>
              <td>{port.manufacturer ?? port.friendlyName ?? '—'}</td>
              <td className="mono">{port.serialNumber ?? '—'}</td>
              <td>
                {!port.present
                  ? t('devices:absent')
                  : port.session
                    ? t(`devices:session.${port.session.state}`, { owner: portOwnerText(tt, port.session.owner), baud: port.session.baudRate })
                    : t('devices:free')}
              </td>
              <td className="actions">
                {port.present && !port.session && (
                  <button type="button" className="small" onClick={() => go({ page: 'terminal', path: port.path })}>
                    {t('devices:openTerminal')}
                  </button>
                )}
                {port.kind === 'manual' && (
                  <button type="button" className="small secondary" onClick={() => void remove(port.path)}>
                    {t('common:remove')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault()
          void add()
        }}
      >
        <label className="field inline">
          <span>{t('devices:addManual')}</span>
          <input value={manual} onChange={(e) => setManual(e.target.value)} placeholder={t('devices:manualPlaceholder')} data-testid="manual-path" />
        </label>
        <button type="submit" disabled={!manual.trim()}>
          {t('common:add')}
        </button>
      </form>
      <p className="hint">{t('devices:manualHint')}</p>
    </section>
  )
}
