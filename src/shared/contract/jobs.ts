import type { JobType, StepVerdict, Verdict } from './records'

export const LinkCheckSteps = ['open', 'echo', 'throughput', 'close'] as const
export type LinkCheckStep = (typeof LinkCheckSteps)[number]

/** Job progress as a discriminated union: one phase at a time, never a bag of booleans. */
export type JobPhase =
  | { phase: 'running'; step: string }
  | { phase: 'paused'; step: string; reason: string }
  | { phase: 'finished'; verdict: Verdict }
  | { phase: 'aborted'; reason: string }

export interface JobStepState {
  key: string
  verdict: StepVerdict | null
  /** error code or note, localized by the renderer */
  note: string | null
}

export interface JobUpdate {
  recordId: number
  jobType: JobType
  phase: JobPhase
  steps: JobStepState[]
}

/**
 * The device a job works on, `kind:id`: two jobs never drive one device at
 * once. A cabinet is reached through its serial port, so the cabinet test and
 * the link check on one port share a key; the CT check and commissioning
 * share the inverter's serial number.
 */
export type DeviceKey = `${DeviceKind}:${string}`
export const DeviceKinds = ['serialPort', 'inverter', 'chargers', 'charger'] as const
export type DeviceKind = (typeof DeviceKinds)[number]

export const serialPortKey = (path: string): DeviceKey => `serialPort:${path}`
export const inverterKey = (sn: string): DeviceKey => `inverter:${sn}`
/** the chargers a site job writes to, by their addresses in order */
export const chargersKey = (hosts: readonly string[]): DeviceKey => `chargers:${[...hosts].sort().join(',')}`
/** an EV charger by the address the app reaches it at */
export const chargerKey = (host: string): DeviceKey => `charger:${host.toLowerCase()}`

export function parseDeviceKey(key: string): { kind: DeviceKind; id: string } | null {
  const colon = key.indexOf(':')
  const kind = key.slice(0, colon)
  return colon > 0 && (DeviceKinds as readonly string[]).includes(kind) ? { kind: kind as DeviceKind, id: key.slice(colon + 1) } : null
}

/** The device of a record left in progress, from the ids its job wrote when it started. */
export function recordDeviceKey(deviceIds: Record<string, string>): DeviceKey | null {
  if (deviceIds.inverter) return inverterKey(deviceIds.inverter)
  if (deviceIds.port) return serialPortKey(deviceIds.port)
  if (deviceIds.chargers) return chargersKey(deviceIds.chargers.split(','))
  if (deviceIds.charger) return chargerKey(deviceIds.charger)
  return null
}

/**
 * A job that is not over: running in main now, or suspended (its record left
 * in progress by a quit or a crash, to resume or close as aborted).
 */
export interface OpenJob {
  recordId: number
  jobType: JobType
  deviceKey: DeviceKey | null
  state: 'running' | 'suspended'
  /** the running job's phase; a suspended job has none */
  phase: JobPhase | null
  /** the step it is at (running), or the last one it reached (suspended) */
  step: string | null
  startedAt: number
  /** a suspended job whose type this app can pick up again */
  resumable: boolean
}
