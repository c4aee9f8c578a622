import type { ModuleContext } from '../core/module'
import { foxessModule } from './foxess/module'

/**
 * The device modules of the app. Each adds its handlers (checked against the
 * contract when the core spreads them) and its cleanup.
 */
export function deviceModules(context: ModuleContext) {
  const foxess = foxessModule(context)
  const modules: { id: string; dispose?(): Promise<void> }[] = [foxess]
  return { modules, handlers: { ...foxess.handlers } }
}
