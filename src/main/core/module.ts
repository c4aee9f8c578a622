import type { InvokeMethod } from '@shared/contract'
import type { Clock } from './clock'
import type { LinkCheckDeps } from './modules/link-check-job'
import type { FileLogger } from '../log/logger'
import type { Redactor } from '../log/redact'
import type { SimulatorRegistry } from '../simulators/registry'
import type { RecordStore } from '../store/records'
import type { SecretStore } from '../store/secrets'
import type { SettingsStore } from '../store/settings'
import type { PortManager } from '../transport/serial/manager'
import type { Handlers } from './dispatch'
import type { EventBus } from './events'
import type { JobRunner } from './jobs'
import type { Platform } from './platform'

/** What a device module gets from the core: the same services the shell uses. */
export interface ModuleContext {
  platform: Platform
  bus: EventBus
  log: FileLogger
  redactor: Redactor
  settings: SettingsStore
  secrets: SecretStore
  records: RecordStore
  ports: PortManager
  simulators: SimulatorRegistry
  jobs: JobRunner
  /** the one time every job, client, poller and store of this core reads: the system's, or a test's virtual clock */
  clock: Clock
  /** what a recorded job needs: records, ports, a log, the job:update emitter and the core's clock */
  jobDeps: LinkCheckDeps & { clock: Clock }
}

/** The handlers for the methods of one contract map (e.g. `cabinetInvokeMethods`). */
export type HandlersFor<M extends Record<string, string>> = { [K in keyof M & InvokeMethod]: Handlers[K] }

/**
 * A device (cabinet, inverter, charger, UPS) plugs into the core with its
 * handlers, its job resumers and its cleanup; its simulators go into
 * `simulators/catalog.ts`.
 */
export interface DeviceModule<M extends Record<string, string>> {
  id: string
  handlers: HandlersFor<M>
  dispose?(): Promise<void>
}

/** One of the shell's own services (records, …) as a module: the same shape, for a set of core methods. */
export interface CoreModule<K extends InvokeMethod> {
  id: string
  handlers: Pick<Handlers, K>
  dispose?(): Promise<void>
}
