import { cabinetSimulator } from '../devices/cabinet/sim-definition'
import { evseSimulator, evseSiteSimulators } from '../devices/evse/simulator'
import { foxessSimulator } from '../devices/foxess/simulator'
import { loopbackSimulator } from '../devices/loopback/simulator'
import { upsSimulator } from '../devices/ups/sim-definition'
import type { SimulatorDefinition } from './registry'

/** Every simulator Fieldbench ships: demo mode starts them in-process, `fieldbench sim <id>` on a real line. */
export const simulatorCatalog: SimulatorDefinition[] = [loopbackSimulator, cabinetSimulator, foxessSimulator, evseSimulator, ...evseSiteSimulators, upsSimulator]
