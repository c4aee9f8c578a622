import type { AppErrorPayload } from './errors'

export type Transport = 'electron' | 'web' | 'cli'

export interface AppInfo {
  name: string
  version: string
  transport: Transport
  platform: string
  arch: string
  versions: Record<string, string>
  dataDir: string
  /** PDF export needs Electron's printToPDF */
  canPrintPdf: boolean
  /** the OS's preferred languages, most preferred first */
  systemLanguages: string[]
}

/** Secrets the app knows; values never travel back to the renderer. */
export const SecretNames = ['foxessApiKey', 'foxessCtToken'] as const
export type SecretName = (typeof SecretNames)[number]

export interface SecretStatus {
  name: SecretName
  isSet: boolean
  /** where it is kept: the OS keychain (Electron safeStorage), an env var, or a 0600 file */
  backend: 'safeStorage' | 'env' | 'file'
  /** set from the environment: cannot be changed from the app */
  readOnly: boolean
}


/** Only https links to these hosts leave the app, and only through the vetted opener. */
export const ExternalLinkHosts = ['www.foxesscloud.com', 'foxesscloud.com', 'github.com'] as const

export interface SimulatorInfo {
  id: string
  /** the device kind, e.g. `loopback`, `cabinet`, `foxess` */
  device: string
  running: boolean
  /** a serial simulator whose cable is pulled (demo: to see unplug and resume) */
  unplugged: boolean
  /** where the simulated device can be reached: a port path or a base URL */
  endpoint: string | null
  /** why demo mode could not start it (the others run): e.g. its address and port taken by another program */
  startError?: AppErrorPayload
}
