import { SerialPort } from 'serialport'
import { AppError, type SerialSettings } from '@shared/contract'
import { hangupAwareBinding } from './hangup-read'
import { LinkListeners, type LinkCloseReason, type ListedPort, type PortLister, type PortOpener, type SerialLink } from './link'
import { assertSerialPath } from './serial-path'

const binding = hangupAwareBinding(SerialPort.binding)

/** A real serial port through node-serialport: USB adapters, COM ports, and pseudo-terminal pairs alike. */
class NodeSerialLink implements SerialLink {
  private readonly listeners = new LinkListeners()
  private closing = false

  constructor(private readonly port: SerialPort) {
    port.on('data', (chunk: Buffer) => this.listeners.emitData(new Uint8Array(chunk)))
    port.on('close', (err?: Error & { disconnected?: boolean }) => {
      const reason: LinkCloseReason = this.closing ? 'closed' : err?.disconnected ? 'disconnected' : err ? 'error' : 'disconnected'
      this.listeners.emitClose(reason)
    })
    port.on('error', () => {
      if (!port.isOpen) this.listeners.emitClose(this.closing ? 'closed' : 'error')
    })
  }

  get isOpen(): boolean {
    return this.port.isOpen && !this.listeners.closed
  }

  write(data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      if (!this.isOpen) return reject(new AppError('portNotOpen', { path: this.port.path }))
      this.port.write(Buffer.from(data), (err) => {
        if (err) return reject(new AppError('portWriteFailed', { path: this.port.path }, { cause: err }))
        this.port.drain(() => resolve())
      })
    })
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    return this.listeners.onData(listener)
  }

  onClose(listener: (reason: LinkCloseReason) => void): () => void {
    return this.listeners.onClose(listener)
  }

  close(): Promise<void> {
    this.closing = true
    return new Promise((resolve) => {
      if (!this.port.isOpen) {
        this.listeners.emitClose('closed')
        return resolve()
      }
      this.port.close(() => {
        this.listeners.emitClose('closed')
        resolve()
      })
    })
  }
}

export class NodeSerialOpener implements PortOpener {
  open(path: string, settings: SerialSettings): Promise<SerialLink> {
    return new Promise((resolve, reject) => {
      assertSerialPath(path)
      const port = new SerialPort({
        path,
        baudRate: settings.baudRate,
        dataBits: settings.dataBits,
        parity: settings.parity,
        stopBits: settings.stopBits,
        autoOpen: false,
        lock: true,
        binding,
      })
      port.open((err) => {
        if (err) {
          const busy = /lock|busy|access denied|resource busy/i.test(err.message)
          return reject(new AppError(busy ? 'portBusy' : 'portOpenFailed', { path, owner: busy ? 'os' : '' }, { cause: err }))
        }
        resolve(new NodeSerialLink(port))
      })
    })
  }
}

const hex4 = (value: string | undefined): string | undefined =>
  value ? value.toLowerCase().replace(/^0x/, '').padStart(4, '0') : undefined

export class NodeSerialLister implements PortLister {
  async list(): Promise<ListedPort[]> {
    const ports = await SerialPort.list()
    return ports.map((p) => {
      const extra = p as typeof p & { friendlyName?: string }
      return {
        path: p.path,
        manufacturer: p.manufacturer || undefined,
        serialNumber: p.serialNumber || undefined,
        vendorId: hex4(p.vendorId),
        productId: hex4(p.productId),
        friendlyName: extra.friendlyName || undefined,
      }
    })
  }
}
