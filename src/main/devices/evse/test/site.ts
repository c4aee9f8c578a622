/** Simulated chargers on several loopback addresses sharing one port, as chargers on a site share port 80, on one virtual clock. */
import { type Clock, VirtualClock } from '../../../core/clock'
import { EvseSimulator } from '../simulator'

export interface Site {
  clock: Clock
  port: number
  sims: EvseSimulator[]
  dispose(): Promise<void>
}

export async function site(addresses: readonly string[], clock: Clock = new VirtualClock(undefined, true)): Promise<Site> {
  const sims: EvseSimulator[] = []
  let port = 0
  for (const host of addresses) {
    const sim = await new EvseSimulator({ host, port, clock }).start()
    port = Number(new URL(sim.url).port)
    sims.push(sim)
  }
  return { clock, port, sims, dispose: async () => void (await Promise.all(sims.map((s) => s.dispose()))) }
}
