import { AppError, type InvokeMethod, type JobStepState, type JobUpdate, type Measurement, type Verdict } from '@shared/contract'
import { localizeMeasurement, localizeNote, localizeStep } from '@shared/i18n/localize'
import type { InvokeInput, InvokeOutput } from '@shared/contract/api'
import { type Core, type CoreOptions, createCore } from '../core/core'
import { dispatch } from '../core/dispatch'
import { nodePlatform } from '../core/node-platform'
import { defaultDataDir } from '../core/paths'
import { holdJob } from './job-lock'
import { EXIT, type Out } from './output'

/** The same core the app runs, for one CLI command; tests give it their clock and serial opener. */
export function cliCore(dataDirOption: string | undefined, verbose = false, options: { demo?: boolean; core?: CoreOptions } = {}): Promise<Core> {
  return createCore(
    {
      ...nodePlatform('cli', dataDirOption ?? defaultDataDir()),
      logEcho: verbose,
      demo: options.demo,
    },
    options.core,
  )
}

/**
 * Calls one of the app's operations the way the window does: the input is
 * checked by the same schema first, and a refusal is the same AppError.
 */
export async function invoke<M extends InvokeMethod>(core: Core, method: M, input: InvokeInput<M>): Promise<InvokeOutput<M>> {
  const result = await dispatch(core.handlers, method, input, core.log)
  if (!result.ok) throw AppError.fromPayload(result.error)
  return result.value as InvokeOutput<M>
}

/**
 * Follows one job on the terminal: `track` names its record (before the job
 * starts or resumes, so no update is missed), `follow` waits for its end and
 * gives the exit code.
 */
export interface Follower {
  track(recordId: number): void
  follow(): Promise<number>
}

/**
 * The job a follower follows, one per CLI process. `track` names its record
 * once the start or resume returns the id; until then the first update seen
 * names it, as the job may speak before its id comes back.
 */
export interface FollowedJob {
  readonly recordId: number
  /** whether something said about record `id` is about this job */
  ours(id: number): boolean
  track(id: number): void
  /** an update of this job that finishes or aborts it ends the wait of `end` */
  settle(update: JobUpdate): void
  /** the update that ended the job, or its suspended state after Ctrl-C (`awaitJob`) */
  end(core: Core): Promise<JobUpdate>
}

export function followJob(): FollowedJob {
  let recordId = 0
  let done: (update: JobUpdate) => void = () => undefined
  const finished = new Promise<JobUpdate>((resolve) => (done = resolve))
  const ours = (id: number) => {
    if (recordId && id !== recordId) return false
    recordId = id
    return true
  }
  return {
    get recordId() {
      return recordId
    },
    ours,
    track(id) {
      recordId = id
    },
    settle(update) {
      if (ours(update.recordId) && (update.phase.phase === 'finished' || update.phase.phase === 'aborted')) done(update)
    },
    end: (core) => awaitJob(core, recordId, finished),
  }
}

/**
 * Waits for a job to end. Ctrl-C (or SIGTERM) suspends it, as closing the
 * app does: the job leaves its device safe and its record stays in progress,
 * to be resumed or closed later; the answer is then the job's suspended state.
 */
export async function awaitJob(core: Core, recordId: number, finished: Promise<JobUpdate>): Promise<JobUpdate> {
  const release = holdJob(core.platform.dataDir, recordId)
  const suspend = () => {
    if (core.jobs.isActive(recordId)) core.jobs.suspend(recordId)
  }
  process.once('SIGINT', suspend)
  process.once('SIGTERM', suspend)
  try {
    const stopped = core.jobs.whenStopped(recordId).then((update) => update ?? finished)
    return await Promise.race([finished, stopped])
  } finally {
    process.off('SIGINT', suspend)
    process.off('SIGTERM', suspend)
    release()
  }
}

/** How a followed job ended, for its closing line and its `result` event. */
export interface JobEnd {
  verdict: Verdict | 'none'
  /** Ctrl-C or SIGTERM suspended it: its record stays in progress, to be resumed */
  suspended: boolean
}

export function jobEnd(final: JobUpdate): JobEnd {
  return {
    verdict: final.phase.phase === 'finished' ? final.phase.verdict : 'none',
    suspended: final.phase.phase === 'paused' && final.phase.reason === 'suspended',
  }
}

/** The closing line: the verdict and the record, or, for a suspended job, that it is and how to resume it. */
export function endLine(out: Out, recordId: number, end: JobEnd): string {
  if (end.suspended) return out.t('cli:job.suspended', { id: recordId, command: `fieldbench records resume ${recordId}` })
  return `${out.t('records:fields.verdict')}: ${out.t(`records:verdict.${end.verdict}`)} · ${out.t('records:fields.id')} ${recordId}`
}

/** The steps of an update that ended since the one before (a verdict, or another note, new). */
export function endedSteps(update: JobUpdate, previous: JobUpdate | null): JobStepState[] {
  return update.steps.filter((step) => {
    const before = previous?.steps.find((s) => s.key === step.key)
    return step.verdict && !(before?.verdict === step.verdict && before.note === step.note)
  })
}

/** A step as it ends: its name, its verdict and its note, in the job's words. */
export function stepLine(out: Out, jobType: string, step: JobStepState): string {
  const note = step.note ? ` — ${localizeNote(out.t, jobType, step.note)}` : ''
  return `${localizeStep(out.t, jobType, step.key)}: ${out.t(`records:verdict.${step.verdict}`)}${note}`
}

/** A step's measurements under its line: value, unit, band and verdict. */
export function measurementLines(out: Out, jobType: string, measurements: readonly Measurement[]): string[] {
  return measurements.map((m) => {
    const band = m.min !== undefined || m.max !== undefined ? `  [${m.min ?? ''} … ${m.max ?? ''}]` : ''
    const verdict = m.verdict ? `  ${out.t(`records:verdict.${m.verdict}`)}` : ''
    const value = typeof m.value === 'boolean' ? out.t(m.value ? 'common:yes' : 'common:no') : String(m.value)
    return `  ${localizeMeasurement(out.t, jobType, m.key)}: ${value}${m.unit ? ` ${m.unit}` : ''}${band}${verdict}`
  })
}

/**
 * The closing `result` event and line (with the job's own lines after it) and
 * the exit code: 0 PASS, 1 FAIL, 3 for a job that did not finish.
 */
export function reportEnd(out: Out, recordId: number, final: JobUpdate, more: { lines?: string[]; fields?: Record<string, unknown> } = {}): number {
  const end = jobEnd(final)
  out.event({ event: 'result', recordId, ...end, ...more.fields }, () => [endLine(out, recordId, end), ...(more.lines ?? [])].filter(Boolean).join('\n'))
  return end.verdict === 'pass' ? EXIT.ok : end.verdict === 'fail' ? EXIT.fail : EXIT.error
}
