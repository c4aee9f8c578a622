import { LinkListeners, type SerialLink } from '../../transport/serial/link'
import type { PortOpener } from '../../transport/serial/link'

/**
 * Two ends of a line in one process that hand bytes over on the next
 * microtask, with no timer: a virtual clock runs a day of polls through it
 * in seconds (the 24-hour log test and the bench). Test and bench only.
 */
export function directLinkPair(): { host: SerialLink; device: SerialLink; opener: PortOpener } {
  const make = (): SerialLink & { listeners: LinkListeners; peer?: { listeners: LinkListeners } } => {
    const listeners = new LinkListeners()
    const end = {
      listeners,
      peer: undefined as { listeners: LinkListeners } | undefined,
      get isOpen() {
        return !listeners.closed
      },
      write: async (data: Uint8Array) => {
        const copy = new Uint8Array(data)
        queueMicrotask(() => end.peer?.listeners.emitData(copy))
      },
      onData: (l: (chunk: Uint8Array) => void) => listeners.onData(l),
      onClose: (l: (reason: 'closed' | 'disconnected' | 'error') => void) => listeners.onClose(l),
      close: async () => listeners.emitClose('closed'),
    }
    return end
  }
  const host = make()
  const device = make()
  host.peer = device
  device.peer = host
  return { host, device, opener: { open: async () => host } }
}
