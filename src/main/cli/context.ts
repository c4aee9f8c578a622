import { join } from 'node:path'
import { type Core, createCore } from '../core/core'
import { osOpen } from '../core/os-open'
import { APP_VERSION, defaultDataDir } from '../core/paths'
import { FileSecretBackend } from '../store/secrets'

/** The same core the app runs, for one CLI command. */
export function cliCore(dataDirOption: string | undefined, verbose = false, options: { demo?: boolean } = {}): Promise<Core> {
  const dataDir = dataDirOption ?? defaultDataDir()
  return createCore({
    transport: 'cli',
    dataDir,
    version: APP_VERSION,
    versions: { node: process.versions.node },
    systemLanguages: () => [Intl.DateTimeFormat().resolvedOptions().locale],
    secretBackend: new FileSecretBackend(process.env.FIELDBENCH_SECRETS_FILE ?? join(dataDir, 'secrets.json')),
    openExternal: (url) => osOpen(url),
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
