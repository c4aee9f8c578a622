import type { SimulatorDefinition } from '../../../simulators/registry'
import { EvseSimulator } from './server'

export { type ChargerFault, DEFAULT_CONFIG, SETTLE_MS, SimCharger } from './charger'
export { API, DOCUMENT_EXAMPLE_READINGS, type EvseReadings, EvseSimulator, type EvseSimOptions } from './server'

/** A PSP EVSE charger for demo mode and `fieldbench sim evse`: an EV plugged in, waiting for a start. */
export const evseSimulator: SimulatorDefinition = {
  id: 'evse',
  device: 'evse',
  create: async ({ log, port, host }) => {
    const sim = new EvseSimulator({ log, port, host })
    sim.charger.plug()
    sim.charger.evWantsCharge = true
    return sim.start()
  },
}
