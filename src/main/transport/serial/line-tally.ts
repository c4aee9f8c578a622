import type { SerialSettings } from '@shared/contract'
import type { LinkCloseReason, PortOpener, SerialLink } from './link'

type End = 'app' | 'device'

/**
 * Counts the bytes between the app's end and a simulated device's end of a
 * pseudo-terminal pair. socat is another process, so a virtual clock cannot
 * tell from its own event loop whether an answer is still in the pipe;
 * `underWay` lets it wait until every byte written at one end has been read
 * at the other before it jumps, so an answer timeout fires only for an answer
 * that is really missing. Bytes toward an end with no open link are lost
 * (a pulled cable, a closed port) and are not waited for.
 */
export class LineTally {
  private readonly inPipe: Record<End, number> = { app: 0, device: 0 }
  private readonly open: Record<End, number> = { app: 0, device: 0 }
  private waiters: (() => void)[] = []

  /**
   * Real milliseconds the line must have been quiet for: what a far end does
   * with bytes that just arrived (parse, record, answer) can pass through real
   * I/O first, which no count sees; under a loaded machine that takes a while.
   */
  constructor(private readonly settleMs = 15) {}

  private lastActivity = -Infinity

  /** null when the line is quiet and has settled, else resolves when it has */
  underWay = (): Promise<void> | null => {
    if (!this.quiet) return new Promise((resolve) => this.waiters.push(resolve))
    const settling = this.lastActivity + this.settleMs - performance.now()
    if (settling <= 0) return null
    return new Promise((resolve) => setTimeout(resolve, settling))
  }

  /** The app's opener, its links counted. */
  opener(inner: PortOpener): PortOpener {
    return { open: async (path: string, settings: SerialSettings) => this.link(await inner.open(path, settings), 'app') }
  }

  /** A link at one end of the line, counted. */
  link(inner: SerialLink, end: End): SerialLink {
    const far: End = end === 'app' ? 'device' : 'app'
    this.open[end]++
    let counted = true
    const closed = () => {
      if (!counted) return
      counted = false
      this.open[end]--
      if (!this.open[end]) this.lost(end)
    }
    inner.onData((chunk) => this.arrived(end, chunk.length))
    inner.onClose(closed)
    return {
      get isOpen() {
        return inner.isOpen
      },
      write: async (data: Uint8Array) => {
        this.lastActivity = performance.now()
        if (this.open[far]) this.inPipe[far] += data.length
        try {
          await inner.write(data)
        } catch (err) {
          this.arrived(far, data.length)
          throw err
        }
      },
      onData: (listener: (chunk: Uint8Array) => void) => inner.onData(listener),
      onClose: (listener: (reason: LinkCloseReason) => void) => inner.onClose(listener),
      close: async () => {
        closed()
        await inner.close()
      },
    }
  }

  /** Whatever is in the pipe now will not arrive (both ends let go, as `unplug` does). */
  clear(): void {
    this.lost('app')
    this.lost('device')
  }

  private get quiet(): boolean {
    return this.inPipe.app <= 0 && this.inPipe.device <= 0
  }

  private arrived(end: End, bytes: number): void {
    this.lastActivity = performance.now()
    // a pseudo-terminal may hand over bytes written before this end opened: never below zero
    this.inPipe[end] = Math.max(0, this.inPipe[end] - bytes)
    this.wake()
  }

  private lost(end: End): void {
    this.inPipe[end] = 0
    this.wake()
  }

  private wake(): void {
    if (!this.quiet) return
    for (const resolve of this.waiters.splice(0)) resolve()
  }
}
