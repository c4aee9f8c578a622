/**
 * The Fox ESS cloud as the app sees it: the open API's vocabulary and typed
 * results, the connection, live data, and the channels that carry them; the CT
 * check and the commissioning wizard have their own files, re-exported here.
 * zod-free (schemas are in `foxess.schemas.ts`).
 */
import type { AppErrorPayload } from '../errors'
import type { CommissioningView } from './foxess-commissioning'
import type { CtView } from './foxess-ct'
import type { WallTime } from '../../i18n/time'

export * from './foxess-ct'
export * from './foxess-commissioning'

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
export interface FoxDeviceTime extends WallTime {
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
  /** a fifth of the default daily budget for one view (288 calls a day) */
  livePollSeconds: 300,
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
  /** what is left of today's budget: the cloud's last count less the calls made since, never more than the budget less today's calls */
  budget: { total: number; left: number; fromCloud: boolean }
  /** calls wait until then after the cloud said "too frequent" (40400) */
  coolDownUntil: number | null
  /** the cloud said the daily budget is spent: no call is made until the day changes or it is checked again */
  budgetExhausted: boolean
  demo: boolean
}


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
  ctStart: 'foxess:ctStart',
  ctAnswer: 'foxess:ctAnswer',
  ctView: 'foxess:ctView',
} as const

export const FoxessEventChannel = {
  status: 'foxess:statusChanged',
  live: 'foxess:live',
  commissioning: 'foxess:commissioningChanged',
  ct: 'foxess:ctChanged',
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
  foxessCommissioningStart: FoxessInvokeChannel.commissioningStart,
  foxessCommissioningAnswer: FoxessInvokeChannel.commissioningAnswer,
  foxessCommissioningView: FoxessInvokeChannel.commissioningView,
  foxessCtStart: FoxessInvokeChannel.ctStart,
  foxessCtAnswer: FoxessInvokeChannel.ctAnswer,
  foxessCtView: FoxessInvokeChannel.ctView,
} as const satisfies Record<string, `foxess:${string}`>

export const foxessEventMethods = {
  onFoxessStatus: FoxessEventChannel.status,
  onFoxessLive: FoxessEventChannel.live,
  onFoxessCommissioningView: FoxessEventChannel.commissioning,
  onFoxessCtView: FoxessEventChannel.ct,
} as const satisfies Record<string, `foxess:${string}`>

export interface FoxessEventPayloads {
  onFoxessStatus: FoxCallStats
  onFoxessLive: FoxLiveUpdate
  onFoxessCommissioningView: CommissioningView
  onFoxessCtView: CtView
}
