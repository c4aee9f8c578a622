/**
 * The Fox ESS cloud as the app sees it: the open API's typed results, the CT
 * detection API, the commissioning wizard's state, and the channels that carry
 * them. zod-free (schemas are in `foxess.schemas.ts`).
 */
import type { AppErrorPayload } from './errors'
import type { JsonValue } from './records'

// ---- open API vocabulary (from the vendor's document)

export const FoxWorkModes = ['SelfUse', 'Feedin', 'Backup', 'ForceCharge', 'ForceDischarge'] as const
export type FoxWorkMode = (typeof FoxWorkModes)[number]

export const FoxSettingKeys = ['ExportLimit', 'MinSoc', 'MinSocOnGrid', 'MaxSoc', 'GridCode'] as const
export type FoxSettingKey = (typeof FoxSettingKeys)[number]

export const FoxReportDimensions = ['day', 'month', 'year'] as const
export type FoxReportDimension = (typeof FoxReportDimensions)[number]

/** The report variables the document names; `ToTal` is the vendor's own spelling and is sent as it is. */
export const FoxReportVariables = ['generation', 'feedin', 'gridConsumption', 'chargeEnergyToTal', 'dischargeEnergyToTal'] as const
export type FoxReportVariable = (typeof FoxReportVariables)[number]

/** Limits the document gives (pageSize minimums, the v1 batch size, the history span, the scheduler ranges). */
export const FoxLimits = {
  pageSizeMin: 10,
  modulePageSizeMax: 1000,
  realTimeBatchMax: 50,
  historySpanMs: 24 * 3600 * 1000,
  socMin: 10,
  socMax: 100,
  fdPwrMax: 6000,
  schedulerGroupsMax: 8,
  reportYearMin: 2020,
} as const

/** Device status in the device list and detail: 1 online, 2 fault (breakdown), 3 offline. */
export type FoxDeviceStatus = 1 | 2 | 3

export interface FoxPlant {
  stationID: string
  name: string
  ianaTimezone: string
}

export interface FoxPerson {
  name: string
  email: string
  phone: string
}

export interface FoxPlantDetail {
  stationID: string
  stationName: string
  country: string
  city: string
  address: string
  postcode: string
  /** installed capacity, kW */
  capacity: number
  timezone: string
  /** creation time, ms */
  createDate: number | null
  user: FoxPerson | null
  installer: FoxPerson | null
  modules: { moduleSN: string; deviceSN: string }[]
}

export interface FoxDevice {
  deviceSN: string
  moduleSN: string
  stationID: string
  stationName: string
  status: FoxDeviceStatus
  hasPV: boolean
  hasBattery: boolean
  deviceType: string
  productType: string
}

export interface FoxDeviceDetail {
  deviceSN: string
  moduleSN: string
  stationID: string
  stationName: string
  status: FoxDeviceStatus
  afciVersion: string
  managerVersion: string
  masterVersion: string
  slaveVersion: string
  hardwareVersion: string
  /** the periodic work-mode schedule is supported */
  schedulerSupported: boolean
}

export interface FoxModule {
  moduleSN: string
  stationID: string
  /** 1 online, 2 offline */
  status: 1 | 2
  /** 0–100 */
  signal: number
}

export interface FoxValue {
  variable: string
  unit: string
  /** the cloud's English name; the app shows its own localized names */
  name: string
  value: number | string
}

export interface FoxRealTime {
  deviceSN: string
  /** when the cloud last received data from the device, ms (null when it does not say) */
  time: number | null
  datas: FoxValue[]
}

export interface FoxPoint {
  time: number
  value: number
}

export interface FoxHistorySeries {
  variable: string
  unit: string
  name: string
  data: FoxPoint[]
}

export interface FoxHistory {
  deviceSN: string
  begin: number
  end: number
  /** how many ≤ 24 h requests the span took */
  requests: number
  series: FoxHistorySeries[]
}

export interface FoxReportSeries {
  variable: string
  unit: string
  values: number[]
}

export interface FoxGeneration {
  today: number
  month: number
  cumulative: number
}

export interface FoxSoc {
  minSoc: number
  minSocOnGrid: number
}

export interface FoxTimeOfDay {
  hour: number
  minute: number
}

export interface FoxForceCharge {
  enable1: boolean
  startTime1: FoxTimeOfDay
  endTime1: FoxTimeOfDay
  enable2: boolean
  startTime2: FoxTimeOfDay
  endTime2: FoxTimeOfDay
}

