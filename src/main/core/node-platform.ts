import { join } from 'node:path'
import type { Platform } from './platform'
import { osOpen } from './os-open'
import { APP_VERSION } from './paths'
import { FileSecretBackend } from '../store/secrets'

/**
 * The platform of plain Node, shared by browser mode and the CLI: no keychain,
 * so secrets in an owner-only file (`FIELDBENCH_SECRETS_FILE` may move it),
 * links handed to the OS opener, the system language from the ICU locale.
 */
export function nodePlatform(transport: 'web' | 'cli', dataDir: string, env: NodeJS.ProcessEnv = process.env): Platform {
  return {
    transport,
    dataDir,
    version: APP_VERSION,
    versions: { node: process.versions.node },
    systemLanguages: () => [Intl.DateTimeFormat().resolvedOptions().locale],
    secretBackend: new FileSecretBackend(env.FIELDBENCH_SECRETS_FILE ?? join(dataDir, 'secrets.json')),
    openExternal: (url) => osOpen(url),
  }
}
