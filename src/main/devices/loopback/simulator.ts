import type { SerialLink } from '../../transport/serial/link'
import type { SerialSimulator, SimulatorDefinition } from '../../simulators/registry'

/**
 * A loopback plug (TX wired to RX): everything written comes back unchanged.
 * It is what a technician plugs into an adapter to check the adapter and the
 * cable before blaming a device.
 */
export function createLoopbackPlug(): SerialSimulator {
  const links = new Set<SerialLink>()
  return {
    kind: 'serial',
    attach(link) {
      links.add(link)
      const off = link.onData((chunk) => {
        void link.write(chunk).catch(() => undefined)
      })
      return () => {
        off()
        links.delete(link)
      }
    },
    async dispose() {
      links.clear()
    },
  }
}

export const loopbackSimulator: SimulatorDefinition = {
  id: 'loopback',
  device: 'loopback',
  create: () => createLoopbackPlug(),
}
