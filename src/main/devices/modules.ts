import type { DeviceModule, ModuleContext } from '../core/module'
import { cabinetModule } from './cabinet/module'

/**
 * The device modules of the app. Each adds its handlers (checked against the
 * contract when the core spreads them) and its cleanup.
 */
export function deviceModules(context: ModuleContext) {
  const cabinet = cabinetModule(context)
  const modules: DeviceModule<Record<string, string>>[] = [cabinet]
  return { modules, handlers: { ...cabinet.handlers } }
}
