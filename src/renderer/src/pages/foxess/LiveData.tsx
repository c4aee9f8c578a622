import './foxess.css'
import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { FoxessTablesMeta, VariableMeta } from '@shared/devices/foxess/tables'
import { dayOf } from '@shared/devices/foxess/time'
import { ErrorBanner } from '../../components/ErrorBanner'
import { BudgetBadge } from '../../components/foxess/BudgetBadge'
import { CloudSetupBanner } from '../../components/foxess/CloudSetupBanner'
import { useFleet } from '../../components/foxess/InverterPicker'
import { useApp } from '../../stores/app'
import { HistorySection } from './HistorySection'
import { LiveSection } from './LiveSection'
import { ReportSection } from './ReportSection'
import { VariablePicker } from './VariablePicker'

const DEFAULT_VARS = ['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'SoC']

/** Live values, a day's history and energy reports of one inverter. */
export function LiveDataPage() {
  const { t } = useTranslation()
  const { plants, devices, error: fleetError, setupProblem, clearError } = useFleet()
  // a live view belongs to one account: demo mode on or off starts the section afresh
  const demo = useApp((s) => s.settings?.demoMode ?? false)
  const [meta, setMeta] = useState<FoxessTablesMeta | null>(null)
  const [sn, setSn] = useState<string>('')
  const [selected, setSelected] = useState<string[]>(DEFAULT_VARS)
  const [day, setDay] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    void import('@locales/foxess-tables.json').then((m) => setMeta(m.default as unknown as FoxessTablesMeta))
  }, [])

  const device = devices?.find((d) => d.deviceSN === sn) ?? null
  const timezone = plants?.find((p) => p.stationID === device?.stationID)?.ianaTimezone || 'UTC'
  // the first online inverter, again when the account changed and the chosen one is not in it
  useEffect(() => {
    if (devices?.some((d) => d.deviceSN === sn)) return
    setSn(devices?.length ? (devices.find((d) => d.status === 1)?.deviceSN ?? devices[0]!.deviceSN) : '')
  }, [devices, sn])
  useEffect(() => {
    if (device) setDay(dayOf(Date.now(), timezone))
  }, [device, timezone])

  const variables: VariableMeta[] = useMemo(() => (meta ? meta.variables.filter((v) => (device?.hasBattery ? v.storage : v.gridTied)) : []), [meta, device])
  const unitOf = (key: string) => variables.find((v) => v.key === key)?.unit ?? ''

  return (
    <section data-testid="live-data" className="foxess">
      <div className="page-head">
        <h1>{t('foxess:livePage.title')}</h1>
        <BudgetBadge />
      </div>
      <p className="lead">{t('foxess:livePage.intro')}</p>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      {setupProblem ? <CloudSetupBanner message={fleetError} onClose={clearError} /> : <ErrorBanner message={fleetError} onClose={clearError} />}
      <div className="toolbar">
        <label className="field inline">
          <span>{t('foxess:livePage.inverter')}</span>
          <select value={sn} onChange={(e) => setSn(e.target.value)} data-testid="live-inverter">
            {(devices ?? []).map((d) => (
              <option key={d.deviceSN} value={d.deviceSN}>
                {`${d.deviceSN} · ${d.stationName} · ${d.deviceType}`}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="live-layout">
        <VariablePicker variables={variables} selected={selected} onChange={setSelected} />
        <div className="live-main">
          <LiveSection key={String(demo)} sn={sn} selected={selected} unitOf={unitOf} timezone={timezone} onError={setError} />
          <HistorySection sn={sn} selected={selected} day={day} setDay={setDay} timezone={timezone} busy={busy} setBusy={setBusy} onError={setError} />
          <ReportSection sn={sn} day={day} busy={busy} setBusy={setBusy} onError={setError} />
        </div>
      </div>
    </section>
  )
}
