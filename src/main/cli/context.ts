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
