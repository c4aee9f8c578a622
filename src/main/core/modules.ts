import type { ModuleContext } from './module'
import { recordsModule } from './modules/records'

/**
 * The shell's own services that are modules like the devices' (see
 * `devices/modules.ts`); what is not yet one is still written in `core.ts`.
 */
export function coreModules(context: ModuleContext) {
  const records = recordsModule(context)
  const modules: { id: string; dispose?(): Promise<void> }[] = [records]
  return { modules, handlers: records.handlers }
}
