/**
 * The 8-slot battery-swap cabinet control board (seed: swap-cabinet-8ch-board.zh.html):
 * what main and the renderer share about it, and its channels. zod-free.
 */
import type { SerialSettings } from '../ports'

export const CABINET_SLOTS = 8
/** current channels 1–9: 1–8 follow the slot relays, 9 has no relay of its own */
export const CABINET_CHANNELS = 9
/** "串口通信 (固定不可修改)": fixed, not configurable */
export const CABINET_SERIAL: SerialSettings = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 }
/** "关全部继电器【20240919之前v5062版本之前无效】": before v5062 (2024-09-19) "all relays off" does nothing */
export const ALL_RELAYS_OFF_SINCE_FIRMWARE = 5062

/** `v5062` or `5062` as printed on the board; null when not given. */
export function firmwareNumber(text: string): number | null {
  const m = /^\s*[vV]?(\d{1,6})\s*$/.exec(text)
  return m ? Number(m[1]) : null
}

/** A cabinet serial number as printed on its label (the wizard checks it as it is scanned or typed). */
export const CABINET_SERIAL_PATTERN = /^(?:[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?)?$/

export const FrameTypes = ['comm', 'sync'] as const
export type FrameType = (typeof FrameTypes)[number]

export const CabinetCommandKinds = [
  'openAllLocks',
  'openLock',
  'allRelays',
  'relay',
  'fan',
  'readCurrent',
  'readVoltage',
  'readActivePower',
  'readEnergy',
  'readInternalTemperature',
  'readExternalTemperature',
  'reboot',
] as const
export type CabinetCommandKind = (typeof CabinetCommandKinds)[number]

/** The typed command catalogue: every command the seed shows. */
export type CabinetCommand =
  | { kind: 'openAllLocks' }
  | { kind: 'openLock'; slot: number }
  | { kind: 'allRelays'; on: boolean }
  | { kind: 'relay'; relay: number; on: boolean }
  | { kind: 'fan'; on: boolean }
  | { kind: 'readCurrent'; channel: number }
  | { kind: 'readVoltage' }
  | { kind: 'readActivePower' }
  | { kind: 'readEnergy' }
  | { kind: 'readInternalTemperature' }
  | { kind: 'readExternalTemperature' }
  | { kind: 'reboot' }

/** Which parameter each command takes, for forms and the command line. */
export const CabinetCommandParams: Record<CabinetCommandKind, readonly ('slot' | 'relay' | 'channel' | 'on')[]> = {
  openAllLocks: [],
  openLock: ['slot'],
  allRelays: ['on'],
  relay: ['relay', 'on'],
  fan: ['on'],
  readCurrent: ['channel'],
  readVoltage: [],
  readActivePower: [],
  readEnergy: [],
  readInternalTemperature: [],
  readExternalTemperature: [],
  reboot: [],
}

/** Quantities the board reports as raw numbers; a profile scales them (the seed gives no units). */
export const CabinetQuantities = ['current', 'voltage', 'activePower', 'energy', 'temperature'] as const
export type CabinetQuantity = (typeof CabinetQuantities)[number]

/**
 * The seed's key table (the gateway's state keys): lock state 11–18,
 * charger (slot relay) 21–28, battery % 31–38. The table lists 31 twice where
 * 32 is meant: the range is written "31-38" in the same table.
 */
export const CabinetKeyGroups = [
  { group: 'lock', first: 11, range: [0, 1], access: 'commandSync' },
  { group: 'charger', first: 21, range: [0, 1], access: 'commandSync' },
  { group: 'battery', first: 31, range: [0, 100], access: 'sync' },
] as const
export type CabinetKeyGroup = (typeof CabinetKeyGroups)[number]['group']

/** The key-table key of a slot's lock, charger or battery state: lock 3 → 13. */
export function cabinetKey(group: CabinetKeyGroup, slot: number): number {
  return CabinetKeyGroups.find((g) => g.group === group)!.first + slot - 1
}

/** A decoded frame's meaning; the renderer words it from `cabinet:meaning.<kind>` with the params. */
export interface FrameMeaning {
  kind: string
  params: Record<string, string | number | boolean>
}

export const FrameRoles = ['request', 'answer', 'report', 'unmatched'] as const
export type FrameRole = (typeof FrameRoles)[number]

/** One frame (or run of junk) as it crossed the line, decoded into meaning. */
export interface CabinetFrameEntry {
  seq: number
  ts: number
  dir: 'tx' | 'rx'
  /** ok: a valid frame; badCrc: a frame whose CRC does not match; junk: bytes that are no frame */
  status: 'ok' | 'badCrc' | 'junk'
  /** the frame as on the wire; for junk, its printable form */
  text: string
  role: FrameRole | null
  meaning: FrameMeaning | null
  /** for answers: from the request's write to this frame */
  roundTripMs?: number
}

export interface CabinetLinkStats {
  framesTx: number
  framesRx: number
  badCrc: number
  junkBytes: number
  timeouts: number
  reports: number
}

// ---- test profile

export interface CabinetScale {
  /** physical value = raw × factor */
  factor: number
  unit: string
  /** the raw 32-bit value is two's complement (temperatures below zero) */
  signed: boolean
}

export interface CabinetBand {
  min: number
  max: number
}

export interface CabinetTiming {
  /** how long an answer may take */
  answerTimeoutMs: number
  /** after "open all locks", how long until every slot has reported open */
  lockOpenTimeoutMs: number
  /** per door: time the operator has for the next close report */
  doorCloseTimeoutS: number
  /** relays switch one by one: how long a read-back may wait for the last one */
  relaySettleMs: number
  /** rounds of channels 1–9 in the measurement, and the pause between rounds */
  samples: number
  sampleIntervalMs: number
}

export interface CabinetProfile {
  format: 'fieldbench.cabinetProfile'
  version: 1
  /** a shipped profile's id: its name and note are shown from `cabinet:profiles.<id>Name` / `…Note` */
  id?: string
  name: string
  /** what the profile assumes (the default one: the units) */
  note: string
  scaling: Record<CabinetQuantity, CabinetScale>
  /** pass bands of current channels 1–9, in the current scale's unit, with the relays on */
  channels: CabinetBand[]
  /** a relay counts as on when its channel carries at least this */
  relayOnMinCurrent: number
  /** …and as off when its channel carries at most this */
  relayOffMaxCurrent: number
  voltage: CabinetBand
  activePower: CabinetBand
  energy: CabinetBand
  internalTemperature: CabinetBand
  externalTemperature: CabinetBand
  timing: CabinetTiming
}

// ---- the factory test

export const CabinetTestSteps = [
  'connect',
  'safety',
  'locksOpen',
  'doorsClose',
  'relaysOn',
  'fan',
  'currents',
  'readings',
  'relaysOff',
  'locksRestore',
] as const
export type CabinetTestStep = (typeof CabinetTestSteps)[number]
/** every step but the safety confirmation can be run again on its own */
export const RetestableSteps = ['connect', 'locksOpen', 'doorsClose', 'relaysOn', 'fan', 'currents', 'readings', 'relaysOff', 'locksRestore'] as const satisfies readonly CabinetTestStep[]
export type RetestableStep = (typeof RetestableSteps)[number]

/** How "all relays off" was achieved (the seed: the all-off command is ignored before v5062). */
export const RelaysOffMethods = ['allOff', 'allOffThenEach', 'eachRelay'] as const
export type RelaysOffMethod = (typeof RelaysOffMethods)[number]

export const CabinetConfirmations = ['safety', 'airflow', 'doorsDone'] as const
export type CabinetConfirmation = (typeof CabinetConfirmations)[number]

/** What the running test waits for from the operator. */
export type CabinetAwaiting =
  | { what: 'safety' }
  | { what: 'airflow' }
  /** doors still to close; `deadline`: ms since the epoch by which the next close must be reported */
  | { what: 'doors'; slots: number[]; deadline: number }

export const SlotStates = ['idle', 'opening', 'open', 'closed', 'failed'] as const
export type SlotState = (typeof SlotStates)[number]

/** The live state of one cabinet test, beside the generic job progress. */
export interface CabinetRun {
  recordId: number
  path: string
  serial: string
  operator: string
  profileName: string
  profileId: string | null
  firmware: string
  awaiting: CabinetAwaiting | null
  slots: SlotState[]
  link: CabinetLinkStats
  /** pass bands of channels 1–9 for the chart, in `currentUnit` */
  bands: CabinetBand[]
  currentUnit: string
  relaysOffMethod: RelaysOffMethod | null
  /** what failed in the latest attempt of each step, each against its band */
  failures: CabinetFailure[]
  /** steps this run tries again after a failed attempt (a retest) */
  retested: CabinetTestStep[]
  /** steps with a failed attempt earlier in the record: a PASS after a retest says so */
  earlierFailed: CabinetTestStep[]
}

/** A failed measurement of a step, with the slot it belongs to (channel 9 and the readings have none). */
export interface CabinetFailure {
  step: CabinetTestStep
  key: string
  value: number | string | boolean
  unit?: string
  min?: number
  max?: number
  slot: number | null
}

const SLOT_MEASUREMENT = /^(?:lockOpened|doorClosed|lockClosed|relayOn|relayOff|current)(\d+)$/

/** The slot a measurement is about (`current3`, `doorClosed5`); null for channel 9 and for the cabinet's readings. */
export function slotOfMeasurement(key: string): number | null {
  const match = SLOT_MEASUREMENT.exec(key)
  const n = match ? Number(match[1]) : 0
  return n >= 1 && n <= CABINET_SLOTS ? n : null
}

export interface CabinetSample {
  t: number
  /** the step it was read in: the measurement itself (`currents`), or a relay read-back */
  step: string
  /** channels 1–9; null where this round did not read the channel */
  currents: (number | null)[]
}

export interface CabinetSamples {
  recordId: number
  samples: CabinetSample[]
}

export interface CabinetFrames {
  path: string
  entries: CabinetFrameEntry[]
  stats: CabinetLinkStats
}

export interface CabinetTerminalAnswer {
  tx: CabinetFrameEntry
  /** null: no answer in time */
  rx: CabinetFrameEntry | null
}

// ---- a shift at the factory bench

/** A shift as the person chooses it: a local day, and start and end as HH:MM (an end at or before the start is the next day). */
export interface CabinetShift {
  day: string
  start: string
  end: string
}

/** The cabinets tested in a shift, as the cabinet page shows them. */
export interface CabinetShiftSummary {
  /** tests that reached PASS or FAIL */
  tested: number
  passed: number
  failed: number
  /** tests aborted or still running */
  unfinished: number
  /** the current channel that failed on the most cabinets; null when none failed */
  topChannel: { channel: number; cabinets: number } | null
}

// ---- the simulator, as the demo panel sees it

export interface CabinetSimFaults {
  /** the next N answers are not sent */
  dropAnswers: number
  /** the next N answers come after the answer timeout */
  lateAnswers: number
  /** the next N answers carry a wrong CRC */
  corruptCrc: number
  /** bytes of noise between frames */
  garbage: boolean
  /** locks that do not open */
  stuckLocks: number[]
  /** current channels whose measuring circuit reads nothing */
  deadChannels: number[]
}

/**
 * Which lock reports a board sends: the seed promises a report when a door is
 * closed, and says of "open all locks" only that the locks open one by one;
 * a board may report each opening too, or not.
 */
export const CabinetLockReportKinds = ['opensAndCloses', 'closesOnly'] as const
export type CabinetLockReports = (typeof CabinetLockReportKinds)[number]

export interface CabinetSimState {
  running: boolean
  plugged: boolean
  firmware: number
  lockReports: CabinetLockReports
  locks: { open: boolean; openCount: number }[]
  relays: boolean[]
  fan: boolean
  faults: CabinetSimFaults
}

export type CabinetSimAction =
  | { action: 'pushDoor'; slot: number }
  | { action: 'closeAllDoors' }
  | { action: 'setFaults'; faults: Partial<CabinetSimFaults> }
  | { action: 'clearFaults' }
  | { action: 'pullCable' }
  | { action: 'plugCable' }
  | { action: 'setFirmware'; firmware: number }
  | { action: 'setLockReports'; lockReports: CabinetLockReports }

export const CABINET_SIM_ID = 'cabinet'

// ---- channels

export const cabinetInvokeMethods = {
  cabinetDefaultProfile: 'cabinet:defaultProfile',
  cabinetParseProfile: 'cabinet:parseProfile',
  cabinetStartTest: 'cabinet:startTest',
  cabinetConfirm: 'cabinet:confirm',
  cabinetRetest: 'cabinet:retest',
  cabinetGetRun: 'cabinet:getRun',
  cabinetShiftSummary: 'cabinet:shiftSummary',
  cabinetExportShift: 'cabinet:exportShift',
  cabinetTerminalOpen: 'cabinet:terminalOpen',
  cabinetTerminalClose: 'cabinet:terminalClose',
  cabinetTerminalSend: 'cabinet:terminalSend',
  cabinetSimState: 'cabinet:simState',
  cabinetSimControl: 'cabinet:simControl',
} as const satisfies Record<string, `cabinet:${string}`>

export const cabinetEventMethods = {
  onCabinetRun: 'cabinet:run',
  onCabinetSamples: 'cabinet:samples',
  onCabinetFrames: 'cabinet:frames',
  onCabinetSim: 'cabinet:sim',
} as const satisfies Record<string, `cabinet:${string}`>
