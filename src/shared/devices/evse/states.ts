/**
 * The charger's EvseState enumeration (cpEvseStateEnum_t in the WebAPI
 * document), in its order: the number is the index. Names are the
 * document's, without the EVSE_ prefix; texts live under `evseStateKey(name)`.
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

/** the error states: each has an `evse:stateCheck` text for the installer */
export const EvseErrorStates: readonly EvseStateName[] = ['RELAY_ERR_F', 'EPO_F', 'EV_DIODE_ERR', 'EV_ERR_E', 'EV_GENERAL_ERR', 'PP_ERR_F', 'LOCK_ERR_F']

/** The state's name, or null for a number outside the enumeration (a newer firmware's state). */
export function evseStateName(value: number | null): EvseStateName | null {
  return value !== null && Number.isInteger(value) && value >= 0 && value < EvseStateNames.length ? EvseStateNames[value]! : null
}

/** The state's key in the `evse` texts (`evse:stateName.<key>`, `stateExplain`, `stateCheck`): RELAY_ERR_F → relayErrF. */
export function evseStateKey(name: EvseStateName): string {
  return name.toLowerCase().replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase())
}

export function isEvseErrorState(value: number | null): boolean {
  const name = evseStateName(value)
  return name !== null && EvseErrorStates.includes(name)
}
