/**
 * The UPS monitor and its simulator: what main and the renderer share. zod-free.
 */

export const UPS_SIM_ID = 'ups'

/** What the simulated UPS is living through: each a state the demo panel and `fieldbench sim ups --scenario` put it in. */
export const UpsScenarios = ['normal', 'mainsFailure', 'overload', 'manualBypass', 'phaseSequence', 'epo'] as const
export type UpsScenario = (typeof UpsScenarios)[number]

/** What goes wrong on the line rather than in the UPS: no answer, an answer cut short, noise, a well-framed answer of the wrong length. */
export const UpsLineFaults = ['none', 'noAnswer', 'shortAnswer', 'garbage', 'wrongLength'] as const
export type UpsLineFault = (typeof UpsLineFaults)[number]

/** Where a mains failure has got to: on battery, the battery low, the UPS shut down. */
export type UpsSimStage = 'online' | 'onBattery' | 'batteryLow' | 'shutdown' | 'bypass' | 'epo'

export interface UpsSimState {
  running: boolean
  plugged: boolean
  /** the mains breaker ahead of the UPS is on (a mains-failure scenario cuts mains whatever it says) */
  mains: boolean
  scenario: UpsScenario
  lineFault: UpsLineFault
  stage: UpsSimStage
  /** battery capacity left, % */
  capacity: number
  /** load of the busiest phase, % */
  load: number
}

/** How the line to the UPS is: answering, some values missed in the last poll (stale), or nothing for three poll intervals (lost). */
export type UpsLinkState = 'connecting' | 'ok' | 'stale' | 'lost'

/** The key of the monitor's own alarm: no answer for three poll intervals. */
export const UPS_COMM_LOST = 'commLost'

export interface UpsReading {
  /** N of `cmd-N` */
  n: number
  /** the raw count from the last answer that held it, null before the first */
  raw: number | null
  /** raw × scale, in `unit` */
  value: number | null
  unit: string
  /** the last poll missed it: the number is the one before */
  stale: boolean
  /** when it was last read */
  at: number | null
}

export interface UpsAlarm {
  /** `cmd-N` for a value of the file, `commLost` for the line */
  key: string
  n?: number
  raisedAt: number
  clearedAt?: number
}

export interface UpsMonitorStats {
  polls: number
  requests: number
  answers: number
  timeouts: number
  /** answers of the wrong length, not hex, or with a bad checksum */
  badAnswers: number
  junkBytes: number
}

export interface UpsMonitorView {
  running: boolean
  path: string | null
  /** the protocol file's name, or the shipped one's */
  file: string | null
  intervalMs: number
  link: { state: UpsLinkState; lastAnswerAt: number | null; problem: string | null }
  readings: UpsReading[]
  alarms: { active: UpsAlarm[]; history: UpsAlarm[] }
  stats: UpsMonitorStats
  /** the CSV log being written, when one is */
  logPath: string | null
  /** the record of the logging session, while one is written */
  logRecordId: number | null
}

/**
 * Which protocol file the monitor reads: the shipped corrected one, a file
 * on disk (with the framing profile beside it, else the default), or a file
 * open in the protocol-file editor, with the person's unsaved corrections and
 * framing as the editor holds them.
 */
export type UpsMonitorFile =
  | { kind: 'shipped' }
  | { kind: 'path'; path: string }
  | { kind: 'document'; docId: string; edits?: { section: string; key: string; value: string }[]; framing?: unknown }

/** The protocol file in use, as the page names it. */
export interface UpsFileInUse {
  name: string
  /** SHA-256 of the file's bytes as read (corrections applied) */
  sha256: string
  /** the framing profile is the file's own (beside it, or edited in the editor), not the shipped default */
  framingOwn: boolean
  origin: 'shipped' | 'disk' | 'editor'
}

/** Poll intervals the monitor takes: from twice a second to once a minute. */
export const UPS_POLL_MIN_MS = 500
export const UPS_POLL_MAX_MS = 60_000

/** A value of the file as the page lays it out: the file's own name (the locale's by N when it has one), its group and whether it is a light. */
export interface UpsValueInfo {
  n: number
  name: string
  group?: number
  indicator: 'alarm' | 'status' | null
  unit: string
  /** the file names it as the maker's file does: the reader's language has a name for it (upsNames) */
  localized: boolean
}

export interface UpsMonitorLayout {
  file: string
  fileInUse: UpsFileInUse
  groups: { id: number; name: string; values: number[]; localized: boolean }[]
  values: UpsValueInfo[]
  /** values the file does not place (a placeholder, an overlap, bad keys): listed, never read */
  notMeasurable: number[]
}

export const upsMonitorInvokeMethods = {
  upsMonitorStart: 'ups:monitorStart',
  upsMonitorStop: 'ups:monitorStop',
  upsLogCsv: 'ups:logCsv',
  upsMonitorState: 'ups:monitorState',
  upsMonitorLayout: 'ups:monitorLayout',
  upsSimState: 'ups:simState',
  upsSimControl: 'ups:simControl',
} as const

export const upsMonitorEventMethods = {
  onUpsMonitor: 'ups:monitor',
  onUpsSim: 'ups:sim',
} as const

export interface UpsMonitorEventPayloads {
  onUpsMonitor: UpsMonitorView
  onUpsSim: UpsSimState
}
