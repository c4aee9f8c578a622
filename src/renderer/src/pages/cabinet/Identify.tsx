import { type FormEvent, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CABINET_SERIAL_PATTERN, CABINET_SIM_ID, type CabinetProfile } from '@shared/contract'
import { localText, profileTexts } from '@shared/i18n/cabinet'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { ErrorBanner } from '../../components/ErrorBanner'
import { type StartRefusal, startRefusal } from '../../components/job-actions'
import { StartRefusalBanner } from '../../components/StartRefusalBanner'
import { PortSelect } from '../../components/PortSelect'
import { useTranslate } from '../../components/translate'
import { useApp } from '../../stores/app'
import { useCabinet } from '../../stores/cabinet'
import { useJobs } from '../../stores/jobs'
import { usePorts } from '../../stores/ports'
import { cleanSerial, ScanDetector } from './scan'

const FIRMWARE_PATTERN = /^(?:[vV]?\d{1,6})?$/

/** What the test cannot start without, by the label of its field (the firmware is optional and has its own message). */
type Needed = 'port' | 'serial' | 'operator' | 'profile'

/** Who and what is tested: port, cabinet serial (typed or scanned), operator, firmware, test profile. */
export function Identify() {
  const { t } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const form = useCabinet((s) => s.form)
  const setForm = useCabinet((s) => s.setForm)
  const setActive = useCabinet((s) => s.setActive)
  const operatorDefault = useApp((s) => s.settings?.operatorName ?? '')
  const simPort = usePorts((s) => s.ports.find((p) => p.path === `sim:${CABINET_SIM_ID}` && p.present))
  const [error, setError] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<StartRefusal | null>(null)
  const [busy, setBusy] = useState(false)
  const serialRef = useRef<HTMLInputElement>(null)
  const operatorRef = useRef<HTMLInputElement>(null)
  // a code scanned while something else was missing: said on screen, so the scan is not silently ignored
  const [scannedWaiting, setScannedWaiting] = useState<string | null>(null)
  const fileRef = useRef<HTMLInputElement>(null)
  const operator = form.operator || operatorDefault
  const path = form.path || simPort?.path || ''

  useEffect(() => {
    if (form.profile) return
    api()
      .cabinetDefaultProfile()
      .then((profile) => setForm({ profile, profileFile: null }))
      .catch((err: unknown) => setError(errorText(err)))
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [form.profile])

  useEffect(() => serialRef.current?.focus(), [])

  const serial = form.serial.trim()
  const serialOk = serial !== '' && CABINET_SERIAL_PATTERN.test(serial)
  const firmwareOk = FIRMWARE_PATTERN.test(form.firmware.trim())
  const ready = Boolean(path && serialOk && operator.trim() && firmwareOk && form.profile)
  const neededFor = (serialText: string): Needed[] => {
    const needed: Needed[] = []
    if (!path) needed.push('port')
    if (!serialText || !CABINET_SERIAL_PATTERN.test(serialText)) needed.push('serial')
    if (!operator.trim()) needed.push('operator')
    if (!form.profile) needed.push('profile')
    return needed
  }
  const neededText = (needed: Needed[]) => needed.map((field) => t(`cabinet:identify.${field}`)).join(t('cabinet:identify.listSeparator'))
  const missing = neededFor(serial)
  const scanMissing = scannedWaiting !== null && scannedWaiting === serial && missing.length ? missing : null

  const start = async (scanned?: string) => {
    setError(null)
    setRefusal(null)
    setScannedWaiting(null)
    const serialToUse = scanned ?? serial
    if ((!ready && scanned === undefined) || !form.profile) return
    setBusy(true)
    try {
      const update = await api().cabinetStartTest({ path, serial: serialToUse, operator, firmware: form.firmware.trim(), profile: form.profile, site: '', customer: '' })
      useJobs.getState().update(update)
      setForm({ path, operator, serial: serialToUse })
      setActive(update.recordId)
    } catch (err) {
      const refused = startRefusal(err)
      if (refused) setRefusal(refused)
      else setError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  // a scan while the focus is elsewhere still lands in the serial field and starts the test
  // one detector for the page's life: the listener below is re-attached on every render (it reads the
  // latest form), and a render in the middle of a burst (a job list update) must not drop what came before
  const detectorRef = useRef(new ScanDetector())
  useEffect(() => {
    const detector = detectorRef.current
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      if (target && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return detector.reset()
      const code = detector.key(event.key, event.timeStamp)
      if (!code) return
      const scanned = cleanSerial(code)
      setForm({ serial: scanned })
      const needed = neededFor(scanned)
      if (!needed.length && firmwareOk) return void start(scanned)
      setScannedWaiting(scanned)
      if (needed.includes('operator')) operatorRef.current?.focus()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  })

  const onSubmit = (event: FormEvent) => {
    event.preventDefault()
    if (ready) void start()
    else if (!serialOk) serialRef.current?.focus()
  }

  const loadProfile = async (file: File | undefined) => {
    if (!file) return
    setError(null)
    try {
      const profile: CabinetProfile = await api().cabinetParseProfile({ text: await file.text() })
      setForm({ profile, profileFile: file.name })
    } catch (err) {
      setError(errorText(err))
    } finally {
      if (fileRef.current) fileRef.current.value = ''
    }
  }

  const profile = form.profile
  const unit = profile?.scaling.current.unit ?? ''
  const texts = profile ? profileTexts(profile) : null
  return (
    <form className="panel" onSubmit={onSubmit} data-testid="cabinet-identify">
      <h2>{t('cabinet:identify.title')}</h2>
      <ErrorBanner message={error} onClose={() => setError(null)} />
      <StartRefusalBanner refusal={refusal} onClose={() => setRefusal(null)} />
      <div className="form-grid">
        <label className="field">
          <span>{t('cabinet:identify.port')}</span>
          <PortSelect value={path} onChange={(value) => setForm({ path: value })} testId="cabinet-port" />
        </label>
        <label className="field">
          <span>{t('cabinet:identify.serial')}</span>
          <input
            ref={serialRef}
            className="mono"
            value={form.serial}
            maxLength={64}
            autoComplete="off"
            spellCheck={false}
            placeholder={t('cabinet:identify.serialPlaceholder')}
            aria-invalid={form.serial !== '' && !serialOk}
            onChange={(e) => setForm({ serial: e.target.value.replace(/\p{Cc}/gu, '') })}
            data-testid="cabinet-serial"
          />
        </label>
        <label className="field">
          <span>{t('cabinet:identify.operator')}</span>
          <input ref={operatorRef} value={operator} maxLength={200} aria-invalid={scanMissing?.includes('operator') ?? false} onChange={(e) => setForm({ operator: e.target.value })} data-testid="cabinet-operator" />
        </label>
        <label className="field">
          <span>{t('cabinet:identify.firmware')}</span>
          <input
            className="mono"
            value={form.firmware}
            maxLength={16}
            placeholder={t('cabinet:identify.firmwarePlaceholder')}
            aria-invalid={!firmwareOk}
            onChange={(e) => setForm({ firmware: e.target.value })}
            data-testid="cabinet-firmware"
          />
        </label>
      </div>
      {form.serial !== '' && !serialOk && <p className="hint error-text">{t('cabinet:identify.serialInvalid')}</p>}
      {!firmwareOk && <p className="hint error-text">{t('cabinet:identify.firmwareInvalid')}</p>}
      <p className="hint">{t('cabinet:identify.scanHint')}</p>
      <p className="hint">{t('cabinet:identify.firmwareHint')}</p>
      {profile && (
        <div className="profile-box" data-testid="cabinet-profile">
          <div className="row">
            <strong>
              {t('cabinet:identify.profile')}: {texts && localText(tt, texts.name)}
            </strong>
            <span className="muted">{form.profileFile ?? t('cabinet:identify.profileDefault')}</span>
          </div>
          <p className="hint">{texts && localText(tt, texts.note)}</p>
          <p className="hint mono">
            {profile.channels.map((band, i) => `${i + 1}: ${band.min}–${band.max} ${unit}`).join(' · ')}
          </p>
          <div className="actions">
            <label className="button secondary small">
              {t('cabinet:identify.loadProfile')}
              <input ref={fileRef} type="file" accept=".json,application/json" className="sr-only" onChange={(e) => void loadProfile(e.target.files?.[0])} data-testid="cabinet-profile-file" />
            </label>
            {form.profileFile && (
              <button type="button" className="secondary small" onClick={() => setForm({ profile: null, profileFile: null })}>
                {t('cabinet:identify.useDefault')}
              </button>
            )}
          </div>
        </div>
      )}
      {scanMissing ? (
        <div className="banner warn" role="status" data-testid="cabinet-scan-missing">
          {t('cabinet:identify.scannedMissing', { serial: scannedWaiting, fields: neededText(scanMissing) })}
        </div>
      ) : (
        missing.length > 0 && (
          <p className="hint" data-testid="cabinet-missing">
            {t('cabinet:identify.missing', { fields: neededText(missing) })}
          </p>
        )
      )}
      <div className="actions">
        <button type="submit" disabled={!ready || busy} data-testid="cabinet-start">
          {t('cabinet:identify.start')}
        </button>
      </div>
    </form>
  )
}
