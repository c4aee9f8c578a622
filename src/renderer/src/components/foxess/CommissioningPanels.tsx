import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ClockCheck, CommissioningDevice, FoxHistorySeries, LiveCheck, SettingWriteResult } from '@shared/contract'
import { api } from '../../api'
import { storeOfPoints } from '@shared/series/store'
import { TimeChart } from '../charts/TimeChart'
import { FaultList } from './FaultAdvice'
import { useFoxFormat, useFoxNames } from './format'
import { describeSetting } from './SettingsForm'

/** The inverter, its plant and its firmware. */
export function DevicePanel({ device }: { device: CommissioningDevice }) {
  const { t } = useTranslation()
  const d = device.detail
  const rows: [string, string, boolean][] = [
    [t('foxess:device.serial'), d.deviceSN, true],
    [t('foxess:device.type'), device.device?.deviceType ?? '—', false],
    [t('foxess:device.plant'), device.plant?.stationName ?? d.stationName, false],
    [t('foxess:device.timezone'), device.timezone, false],
    [t('foxess:device.status'), t(`foxess:deviceStatus.s${d.status}`), false],
    [t('foxess:device.master'), d.masterVersion || '—', true],
    [t('foxess:device.slave'), d.slaveVersion || '—', true],
    [t('foxess:device.manager'), d.managerVersion || '—', true],
    [t('foxess:device.hardware'), d.hardwareVersion || '—', true],
    [t('foxess:device.afci'), d.afciVersion || '—', true],
    [t('foxess:device.logger'), device.module ? `${device.module.moduleSN} · ${device.module.status === 1 ? t('foxess:device.loggerOnline') : t('foxess:device.loggerOffline')} · ${device.module.signal} %` : d.moduleSN || '—', false],
  ]
  return (
    <div className="panel" data-testid="device-panel">
      <h2>{t('foxess:steps.device')}</h2>
      <table className="grid compact kv">
        <tbody>
          {rows.map(([k, v, mono]) => (
            <tr key={k}>
              <th>{k}</th>
              <td className={mono ? 'mono' : ''}>{v}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** Each write: what happened, and what the read-back showed (44096 explained). */
export function WriteResults({ results }: { results: SettingWriteResult[] }) {
  const { t, i18n } = useTranslation()
  if (!results.length) return null
  return (
    <table className="grid compact" data-testid="write-results">
      <thead>
        <tr>
          <th>{t('foxess:cli.colSetting')}</th>
          <th>{t('foxess:cli.colResult')}</th>
          <th>{t('foxess:write.readBack')}</th>
        </tr>
      </thead>
      <tbody>
        {results.map((r) => (
          <tr key={r.item} data-item={r.item} data-status={r.status}>
            <td>{t(`foxess:items.${r.item}`)}</td>
            <td>
              <span className={`badge ${r.status === 'verified' ? 'verdict-pass' : r.status === 'pending' || r.status === 'written' ? 'verdict-info' : 'verdict-fail'}`}>{t(`foxess:writeStatus.${r.status}`)}</span>
              {r.error && <div className="issue error">{t(`errors:${r.error.code}`, { ...r.error.params })}</div>}
            </td>
            <td className="muted">{describeSetting(r.readBack, t, i18n.language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The device clock against the site's clock in the plant's time zone. */
export function ClockPanel({ clock, awaiting, busy, answer }: { clock: ClockCheck; awaiting: boolean; busy: boolean; answer: (action: 'set' | 'skip') => void }) {
  const { t } = useTranslation()
  const fmt = useFoxFormat()
  const drift = clock.driftSeconds
  return (
    <div className="panel" data-testid="clock-panel" data-drift={drift ?? ''}>
      <h2>{t('foxess:steps.clock')}</h2>
      <table className="grid compact kv">
        <tbody>
          <tr>
            <th>{t('foxess:clock.device')}</th>
            <td className="mono">{clock.deviceTime ? fmt.deviceTime(clock.deviceTime) : '—'}</td>
          </tr>
          <tr>
            <th>{t('foxess:clock.site', { zone: clock.timezone })}</th>
            <td className="mono">{fmt.deviceTime(clock.siteTime)}</td>
          </tr>
          <tr>
            <th>{t('foxess:clock.drift')}</th>
            <td>{drift === null ? '—' : t('foxess:clock.seconds', { count: drift })}</td>
          </tr>
          {clock.readBack && (
            <tr>
              <th>{t('foxess:clock.readBack')}</th>
              <td className="mono">{fmt.deviceTime(clock.readBack)}</td>
            </tr>
          )}
        </tbody>
      </table>
      {clock.error && <p className="banner error">{t(`errors:${clock.error.code}`, { ...clock.error.params })}</p>}
      {awaiting && (
        <>
          <p className="hint">{t('foxess:clock.syncNote')}</p>
          <div className="actions" data-next-action>
            <button type="button" disabled={busy} onClick={() => answer('set')} data-testid="clock-set">
              {t('foxess:clock.set')}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={() => answer('skip')} data-testid="clock-skip">
              {t('foxess:clock.skip')}
            </button>
          </div>
        </>
      )}
    </div>
  )
}

const GROUPS: { key: string; title: string; vars: (keys: string[]) => string[] }[] = [
  { key: 'power', title: 'foxess:live.powerFlows', vars: () => ['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'batChargePower', 'batDischargePower'] },
  { key: 'battery', title: 'foxess:live.battery', vars: () => ['SoC'] },
  { key: 'grid', title: 'foxess:live.grid', vars: () => ['RVolt', 'SVolt', 'TVolt'] },
  { key: 'pv', title: 'foxess:live.pvStrings', vars: (keys) => keys.filter((k) => /^pv\d+Power$/.test(k)) },
]

/** Live data in charts (the last two hours from history, then every live sample), the running state and current faults. */
export function LivePanel({ sn, timezone, live, awaiting, busy, answer }: { sn: string; timezone: string; live: LiveCheck; awaiting: boolean; busy: boolean; answer: (plausible: boolean, note?: string) => void }) {
  const { t } = useTranslation()
  const fmt = useFoxFormat()
  const names = useFoxNames()
  const [history, setHistory] = useState<FoxHistorySeries[]>([])
  const last = live.samples[live.samples.length - 1]
  const keys = useMemo(() => Object.keys(last?.values ?? {}), [last])
  const hasSamples = Boolean(last)

  const firstAt = live.samples[0]?.at ?? 0
  useEffect(() => {
    if (!hasSamples) return
    const end = firstAt
    const wanted = GROUPS.flatMap((g) => g.vars(keys)).filter((k) => keys.includes(k))
    api()
      .foxessHistory({ sn, variables: wanted, begin: end - 2 * 3600_000, end })
      .then((h) => setHistory(h.series), () => setHistory([]))
    // one history call when the first sample arrives
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sn, hasSamples])

  // the window ends at the newest value (the last sample's time)
  const to = Math.max(0, ...live.samples.map((s) => s.dataTime ?? s.at))
  const from = to - 2 * 3600_000
  // the cloud's recent history with the samples read since, in one store the charts draw from
  const store = useMemo(() => {
    const vars = GROUPS.flatMap((g) => g.vars(keys)).filter((k) => keys.includes(k))
    return storeOfPoints(
      vars.map((v) => ({
        key: v,
        points: [
          ...(history.find((s) => s.variable === v)?.data ?? []).map((p) => ({ x: p.time, y: p.value })),
          ...live.samples.filter((s) => typeof s.values[v] === 'number').map((s) => ({ x: s.dataTime ?? s.at, y: s.values[v] as number })),
        ],
      })),
    )
  }, [history, live.samples, keys])
  const units = last?.units
  const { powerUnit, temperatureUnit } = fmt.prefs
  const convert = useMemo(
    () => (key: string, value: number) => fmt.convert(value, units?.[key] ?? '').value,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [units, powerUnit, temperatureUnit],
  )
  const seriesFor = (vars: string[]) => vars.filter((v) => store.has(v)).map((v) => ({ key: v, label: names.variable(v), unit: fmt.convert(1, units?.[v] ?? '').unit }))

  return (
    <div className="panel" data-testid="live-panel" data-samples={live.samples.length}>
      <h2>{t('foxess:steps.liveData')}</h2>
      {!last && <p className="muted">{t('foxess:live.waiting')}</p>}
      {last && (
        <>
          <div className="live-summary">
            <span data-testid="running-state" data-code={live.runningState ?? ''}>
              {t('foxess:live.runningState')}: <strong>{live.runningState === null ? String(last.values.runningState ?? '—') : names.runningState(live.runningState)}</strong>
            </span>
            <span>{live.dataAgeSeconds === null ? '' : t('foxess:live.dataAge', { count: live.dataAgeSeconds })}</span>
            <span>{t('foxess:live.samples', { count: live.samples.length })}</span>
          </div>
          <div data-testid="current-faults">
            {live.faults.length === 0 ? <p className="banner ok">{t('foxess:live.noFaults')}</p> : <FaultList codes={live.faults.map((f) => f.code)} />}
          </div>
          {/* above the charts, which draw after it: they grow below the question instead of pushing it off screen */}
          {awaiting && <LiveQuestion busy={busy} answer={answer} />}
          <div className="live-grid">
            {GROUPS.map((g) => {
              const series = seriesFor(g.vars(keys))
              if (!series.length) return null
              return (
                <div key={g.key}>
                  <h3>{t(g.title)}</h3>
                  <TimeChart store={store} revision={store.revision} series={series} from={from} to={to} live convert={convert} timeZone={timezone} height={200} formatValue={(v, unit) => (unit ? `${fmt.number(v)} ${unit}` : fmt.number(v))} testId={`live-chart-${g.key}`} />
                </div>
              )
            })}
          </div>
          <table className="grid compact" data-testid="live-values">
            <tbody>
              {['pvPower', 'loadsPower', 'feedinPower', 'gridConsumptionPower', 'SoC', 'batChargePower', 'batDischargePower', 'RVolt', 'RFreq', 'invTemperation']
                .filter((k) => k in last.values)
                .map((k) => (
                  <tr key={k}>
                    <th>{names.variable(k)}</th>
                    <td className="num">{fmt.value(last.values[k]!, last.units[k] ?? '')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  )
}

/** "Do the values match what you see?" — and when they do not, what is wrong, in the installer's words (required). */
function LiveQuestion({ busy, answer }: { busy: boolean; answer: (plausible: boolean, note?: string) => void }) {
  const { t } = useTranslation()
  const [wrong, setWrong] = useState(false)
  const [note, setNote] = useState('')
  const form = useRef<HTMLFormElement | null>(null)
  // the note and its button appear below the question: brought above the page's footer
  useEffect(() => {
    if (wrong) form.current?.scrollIntoView({ block: 'nearest' })
  }, [wrong])
  if (!wrong)
    return (
      <div className="actions" data-next-action>
        <span>{t('foxess:live.question')}</span>
        <button type="button" disabled={busy} onClick={() => answer(true)} data-testid="live-plausible">
          {t('foxess:live.plausible')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setWrong(true)} data-testid="live-implausible">
          {t('foxess:live.implausible')}
        </button>
      </div>
    )
  return (
    <form
      ref={form}
      className="live-wrong"
      data-next-action
      onSubmit={(e) => {
        e.preventDefault()
        if (note.trim()) answer(false, note.trim())
      }}
    >
      <label className="field">
        <span>{t('foxess:live.whatIsWrong')}</span>
        <textarea value={note} maxLength={500} rows={2} autoFocus onChange={(e) => setNote(e.target.value)} data-testid="live-note" />
      </label>
      {!note.trim() && <p className="hint">{t('foxess:live.noteRequired')}</p>}
      <div className="actions">
        <button type="submit" disabled={busy || !note.trim()} data-testid="live-note-send">
          {t('foxess:live.sendNote')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => setWrong(false)}>
          {t('foxess:live.back')}
        </button>
      </div>
    </form>
  )
}
