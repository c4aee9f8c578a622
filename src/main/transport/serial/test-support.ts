import type { PortInfo, PortStateEvent, TrafficBatch } from '@shared/contract'
import { MemoryLogger } from '../../log/logger'
import type { PortLister, PortOpener } from './link'
import { PortManager } from './manager'
import { NodeSerialLister, NodeSerialOpener } from './node-serial'

/** A port manager on the real OS lister and opener, recording what it pushes, for integration tests. */
export function testManager(options: { opener?: PortOpener; lister?: PortLister; pollMs?: number } = {}) {
  const states: PortStateEvent[] = []
  const batches: TrafficBatch[] = []
  const lists: PortInfo[][] = []
  const waiters: { match: (e: PortStateEvent) => boolean; resolve: () => void }[] = []
  const trafficWaiters: { entries: number; resolve: () => void }[] = []
  let trafficEntries = 0
  const manager = new PortManager({
    lister: options.lister ?? new NodeSerialLister(),
    opener: options.opener ?? new NodeSerialOpener(),
    log: new MemoryLogger(),
    pollMs: options.pollMs ?? 100,
    onPortState: (event) => {
      states.push(event)
      for (const w of [...waiters]) {
        if (w.match(event)) {
          waiters.splice(waiters.indexOf(w), 1)
          w.resolve()
        }
      }
    },
    onTraffic: (batch) => {
      batches.push(batch)
      trafficEntries += batch.entries.length
      for (const w of [...trafficWaiters]) {
        if (trafficEntries >= w.entries) {
          trafficWaiters.splice(trafficWaiters.indexOf(w), 1)
          w.resolve()
        }
      }
    },
    onPortsChanged: (ports) => lists.push(ports),
  })
  /** resolves at the next state event matching (events, not sleeps) */
  const nextState = (path: string, state: PortStateEvent['state']) =>
    new Promise<void>((resolve) => waiters.push({ match: (e) => e.path === path && e.state === state, resolve }))
  /** resolves once this many traffic entries have been pushed in total */
  const untilTraffic = (entries: number) =>
    new Promise<void>((resolve) => (trafficEntries >= entries ? resolve() : trafficWaiters.push({ entries, resolve })))
  return { manager, states, batches, lists, nextState, untilTraffic }
}

export const SERIAL_8N1 = { baudRate: 115200, dataBits: 8, parity: 'none', stopBits: 1 } as const
