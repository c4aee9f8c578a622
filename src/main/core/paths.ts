import { homedir } from 'node:os'
import { join } from 'node:path'

/** The same folder Electron's `userData` resolves to, so browser mode and the CLI see the app's records. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.FIELDBENCH_DATA_DIR) return env.FIELDBENCH_DATA_DIR
  const name = 'Fieldbench'
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), name)
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', name)
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), name)
}

/** The app version from package.json, baked in at build time. */
export const APP_VERSION: string = import.meta.env?.FIELDBENCH_VERSION ?? '0.0.0-dev'
