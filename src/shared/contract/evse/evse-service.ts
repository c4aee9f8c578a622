/**
 * The charger's service actions (firmware update check and run, restart,
 * factory defaults, Wi-Fi access point mode, restoring a backup), each a small
 * recorded job, and what every user of a charger hears of its restarts.
 * zod-free (schemas in `evse-service.schemas.ts`).
 */
import type { EvseConfig, EvseConfigField } from '../../devices/evse/config'

/** A charger's restart or its coming and going, seen by whichever read came first and told to all. */
export interface EvseChargerEvent {
  host: string
  at: number
  /** `away`: it stopped answering; `back`: it answers again; `restarted`: its uptime started again while it answered */
  kind: 'away' | 'back' | 'restarted'
  /** the uptime shows a restart since the read before */
  restarted: boolean
  uptimeMs: number | null
  previousUptimeMs: number | null
}

export const EvseServiceActions = ['updateCheck', 'updateRun', 'reset', 'factoryDefault', 'wifiAp', 'restore'] as const
export type EvseServiceAction = (typeof EvseServiceActions)[number]

/** Each action's steps, in order (keys under `evseService:steps.`). */
export const EvseServiceSteps: Record<EvseServiceAction, readonly string[]> = {
  updateCheck: ['flags', 'send', 'otaMessage'],
  updateRun: ['flags', 'backup', 'send', 'restart', 'compare'],
  reset: ['send', 'restart'],
  factoryDefault: ['backup', 'send', 'restart', 'compare'],
  wifiAp: ['send', 'apMode'],
  restore: ['backup', 'write'],
}

/** The actions that cannot be taken back: the page asks twice, main refuses them unconfirmed. */
export const EvseServiceConfirmed: readonly EvseServiceAction[] = ['factoryDefault', 'updateRun', 'reset', 'wifiAp']

export interface EvseConfigComparison {
  field: EvseConfigField
  backup: unknown
  after: unknown
  same: boolean
}

/** What a service job has seen so far, for its panel; the record holds the same. */
export interface EvseServiceView {
  recordId: number
  host: string
  action: EvseServiceAction
  /** the configuration saved before the action (factory defaults, update, restore's current) */
  backup: Partial<EvseConfig> | null
  /** the bodies posted, in order (a second only when the charger took nothing of the first) */
  sent: Record<string, unknown>[]
  /** the key spelling the charger took for a service code */
  keyTaken: string | null
  /** uptime before the send and the first after the restart [ms]; how long the charger was away */
  uptimeBeforeMs: number | null
  uptimeAfterMs: number | null
  /** the uptime the charger would have shown at that read, had it not restarted */
  uptimeRunOnMs: number | null
  awayMs: number | null
  /** the configuration read back after, compared with the backup field by field */
  comparison: EvseConfigComparison[]
  /** firmware: the message and flags the charger shows, versions before and after */
  otaMessage: string | null
  otaCheckAllowed: boolean | null
  otaUpdateAllowed: boolean | null
  versionBefore: string | null
  versionAfter: string | null
  /** Wi-Fi access point: what the charger showed of its network after the switch, or that it left this one */
  wifiAfter: string | null
  leftNetwork: boolean
  /** restore: the record the backup came from */
  fromRecord: number | null
}

export const EvseServiceInvokeChannel = {
  start: 'evse:serviceStart',
} as const

export const EvseServiceEventChannel = {
  view: 'evse:serviceView',
  charger: 'evse:charger',
} as const

export const evseServiceInvokeMethods = {
  evseServiceStart: EvseServiceInvokeChannel.start,
} as const satisfies Record<string, `evse:${string}`>

export const evseServiceEventMethods = {
  onEvseServiceView: EvseServiceEventChannel.view,
  onEvseCharger: EvseServiceEventChannel.charger,
} as const satisfies Record<string, `evse:${string}`>

export interface EvseServiceEventPayloads {
  onEvseServiceView: EvseServiceView
  onEvseCharger: EvseChargerEvent
}
