import type { SimulatorDefinition } from '../../../simulators/registry'
import { FoxCloudSimulator } from './server'

export { DEMO_API_KEY, DEMO_CT_TOKEN, FoxCloudSimulator, type FoxSimOptions, type SimFault } from './server'

/** The Fox ESS cloud (open API and CT detection) for demo mode and `fieldbench sim foxess`. */
export const foxessSimulator: SimulatorDefinition = {
  id: 'foxess',
  device: 'foxess',
  create: async ({ log, port, host }) => {
    const sim = new FoxCloudSimulator({ log, port, host })
    await sim.start()
    return Object.assign(sim, { notes: { apiKey: sim.apiKey, ctToken: sim.ctToken } })
  },
}
