/**
 * The CT detection flow's decoding (seed `ct-detection-flow.zh.txt`): the
 * precondition table of action 1, the result bits of action 3 and the
 * per-phase details. Pure and tolerant: a field the device leaves out or
 * sends in another shape is shown raw, never a crash.
 */
import type {
  CtBits,
  CtCondition,
  CtMeterResult,
  CtPhaseWiring,
  CtPollMeaning,
  CtPreconditions,
  CtSystemKind,
} from '../../contract/foxess/foxess'
import type { JsonValue } from '../../contract/records'

const num = (v: unknown): number | null => {
  if (typeof v === 'number' && Number.isFinite(v)) return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return null
}

const json = (v: unknown): JsonValue => (v === undefined ? null : (v as JsonValue))

/** deviceStatus (table ①): 2 on-grid and 5 off-grid pass; standby, fault, upgrading and offline do not. */
const DEVICE_STATUS: Record<number, { pass: boolean; reason: string; action: string | null }> = {
  0: { pass: false, reason: 'standby', action: 'waitOnGrid' },
  1: { pass: false, reason: 'standby', action: 'waitOnGrid' },
  2: { pass: true, reason: 'onGrid', action: null },
  3: { pass: false, reason: 'fault', action: 'clearFault' },
  4: { pass: false, reason: 'upgrading', action: 'waitUpgrade' },
  5: { pass: true, reason: 'offGrid', action: null },
  [-1]: { pass: false, reason: 'offline', action: 'bringOnline' },
}

/**
 * Action 1's answer as four pass/fail conditions with a reason and what to do;
 * on an offline inverter the BMS and meter conditions are not known.
 *
 * Reading for the meter: table ③ names `meterStatus` (1 connected, 0 not), while
 * the example body also carries `meterConnected`, and action 3 uses
 * `meterStatus` for a value like 1549. The meter passes only when at least one
 * of the two says 1 and neither says 0; a value that is neither is shown raw.
 */
export function evaluatePreconditions(body: unknown): CtPreconditions {
  const raw = (body && typeof body === 'object' && !Array.isArray(body) ? body : {}) as Record<string, unknown>
  const conditions: CtCondition[] = []

  const status = num(raw.deviceStatus)
  const statusRule = status === null ? null : DEVICE_STATUS[status]
  conditions.push({
    key: 'deviceStatus',
    pass: Boolean(statusRule?.pass),
    known: true,
    reason: statusRule?.reason ?? (status === null ? 'missing' : 'unknownStatus'),
    action: statusRule ? statusRule.action : 'checkDevice',
    raw: { deviceStatus: json(raw.deviceStatus) },
  })

  // an offline inverter's BMS and meter fields are what it last reported, not how it is now
  const offline = status === -1
  const notKnown = { pass: false, known: false, reason: 'unknownOffline', action: null }

  const bms = num(raw.faultArmFlag2)
  conditions.push({
    key: 'bmsCommunication',
    ...(offline
      ? notKnown
      : {
          pass: bms === 0,
          known: true,
          reason: bms === 0 ? 'bmsOk' : bms === 1 ? 'bmsAlarm' : bms === null ? 'missing' : 'unknownStatus',
          action: bms === 0 ? null : bms === 1 ? 'checkBms' : 'checkDevice',
        }),
    raw: { faultArmFlag2: json(raw.faultArmFlag2) },
  })

  const flags = [num(raw.meterStatus), num(raw.meterConnected)].filter((v): v is number => v === 0 || v === 1)
  const meterOk = flags.includes(1) && !flags.includes(0)
  conditions.push({
    key: 'meterConnected',
    ...(offline ? notKnown : { pass: meterOk, known: true, reason: meterOk ? 'meterOk' : flags.includes(0) ? 'meterMissing' : 'missing', action: meterOk ? null : 'checkMeter' }),
    raw: { meterStatus: json(raw.meterStatus), meterConnected: json(raw.meterConnected) },
  })

  const checking = num(raw.checking)
  conditions.push({
    key: 'notChecking',
    pass: checking === 0,
    known: true,
    reason: checking === 0 ? 'idle' : checking === 1 ? 'alreadyChecking' : checking === null ? 'missing' : 'unknownStatus',
    action: checking === 0 ? null : checking === 1 ? 'waitRunning' : 'checkDevice',
    raw: { checking: json(raw.checking) },
  })

  const rawOut: Record<string, JsonValue> = {}
  for (const [k, v] of Object.entries(raw)) rawOut[k] = json(v)
  return { conditions, allPass: conditions.every((c) => c.pass), raw: rawOut }
}

export function readBits(body: unknown): CtBits {
  const raw = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>
  return { bit0: num(raw.bit0), bit1: num(raw.bit1), bit2: num(raw.bit2), bit3: num(raw.bit3), meterStatus: num(raw.meterStatus) }
}

/** What the flow has seen since it sent the start command. */
export interface CtPollTracker {
  seenChecking: boolean
  /** the result on display just before the start command, if it was a completed one */
  baseline: CtBits | null
}

export const isCompleted = (b: CtBits) => b.bit1 === 0 && b.bit2 === 1
const sameResult = (a: CtBits, b: CtBits) => a.bit1 === b.bit1 && a.bit2 === b.bit2 && a.bit3 === b.bit3 && a.meterStatus === b.meterStatus

