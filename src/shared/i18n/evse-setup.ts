/**
 * The setup job's recorded values in the reader's words: a configured
 * field's choice by its name (mode 3 case C, IP SDM72D-M), the charger's
 * state by its name, a test charge outcome by what it means.
 */
import { evseStateKey, evseStateName } from '../devices/evse/states'
import type { Translate } from './localize'

/** the configuration fields whose numbers are the document's numbered choices, with their texts' stem */
const CHOICE_STEMS: Record<string, string> = { chargerMode: 'chargerMode', lockMethod: 'lockMethod', meter1Type: 'meterType', meter2Type: 'meterType', controlStrategy: 'controlStrategy' }

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
