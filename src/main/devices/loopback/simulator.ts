import type { SerialLink } from '../../transport/serial/link'
import type { SerialSimulator, SimulatorDefinition } from '../../simulators/registry'

/** Faults a worn cable or a cheap adapter really shows. */
export type LoopbackFault =
  | { kind: 'none' }
  /** one data line stuck high: that bit is always 1 */
  | { kind: 'stuckBit'; bit: number }
  /** every n-th byte lost (an overrun on a bad adapter) */
  | { kind: 'dropEvery'; n: number }

/**
 * A loopback plug (TX wired to RX): everything written comes back. It is
 * what a technician plugs into an adapter to check the adapter and the cable
 * before blaming a device; with a fault it plays a damaged one.
 */
export function createLoopbackPlug(fault: LoopbackFault = { kind: 'none' }): SerialSimulator {
  let counter = 0
  const corrupt = (chunk: Uint8Array): Uint8Array => {
    if (fault.kind === 'stuckBit') return chunk.map((b) => b | (1 << fault.bit))
    if (fault.kind === 'dropEvery') {
      return chunk.filter(() => ++counter % fault.n !== 0)
    }
    return chunk
  }
  return {
    kind: 'serial',
    attach(link: SerialLink) {
      const off = link.onData((chunk) => {
        const echoed = corrupt(chunk)
        if (echoed.length) void link.write(echoed).catch(() => undefined)
      })
      return off
    },
    async dispose() {},
  }
}

export const loopbackSimulator: SimulatorDefinition = {
  id: 'loopback',
  device: 'loopback',
  create: () => createLoopbackPlug(),
}
