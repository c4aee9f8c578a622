import type { Clock } from '../../core/clock'
import type { SerialLink } from '../../transport/serial/link'
import type { SerialSimulator, SimulatorDefinition } from '../../simulators/registry'

/** Faults a worn cable or a cheap adapter really shows. */
export type LoopbackFault =
  | { kind: 'none' }
  /** one data line stuck high: that bit is always 1 */
  | { kind: 'stuckBit'; bit: number }
  /** every n-th byte lost (an overrun on a bad adapter) */
  | { kind: 'dropEvery'; n: number }

/** The line's own pace: echoed bytes come back as fast as the baud rate carries them, on this clock. */
export interface LoopbackPace {
  clock: Clock
  baudRate: number
}

/** paced, the echo comes back in pieces of this much wire time: well inside the link check's idle limit (150 ms) */
const PACED_PIECE_MS = 50

/**
 * A loopback plug (TX wired to RX): everything written comes back. It is
 * what a technician plugs into an adapter to check the adapter and the cable
 * before blaming a device; with a fault it plays a damaged one. Unpaced it
 * echoes at once (a pseudo-terminal has no baud rate); paced, at the wire's
 * speed on the given clock, so an echo rate measured on virtual time is the
 * line's.
 */
export function createLoopbackPlug(fault: LoopbackFault = { kind: 'none' }, pace?: LoopbackPace): SerialSimulator {
  let counter = 0
  let lineFreeAt = 0
  const pending = new Set<() => void>()
  const corrupt = (chunk: Uint8Array): Uint8Array => {
    if (fault.kind === 'stuckBit') return chunk.map((b) => b | (1 << fault.bit))
    if (fault.kind === 'dropEvery') {
      return chunk.filter(() => ++counter % fault.n !== 0)
    }
    return chunk
  }
  const echo = (link: SerialLink, bytes: Uint8Array) => void link.write(bytes).catch(() => undefined)
  const paced = (link: SerialLink, bytes: Uint8Array, { clock, baudRate }: LoopbackPace) => {
    const pieceBytes = Math.max(1, Math.floor((baudRate / 10) * (PACED_PIECE_MS / 1000)))
    for (let at = 0; at < bytes.length; at += pieceBytes) {
      const piece = bytes.subarray(at, at + pieceBytes)
      // 10 bits a byte: start, 8 data, stop
      lineFreeAt = Math.max(clock.now(), lineFreeAt) + (piece.length * 10 * 1000) / baudRate
      const cancel = clock.timer(lineFreeAt - clock.now(), () => {
        pending.delete(cancel)
        echo(link, piece)
      })
      pending.add(cancel)
    }
  }
  return {
    kind: 'serial',
    attach(link: SerialLink) {
      const off = link.onData((chunk) => {
        const echoed = corrupt(chunk)
        if (!echoed.length) return
        if (pace) paced(link, echoed, pace)
        else echo(link, echoed)
      })
      return () => {
        off()
        for (const cancel of pending) cancel()
        pending.clear()
      }
    },
    async dispose() {
      for (const cancel of pending) cancel()
      pending.clear()
    },
  }
}

export const loopbackSimulator: SimulatorDefinition = {
  id: 'loopback',
  device: 'loopback',
  create: () => createLoopbackPlug(),
}
