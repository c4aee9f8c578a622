import { disjoint } from '@shared/contract/disjoint'
import type { ModuleContext } from './module'
import { jobsModule } from './modules/jobs'
import { linkCheckModule } from './modules/link-check'
import { portsModule } from './modules/ports'
import { recordsModule } from './modules/records'
import { settingsModule } from './modules/settings'
import { simulatorsModule } from './modules/simulators'
import { systemModule } from './modules/system'

/**
 * The shell's own services, modules like the devices' (see `devices/modules.ts`): system, settings and
 * secrets, simulators and demo mode, ports and terminal, records, jobs, the link check.
 */
export function coreModules(context: ModuleContext) {
  const system = systemModule(context)
  const settings = settingsModule(context)
  const simulators = simulatorsModule(context)
  const ports = portsModule(context)
  const records = recordsModule(context)
  const jobs = jobsModule(context)
  const linkCheck = linkCheckModule(context)
  const modules: { id: string; dispose?(): Promise<void> }[] = [system, settings, simulators, ports, records, jobs, linkCheck]
  const handlers = disjoint(
    disjoint(disjoint(system.handlers, settings.handlers), disjoint(simulators.handlers, ports.handlers)),
    disjoint(disjoint(records.handlers, jobs.handlers), linkCheck.handlers),
  )
  return { modules, handlers }
}
