/**
 * The PSP EVSE WebAPI answers (Status, SystemConfig, SystemInfo), read from
 * untrusted JSON. A parse never throws: it gives the typed answer with the
 * fields it could not use listed, or `ok: false` when an answer lacks what
 * makes it that answer at all (a partial or foreign body). Pure.
 */
import { AnswerTextLimits } from '../untrusted'
import { FieldReader, isObject } from './read'

export type Parsed<T> = { ok: true; value: T; missing: string[]; problems: string[] } | { ok: false; missing: string[]; problems: string[] }

export interface WifiInfo {
  ssid: string
  rssiDbm: number | null
  percent: number | null
}

export interface EvseStatus {
  /** TimeStamp: milliseconds since the charger started */
  uptimeMs: number
  systemVersion: string | null
  wifi: WifiInfo | null
  state: number
  threePhase: boolean | null
  currentA: number | null
  ppCodedCurrentA: number | null
  powerW: number | null
  powerAvailableW: number | null
  energyWs: number | null
  /** the session's length in seconds, from the total-seconds field or else the duration text */
  durationS: number | null
  autoStartAllowed: boolean | null
  startStopAllowed: boolean | null
  boostAllowed: boolean | null
  started: boolean
  boosted: boolean | null
  /** Meter1Status / Meter2Status: data acquisition errors, 0 when healthy */
  meter1Errors: number | null
  meter2Errors: number | null
}

export interface EvseInfo {
  uptimeMs: number
  systemVersion: string | null
  productType: string | null
  mac: string | null
  wifi: WifiInfo | null
  heapInfo: string | null
  generalInfo: string | null
  otaMessage: string | null
  otaCheckAllowed: boolean | null
  otaUpdateAllowed: boolean | null
}

// The table names the field "ActualDurationTotalSecon" (cut off), the example and the change log
// "ActualDurationTotalSeconds": read the example's spelling first, the table's when that is absent.
export const TOTAL_SECONDS_KEYS = ['ActualDurationTotalSeconds', 'ActualDurationTotalSecon'] as const

const { name: NAME, value: VALUE, description: DESCRIPTION } = AnswerTextLimits

/** `required`: the fields without which the answer is not that answer, with the document's names */
function finish<T>(r: FieldReader, required: Partial<Record<keyof T, string>>, value: Partial<T>): Parsed<T> {
  const lacking = (Object.keys(required) as (keyof T)[]).filter((k) => value[k] === null || value[k] === undefined).map((k) => required[k]!)
  if (lacking.length) return { ok: false, missing: lacking, problems: [] }
  return { ok: true, value: value as T, missing: r.missing, problems: r.problems }
}

export function parseStatus(body: unknown): Parsed<EvseStatus> {
  if (!isObject(body)) return { ok: false, missing: [], problems: ['(body)'] }
  const r = new FieldReader(body)
  const text = r.string(VALUE, 'ActualDuration')
  const total = r.number(...TOTAL_SECONDS_KEYS)
  const status: Partial<EvseStatus> = {
    uptimeMs: r.number('TimeStamp') ?? undefined,
    systemVersion: r.string(NAME, 'SystemVersion'),
    wifi: wifiOf(r.string(NAME, 'WiFiInfo')),
    state: r.number('EvseState') ?? undefined,
    threePhase: r.boolean('ThreePhaseCharging'),
    currentA: r.number('ActualCurrent'),
    ppCodedCurrentA: r.number('PPCodedCurrent'),
    powerW: r.number('ActualPower'),
    powerAvailableW: r.number('ActualPowerAvailable'),
    energyWs: r.number('ActualEnergy'),
    durationS: total ?? (text === null ? null : durationSeconds(text)),
    autoStartAllowed: r.boolean('AutoStartAllowed'),
    startStopAllowed: r.boolean('StartStopAllowed'),
    boostAllowed: r.boolean('BoostAllowed'),
    started: r.boolean('ChargerStarted') ?? undefined,
    boosted: r.boolean('ChargeBoosted'),
    meter1Errors: r.number('Meter1Status'),
    meter2Errors: r.number('Meter2Status'),
  }
  // one of the two duration fields is enough
  if (total !== null || text !== null) r.missing.splice(0, r.missing.length, ...r.missing.filter((k) => k !== 'ActualDuration' && k !== TOTAL_SECONDS_KEYS[0]))
  return finish<EvseStatus>(r, { uptimeMs: 'TimeStamp', state: 'EvseState', started: 'ChargerStarted' }, status)
}

export function parseInfo(body: unknown): Parsed<EvseInfo> {
  if (!isObject(body)) return { ok: false, missing: [], problems: ['(body)'] }
  const r = new FieldReader(body)
  const info: Partial<EvseInfo> = {
    uptimeMs: r.number('TimeStamp') ?? undefined,
    systemVersion: r.string(NAME, 'SystemVersion'),
    productType: r.string(NAME, 'ProductType'),
    mac: r.string(NAME, 'MAC'),
    wifi: wifiOf(r.string(NAME, 'WiFiInfo')),
    heapInfo: r.string(NAME, 'HeapInfo'),
    generalInfo: r.string(DESCRIPTION, 'GeneralInfo'),
    otaMessage: r.string(DESCRIPTION, 'OTAMsg'),
    otaCheckAllowed: r.boolean('OTACheckAllowed'),
    otaUpdateAllowed: r.boolean('OTAUpdateAllowed'),
  }
  return finish<EvseInfo>(r, { uptimeMs: 'TimeStamp' }, info)
}

/**
 * The session length. The table says [hh:mm:ss], the example shows
 * "00h:00m:00s": both are read. Null for anything else.
 */
export function durationSeconds(text: string): number | null {
  const m = /^(\d{1,6})h?:(\d{1,2})m?:(\d{1,2})s?$/.exec(text.trim())
  if (!m) return null
  const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3])]
  return min > 59 || s > 59 ? null : h * 3600 + min * 60 + s
}

/**
 * Status shows WiFiInfo as "SSID:RSSI[%]" ("559EVSE:60%"), SystemInfo as
 * "SSID,RSSI dB/%" ("559EVSE,RSSI:-49dB/68%"): both are read, whichever
 * endpoint sends which. Anything else keeps the text as the network's name.
 */
export function wifiOf(text: string | null): WifiInfo | null {
  if (text === null) return null
  const long = /^(.*),\s*RSSI:\s*(-?\d{1,3})\s*dB\s*\/\s*(\d{1,3})%$/.exec(text)
  if (long) return { ssid: long[1]!, rssiDbm: Number(long[2]), percent: Number(long[3]) }
  const short = /^(.*):\s*(\d{1,3})%$/.exec(text)
  if (short) return { ssid: short[1]!, rssiDbm: null, percent: Number(short[2]) }
  return { ssid: text, rssiDbm: null, percent: null }
}
