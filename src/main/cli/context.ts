import { AppError, type InvokeMethod, type JobUpdate, type Verdict } from '@shared/contract'
import type { InvokeInput, InvokeOutput } from '@shared/contract/api'
import { type Core, type CoreOptions, createCore } from '../core/core'
import { dispatch } from '../core/dispatch'
import { nodePlatform } from '../core/node-platform'
import { defaultDataDir } from '../core/paths'
import { holdJob } from './job-lock'
import type { Out } from './output'

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
