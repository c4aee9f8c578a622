import { AppError } from '@shared/contract'
import { LinkListeners, type LinkCloseReason, type SerialLink } from './link'

export interface MemoryLinkOptions {
  /** paces delivery like a UART at this rate (10 bits per byte); 0 delivers on the next tick */
  baudRate?: number
}

class MemoryEnd implements SerialLink {
  readonly listeners = new LinkListeners()
  peer!: MemoryEnd
  /** when the wire is next free, for pacing */
  private busyUntil = 0
  private readonly queue: { due: number; bytes: Uint8Array }[] = []
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly name: string,
    private readonly options: MemoryLinkOptions,
  ) {}

  get isOpen(): boolean {
    return !this.listeners.closed
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new AppError('portNotOpen', { path: this.name }))
    const baud = this.options.baudRate ?? 0
    if (baud <= 0) {
      this.queue.push({ due: 0, bytes: new Uint8Array(data) })
    } else {
      // like a UART: bytes stream out at the line rate, so the far end sees them
      // in small slices as they arrive (about 4 ms of line time each), not all at the end
      const slice = Math.max(1, Math.ceil((baud / 10 / 1000) * 4))
      for (let at = 0; at < data.length; at += slice) {
        const part = data.slice(at, at + slice)
        this.busyUntil = Math.max(performance.now(), this.busyUntil) + (part.length * 10 * 1000) / baud
        this.queue.push({ due: this.busyUntil, bytes: part })
      }
    }
    this.schedule()
    return Promise.resolve()
  }

  /** One timer drains the wire in order (separate timers can fire out of order at ms resolution). */
  private schedule(): void {
    if (this.timer || !this.queue.length) return
    const wait = Math.max(0, this.queue[0]!.due - performance.now())
    this.timer = setTimeout(() => {
      this.timer = null
      const now = performance.now()
      while (this.queue.length && this.queue[0]!.due <= now + 0.5) {
        const { bytes } = this.queue.shift()!
        if (this.peer.isOpen) this.peer.listeners.emitData(bytes)
      }
      this.schedule()
    }, wait)
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener)
  }

  onClose(listener: (reason: LinkCloseReason) => void): () => void {
    return this.listeners.onClose(listener)
  }

  close(): Promise<void> {
    this.listeners.emitClose('closed')
    this.drop()
    return Promise.resolve()
  }

  /** what is still on the wire is lost with the line */
  drop(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.queue.length = 0
  }
}

/**
 * Two connected ends in one process: the app opens `host`, a simulator drives
 * `device`. Used for demo mode where no pseudo-terminal exists (Windows, macOS
 * without socat); tests use real pseudo-terminal pairs instead.
 */
export class MemoryLinkPair {
  readonly host: SerialLink
  readonly device: SerialLink
  private readonly hostEnd: MemoryEnd
  private readonly deviceEnd: MemoryEnd

  constructor(name: string, options: MemoryLinkOptions = {}) {
    this.hostEnd = new MemoryEnd(`${name}#host`, options)
    this.deviceEnd = new MemoryEnd(`${name}#device`, options)
    this.hostEnd.peer = this.deviceEnd
    this.deviceEnd.peer = this.hostEnd
    this.host = this.hostEnd
    this.device = this.deviceEnd
  }

  /** The cable is pulled: both ends see `disconnected`. */
  disconnect(): void {
    this.hostEnd.listeners.emitClose('disconnected')
    this.deviceEnd.listeners.emitClose('disconnected')
    this.hostEnd.drop()
    this.deviceEnd.drop()
  }
}
