import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvseConfig, EvseConfigField, EvseSetupIssue } from '@shared/contract'
import { configFieldKey, EvseConfigFields, meterTypeNeedsIp } from '@shared/devices/evse/config'
import { validateSetupTarget } from '@shared/devices/evse/setup-validation'
import { evseConfigValueText } from '@shared/i18n/evse-setup'
import { useTranslate } from '../../components/translate'
import { ConfigField } from './ConfigField'


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
  const tt = useTranslate()
  const [edits, setEdits] = useState<Partial<EvseConfig>>({})
  const merged: Partial<EvseConfig> = { ...current, ...edits }
  const changed = EvseConfigFields.map((f) => f.key).filter((k) => edits[k] !== undefined && edits[k] !== current[k] && applies(k, merged))
  const target = Object.fromEntries(changed.map((k) => [k, edits[k]])) as Partial<EvseConfig>
  const issues: EvseSetupIssue[] = validateSetupTarget(target, current)
  const issueOf = (key: EvseConfigField) => issues.find((i) => i.field === key)
  const edit = (key: EvseConfigField, value: unknown) => setEdits((e) => ({ ...e, [key]: value }))
  const shown = (key: EvseConfigField, v: unknown): string => evseConfigValueText(tt, key, v)

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
              return (
                <ConfigField key={key} field={key} kind={kind} value={merged[key]} onChange={(v) => edit(key, v)} invalid={Boolean(issue)} testId={`evse-setup-cfg-${key}`}>
                  {issue && (
                    <div className="evse-bad" data-testid={`evse-setup-issue-${key}`}>
                      {t(`evseSetup:invalid.${issue.code}`, issue.params)}
                    </div>
                  )}
                </ConfigField>
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
                  {t(`evse:field.${configFieldKey(k)}`)}: {shown(k, current[k])} → <strong>{shown(k, target[k])}</strong>
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