export interface FoxSetting {
  key: FoxSettingKey
  value: string
  unit: string
  precision: number
  range: { min: number; max: number } | null
}

/** The device clock as the cloud reports it (strings in the API; numbers here). */
export interface FoxDeviceTime {
  year: number
  month: number
  day: number
  hour: number
  minute: number
  second: number
  /** the device reported a two-digit year ("26"): it is written back the same way */
  twoDigitYear: boolean
}

export interface FoxSchedulerFlag {
  supported: boolean
  enabled: boolean
}

export interface FoxSchedulerGroup {
  enable: 0 | 1
  startHour: number
  startMinute: number
  endHour: number
  endMinute: number
  workMode: FoxWorkMode
  minSocOnGrid: number
  fdSoc: number
  fdPwr: number
}

export interface FoxScheduler {
  enabled: boolean
  groups: FoxSchedulerGroup[]
}

export interface FoxAccessCount {
  total: number
  /** not in the document's table; the service sends it and the app shows it when present */
  remaining: number | null
}

// ---- the app's view of the connection

export interface FoxConfig {
  /** the open API's domain, e.g. https://www.foxesscloud.com */
  openApiBaseUrl: string
  /** the regional base URL of the CT detection API (the document's {{EU}}) */
  ctBaseUrl: string
  /** live data refresh */
  livePollSeconds: number
  /** CT result polling (the document suggests 10 s) */
  ctPollSeconds: number
  /** how long a started CT check may run before the flow stops waiting */
  ctTimeoutSeconds: number
  /** how long the device may take to report "checking" after the start command */
  ctStartTimeoutSeconds: number
}

export const defaultFoxConfig: FoxConfig = {
  openApiBaseUrl: 'https://www.foxesscloud.com',
  ctBaseUrl: '',
  livePollSeconds: 60,
  ctPollSeconds: 10,
  ctTimeoutSeconds: 300,
  ctStartTimeoutSeconds: 90,
}

export const FoxConfigLimits = {
  livePollSeconds: { min: 10, max: 3600 },
  ctPollSeconds: { min: 1, max: 120 },
  ctTimeoutSeconds: { min: 30, max: 3600 },
  ctStartTimeoutSeconds: { min: 10, max: 600 },
} as const

export interface FoxConnectionView extends FoxConfig {
  /** demo mode: both APIs are served by the in-process simulator */
  demo: boolean
  /** where calls actually go */
  effectiveOpenApiBaseUrl: string
  effectiveCtBaseUrl: string
  apiKeySet: boolean
  ctTokenSet: boolean
}

/** Every call the app made to the cloud today, and what the cloud last said about the budget. */
export interface FoxCallStats {
  /** local calendar day the counts belong to, YYYY-MM-DD */
  day: string
  callsToday: number
  byPath: Record<string, number>
  ctCallsToday: number
  accessCount: (FoxAccessCount & { at: number }) | null
  /** calls wait until then after the cloud said "too frequent" (40400) */
  coolDownUntil: number | null
  /** the cloud said the daily budget is spent: no call is made until the day changes or it is checked again */
  budgetExhausted: boolean
  demo: boolean
}

// ---- live data

export interface FoxLiveSample {
  deviceSN: string
  /** when the app received it, ms */
  at: number
  /** the cloud's own data time, ms */
  dataTime: number | null
  values: Record<string, number | string>
  units: Record<string, string>
}

export interface FoxLiveUpdate {
  subscriptionId: string
  samples: FoxLiveSample[]
  error: AppErrorPayload | null
  /** when the next refresh is due, ms */
  nextAt: number
}

// ---- CT detection (seed ct-detection-flow.zh.txt)

/** Where the CT check applies: only the master of a master–slave system, or a three-phase single unit. */
export const CtSystemKinds = ['threePhaseSingle', 'masterOfMasterSlave', 'slaveOfMasterSlave', 'singlePhaseSingle'] as const
export type CtSystemKind = (typeof CtSystemKinds)[number]
export const ctApplies = (kind: CtSystemKind) => kind === 'threePhaseSingle' || kind === 'masterOfMasterSlave'

export const CtConditionKeys = ['deviceStatus', 'bmsCommunication', 'meterConnected', 'notChecking'] as const
export type CtConditionKey = (typeof CtConditionKeys)[number]

export interface CtCondition {
  key: CtConditionKey
  pass: boolean
  /** why, as a code the renderer localizes (`ct:reasons.<code>`) */
  reason: string
  /** what to do about it (`ct:actions.<code>`), null when it passes */
  action: string | null
  /** the raw field(s) the verdict came from */
  raw: Record<string, JsonValue>
}

