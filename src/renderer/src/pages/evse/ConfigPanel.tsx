import { type FormEvent, memo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConfigWriteResult, EvseConfig, EvseConfigAnswer, EvseConfigField } from '@shared/contract'
import { EvseConfigFields, EvseConfigRanges } from '@shared/devices/evse/config'
import { api } from '../../api'
import { useErrorText } from '../../components/errors'

interface Props {
  host: string
  answer: EvseConfigAnswer | null
  /** why SystemConfig could not be read, localized */
  error: string | null
}

/** the numbered choices the document lists per field; the rest are numbers, flags or addresses */
const CHOICES: Partial<Record<EvseConfigField, number>> = { ChargerMode: 2, LockMethod: 2, Meter1Type: 7, Meter2Type: 8, ControlStrategy: 2 }

/** the field's key in the `evse` texts: the document's name with a small first letter */
const fieldKey = (key: EvseConfigField) => key[0]!.toLowerCase() + key.slice(1)
/** both meters list the same types (meter 2 one more): their choices share texts */
const optionKey = (key: EvseConfigField) => (key === 'Meter1Type' || key === 'Meter2Type' ? 'meterType' : fieldKey(key))

const shown = (v: unknown) => (v === undefined || v === null || v === '' ? '—' : typeof v === 'boolean' ? (v ? '✓' : '✗') : String(v))

/** The charger's configuration, editable; Apply writes the changed fields once and shows, per field, whether the charger took it. */
/** memoized: the live status updates the page once a second, and this panel depends on none of it */
export const ConfigPanel = memo(function ConfigPanel({ host, answer, error }: Props) {
  const { t } = useTranslation()
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

  const input = (key: EvseConfigField, kind: 'number' | 'boolean' | 'string') => {
    const v = value(key)
    const choices = CHOICES[key]
    if (choices !== undefined) {
      return (
        <select value={v === undefined ? '' : String(v)} onChange={(e) => edit(key, Number(e.target.value))} disabled={key === 'LockMethod' && value('ChargerMode') !== 1} data-testid={`evse-cfg-${key}`}>
          {Array.from({ length: choices }, (_, i) => (
            <option key={i} value={i}>
              {t(`evse:option.${optionKey(key)}${i}`)}
            </option>
          ))}
        </select>
      )
    }
    if (kind === 'boolean') return <input type="checkbox" checked={Boolean(v)} onChange={(e) => edit(key, e.target.checked)} data-testid={`evse-cfg-${key}`} />
    if (kind === 'string') return <input value={typeof v === 'string' ? v : ''} maxLength={15} onChange={(e) => edit(key, e.target.value.trim())} data-testid={`evse-cfg-${key}`} />
    const range = EvseConfigRanges[key]
    return (
      <input
        type="number"
        min={range?.[0]}
        max={range?.[1]}
        value={typeof v === 'number' ? v : ''}
        onChange={(e) => edit(key, e.target.value === '' ? undefined : Number(e.target.value))}
        className={outOfRange.includes(key) ? 'invalid' : ''}
        data-testid={`evse-cfg-${key}`}
      />
    )
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
      {outOfRange.length > 0 && <p className="evse-error">{t('evse:write.outOfRange', { fields: outOfRange.map((k) => t(`evse:field.${fieldKey(k)}`)).join(', ') })}</p>}
      {writeError && <p className="evse-error">{writeError}</p>}
      {result && (
        <p className={result.ok ? 'evse-outcome ok' : 'evse-outcome fail'} data-testid="evse-write-summary">
          {result.sent === null ? t('evse:write.nothing') : result.ok ? t('evse:write.allApplied', { count: result.fields.length }) : t('evse:write.someNotApplied', { count: result.fields.filter((f) => !f.applied).length })}
          {result.restarted && ` ${t('evse:page.restarted')}`}
          {result.changedElsewhere.length > 0 && ` ${t('evse:write.changedElsewhere', { fields: result.changedElsewhere.map((k) => t(`evse:field.${fieldKey(k)}`)).join(', ') })}`}
        </p>
      )}
      <table className="grid compact">
        <tbody>
          {EvseConfigFields.map(({ key, kind }) => {
            const o = outcome(key)
            const range = EvseConfigRanges[key]
            return (
              <tr key={key} data-field={key}>
                <td>
                  {t(`evse:field.${fieldKey(key)}`)}
                  {range && CHOICES[key] === undefined && <span className="muted"> {t('evse:page.range', { min: range[0], max: range[1] })}</span>}
                </td>
                <td>
                  {input(key, kind)}
                  {o && (
                    <div className="evse-result" data-testid={`evse-result-${key}`} data-applied={String(o.applied)}>
                      {o.applied ? <span className="evse-good">{t('evse:write.applied')}</span> : <span className="evse-bad">{t('evse:write.notApplied', { after: shown(o.after), reason: t(`evse:writeReason.${o.reason ?? 'ignored'}`) })}</span>}
                    </div>
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </form>
  )
})
