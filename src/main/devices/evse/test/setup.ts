/** A simulated charger on loopback and a client for it, both on one virtual clock that moves when someone waits. */
import { VirtualClock } from '../../../core/clock'
import { EvseClient } from '../client'
import { type EvseReadings, EvseSimulator, type EvseSimOptions } from '../simulator'

export interface Bench {
  clock: VirtualClock
  sim: EvseSimulator
  client: EvseClient
  /** the POSTs the simulator received on a WebAPI endpoint */
  posts(endpoint: string): number
}

export async function bench(readings: Partial<EvseReadings> = {}, options: Omit<EvseSimOptions, 'clock' | 'readings'> & { timeoutMs?: number } = {}): Promise<Bench> {
  const clock = new VirtualClock(undefined, true)
  const sim = await new EvseSimulator({ ...options, clock, readings }).start()
  const client = new EvseClient({ host: new URL(sim.url).host, clock, timeoutMs: options.timeoutMs })
  const posts = (endpoint: string) => sim.server.calls.filter((c) => c.method === 'POST' && c.path === `/webapi/v1/${endpoint}`).length
  return { clock, sim, client, posts }
}

/** an EV plugged in and asking to charge */
export function evReady(sim: EvseSimulator): void {
  sim.charger.plug()
  sim.charger.evWantsCharge = true
}
