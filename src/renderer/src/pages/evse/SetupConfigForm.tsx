import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvseConfig, EvseConfigField, EvseSetupIssue } from '@shared/contract'
import { EvseConfigFields, EvseConfigRanges, meterTypeNeedsIp } from '@shared/devices/evse/config'
import { validateSetupTarget } from '@shared/devices/evse/setup-validation'

/** the numbered choices the document lists per field; the rest are numbers, flags or addresses */
const CHOICES: Partial<Record<EvseConfigField, number>> = { ChargerMode: 2, LockMethod: 2, Meter1Type: 7, Meter2Type: 8, ControlStrategy: 2 }
const fieldKey = (key: EvseConfigField) => key[0]!.toLowerCase() + key.slice(1)
const optionKey = (key: EvseConfigField) => (key === 'Meter1Type' || key === 'Meter2Type' ? 'meterType' : fieldKey(key))

/** Fields shown only where they apply: the lock in case B, a meter's address for an IP meter, the limit with power limiting on. */
function applies(key: EvseConfigField, v: Partial<EvseConfig>): boolean {
  if (key === 'LockMethod') return v.ChargerMode === 1
  if (key === 'Meter1Ip') return meterTypeNeedsIp(v.Meter1Type)
  if (key === 'Meter2Ip') return meterTypeNeedsIp(v.Meter2Type)
  if (key === 'ControlLimit') return v.ControlStrategy === 1
  return true
}

export const SETUP_CONFIG_FORM = 'evse-setup-config'

/**
 * The configuration the installer wants, over what the charger holds: each
 * field checked by the same rules main applies, with the reason in words, and
 * the changes listed as before → after before anything is written.
 */
export function SetupConfigForm({ current, onWrite, onKeep, busy }: { current: Partial<EvseConfig>; onWrite: (target: Partial<EvseConfig>) => void; onKeep: () => void; busy: boolean }) {
  const { t } = useTranslation()
  const [edits, setEdits] = useState<Partial<EvseConfig>>({})
  const merged: Partial<EvseConfig> = { ...current, ...edits }
  const changed = EvseConfigFields.map((f) => f.key).filter((k) => edits[k] !== undefined && edits[k] !== current[k] && applies(k, merged))
  const target = Object.fromEntries(changed.map((k) => [k, edits[k]])) as Partial<EvseConfig>
  const issues: EvseSetupIssue[] = validateSetupTarget(target, current)
  const issueOf = (key: EvseConfigField) => issues.find((i) => i.field === key)
  const edit = (key: EvseConfigField, value: unknown) => setEdits((e) => ({ ...e, [key]: value }))
  const shown = (key: EvseConfigField, v: unknown): string => {
    if (v === undefined || v === '') return '—'
    if (typeof v === 'boolean') return t(v ? 'common:yes' : 'common:no')
    if (CHOICES[key] !== undefined) return t(`evse:option.${optionKey(key)}${String(v)}`)
    return String(v)
  }

  const input = (key: EvseConfigField, kind: 'number' | 'boolean' | 'string') => {
    const v = merged[key]
    const testId = `evse-setup-cfg-${key}`
    const choices = CHOICES[key]
    if (choices !== undefined) {
      return (
        <select value={v === undefined ? '' : String(v)} onChange={(e) => edit(key, Number(e.target.value))} data-testid={testId}>
          {Array.from({ length: choices }, (_, i) => (
            <option key={i} value={i}>
              {t(`evse:option.${optionKey(key)}${i}`)}
            </option>
          ))}
        </select>
      )
    }
    if (kind === 'boolean') return <input type="checkbox" checked={Boolean(v)} onChange={(e) => edit(key, e.target.checked)} data-testid={testId} />
    if (kind === 'string') return <input value={typeof v === 'string' ? v : ''} maxLength={15} onChange={(e) => edit(key, e.target.value.trim())} data-testid={testId} aria-invalid={Boolean(issueOf(key))} />
    const range = EvseConfigRanges[key]
    return (
      <input
        type="number"
        min={range?.[0]}
        max={range?.[1]}
        value={typeof v === 'number' ? v : ''}
        onChange={(e) => edit(key, e.target.value === '' ? undefined : Number(e.target.value))}
        aria-invalid={Boolean(issueOf(key))}
        data-testid={testId}
      />
    )
  }

  return (
    <form
      id={SETUP_CONFIG_FORM}
      className="panel evse-setup-config"
      data-next-action
      data-testid="evse-setup-config"
      onSubmit={(e) => {
        e.preventDefault()
        if (changed.length && !issues.length) onWrite(target)
      }}
    >
      <h2>{t('evseSetup:ui.configTitle')}</h2>
      <p className="hint">{t('evseSetup:ui.configHint')}</p>
      <div className="evse-setup-columns">
        <table className="grid compact">
          <tbody>
            {EvseConfigFields.filter((f) => applies(f.key, merged)).map(({ key, kind }) => {
              const issue = issueOf(key)
              const range = EvseConfigRanges[key]
              return (
                <tr key={key} data-field={key}>
                  <td>
                    {t(`evse:field.${fieldKey(key)}`)}
                    {range && CHOICES[key] === undefined && <span className="muted"> {t('evse:page.range', { min: range[0], max: range[1] })}</span>}
                  </td>
                  <td>
                    {input(key, kind)}
                    {issue && (
                      <div className="evse-bad" data-testid={`evse-setup-issue-${key}`}>
                        {t(`evseSetup:invalid.${issue.code}`, issue.params)}
                      </div>
                    )}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
        <div className="evse-setup-diff" data-testid="evse-setup-diff">
          <h3>{t('evseSetup:ui.changes', { count: changed.length })}</h3>
          {changed.length === 0 ? (
            <p className="muted">{t('evseSetup:ui.noChanges')}</p>
          ) : (
            <ul>
              {changed.map((k) => (
                <li key={k}>
                  {t(`evse:field.${fieldKey(k)}`)}: {shown(k, current[k])} → <strong>{shown(k, target[k])}</strong>
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button type="submit" disabled={busy || !changed.length || issues.length > 0} data-testid="evse-setup-write">
              {t('evseSetup:ui.write', { count: changed.length })}
            </button>
            <button type="button" className="secondary" disabled={busy} onClick={onKeep} data-testid="evse-setup-keep">
              {t('evseSetup:ui.keep')}
            </button>
          </div>
        </div>
      </div>
    </form>
  )
}
