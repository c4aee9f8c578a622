import { useTranslation } from 'react-i18next'
import type { PortInfo } from '@shared/contract'
import { portOwnerText } from '@shared/i18n/errors'
import { usePorts } from '../stores/ports'
import { useTranslate } from './translate'
import { usbVendorName } from './usb'

export function portLabel(port: PortInfo): string {
  const usb = port.vendorId ? `${port.vendorId}:${port.productId ?? '????'}` : ''
  const vendor = usbVendorName(port.vendorId) ?? port.manufacturer ?? port.friendlyName ?? ''
  return [port.path, vendor, usb].filter(Boolean).join(' · ')
}

/** Present ports, live; a busy one says who holds it. */
export function PortSelect({ value, onChange, testId }: { value: string; onChange: (path: string) => void; testId?: string }) {
  const { t } = useTranslation()
  const tt = useTranslate()
  const ports = usePorts((s) => s.ports)
  const present = ports.filter((p) => p.present)
  return (
    <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      <option value="">{present.length ? t('devices:choosePort') : t('devices:noPorts')}</option>
      {present.map((port) => (
        <option key={port.path} value={port.path}>
          {portLabel(port)}
          {port.session ? ` — ${t('devices:busyBy', { owner: portOwnerText(tt, port.session.owner) })}` : ''}
        </option>
      ))}
    </select>
  )
}
