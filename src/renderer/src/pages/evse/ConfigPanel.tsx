import { type FormEvent, memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConfigWriteResult, EvseConfig, EvseConfigAnswer, EvseConfigField } from '@shared/contract'
import { configFieldKey, EvseConfigFields, EvseConfigRanges } from '@shared/devices/evse/config'
import { evseConfigValueText } from '@shared/i18n/evse-setup'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'
import { useTranslate } from '../../components/translate'
import { ConfigField } from './ConfigField'

interface Props {
  host: string
  answer: EvseConfigAnswer | null
  /** why SystemConfig could not be read, localized */
  error: string | null
}


/** The charger's configuration, editable; Apply writes the changed fields once and shows, per field, whether the charger took it. */
/** memoized: the live status updates the page once a second, and this panel depends on none of it */
export const ConfigPanel = memo(function ConfigPanel({ host, answer, error }: Props) {
  const { t } = useTranslation()
  const tt = useTranslate()
  const errorText = useErrorText()
  const [base, setBase] = useState<Partial<EvseConfig>>(answer?.config ?? {})
  const [edits, setEdits] = useState<Partial<EvseConfig>>({})
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ConfigWriteResult | null>(null)
  const [writeError, setWriteError] = useState<string | null>(null)

  const value = <K extends EvseConfigField>(key: K): EvseConfig[K] | undefined => (edits[key] ?? base[key]) as EvseConfig[K] | undefined
  const edit = (key: EvseConfigField, v: unknown) => setEdits((e) => ({ ...e, [key]: v }))
  const changed = (Object.keys(edits) as EvseConfigField[]).filter((k) => edits[k] !== base[k])
  const outOfRange = changed.filter((k) => {
    const range = EvseConfigRanges[k]
    const v = edits[k]
    return range !== undefined && (typeof v !== 'number' || !Number.isInteger(v) || v < range[0] || v > range[1])
  })

  const apply = async (e: FormEvent) => {
    e.preventDefault()
    if (!changed.length || outOfRange.length) return
    setBusy(true)
    setWriteError(null)
    try {
      const config = Object.fromEntries(changed.map((k) => [k, edits[k]])) as Partial<EvseConfig>
      const r = await api().evseWriteConfig({ host, config })
      setResult(r)
      setBase((b) => ({ ...b, ...Object.fromEntries(r.fields.map((f) => [f.field, f.after])) }))
      setEdits({})
    } catch (err) {
      setWriteError(errorText(err))
    } finally {
      setBusy(false)
    }
  }

  const outcome = (key: EvseConfigField) => result?.fields.find((f) => f.field === key)

  return (
    <form className="panel evse-config" onSubmit={(e) => void apply(e)} data-testid="evse-config">
      <div className="row evse-config-head">
        <h2>{t('evse:page.config')}</h2>
        <div className="actions">
          <button type="submit" disabled={busy || !changed.length || outOfRange.length > 0 || !answer} data-testid="evse-apply">
            {busy ? t('common:working') : t('evse:write.apply', { count: changed.length })}
          </button>
          {changed.length > 0 && (
            <button type="button" className="secondary" onClick={() => setEdits({})} disabled={busy}>
              {t('evse:write.discard')}
            </button>
          )}
        </div>
      </div>
      {error && <p className="evse-error">{error}</p>}
      {outOfRange.length > 0 && <p className="evse-error">{t('evse:write.outOfRange', { fields: outOfRange.map((k) => t(`evse:field.${configFieldKey(k)}`)).join(', ') })}</p>}
      {writeError && <p className="evse-error">{writeError}</p>}
      {result && (
        <p className={result.ok ? 'evse-outcome ok' : 'evse-outcome fail'} data-testid="evse-write-summary">
          {result.sent === null ? t('evse:write.nothing') : result.ok ? t('evse:write.allApplied', { count: result.fields.length }) : t('evse:write.someNotApplied', { count: result.fields.filter((f) => !f.applied).length })}
          {result.restarted && ` ${t('evse:page.restarted')}`}
          {result.changedElsewhere.length > 0 && ` ${t('evse:write.changedElsewhere', { fields: result.changedElsewhere.map((k) => t(`evse:field.${configFieldKey(k)}`)).join(', ') })}`}
        </p>
      )}
      <table className="grid compact">
        <tbody>
          {EvseConfigFields.map(({ key, kind }) => {
            const o = outcome(key)
            return (
              <ConfigField
                key={key}
                field={key}
                kind={kind}
                value={value(key)}
                onChange={(v) => edit(key, v)}
                disabled={key === 'LockMethod' && value('ChargerMode') !== 1}
                invalid={outOfRange.includes(key)}
                testId={`evse-cfg-${key}`}
              >
                {o && (
                  <div className="evse-result" data-testid={`evse-result-${key}`} data-applied={String(o.applied)}>
                    {o.applied ? <span className="evse-good">{t('evse:write.applied')}</span> : <span className="evse-bad">{t('evse:write.notApplied', { after: evseConfigValueText(tt, key, o.after), reason: t(`evse:writeReason.${o.reason ?? 'ignored'}`) })}</span>}
                  </div>
                )}
              </ConfigField>
            )
          })}
        </tbody>
      </table>
    </form>
  )
})
