import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { EvseConfig, EvseConfigField } from '@shared/contract'
import { configChoiceStem, configFieldKey, EvseConfigChoices, EvseConfigRanges } from '@shared/devices/evse/config'

interface Props {
  field: EvseConfigField
  kind: 'number' | 'boolean' | 'string'
  value: EvseConfig[EvseConfigField] | undefined
  onChange: (value: EvseConfig[EvseConfigField] | undefined) => void
  testId: string
  disabled?: boolean
  invalid?: boolean
  /** under the input: what the charger did with the field, or what is wrong with it */
  children?: ReactNode
}

/** One SystemConfig field as a table row: its name (and range), and an input of its kind — a numbered choice by name, a flag, an address or a number. */
export function ConfigField({ field, kind, value, onChange, testId, disabled, invalid = false, children }: Props) {
  const { t } = useTranslation()
  const choices = EvseConfigChoices[field]
  const range = EvseConfigRanges[field]
  let input: ReactNode
  if (choices !== undefined) {
    input = (
      <select value={value === undefined ? '' : String(value)} onChange={(e) => onChange(Number(e.target.value))} disabled={disabled} data-testid={testId}>
        {Array.from({ length: choices }, (_, i) => (
          <option key={i} value={i}>
            {t(`evse:option.${configChoiceStem(field)}${i}`)}
          </option>
        ))}
      </select>
    )
  } else if (kind === 'boolean') {
    input = <input type="checkbox" checked={Boolean(value)} onChange={(e) => onChange(e.target.checked)} disabled={disabled} data-testid={testId} />
  } else if (kind === 'string') {
    // an IPv4 address is at most 15 characters
    input = <input value={typeof value === 'string' ? value : ''} maxLength={15} onChange={(e) => onChange(e.target.value.trim())} disabled={disabled} aria-invalid={invalid} data-testid={testId} />
  } else {
    input = (
      <input
        type="number"
        min={range?.[0]}
        max={range?.[1]}
        value={typeof value === 'number' ? value : ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        disabled={disabled}
        className={invalid ? 'invalid' : undefined}
        aria-invalid={invalid}
        data-testid={testId}
      />
    )
  }
  return (
    <tr data-field={field}>
      <td>
        {t(`evse:field.${configFieldKey(field)}`)}
        {range && choices === undefined && <span className="muted"> {t('evse:page.range', { min: range[0], max: range[1] })}</span>}
      </td>
      <td>
        {input}
        {children}
      </td>
    </tr>
  )
}
