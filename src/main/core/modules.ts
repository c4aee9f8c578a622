import { disjoint } from '@shared/contract/disjoint'
import type { ModuleContext } from './module'
import { linkCheckModule } from './modules/link-check'
import { portsModule } from './modules/ports'
import { recordsModule } from './modules/records'

/**
 * The shell's own services that are modules like the devices' (see
 * `devices/modules.ts`): ports and terminal, records, the link check. What is not yet one is
 * still written in `core.ts`.
 */
export function coreModules(context: ModuleContext) {
  const ports = portsModule(context)
  const records = recordsModule(context)
  const linkCheck = linkCheckModule(context)
  const modules: { id: string; dispose?(): Promise<void> }[] = [ports, records, linkCheck]
  return { modules, handlers: disjoint(disjoint(ports.handlers, records.handlers), linkCheck.handlers) }
}