/**
 * One poll's meaning. The document's "not yet checked" example carries the same
 * bits (bit1 0, bit2 0) as its "failed" rule: the two are told apart by what
 * this flow has seen since it started the check. Before it has seen "checking"
 * (bit1 1, bit2 0), 0/0 means the device has not started yet — a slow device
 * is never reported as failed; after it, 0/0 is a failed check. A completed
 * result identical to the one on display before the start, with no "checking"
 * seen in between, is the previous run's result still on display.
 */
export function interpretPoll(bits: CtBits, tracker: CtPollTracker): CtPollMeaning {
  if (bits.bit1 === 1 && bits.bit2 === 0) {
    tracker.seenChecking = true
    return 'checking'
  }
  if (isCompleted(bits)) {
    if (!tracker.seenChecking && tracker.baseline && sameResult(bits, tracker.baseline)) return 'previousResult'
    return 'completed'
  }
  if (bits.bit1 === 0 && bits.bit2 === 0) return tracker.seenChecking ? 'failed' : 'notStartedYet'
  return 'unknown'
}

/** A phase sequence as letters: ["A","B","C"], "ABC", "A,C,B", [1,2,3] or "L1 L2 L3" all work. */
export function parseSequence(value: unknown): string[] | null {
  if (value === null || value === undefined) return null
  const label = (v: unknown): string | null => {
    if (typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= 3) return 'ABC'[v - 1]!
    if (typeof v !== 'string') return null
    const s = v.trim().toUpperCase()
    if (/^[ABC]$/.test(s)) return s
    if (/^L[123]$/.test(s)) return 'ABC'[Number(s[1]) - 1]!
    if (/^[RST]$/.test(s)) return 'ABC'['RST'.indexOf(s)]!
    if (/^[123]$/.test(s)) return 'ABC'[Number(s) - 1]!
    return null
  }
  let parts: unknown[]
  if (Array.isArray(value)) parts = value
  else if (typeof value === 'string') {
    const s = value.trim()
    parts = /[,;\s|/-]/.test(s) ? s.split(/[,;\s|/-]+/).filter(Boolean) : s.split('')
  } else return null
  const out = parts.map(label)
  return out.length && out.every((p): p is string => p !== null) ? out : null
}

/** sensorAns per phase (0 normal, 1 abnormal): [0,1,0], "010", "0,1,0". */
export function parseSensorAns(value: unknown): (number | null)[] | null {
  if (value === null || value === undefined) return null
  let parts: unknown[]
  if (Array.isArray(value)) parts = value
  else if (typeof value === 'string') parts = /[,;\s]/.test(value.trim()) ? value.trim().split(/[,;\s]+/) : value.trim().split('')
  else if (typeof value === 'number' && (value === 0 || value === 1)) parts = [value]
  else return null
  const out = parts.map((p) => {
    const n = num(p)
    return n === 0 || n === 1 ? n : null
  })
  return out.length ? out : null
}

/** One entry of `meterCheckConfigVOS`, whatever shape it arrives in. */
export function parseMeterEntry(entry: unknown): CtMeterResult {
  const raw = (entry && typeof entry === 'object' && !Array.isArray(entry) ? entry : {}) as Record<string, unknown>
  const inverterSide = parseSequence(raw.inverterSide)
  const smartSide = parseSequence(raw.smartSide)
  const sensorAns = parseSensorAns(raw.sensorAns)
  const n = Math.max(inverterSide?.length ?? 0, smartSide?.length ?? 0, sensorAns?.length ?? 0)
  const phases: CtPhaseWiring[] = []
  for (let i = 0; i < n; i++) {
    const s = sensorAns?.[i]
    phases.push({ position: i + 1, expected: inverterSide?.[i] ?? null, measured: smartSide?.[i] ?? null, sensorOk: s === 0 ? true : s === 1 ? false : null })
  }
  const flag = raw.phaseFlag
  return {
    phaseFlag: flag === null || flag === undefined || flag === '' ? null : String(flag),
    inverterSide,
    smartSide,
    sensorAns,
    phases,
    phaseOrderWrong: phases.some((p) => p.expected !== null && p.measured !== null && p.expected !== p.measured),
    sensorFault: phases.some((p) => p.sensorOk === false),
    raw: json(entry),
  }
}

/** `meterCheckConfigVOS`: a list (or a single object); null or garbage means the details are missing. */
export function parseMeterDetails(value: unknown): { meters: CtMeterResult[]; missing: boolean } {
  const list = Array.isArray(value) ? value : value && typeof value === 'object' ? [value] : []
  const meters = list.map(parseMeterEntry)
  const useful = meters.some((m) => m.phases.length > 0 || m.phaseFlag !== null)
  return { meters, missing: !useful }
}

/** A suggestion for the applicability question from the product type; the person still answers. */
export function suggestSystem(productType: string | null | undefined, deviceType?: string | null): CtSystemKind | null {
  const text = `${productType ?? ''} ${deviceType ?? ''}`.toUpperCase()
  if (/\bH3|AIO-H3|\bKH3|\bH3-|P3|\bT\d/.test(text)) return 'threePhaseSingle'
  if (/\bH1|AC1|\bKH\b|\bKH\d|\bS\d/.test(text)) return 'singlePhaseSingle'
  return null
}
