import type { SimulatorDefinition } from '../../../simulators/registry'
import { EvseSimulator } from './server'

export { type ChargerFault, DEFAULT_CONFIG, SETTLE_MS, SimCharger } from './charger'
export { API, DOCUMENT_EXAMPLE_READINGS, type EvseReadings, EvseSimulator, type EvseSimOptions } from './server'

/**
 * Demo mode's chargers share one port on 127.0.0.1, .2 and .3, as chargers
 * on a site share port 80, so one scan of the demo range finds them all: the
 * first to start takes a free port and the others follow it.
 */
const demoSite = { port: 0 }

/** A PSP EVSE charger for demo mode and `fieldbench sim evse`: an EV plugged in, waiting for a start. */
function chargerOn(id: string, demoHost: string, config: { ChargeCurrent?: number } = {}): SimulatorDefinition {
  return {
    id,
    device: 'evse',
    create: async ({ log, port, host, args }) => {
      // demo mode gives no command line; `fieldbench sim` always does
      const demo = args === undefined && port === undefined && host === undefined
      const sim = new EvseSimulator({ log, port: demo ? demoSite.port : port, host: host ?? demoHost })
      Object.assign(sim.charger.config, config)
      sim.charger.plug()
      sim.charger.evWantsCharge = true
      await sim.start()
      if (demo) demoSite.port = Number(new URL(sim.url).port)
      return sim
    },
  }
}

export const evseSimulator = chargerOn('evse', '127.0.0.1')
/** the site's other chargers in demo mode; each has its own MAC (from its address) and a configuration of its own */
export const evseSiteSimulators = [chargerOn('evse-2', '127.0.0.2', { ChargeCurrent: 10 }), chargerOn('evse-3', '127.0.0.3', { ChargeCurrent: 20 })]