export interface CtPreconditions {
  conditions: CtCondition[]
  allPass: boolean
  raw: Record<string, JsonValue>
}

/** The result bits as the API sends them (null where it sends null). */
export interface CtBits {
  bit0: number | null
  bit1: number | null
  bit2: number | null
  bit3: number | null
  meterStatus: number | null
}

/** What one poll means, given what the flow has seen since it started the check. */
export type CtPollMeaning = 'notStartedYet' | 'checking' | 'completed' | 'failed' | 'previousResult' | 'unknown'

export interface CtPhaseWiring {
  /** CT input position, 1-based */
  position: number
  /** the phase this position should measure (inverterSide) */
  expected: string | null
  /** the phase it measures (smartSide) */
  measured: string | null
  /** sensorAns: true normal, false abnormal, null not reported */
  sensorOk: boolean | null
}

export interface CtMeterResult {
  /** phaseFlag: the vendor's error code, shown as it is */
  phaseFlag: string | null
  inverterSide: string[] | null
  smartSide: string[] | null
  sensorAns: (number | null)[] | null
  phases: CtPhaseWiring[]
  /** a phase sequence differs between the inverter side and the CT side */
  phaseOrderWrong: boolean
  /** a sensor reported abnormal (e.g. a reversed CT) */
  sensorFault: boolean
  raw: JsonValue
}

export const CtOutcomeKinds = ['normal', 'abnormal', 'failed', 'timeout', 'didNotStart', 'cancelled', 'error'] as const
export type CtOutcomeKind = (typeof CtOutcomeKinds)[number]

export interface CtOutcome {
  kind: CtOutcomeKind
  bits: CtBits | null
  meters: CtMeterResult[]
  /** abnormal but the details list was null or unreadable: the raw status is all there is */
  detailsMissing: boolean
  polls: number
  elapsedMs: number
  error: AppErrorPayload | null
}

export type CtStage = 'applicability' | 'preconditions' | 'starting' | 'polling' | 'result'

export interface CtAttemptView {
  attempt: number
  stage: CtStage
  preconditions: CtPreconditions | null
  /** the poll the flow is at */
  polls: number
  lastBits: CtBits | null
  lastMeaning: CtPollMeaning | null
  startedAt: number | null
  nextPollAt: number | null
  timeoutAt: number | null
  outcome: CtOutcome | null
}

export type CtPrompt = 'ctApplicability' | 'ctAfterPreconditions' | 'ctAfterResult'

export interface CtView {
  recordId: number
  sn: string
  system: CtSystemKind | null
  /** a suggestion from the device's product type; the person answers */
  suggestedSystem: CtSystemKind | null
  attempts: CtAttemptView[]
  awaiting: CtPrompt | null
  finished: boolean
}

// ---- inverter commissioning

export interface CommissioningDevice {
  detail: FoxDeviceDetail
  device: FoxDevice | null
  plant: FoxPlantDetail | null
  timezone: string
  module: FoxModule | null
}

/** What the wizard writes: null leaves a setting as it is. */
export interface FoxSettingsTarget {
  minSoc: number | null
  minSocOnGrid: number | null
  maxSoc: number | null
  exportLimit: number | null
  forceCharge: FoxForceCharge | null
  scheduler: FoxScheduler | null
}

/** The settings as read from the device; a part the device does not support is null with the reason. */
export interface FoxSettingsSnapshot {
  soc: FoxSoc | null
  maxSoc: FoxSetting | null
  exportLimit: FoxSetting | null
  gridCode: FoxSetting | null
  forceCharge: FoxForceCharge | null
  scheduler: FoxScheduler | null
  schedulerFlag: FoxSchedulerFlag | null
  /** part → error code when it could not be read */
  unreadable: Record<string, string>
  readAt: number
}

export const SettingItems = ['minSoc', 'minSocOnGrid', 'maxSoc', 'exportLimit', 'forceCharge', 'schedulerGroups', 'schedulerFlag'] as const
export type SettingItem = (typeof SettingItems)[number]

export interface SettingChange {
  item: SettingItem
  before: JsonValue
  after: JsonValue
}

export type SettingWriteStatus = 'pending' | 'written' | 'verified' | 'mismatch' | 'rejected' | 'unknown'

export interface SettingWriteResult {
  item: SettingItem
  status: SettingWriteStatus
  /** an error code when the cloud refused it (e.g. foxessScheduleActive for 44096) */
  error: AppErrorPayload | null
  readBack: JsonValue
}

