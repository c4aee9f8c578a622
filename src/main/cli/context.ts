import { AppError, type InvokeMethod } from '@shared/contract'
import type { InvokeInput, InvokeOutput } from '@shared/contract/api'
import { type Core, createCore } from '../core/core'
import { dispatch } from '../core/dispatch'
import { nodePlatform } from '../core/node-platform'
import { defaultDataDir } from '../core/paths'
import { holdJob } from './job-lock'

/** The same core the app runs, for one CLI command. */
export function cliCore(dataDirOption: string | undefined, verbose = false, options: { demo?: boolean } = {}): Promise<Core> {
  return createCore({
    ...nodePlatform('cli', dataDirOption ?? defaultDataDir()),
    logEcho: verbose,
    demo: options.demo,
  })
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

/** Waits for a job to end; Ctrl-C cancels it, so the record is closed as aborted, never left half-open. */
export async function awaitJob<T>(core: Core, recordId: number, finished: Promise<T>): Promise<T> {
  const release = holdJob(core.platform.dataDir, recordId)
  const cancel = () => {
    if (core.jobs.isActive(recordId)) core.jobs.cancel(recordId)
  }
  process.once('SIGINT', cancel)
  process.once('SIGTERM', cancel)
  try {
    return await finished
  } finally {
    process.off('SIGINT', cancel)
    process.off('SIGTERM', cancel)
    release()
  }
}
