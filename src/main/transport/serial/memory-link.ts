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

  constructor(
    private readonly name: string,
    private readonly options: MemoryLinkOptions,
  ) {}

  get isOpen(): boolean {
    return !this.listeners.closed
  }

  write(data: Uint8Array): Promise<void> {
    if (!this.isOpen) return Promise.reject(new AppError('portNotOpen', { path: this.name }))
    const copy = new Uint8Array(data)
    const baud = this.options.baudRate ?? 0
    const now = performance.now()
    const start = Math.max(now, this.busyUntil)
    const wireMs = baud > 0 ? (copy.length * 10 * 1000) / baud : 0
    this.busyUntil = start + wireMs
    const delay = Math.max(0, this.busyUntil - now)
    const peer = this.peer
    setTimeout(() => {
      if (peer.isOpen) peer.listeners.emitData(copy)
    }, delay)
    return Promise.resolve()
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener)
  }

  onClose(listener: (reason: LinkCloseReason) => void): () => void {
    return this.listeners.onClose(listener)
  }

  close(): Promise<void> {
    this.listeners.emitClose('closed')
    return Promise.resolve()
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
  }
}
