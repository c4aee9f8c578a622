/**
 * The charger's EvseState enumeration (cpEvseStateEnum_t in the WebAPI
 * document), in its order: the number is the index. Names are the
 * document's, without the EVSE_ prefix; texts live in `evse:state.<name>`.
 * Pure: main and renderer code both use it.
 */
export const EvseStateNames = [
  'WAITING',
  'IDLE_A1_A2',
  'RELAY_ERR_F',
  'EPO_F',
  'EV_CONNECTED_B1_B2',
  'EV_CHARGE_C1_C2',
  'EV_VENT_D1_D2',
  'EV_DIODE_ERR',
  'EV_ERR_E',
  'EV_GENERAL_ERR',
  'PP_ERR_F',
  'LOCK_ERR_F',
] as const

export type EvseStateName = (typeof EvseStateNames)[number]

export const EvseState = Object.fromEntries(EvseStateNames.map((name, i) => [name, i])) as { readonly [K in EvseStateName]: number }

/** the error states: each has an `evse:state.<name>.check` text for the installer */
export const EvseErrorStates: readonly EvseStateName[] = ['RELAY_ERR_F', 'EPO_F', 'EV_DIODE_ERR', 'EV_ERR_E', 'EV_GENERAL_ERR', 'PP_ERR_F', 'LOCK_ERR_F']

/** The state's name, or null for a number outside the enumeration (a newer firmware's state). */
export function evseStateName(value: number | null): EvseStateName | null {
  return value !== null && Number.isInteger(value) && value >= 0 && value < EvseStateNames.length ? EvseStateNames[value]! : null
}

export function isEvseErrorState(value: number | null): boolean {
  const name = evseStateName(value)
  return name !== null && EvseErrorStates.includes(name)
}
