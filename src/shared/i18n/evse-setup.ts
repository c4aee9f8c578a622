/**
 * The setup job's recorded values in the reader's words: a configured
 * field's choice by its name (mode 3 case C, IP SDM72D-M), the charger's
 * state by its name, a test charge outcome by what it means.
 */
import { configChoiceStem, configFieldKey, EvseConfigChoices, type EvseConfigField } from '../devices/evse/config'
import { evseStateKey, evseStateName } from '../devices/evse/states'
import type { Translate } from './localize'

/** the configuration fields whose numbers are the document's numbered choices, by their recorded key, with their texts' stem */
const CHOICE_STEMS: Record<string, string> = Object.fromEntries(
  (Object.keys(EvseConfigChoices) as EvseConfigField[]).map((field) => [configFieldKey(field), configChoiceStem(field)]),
)

/** A configuration field's value as the installer reads it: a numbered choice by its name, a flag as yes or no, nothing as a dash. */
export function evseConfigValueText(t: Translate, field: EvseConfigField, value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  if (typeof value === 'boolean') return t(value ? 'common:yes' : 'common:no')
  const choice = `evse:option.${configChoiceStem(field)}${String(value)}`
  if (EvseConfigChoices[field] !== undefined && typeof value === 'number' && t.exists(choice)) return t(choice)
  return String(value)
}

export function evseSetupValue(t: Translate, key: string, value: number | string | boolean): string | null {
  const stem = CHOICE_STEMS[key]
  if (stem && typeof value === 'number' && t.exists(`evse:option.${stem}${value}`)) return t(`evse:option.${stem}${value}`)
  if (key === 'chargerState' && typeof value === 'number') {
    const name = evseStateName(value)
    return name ? `${t(`evse:stateName.${evseStateKey(name)}`)} (${value})` : t('evse:stateUnknown', { code: value })
  }
  if (typeof value === 'string' && t.exists(`evseSetup:values.${value}`)) return t(`evseSetup:values.${value}`)
  return null
}
