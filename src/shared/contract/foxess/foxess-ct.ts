/**
 * The CT (current transformer) wiring check of a Fox ESS inverter as the app sees it: where it applies,
 * its preconditions, the result bits and what the flow makes of them (seed ct-detection-flow.zh.txt).
 */
import type { AppErrorPayload } from '../errors'
import type { JsonValue } from '../records'


/** Where the CT check applies: only the master of a master–slave system, or a three-phase single unit. */
export const CtSystemKinds = ['threePhaseSingle', 'masterOfMasterSlave', 'slaveOfMasterSlave', 'singlePhaseSingle'] as const
export type CtSystemKind = (typeof CtSystemKinds)[number]
export const ctApplies = (kind: CtSystemKind) => kind === 'threePhaseSingle' || kind === 'masterOfMasterSlave'

export const CtConditionKeys = ['deviceStatus', 'bmsCommunication', 'meterConnected', 'notChecking'] as const
export type CtConditionKey = (typeof CtConditionKeys)[number]

export interface CtCondition {
  key: CtConditionKey
  pass: boolean
  /** false when the answer cannot tell (the inverter is offline): neither pass nor fail */
  known: boolean
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
