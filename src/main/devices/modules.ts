import type { DeviceModule, ModuleContext } from '../core/module'

/**
 * The device modules of the app. Each adds its handlers (checked against the
 * contract when the core spreads them) and its cleanup.
 */
export function deviceModules(_context: ModuleContext) {
  const modules: DeviceModule<Record<string, string>>[] = []
  return { modules, handlers: {} }
}
