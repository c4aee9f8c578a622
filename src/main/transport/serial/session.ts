import { AppError, type PortSessionInfo, type SerialSettings, type SessionState, type TrafficEntry } from '@shared/contract'
import type { LinkCloseReason, SerialLink } from './link'
import type { TrafficLog } from './traffic-log'

/** What a session tells its listeners: its state, that the same device is back, or that another one is on its path. */
export type SessionEvent = SessionState | 'reconnected' | 'differentDevice'

export interface SessionEvents {
  onState(state: SessionState | 'reconnected', reason?: LinkCloseReason): void
  onTraffic(entry: TrafficEntry): void
}

/**
 * One session per port: it owns the port exclusively, logs every chunk both
 * ways, and survives an unplug: it goes `disconnected`, and the manager hands
 * it a fresh link when the same device returns.
 */
export class PortSession {
  private link: SerialLink | null
  private stateValue: SessionState = 'open'
  private readonly dataListeners = new Set<(chunk: Uint8Array) => void>()
  private readonly stateListeners = new Set<(state: SessionEvent, change?: string) => void>()
  private detach: (() => void)[] = []

  constructor(
    readonly path: string,
    readonly settings: SerialSettings,
    readonly owner: string,
    link: SerialLink,
    private readonly traffic: TrafficLog,
    private readonly events: SessionEvents,
  ) {
    this.link = link
    this.attach(link)
    this.events.onTraffic(this.traffic.event('open'))
  }

  get state(): SessionState {
    return this.stateValue
  }

  get info(): PortSessionInfo {
    return { owner: this.owner, state: this.stateValue, baudRate: this.settings.baudRate }
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (this.stateValue === 'disconnected') throw new AppError('portDisconnected', { path: this.path })
    if (this.stateValue === 'closed' || !this.link) throw new AppError('portNotOpen', { path: this.path })
    this.events.onTraffic(this.traffic.append('tx', bytes))
    await this.link.write(bytes)
  }

  onData(listener: (chunk: Uint8Array) => void): () => void {
    this.dataListeners.add(listener)
    return () => this.dataListeners.delete(listener)
  }

  /** `change` comes with `differentDevice`: what was on the path and what is there now, for the record */
  onState(listener: (state: SessionEvent, change?: string) => void): () => void {
    this.stateListeners.add(listener)
    return () => this.stateListeners.delete(listener)
  }

  /**
   * Resolves while the line is up, or once the same device is back after an
   * unplug (a different device on the path keeps it waiting); rejects when the session is closed or `signal` aborts (with its reason).
   */
  whenOpen(signal?: AbortSignal): Promise<void> {
    if (this.stateValue === 'open') return Promise.resolve()
    if (this.stateValue === 'closed') return Promise.reject(new AppError('portNotOpen', { path: this.path }))
    if (signal?.aborted) return Promise.reject(signal.reason as Error)
    return new Promise((resolve, reject) => {
      const off = this.onState((state) => {
        if (state === 'reconnected') finish(null)
        if (state === 'closed') finish(new AppError('portNotOpen', { path: this.path }))
      })
      const onAbort = () => finish(signal!.reason as Error)
      const finish = (error: Error | null) => {
        off()
        signal?.removeEventListener('abort', onAbort)
        if (error) reject(error)
        else resolve()
      }
      signal?.addEventListener('abort', onAbort, { once: true })
    })
  }

  /** Called by the manager when the same device is present again. */
  reattach(link: SerialLink): void {
    if (this.stateValue !== 'disconnected') {
      void link.close()
      return
    }
    this.link = link
    this.stateValue = 'open'
    this.attach(link)
    this.events.onTraffic(this.traffic.event('reconnected'))
    this.events.onState('reconnected')
    for (const listener of this.stateListeners) listener('reconnected')
  }

  /**
   * Called by the manager when something else has appeared on the path while
   * the session waits for its device: it stays disconnected, and says so.
   */
  differentDevice(change: string): void {
    if (this.stateValue !== 'disconnected') return
    this.events.onTraffic(this.traffic.event('differentDevice'))
    for (const listener of this.stateListeners) listener('differentDevice', change)
  }

  /** Called by the manager when the port vanished from the OS list but the link said nothing (Windows). */
  markDisconnected(): void {
    if (this.stateValue !== 'open') return
    const link = this.link
    this.lost('disconnected')
    void link?.close().catch(() => undefined)
  }

  async close(): Promise<void> {
    if (this.stateValue === 'closed') return
    const link = this.link
    this.stateValue = 'closed'
    this.detachLink()
    this.link = null
    this.events.onTraffic(this.traffic.event('closed'))
    this.events.onState('closed', 'closed')
    for (const listener of this.stateListeners) listener('closed')
    this.stateListeners.clear()
    this.dataListeners.clear()
    await link?.close().catch(() => undefined)
  }

  private attach(link: SerialLink): void {
    this.detach = [
      link.onData((chunk) => {
        this.events.onTraffic(this.traffic.append('rx', chunk))
        for (const listener of this.dataListeners) listener(chunk)
      }),
      link.onClose((reason) => {
        if (this.stateValue !== 'open' || this.link !== link) return
        if (reason === 'closed') {
          void this.close()
          return
        }
        this.lost(reason)
      }),
    ]
  }

  private lost(reason: LinkCloseReason): void {
    this.stateValue = 'disconnected'
    this.detachLink()
    this.link = null
    this.events.onTraffic(this.traffic.event(reason === 'error' ? 'error' : 'disconnected'))
    this.events.onState('disconnected', reason)
    for (const listener of this.stateListeners) listener('disconnected')
  }

  private detachLink(): void {
    for (const off of this.detach) off()
    this.detach = []
  }
}
