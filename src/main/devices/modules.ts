import { disjoint } from '@shared/contract/disjoint'
import type { ModuleContext } from '../core/module'
import { cabinetModule } from './cabinet/module'
import { evseModule } from './evse/module'
import { evseSiteModule } from './evse/site-module'
import { foxessModule } from './foxess/module'
import { upsFilesModule } from './ups/files-module'
import { upsMonitorModule } from './ups/module'
import { upsTestModule } from './ups/acceptance-module'

/**
 * The device modules of the app. Each adds its handlers (checked against the
 * contract when the core merges them; a method two modules both handle does
 * not compile) and its cleanup.
 */
export function deviceModules(context: ModuleContext) {
  const cabinet = cabinetModule(context)
  const foxess = foxessModule(context)
  const evse = evseModule(context)
  const evseSite = evseSiteModule(context)
  const upsFiles = upsFilesModule(context)
  const ups = upsMonitorModule(context)
  const upsTest = upsTestModule(context)
  const modules: { id: string; dispose?(): Promise<void> }[] = [cabinet, foxess, evse, evseSite, upsFiles, ups, upsTest]
  return { modules, handlers: disjoint(disjoint(disjoint(disjoint(disjoint(disjoint(cabinet.handlers, foxess.handlers), evse.handlers), evseSite.handlers), upsFiles.handlers), ups.handlers), upsTest.handlers) }
}
