import { join } from 'node:path'
import type { JobUpdate } from '@shared/contract'
import { disjoint } from '@shared/contract/disjoint'
import { deviceModules } from '../devices/modules'
import { FileLogger, type Logger } from '../log/logger'
import { Redactor } from '../log/redact'
import { simulatorCatalog } from '../simulators/catalog'
import { SimulatorRegistry } from '../simulators/registry'
import { RecordStore } from '../store/records'
import { SecretStore } from '../store/secrets'
import { SettingsStore } from '../store/settings'
import { PortManager } from '../transport/serial/manager'
import { NodeSerialLister, NodeSerialOpener } from '../transport/serial/node-serial'
import { type Clock, systemClock } from './clock'
import type { Handlers } from './dispatch'
import type { ModuleContext } from './module'
import { coreModules } from './modules'
import { EventBus } from './events'
import { JobRunner } from './jobs'
import type { Platform } from './platform'

/** Everything main owns, wired once; the Electron shell, browser mode and the CLI each build one. */
export interface Core extends ModuleContext {
  handlers: Handlers
  /** the modules (the shell's own, then the devices), for the CLI commands that use a module's services directly */
  modules: { id: string }[]
  dispose(): Promise<void>
}

export interface CoreOptions {
  /** serial access; tests pass fakes */
  lister?: ConstructorParameters<typeof PortManager>[0]['lister']
  opener?: ConstructorParameters<typeof PortManager>[0]['opener']
  /** the system clock unless a test runs the whole core on virtual time */
  clock?: Clock
}

export async function createCore(platform: Platform, options: CoreOptions = {}): Promise<Core> {
  const clock = options.clock ?? systemClock
  const redactor = new Redactor()
  const log = new FileLogger({ dir: join(platform.dataDir, 'logs'), redactor, echo: platform.logEcho })
  const bus = new EventBus()
  const settings = new SettingsStore(platform.dataDir)
  const secrets = new SecretStore(platform.secretBackend, redactor)
  await secrets.prime()
  const records = new RecordStore(join(platform.dataDir, 'records.sqlite'), redactor, () => clock.now())
  const simulators = new SimulatorRegistry(log.child('sim'))
  for (const definition of simulatorCatalog) simulators.define(definition)

  const ports = new PortManager({
    lister: options.lister ?? new NodeSerialLister(),
    opener: options.opener ?? new NodeSerialOpener(),
    simulated: simulators,
    log: log.child('ports'),
    pollMs: platform.portPollMs ?? 1000,
    manualPaths: settings.manualPorts(),
    onManualPathsChanged: (paths) => settings.setManualPorts(paths),
    onPortsChanged: (list) => bus.emit('ports:changed', list),
    onPortState: (event) => bus.emit('port:state', event),
    onTraffic: (batch) => bus.emit('terminal:traffic', batch),
  })

  const jobs = new JobRunner(log.child('jobs'), records, (open) => bus.emit('jobs:changed', open))
  const jobDeps = {
    records,
    ports,
    log: log.child('job'),
    clock,
    emit: (update: JobUpdate) => {
      bus.emit('job:update', update)
      bus.emit('records:changed', { id: update.recordId })
      jobs.notify()
    },
  }

  if (settings.get().demoMode || platform.demo) await simulators.startAll()
  ports.start()
  log.info('core.start', { transport: platform.transport, version: platform.version })

  const context: ModuleContext = { platform, bus, log, redactor, settings, secrets, records, ports, simulators, jobs, clock, jobDeps }
  const devices = deviceModules(context)
  const services = coreModules(context)
  const modules = [...services.modules, ...devices.modules]
  const handlers: Handlers = disjoint(services.handlers, devices.handlers)

  return {
    platform,
    bus,
    log,
    redactor,
    settings,
    secrets,
    records,
    ports,
    simulators,
    jobs,
    clock,
    jobDeps,
    handlers,
    modules,
    async dispose() {
      await jobs.suspendAll()
      for (const module of modules) await module.dispose?.()
      await ports.stop()
      await simulators.stopAll()
      records.close()
      log.info('core.stop')
    },
  }
}

export type { Logger }
