import { type Core, createCore } from '../core/core'
import { nodePlatform } from '../core/node-platform'
import { defaultDataDir } from '../core/paths'

/** The same core the app runs, for one CLI command. */
export function cliCore(dataDirOption: string | undefined, verbose = false, options: { demo?: boolean } = {}): Promise<Core> {
  return createCore({
    ...nodePlatform('cli', dataDirOption ?? defaultDataDir()),
    logEcho: verbose,
    demo: options.demo,
  })
}

/** Waits for a job to end; Ctrl-C cancels it, so the record is closed as aborted, never left half-open. */
export async function awaitJob<T>(core: Core, recordId: number, finished: Promise<T>): Promise<T> {
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
  }
}
