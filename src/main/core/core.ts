import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  AppError,
  type AppInfo,
  type ExportedFile,
  ExternalLinkHosts,
  type JobUpdate,
} from '@shared/contract'
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
import type { Handlers } from './dispatch'
import type { ModuleContext } from './module'
import { coreModules } from './modules'
import { EventBus } from './events'
import { JobRunner } from './jobs'
import type { Platform } from './platform'

/** Everything main owns, wired once; the Electron shell, browser mode and the CLI each build one. */
export interface Core extends ModuleContext {
  handlers: Handlers
  /** the modules (records, then the devices), for the CLI commands that use a module's services directly */
  modules: { id: string }[]
  dispose(): Promise<void>
}

export interface CoreOptions {
  /** serial access; tests pass fakes */
  lister?: ConstructorParameters<typeof PortManager>[0]['lister']
  opener?: ConstructorParameters<typeof PortManager>[0]['opener']
}

export async function createCore(platform: Platform, options: CoreOptions = {}): Promise<Core> {
  const redactor = new Redactor()
  const log = new FileLogger({ dir: join(platform.dataDir, 'logs'), redactor, echo: platform.logEcho })
  const bus = new EventBus()
  const settings = new SettingsStore(platform.dataDir)
  const secrets = new SecretStore(platform.secretBackend, redactor)
  await secrets.prime()
  const records = new RecordStore(join(platform.dataDir, 'records.sqlite'), redactor)
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
    emit: (update: JobUpdate) => {
      bus.emit('job:update', update)
      bus.emit('records:changed', { id: update.recordId })
      jobs.notify()
    },
  }

  if (settings.get().demoMode || platform.demo) await simulators.startAll()
  ports.start()
  log.info('core.start', { transport: platform.transport, version: platform.version })

  const appInfo = (): AppInfo => ({
    name: 'Fieldbench',
    version: platform.version,
    transport: platform.transport,
    platform: process.platform,
    arch: process.arch,
    versions: platform.versions,
    dataDir: platform.dataDir,
    canPrintPdf: Boolean(platform.printToPdf),
    systemLanguages: platform.systemLanguages(),
  })

  function exportDiagnostics(): ExportedFile {
    const logs = log.files().map((file) => ({ file: file.slice(platform.dataDir.length + 1), text: redactor.text(readFileSync(file, 'utf8')) }))
    const bundle = {
      format: 'fieldbench.diagnostics',
      createdAt: new Date().toISOString(),
      app: appInfo(),
      settings: settings.get(),
      simulators: simulators.list('info'),
      jobs: jobs.list(),
      logs,
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-')
    return { fileName: `fieldbench-diagnostics-${stamp}.json`, mime: 'application/json', content: redactor.text(JSON.stringify(bundle, null, 2)), base64: false }
  }

  const context: ModuleContext = { platform, bus, log, redactor, settings, secrets, records, ports, simulators, jobs, jobDeps }
  const devices = deviceModules(context)
  const services = coreModules(context)
  const modules = [...services.modules, ...devices.modules]

  const handlers: Handlers = {
    ...disjoint(services.handlers, devices.handlers),
    getAppInfo: () => appInfo(),
    openExternal: async ({ url }) => {
      const parsed = new URL(url)
      if (parsed.protocol !== 'https:' || !(ExternalLinkHosts as readonly string[]).includes(parsed.hostname) || parsed.username || parsed.password) {
        log.warn('openExternal.refused', { host: parsed.hostname, protocol: parsed.protocol })
        throw new AppError('externalLinkRefused', { host: parsed.hostname })
      }
      await platform.openExternal(parsed.toString())
    },
    exportDiagnostics: () => exportDiagnostics(),
    getSettings: () => settings.get(),
    updateSettings: async (patch) => {
      const before = settings.get()
      const next = settings.update(patch)
      if (patch.demoMode !== undefined && patch.demoMode !== before.demoMode) {
        if (patch.demoMode) await simulators.startAll()
        else await simulators.stopAll()
        await ports.poll()
      }
      bus.emit('settings:changed', next)
      return next
    },
    listSecrets: () => secrets.list(),
    setSecret: ({ name, value }) => secrets.set(name, value),
    deleteSecret: ({ name }) => secrets.delete(name),
    listSimulators: () => simulators.list('info'),
    unplugSimulator: async ({ id }) => {
      await simulators.unplug(id)
      await ports.poll()
      return simulators.list('info')
    },
    plugSimulator: async ({ id }) => {
      await simulators.plug(id)
      await ports.poll()
      return simulators.list('info')
    },
    startDemo: async () => {
      const list = await simulators.startAll()
      settings.update({ demoMode: true, firstRunDone: true })
      bus.emit('settings:changed', settings.get())
      await ports.poll()
      return list
    },
    stopDemo: async () => {
      const list = await simulators.stopAll()
      settings.update({ demoMode: false })
      bus.emit('settings:changed', settings.get())
      await ports.poll()
      return list
    },
    listJobs: () => jobs.list(),
    listOpenJobs: () => jobs.open(),
    resumeJob: ({ recordId }) => jobs.resume(recordId, records.summary(recordId).jobType),
    cancelJob: ({ recordId }) => jobs.cancel(recordId),
  }

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
