/**
 * The UPS acceptance test: what main and the renderer share. zod-free.
 */

export const UpsTestSteps = ['identify', 'communication', 'values', 'mainsCut', 'discharge', 'mainsReturn'] as const
export type UpsTestStep = (typeof UpsTestSteps)[number]

/** The quantities the values step checks, each found among the file's values by their names. */
export const UpsBandKeys = ['mainsVoltage', 'outputVoltage', 'outputFrequency', 'load', 'batteryVoltage', 'batteryCapacity', 'temperature'] as const
export type UpsBandKey = (typeof UpsBandKeys)[number]

export interface UpsBand {
  min: number
  max: number
}
export type UpsBands = Record<UpsBandKey, UpsBand>

/**
 * What a commissioning engineer expects of a 220/380 V three-phase online
 * UPS on a 50 Hz grid: mains within ±10 %, the inverter's output within
 * ±5 % and ±0.5 Hz, load with a fifth in reserve, a charged battery on float
 * and a room under 40 °C. Battery voltage depends on the string: edit it.
 */
export const DEFAULT_UPS_BANDS: UpsBands = {
  mainsVoltage: { min: 198, max: 242 },
  outputVoltage: { min: 209, max: 231 },
  outputFrequency: { min: 49.5, max: 50.5 },
  load: { min: 0, max: 80 },
  batteryVoltage: { min: 220, max: 300 },
  batteryCapacity: { min: 90, max: 100 },
  temperature: { min: 0, max: 40 },
}

export const UPS_BAND_UNITS: Record<UpsBandKey, string> = {
  mainsVoltage: 'V',
  outputVoltage: 'V',
  outputFrequency: 'Hz',
  load: '%',
  batteryVoltage: 'V',
  batteryCapacity: '%',
  temperature: '°C',
}

/** How long the battery carries the load while its fall is measured: a minute by default. */
export const UPS_DISCHARGE_DEFAULT_S = 60
export const UPS_DISCHARGE_MIN_S = 10
export const UPS_DISCHARGE_MAX_S = 3600

/** The discharge curve keeps at most this many points, however long the time on battery. */
export const UPS_DISCHARGE_POINTS = 600

/** One point of the discharge: seconds from its start, battery voltage (V) and capacity (%), null where the poll missed them. */
export type UpsDischargePoint = [number, number | null, number | null]

/** The battery over the discharge, as the record keeps it (`meta.discharge`) and the page and report draw it. */
export interface UpsDischargeCurve {
  startedAt: number
  points: UpsDischargePoint[]
}

/** An alarm of the file seen from the mains cut on (`meta.alarms`), with its times on the job's clock. */
export interface UpsTestAlarm {
  n: number
  /** the file's own name for the value */
  name: string
  /** the file names it as the shipped file does, so the UI's language has a name for it */
  localized: boolean
  raisedAt: number
  clearedAt: number | null
}

/** What the test asks the engineer to do at the UPS's mains breaker. */
export type UpsTestPrompt = 'cutMains' | 'restoreMains'
export type UpsTestAnswer = { kind: 'mainsCut' } | { kind: 'mainsRestored' }

/** The running test as its page shows it, beside job:update. */
export interface UpsTestRun {
  recordId: number
  prompt: UpsTestPrompt | null
  /** when the wait for the UPS's change (transfer, return) gives up, on the job's clock */
  waitEndsAt: number | null
  /** when the discharge measurement ends */
  dischargeEndsAt: number | null
  onBattery: boolean | null
  pollMs: number
  /** the battery so far, from the start of the discharge */
  discharge: UpsDischargeCurve | null
  alarms: UpsTestAlarm[]
}

export const upsTestInvokeMethods = {
  upsTestDefaults: 'ups:testDefaults',
  upsTestStart: 'ups:testStart',
  upsTestAnswer: 'ups:testAnswer',
  upsTestGetRun: 'ups:testGetRun',
} as const

export const upsTestEventMethods = {
  onUpsTestRun: 'ups:testRun',
} as const
