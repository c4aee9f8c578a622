export const JobTypes = ['linkCheck', 'ctDetection', 'inverterCommissioning', 'cabinetTest', 'evseSetup', 'upsMonitor', 'evseSite', 'evseService', 'upsTest', 'upsLog'] as const
export type JobType = (typeof JobTypes)[number]

/**
 * The locale namespace holding a job's steps, measurements, notes and meta
 * labels: the job type itself unless a device module names its own.
 */
const JobNamespaceOverrides: Partial<Record<JobType, readonly string[]>> = {
  cabinetTest: ['cabinet'],
  ctDetection: ['ct'],
  inverterCommissioning: ['foxess', 'ct'],
}
/** The locale namespaces that word a job's steps, notes, measurements and meta, searched in order. */
export function jobNamespaces(jobType: string): readonly string[] {
  return JobNamespaceOverrides[jobType as JobType] ?? [jobType]
}

export const RecordStatuses = ['inProgress', 'completed', 'aborted'] as const
export type RecordStatus = (typeof RecordStatuses)[number]

/** `none`: the job ended (or stopped) before it could reach a verdict */
export const Verdicts = ['pass', 'fail', 'none'] as const
export type Verdict = (typeof Verdicts)[number]

export const StepVerdicts = ['pass', 'fail', 'info'] as const
export type StepVerdict = (typeof StepVerdicts)[number]

export const StepStatuses = ['running', 'done', 'interrupted'] as const
export type StepStatus = (typeof StepStatuses)[number]

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue }

export interface Measurement {
  /** a stable key; the renderer localizes it from the job's namespace */
  key: string
  value: number | string | boolean
  unit?: string
  min?: number
  max?: number
  verdict?: StepVerdict
  /** a setting's value as read before the job changed it; `value` is then what was read back after */
  before?: number | string | boolean
  /** what the job asked the device to take, kept when the read-back differs from it */
  target?: number | string | boolean
}

export interface RecordStep {
  id: number
  seq: number
  /** the step's key in the job's namespace, e.g. `linkCheck:steps.echo` → `echo` */
  key: string
  status: StepStatus
  verdict: StepVerdict | null
  startedAt: number
  finishedAt: number | null
  inputs: Record<string, JsonValue>
  measurements: Measurement[]
  /** an error code (localized in the renderer) or a short note */
  note: string | null
}

/**
 * Which steps of a record are retests: a step run again after its latest
 * earlier attempt failed retests that attempt (step id → its seq). A step
 * that runs again after a pass is no retest: a retest's connect and safety
 * confirmation, or the relays switched on again before a measurement.
 */
export function retestsOf(steps: readonly RecordStep[]): Map<number, number> {
  const retests = new Map<number, number>()
  const latest = new Map<string, RecordStep>()
  for (const step of steps) {
    const before = latest.get(step.key)
    if (before?.verdict === 'fail') retests.set(step.id, before.seq)
    if (step.status === 'done') latest.set(step.key, step)
  }
  return retests
}

export const ExchangeDirections = ['tx', 'rx', 'request', 'response', 'event'] as const
export type ExchangeDirection = (typeof ExchangeDirections)[number]

/** A raw exchange that justifies a verdict: the bytes sent/received, or the HTTP request/response. */
export interface RecordExchange {
  id: number
  stepId: number | null
  ts: number
  direction: ExchangeDirection
  /** e.g. `serial:/dev/ttyUSB0` or `http:POST /op/v0/device/real/query` */
  channel: string
  /** hex for bytes, JSON text for HTTP bodies (secrets never stored) */
  data: string
  summary: string | null
}

export interface RecordSummary {
  id: number
  jobType: JobType
  status: RecordStatus
  verdict: Verdict
  site: string
  customer: string
  deviceSerial: string
  deviceIds: Record<string, string>
  operator: string
  startedAt: number
  updatedAt: number
  finishedAt: number | null
  /** how the job ended when it did not complete: an error code or `interrupted` */
  endReason: string | null
  stepCount: number
}

export interface RecordDetail extends RecordSummary {
  meta: Record<string, JsonValue>
  steps: RecordStep[]
  exchanges: RecordExchange[]
  exchangeCount: number
}

/** A file handed to the renderer to save (download in browser mode, save dialog in Electron). */
export interface ExportedFile {
  fileName: string
  mime: string
  /** text content, or base64 when `base64` is true */
  content: string
  base64: boolean
}
