/**
 * Several chargers at one site: a scan of a range the installer names, site
 * templates (a configuration saved under a name) applied to chargers chosen
 * from the scan as one recorded job, and, in demo mode, the hands at the
 * simulated chargers. zod-free (schemas are in `evse-site.schemas.ts`).
 */
import type { WifiInfo } from '../../devices/evse/answers'
import type { EvseConfig } from '../../devices/evse/config'

/** how many addresses a scan asks at once, and how long it waits for each */
export const EVSE_SCAN_CONCURRENCY = 8
export const EVSE_SCAN_TIMEOUT_MS = 1500
/** demo mode's chargers answer on these loopback addresses; its scan offers this range */
export const EVSE_DEMO_RANGE = '127.0.0.1-16'
export const EVSE_TEMPLATE_NAME_MAX = 60
export const EVSE_TEMPLATES_MAX = 50
/** the most chargers one template job writes to */
export const EVSE_SITE_CHARGERS_MAX = 64

/** ok: nothing wrong seen; warning: a meter reports read errors; fault: the charger is in an error state */
export type EvseScanHealth = 'ok' | 'warning' | 'fault' | 'unknown'

/** A charger found by a scan: what its SystemInfo and Status say. */
export interface EvseScanHit {
  /** what the app connects to: the address, with :port when not 80 */
  host: string
  productType: string | null
  firmware: string | null
  mac: string | null
  wifi: WifiInfo | null
  state: number | null
  generalInfo: string | null
  meter1Errors: number | null
  meter2Errors: number | null
  health: EvseScanHealth
}

export interface EvseScanProgress {
  scanId: number
  /** addresses in the range */
  total: number
  /** addresses asked and settled (answered, refused or timed out) */
  scanned: number
  /** requests sent so far */
  requests: number
  hits: EvseScanHit[]
  phase: 'running' | 'done' | 'cancelled'
}

export interface EvseSiteTemplate {
  name: string
  config: Partial<EvseConfig>
  savedAt: number
}

/** What the hands at a simulated charger can do (demo mode only). */
export const EvseDemoActions = ['plug', 'unplug', 'evAsks', 'evStops', 'fault', 'meterFault', 'answers', 'ignoreWrite', 'clear'] as const
export type EvseDemoAction = (typeof EvseDemoActions)[number]
export const EvseDemoFaults = ['RELAY_ERR_F', 'EPO_F', 'LOCK_ERR_F'] as const
export type EvseDemoFault = (typeof EvseDemoFaults)[number]
/** how the charger's next answers misbehave: late, never, HTTP 500, JSON cut short */
export const EvseDemoAnswerFaults = ['slow', 'timeout', 'http500', 'brokenJson'] as const
export type EvseDemoAnswerFault = (typeof EvseDemoAnswerFaults)[number]

/** A simulated charger as the demo panel shows it. */
export interface EvseDemoCharger {
  host: string
  mac: string
  plugged: boolean
  evWantsCharge: boolean
  fault: string | null
  meterFailing: [boolean, boolean]
  /** writes still to be answered 200 and not applied */
  ignoredWrites: number
  /** answer faults still to be played, by kind */
  answerFault: EvseDemoAnswerFault | null
}

export const EvseSiteInvokeChannel = {
  scan: 'evse:scan',
  scanCancel: 'evse:scanCancel',
  templates: 'evse:templates',
  templateSave: 'evse:templateSave',
  templateDelete: 'evse:templateDelete',
  siteApply: 'evse:siteApply',
  demoChargers: 'evse:demoChargers',
  demoControl: 'evse:demoControl',
} as const

export const EvseSiteEventChannel = {
  scanProgress: 'evse:scanProgress',
} as const

export const evseSiteInvokeMethods = {
  evseScan: EvseSiteInvokeChannel.scan,
  evseScanCancel: EvseSiteInvokeChannel.scanCancel,
  evseTemplates: EvseSiteInvokeChannel.templates,
  evseTemplateSave: EvseSiteInvokeChannel.templateSave,
  evseTemplateDelete: EvseSiteInvokeChannel.templateDelete,
  evseSiteApply: EvseSiteInvokeChannel.siteApply,
  evseDemoChargers: EvseSiteInvokeChannel.demoChargers,
  evseDemoControl: EvseSiteInvokeChannel.demoControl,
} as const satisfies Record<string, `evse:${string}`>

export const evseSiteEventMethods = {
  onEvseScan: EvseSiteEventChannel.scanProgress,
} as const satisfies Record<string, `evse:${string}`>

export interface EvseSiteEventPayloads {
  onEvseScan: EvseScanProgress
}
