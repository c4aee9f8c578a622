/** The inverter commissioning wizard: its device, settings, clock and live-data checks, and its view. */
import type { AppErrorPayload } from '../errors'
import type {
  FoxDevice,
  FoxDeviceDetail,
  FoxDeviceTime,
  FoxForceCharge,
  FoxLiveSample,
  FoxModule,
  FoxPlantDetail,
  FoxScheduler,
  FoxSchedulerFlag,
  FoxSetting,
  FoxSoc,
} from './foxess'
import type { CtPrompt, CtView } from './foxess-ct'
import type { JsonValue } from '../records'


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