export interface ClockCheck {
  deviceTime: FoxDeviceTime | null
  /** the site's wall clock (plant time zone) when the device time was read */
  siteTime: FoxDeviceTime
  timezone: string
  /** device − site, seconds */
  driftSeconds: number | null
  setTo: FoxDeviceTime | null
  readBack: FoxDeviceTime | null
  error: AppErrorPayload | null
}

export interface LiveCheckFault {
  code: number
}

export interface LiveCheck {
  samples: FoxLiveSample[]
  runningState: number | null
  faults: LiveCheckFault[]
  /** how old the cloud's data was at the last sample, seconds */
  dataAgeSeconds: number | null
  confirmed: boolean | null
}

export type CommissioningPrompt =
  | CtPrompt
  | 'settingsTarget'
  | 'settingsAfterWrite'
  | 'clock'
  | 'liveConfirm'

export interface CommissioningView {
  recordId: number
  sn: string
  device: CommissioningDevice | null
  ct: CtView | null
  settings: {
    current: FoxSettingsSnapshot | null
    changes: SettingChange[]
    results: SettingWriteResult[]
    /** the last target the person asked for, kept so a retry does not lose it */
    target: FoxSettingsTarget | null
  }
  clock: ClockCheck | null
  live: LiveCheck | null
  awaiting: CommissioningPrompt | null
  finished: boolean
}

export const CommissioningSteps = ['device', 'ctDetection', 'settings', 'clock', 'liveData', 'report'] as const
export const CtDetectionSteps = ['applicability', 'preconditions', 'start', 'result'] as const

// ---- channels

export const FoxessInvokeChannel = {
  getConnection: 'foxess:getConnection',
  setConfig: 'foxess:setConfig',
  getStatus: 'foxess:getStatus',
  refreshAccessCount: 'foxess:refreshAccessCount',
  listPlants: 'foxess:listPlants',
  listDevices: 'foxess:listDevices',
  deviceDetail: 'foxess:deviceDetail',
  realTime: 'foxess:realTime',
  history: 'foxess:history',
  report: 'foxess:report',
  liveStart: 'foxess:liveStart',
  liveStop: 'foxess:liveStop',
  commissioningStart: 'foxess:commissioningStart',
  commissioningAnswer: 'foxess:commissioningAnswer',
  commissioningView: 'foxess:commissioningView',
  ctStart: 'ct:start',
  ctAnswer: 'ct:answer',
  ctView: 'ct:view',
} as const

export const FoxessEventChannel = {
  status: 'foxess:statusChanged',
  live: 'foxess:live',
  commissioning: 'foxess:commissioningChanged',
  ct: 'ct:progress',
} as const

export const foxessInvokeMethods = {
  foxessGetConnection: FoxessInvokeChannel.getConnection,
  foxessSetConfig: FoxessInvokeChannel.setConfig,
  foxessGetStatus: FoxessInvokeChannel.getStatus,
  foxessRefreshAccessCount: FoxessInvokeChannel.refreshAccessCount,
  foxessListPlants: FoxessInvokeChannel.listPlants,
  foxessListDevices: FoxessInvokeChannel.listDevices,
  foxessDeviceDetail: FoxessInvokeChannel.deviceDetail,
  foxessRealTime: FoxessInvokeChannel.realTime,
  foxessHistory: FoxessInvokeChannel.history,
  foxessReport: FoxessInvokeChannel.report,
  foxessLiveStart: FoxessInvokeChannel.liveStart,
  foxessLiveStop: FoxessInvokeChannel.liveStop,
  commissioningStart: FoxessInvokeChannel.commissioningStart,
  commissioningAnswer: FoxessInvokeChannel.commissioningAnswer,
  commissioningView: FoxessInvokeChannel.commissioningView,
  ctStart: FoxessInvokeChannel.ctStart,
  ctAnswer: FoxessInvokeChannel.ctAnswer,
  ctView: FoxessInvokeChannel.ctView,
} as const

export const foxessEventMethods = {
  onFoxessStatus: FoxessEventChannel.status,
  onFoxessLive: FoxessEventChannel.live,
  onCommissioningView: FoxessEventChannel.commissioning,
  onCtView: FoxessEventChannel.ct,
} as const

export interface FoxessEventPayloads {
  onFoxessStatus: FoxCallStats
  onFoxessLive: FoxLiveUpdate
  onCommissioningView: CommissioningView
  onCtView: CtView
}
