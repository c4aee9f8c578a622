/**
 * The EV charger (PSP EVSE WebAPI) as the app sees it: one charger at a time,
 * reached by the address the installer types; its readings, live status, the
 * configuration write with a result per field, and the start/stop and boost
 * toggles with what the charger was seen to do. zod-free (schemas are in
 * `evse.schemas.ts`).
 */
import type { EvseInfo, EvseStatus } from '../../devices/evse/answers'
import type { EvseConfig, EvseConfigAnswer, EvseConfigField } from '../../devices/evse/config'
import type { MeterReading } from '../../devices/evse/meter'
import type { AppErrorPayload } from '../errors'

export type { EvseInfo, EvseStatus } from '../../devices/evse/answers'
export type { EvseConfig, EvseConfigAnswer, EvseConfigField } from '../../devices/evse/config'
export type { MeterReading, MeterRegister } from '../../devices/evse/meter'

/** the simulator's id in the catalogue (demo mode, `fieldbench sim evse`) */
export const EVSE_SIM_ID = 'evse'

/**
 * An address as an installer types it: IPv4 or a host name, with `:port` when
 * not 80. No scheme, path or credentials: the app builds the WebAPI's URL.
 */
export const EVSE_HOST_PATTERN = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63}){0,126}(?::\d{1,5})?$/
export const EVSE_HOST_MAX = 260

/** Live status: the page's lease interval and how long a lease lasts unrenewed. */
export const EVSE_LIVE_INTERVAL_MS = { min: 1000, max: 60_000, default: 2000 } as const
export const EVSE_LIVE_LEASE_MS = 30_000

export interface EvseMeterView {
  meter: 1 | 2
  reading: MeterReading | null
  error: AppErrorPayload | null
}

/** Everything the charger page shows after connecting; a part that failed carries its error, the rest still shows. */
export interface EvseSnapshot {
  host: string
  at: number
  info: EvseInfo | null
  infoError: AppErrorPayload | null
  status: EvseStatus | null
  statusError: AppErrorPayload | null
  config: EvseConfigAnswer | null
  configError: AppErrorPayload | null
  meters: EvseMeterView[]
}

export interface EvseLiveUpdate {
  host: string
  at: number
  status: EvseStatus | null
  error: AppErrorPayload | null
  /** the charger restarted since the previous reading */
  restarted: boolean
}

export const EvseToggleActions = ['start', 'stop', 'boostOn', 'boostOff'] as const
export type ToggleAction = (typeof EvseToggleActions)[number]

export type ToggleOutcome =
  /** Status shows the wanted state */
  | 'confirmed'
  /** Status already showed it: nothing was sent */
  | 'alreadyThere'
  /** Status says the charger does not allow it now (no EV, an error, not charging for boost): nothing was sent */
  | 'notAllowed'
  /** sent, and Status did not change before the deadline */
  | 'notConfirmed'
  /** the charger restarted after the send: the toggle's effect, if any, is gone */
  | 'restarted'

export interface Observed {
  state: number
  started: boolean
  boosted: boolean | null
  /** since the send, on the clock */
  afterMs: number
}

export interface ToggleResult {
  action: ToggleAction
  /** the body posted, once; null when nothing was sent */
  sent: Record<string, unknown> | null
  /** the answer to the post, or the error code when it was lost (never retried) */
  answer: Record<string, unknown> | null
  answerError: string | null
  before: Observed
  observed: Observed | null
  outcome: ToggleOutcome
}

export type NotAppliedReason =
  /** an IP meter type without a valid IP address in the same write */
  | 'ipMeterNeedsIp'
  /** outside what the charger takes */
  | 'outOfRange'
  /** the answer was lost: the charger may not have received the write */
  | 'answerLost'
  /** answered, and not taken for no reason the app can see */
  | 'ignored'
  /** an empty meter address: never sent, the charger keeps the one it has */
  | 'emptyIp'

export interface FieldOutcome {
  field: EvseConfigField
  before: unknown
  wanted: unknown
  after: unknown
  applied: boolean
  reason: NotAppliedReason | null
}

export interface ConfigWriteResult {
  /** the body posted; null when nothing differed */
  sent: Partial<EvseConfig> | null
  answerError: string | null
  fields: FieldOutcome[]
  /** fields not written that changed between the reads (another writer, a restart to defaults) */
  changedElsewhere: EvseConfigField[]
  /** the charger restarted between the write and the read-back */
  restarted: boolean
  ok: boolean
}

export const EvseInvokeChannel = {
  connect: 'evse:connect',
  liveStart: 'evse:liveStart',
  liveStop: 'evse:liveStop',
  writeConfig: 'evse:writeConfig',
  toggle: 'evse:toggle',
} as const

export const EvseEventChannel = {
  live: 'evse:live',
} as const

export const evseInvokeMethods = {
  evseConnect: EvseInvokeChannel.connect,
  evseLiveStart: EvseInvokeChannel.liveStart,
  evseLiveStop: EvseInvokeChannel.liveStop,
  evseWriteConfig: EvseInvokeChannel.writeConfig,
  evseToggle: EvseInvokeChannel.toggle,
} as const satisfies Record<string, `evse:${string}`>

export const evseEventMethods = {
  onEvseLive: EvseEventChannel.live,
} as const satisfies Record<string, `evse:${string}`>

export interface EvseEventPayloads {
  onEvseLive: EvseLiveUpdate
}
