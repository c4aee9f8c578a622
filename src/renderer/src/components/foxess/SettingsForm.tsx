import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  type FoxForceCharge,
  FoxLimits,
  type FoxSchedulerGroup,
  type FoxSettingsSnapshot,
  type FoxSettingsTarget,
  FoxWorkModes,
  type JsonValue,
  type SettingItem,
} from '@shared/contract'
import { planChanges, targetFromSnapshot } from '@shared/devices/foxess/settings-plan'
import { hasErrors, type SettingIssue, validateSettingsTarget } from '@shared/devices/foxess/validation'
import { asLanguage, formatClock } from '@shared/i18n/time'
import { TimeField } from '../TimeFields'
import { workModeKey } from './format'
import { ScheduleStrip } from './ScheduleStrip'

const numberOrNull = (value: string) => (value.trim() === '' ? null : Number(value.replace(',', '.')))

function Issues({ issues, field }: { issues: SettingIssue[]; field: string }) {
  const { t } = useTranslation()
  const mine = issues.filter((i) => i.field === field || i.field.startsWith(`${field}.`))
  if (!mine.length) return null
  return (
    <span className="issues">
      {mine.map((i, n) => (
        <span key={n} className={i.severity === 'error' ? 'issue error' : 'issue warning'} data-testid="setting-issue" data-code={i.code}>
          {t(`foxess:issues.${i.code}`, i.params)}
        </span>
      ))}
    </span>
  )
}

export function describeSetting(value: JsonValue, t: (key: string) => string, language: string): string {
  if (value === null) return '—'
  if (typeof value === 'boolean') return value ? t('foxess:settings.on') : t('foxess:settings.off')
  if (typeof value !== 'object') return String(value)
  if (Array.isArray(value)) return String(value.filter((g) => (g as { enable?: number }).enable === 1).length)
  if ('minSoc' in value) return `${String(value.minSoc)} % · ${String(value.minSocOnGrid)} %`
  if (!('enable1' in value)) return JSON.stringify(value)
  const fc = value as unknown as FoxForceCharge
  const p = (on: boolean, s: { hour: number; minute: number }, e: { hour: number; minute: number }) => (on ? `${formatClock(s.hour, s.minute, asLanguage(language))}–${formatClock(e.hour, e.minute, asLanguage(language))}` : t('foxess:settings.off'))
  return `${p(fc.enable1, fc.startTime1, fc.endTime1)} · ${p(fc.enable2, fc.startTime2, fc.endTime2)}`
}

/**
 * What the installer wants the inverter to hold, starting from what it holds
 * now: every change checked as it is typed (the document's ranges and the
 * device's own), the diff shown, nothing sent until the button.
 */
