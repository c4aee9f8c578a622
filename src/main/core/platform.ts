import type { Transport } from '@shared/contract'
import type { SecretBackend } from '../store/secrets'

/** What differs between the Electron app, browser mode and the CLI; everything else is the same core. */
export interface Platform {
  transport: Transport
  dataDir: string
  version: string
  versions: Record<string, string>
  systemLanguages(): string[]
  secretBackend: SecretBackend
  /** opens a vetted https link in the user's browser */
  openExternal(url: string): Promise<void>
  /** Electron's printToPDF; absent in browser mode and the CLI */
  printToPdf?: (html: string) => Promise<Uint8Array>
  /** the desktop app's open-file dialog: the chosen path, or undefined when cancelled; absent in browser mode and the CLI */
  pickFile?: (filters: { name: string; extensions: string[] }[]) => Promise<string | undefined>
  /** log lines also go to stderr */
  logEcho?: boolean
  /** how often the port list is polled (ms) */
  portPollMs?: number
  /** simulated devices for this run only (the CLI's --demo), whatever the saved setting says */
  demo?: boolean
}
