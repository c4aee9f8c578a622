import type { SerialSettings } from '@shared/contract'

export type LinkCloseReason = 'closed' | 'disconnected' | 'error'

/**
 * The tiny transport every serial client and simulator talks through: a real
 * port (node-serialport, including a pseudo-terminal), or an in-process pair
 * for demo mode. Bytes in, bytes out, one close.
 */
export interface SerialLink {
  readonly isOpen: boolean
  write(data: Uint8Array): Promise<void>
  onData(listener: (chunk: Uint8Array) => void): () => void
  /** fires once, with why the link went away */
  onClose(listener: (reason: LinkCloseReason) => void): () => void
  close(): Promise<void>
}

export interface PortOpener {
  open(path: string, settings: SerialSettings): Promise<SerialLink>
}

/** What the OS (or a registry) reports about a port. */
export interface ListedPort {
  path: string
  manufacturer?: string
  serialNumber?: string
  vendorId?: string
  productId?: string
  friendlyName?: string
}

export interface PortLister {
  list(): Promise<ListedPort[]>
}

/** Shared listener bookkeeping for SerialLink implementations. */
export class LinkListeners {
  private readonly data = new Set<(chunk: Uint8Array) => void>()
  private readonly close = new Set<(reason: LinkCloseReason) => void>()
  private closedWith: LinkCloseReason | null = null

  get closed(): boolean {
    return this.closedWith !== null
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.data.add(listener)
    return () => this.data.delete(listener)
  }

  onClose(listener: (reason: LinkCloseReason) => void): () => void {
    if (this.closedWith) {
      const reason = this.closedWith
      queueMicrotask(() => listener(reason))
      return () => undefined
    }
    this.close.add(listener)
    return () => this.close.delete(listener)
  }

  emitData(chunk: Uint8Array): void {
    for (const listener of this.data) listener(chunk)
  }

  emitClose(reason: LinkCloseReason): void {
    if (this.closedWith) return
    this.closedWith = reason
    for (const listener of this.close) listener(reason)
    this.close.clear()
    this.data.clear()
  }
}