export function SettingsForm({
  current,
  initial,
  busy,
  onSubmit,
}: {
  current: FoxSettingsSnapshot
  initial: FoxSettingsTarget | null
  busy: boolean
  onSubmit: (target: FoxSettingsTarget | null) => void
}) {
  const { t, i18n } = useTranslation()
  const [target, setTarget] = useState<FoxSettingsTarget>(() => initial ?? targetFromSnapshot(current))
  const issues = useMemo(() => validateSettingsTarget(target, current), [target, current])
  const changes = useMemo(() => planChanges(current, target), [current, target])
  const blocked = hasErrors(issues)
  const set = (patch: Partial<FoxSettingsTarget>) => setTarget((prev) => ({ ...prev, ...patch }))
  const setGroup = (index: number, patch: Partial<FoxSchedulerGroup>) =>
    setTarget((prev) => ({ ...prev, scheduler: prev.scheduler && { ...prev.scheduler, groups: prev.scheduler.groups.map((g, i) => (i === index ? { ...g, ...patch } : g)) } }))
  const fc = target.forceCharge
  const setFc = (patch: Partial<FoxForceCharge>) => fc && set({ forceCharge: { ...fc, ...patch } })

  const numberInput = (key: 'minSoc' | 'minSocOnGrid' | 'maxSoc' | 'exportLimit', unit: string, range: { min: number; max: number } | null) => (
    <label className="field" key={key}>
      <span>
        {t(`foxess:settings.${key}`)}
        {range ? ` (${range.min}–${range.max} ${unit})` : ` (${unit})`}
      </span>
      <input inputMode="decimal" value={target[key] ?? ''} onChange={(e) => set({ [key]: numberOrNull(e.target.value) })} data-testid={`setting-${key}`} />
      <Issues issues={issues} field={key} />
    </label>
  )

  return (
    <form
      className="settings-form"
      data-testid="settings-form"
      data-next-action
      onSubmit={(e) => {
        e.preventDefault()
        if (!blocked) onSubmit(target)
      }}
    >
      {current.schedulerFlag?.enabled && <p className="banner warn">{t('foxess:settings.scheduleOnWarning')}</p>}
      {Object.keys(current.unreadable).length > 0 && (
        <p className="banner warn">
          {t('foxess:settings.unreadable', { parts: Object.keys(current.unreadable).map((p) => t(`foxess:parts.${p}`)).join(', ') })}
        </p>
      )}
      <h3>{t('foxess:settings.battery')}</h3>
      <div className="form-grid">
        {current.soc && numberInput('minSoc', '%', { min: FoxLimits.socMin, max: FoxLimits.socMax })}
        {current.soc && numberInput('minSocOnGrid', '%', { min: FoxLimits.socMin, max: FoxLimits.socMax })}
        {current.maxSoc && numberInput('maxSoc', current.maxSoc.unit || '%', current.maxSoc.range)}
        {current.exportLimit && numberInput('exportLimit', current.exportLimit.unit || 'W', current.exportLimit.range)}
        {current.gridCode && (
          <label className="field">
            <span>{t('foxess:settings.gridCode')}</span>
            <input value={current.gridCode.value} readOnly />
            <span className="hint">{t('foxess:settings.gridCodeReadOnly')}</span>
          </label>
        )}
      </div>
      {fc && (
        <>
          <h3>{t('foxess:settings.forceCharge')}</h3>
          <div className="form-grid">
            {([1, 2] as const).map((n) => (
              <div key={n} className="field period">
                <label className="check">
                  <input type="checkbox" checked={fc[`enable${n}`]} onChange={(e) => setFc({ [`enable${n}`]: e.target.checked })} data-testid={`force-enable${n}`} />
                  {t('foxess:settings.period', { n })}
                </label>
                <span className="inline-form">
                  <TimeField value={fc[`startTime${n}`]} onChange={(v) => setFc({ [`startTime${n}`]: v })} label={t('foxess:settings.start')} testId={`force-start${n}`} />
                  <TimeField value={fc[`endTime${n}`]} onChange={(v) => setFc({ [`endTime${n}`]: v })} label={t('foxess:settings.end')} testId={`force-end${n}`} />
                </span>
                <Issues issues={issues} field={`forceCharge.startTime${n}`} />
                <Issues issues={issues} field={`forceCharge.endTime${n}`} />
              </div>
            ))}
          </div>
        </>
      )}
      {target.scheduler && (
        <>
          <h3>{t('foxess:settings.scheduler')}</h3>
          <label className="check">
            <input type="checkbox" checked={target.scheduler.enabled} onChange={(e) => set({ scheduler: { ...target.scheduler!, enabled: e.target.checked } })} data-testid="scheduler-enabled" />
            {t('foxess:settings.schedulerEnabled')}
          </label>
          <table className="grid compact groups" data-testid="scheduler-groups">
            <thead>
              <tr>
                <th>{t('foxess:settings.groupOn')}</th>
                <th>{t('foxess:settings.start')}</th>
                <th>{t('foxess:settings.end')}</th>
                <th>{t('foxess:settings.workMode')}</th>
                <th>{t('foxess:settings.minSocOnGridShort')}</th>
                <th>{t('foxess:settings.fdSoc')}</th>
                <th>{t('foxess:settings.fdPwr')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {target.scheduler.groups.map((g, i) => (
                <tr key={i} data-group={i}>
                  <td>
                    <input type="checkbox" checked={g.enable === 1} onChange={(e) => setGroup(i, { enable: e.target.checked ? 1 : 0 })} aria-label={t('foxess:settings.groupOn')} />
                  </td>
                  <td>
                    <TimeField value={{ hour: g.startHour, minute: g.startMinute }} onChange={(v) => setGroup(i, { startHour: v.hour, startMinute: v.minute })} label={t('foxess:settings.start')} />
                  </td>
                  <td>
                    <TimeField value={{ hour: g.endHour, minute: g.endMinute }} onChange={(v) => setGroup(i, { endHour: v.hour, endMinute: v.minute })} label={t('foxess:settings.end')} />
                  </td>
                  <td>
                    <select value={g.workMode} onChange={(e) => setGroup(i, { workMode: e.target.value as FoxSchedulerGroup['workMode'] })} aria-label={t('foxess:settings.workMode')}>
                      {FoxWorkModes.map((m) => (
                        <option key={m} value={m}>
                          {t(`foxess:workModes.${workModeKey(m)}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <input className="narrow" inputMode="numeric" value={g.minSocOnGrid} onChange={(e) => setGroup(i, { minSocOnGrid: Number(e.target.value) })} aria-label={t('foxess:settings.minSocOnGridShort')} />
                  </td>
                  <td>
                    <input className="narrow" inputMode="numeric" value={g.fdSoc} onChange={(e) => setGroup(i, { fdSoc: Number(e.target.value) })} aria-label={t('foxess:settings.fdSoc')} />
                  </td>
                  <td>
                    <input className="narrow" inputMode="numeric" value={g.fdPwr} onChange={(e) => setGroup(i, { fdPwr: Number(e.target.value) })} aria-label={t('foxess:settings.fdPwr')} />
                  </td>
                  <td>
                    <button type="button" className="small secondary" onClick={() => set({ scheduler: { ...target.scheduler!, groups: target.scheduler!.groups.filter((_, j) => j !== i) } })}>
                      {t('common:remove')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <Issues issues={issues} field="scheduler" />
          <div className="actions">
            <button
              type="button"
              className="small secondary"
              disabled={target.scheduler.groups.length >= FoxLimits.schedulerGroupsMax}
              onClick={() =>
                set({
                  scheduler: {
                    ...target.scheduler!,
                    groups: [...target.scheduler!.groups, { enable: 1, startHour: 0, startMinute: 0, endHour: 5, endMinute: 59, workMode: 'SelfUse', minSocOnGrid: 10, fdSoc: 10, fdPwr: 0 }],
                  },
                })
              }
              data-testid="scheduler-add"
            >
              {t('foxess:settings.addGroup')}
            </button>
          </div>
          <ScheduleStrip groups={target.scheduler.groups} />
        </>
      )}
      <h3>{t('foxess:settings.changes', { count: changes.length })}</h3>
      {changes.length > 0 ? (
        <table className="grid compact" data-testid="settings-diff">
          <tbody>
            {changes.map((c) => (
              <tr key={c.item} data-item={c.item}>
                <td>{t(`foxess:items.${c.item as SettingItem}`)}</td>
                <td className="muted">{describeSetting(c.before, t, i18n.language)}</td>
                <td>{`→ ${describeSetting(c.after, t, i18n.language)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">{t('foxess:settings.noChanges')}</p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || blocked} data-testid="settings-write">
          {changes.length ? t('foxess:settings.write', { count: changes.length }) : t('foxess:settings.keep')}
        </button>
        <button type="button" className="secondary" disabled={busy} onClick={() => onSubmit(null)} data-testid="settings-skip">
          {t('foxess:settings.skip')}
        </button>
        {blocked && <span className="issue error">{t('foxess:settings.fixFirst')}</span>}
      </div>
    </form>
  )
}
