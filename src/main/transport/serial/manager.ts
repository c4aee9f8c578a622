import { existsSync } from 'node:fs'
import {
  AppError,
  type PortInfo,
  type PortStateEvent,
  type SerialSettings,
  type TrafficBatch,
  type TrafficEntry,
} from '@shared/contract'
import type { Logger } from '../../log/logger'
import type { ListedPort, PortLister, PortOpener } from './link'
import { describeChange, identify, type NodeInspector, type PortIdentity, sameDevice } from './port-identity'
import { assertSerialPath } from './serial-path'
import { PortSession } from './session'
import { TrafficLog } from './traffic-log'

/** Where simulated ports come from; the simulator registry implements it. */
export interface SimulatedPorts {
  list(): (ListedPort & { simulator: string })[]
  opener: PortOpener
  /** true for paths this source owns (`sim:` paths) */
  owns(path: string): boolean
}

export interface PortManagerOptions {
  lister: PortLister
  opener: PortOpener
  simulated?: SimulatedPorts
  log: Logger
  pollMs?: number
  /** how often traffic is pushed to the UI: batched, never one message per chunk */
  batchMs?: number
  manualPaths?: string[]
  pathExists?: (path: string) => boolean
  inspectNode?: NodeInspector
  onPortsChanged?: (ports: PortInfo[]) => void
  onPortState?: (event: PortStateEvent) => void
  onTraffic?: (batch: TrafficBatch) => void
  onManualPathsChanged?: (paths: string[]) => void
}

/**
 * Owns every serial port of the process: lists them live (polling, because
 * no OS reports plug events reliably), opens each for exactly one owner,
 * notices unplugs that the driver does not report (a port gone from the
 * list), and reattaches a session when the same device comes back.
 */
export class PortManager {
  private readonly sessions = new Map<string, PortSession>()
  private readonly identities = new Map<string, PortIdentity>()
  /** paths where a different device is now, with what was reported, so each appearance is reported once */
  private readonly strangers = new Map<string, string>()
  private readonly traffic = new Map<string, TrafficLog>()
  private readonly manual: Set<string>
  private readonly pending = new Map<string, TrafficEntry[]>()
  private readonly reopening = new Set<string>()
  private lastListed: ListedPort[] = []
  private lastSignature = ''
  private ports: PortInfo[] = []
  private pollTimer: NodeJS.Timeout | null = null
  private batchTimer: NodeJS.Timeout | null = null
  private polling: Promise<void> | null = null
  private readonly pathExists: (path: string) => boolean

  constructor(private readonly options: PortManagerOptions) {
    this.manual = new Set(options.manualPaths ?? [])
    this.pathExists = options.pathExists ?? existsSync
  }

  start(): void {
    if (this.pollTimer) return
    void this.poll()
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 1000)
  }

  async stop(): Promise<void> {
    if (this.pollTimer) clearInterval(this.pollTimer)
    this.pollTimer = null
    await Promise.all([...this.sessions.values()].map((s) => s.close()))
    this.sessions.clear()
    this.flushTraffic()
  }

  /** The latest known list; `refresh` polls first. */
  async list(refresh = false): Promise<PortInfo[]> {
    if (refresh || this.ports.length === 0) await this.poll()
    return this.ports
  }

  /** Refuses a path that cannot be a serial port (a file, a folder, /dev/null), before a job or a list takes it. */
  assertSerialPort(path: string): void {
    if (!this.options.simulated?.owns(path)) assertSerialPath(path)
  }

  async addManual(path: string): Promise<PortInfo[]> {
    this.assertSerialPort(path)
    this.manual.add(path)
    this.options.onManualPathsChanged?.([...this.manual])
    return this.list(true)
  }

  async removeManual(path: string): Promise<PortInfo[]> {
    this.manual.delete(path)
    this.options.onManualPathsChanged?.([...this.manual])
    return this.list(true)
  }

  session(path: string): PortSession | undefined {
    const session = this.sessions.get(path)
    return session && session.state !== 'closed' ? session : undefined
  }

  trafficLog(path: string): TrafficLog {
    let log = this.traffic.get(path)
    if (!log) {
      log = new TrafficLog()
      this.traffic.set(path, log)
    }
    return log
  }

  async open(path: string, settings: SerialSettings, owner: string): Promise<PortSession> {
    const existing = this.session(path)
    if (existing) throw new AppError('portBusy', { path, owner: existing.owner })
    // taken before the port opens: nothing may stand between the open and the session that reads it
    const identity = await this.identityOf(path)
    const link = await this.openerFor(path).open(path, settings)
    // another open may have raced us while the OS was opening the port
    if (this.session(path)) {
      await link.close()
      throw new AppError('portBusy', { path, owner: this.session(path)!.owner })
    }
    this.identities.set(path, identity)
    this.strangers.delete(path)
    const session = new PortSession(path, settings, owner, link, this.trafficLog(path), {
      onState: (state, reason) => {
        this.options.log.info('port.state', { path, state, reason: reason ?? '' })
        this.options.onPortState?.({ path, state, ...(reason ? { reason } : {}) })
        if (state === 'closed') this.sessions.delete(path)
        this.publish(true)
      },
      onTraffic: (entry) => this.queueTraffic(path, entry),
    })
    this.sessions.set(path, session)
    this.options.log.info('port.open', { path, owner, baudRate: settings.baudRate })
    this.publish(true)
    return session
  }

  /** Closes a port if `owner` holds it (or unconditionally without an owner). */
  async close(path: string, owner?: string): Promise<void> {
    const session = this.session(path)
    if (!session) return
    if (owner && session.owner !== owner) throw new AppError('portBusy', { path, owner: session.owner })
    await session.close()
  }

  /** One presence check: runs at most once at a time. */
  poll(): Promise<void> {
    if (!this.polling) {
      this.polling = this.pollOnce().finally(() => {
        this.polling = null
      })
    }
    return this.polling
  }

  private async pollOnce(): Promise<void> {
    let listed: ListedPort[]
    try {
      listed = await this.options.lister.list()
    } catch (err) {
      this.options.log.warn('port.listFailed', { error: err instanceof Error ? err.message : String(err) })
      listed = this.lastListed.filter((p) => !this.manual.has(p.path))
    }
    this.lastListed = listed
    const present = new Set(listed.map((p) => p.path))
    const simulated = this.options.simulated?.list() ?? []
    for (const port of simulated) present.add(port.path)
    for (const path of this.manual) if (this.isNodePresent(path)) present.add(path)
    // a port opened by path without being listed (a pseudo-terminal, a link): present while its node exists
    for (const path of this.sessions.keys()) if (!present.has(path) && this.isNodePresent(path)) present.add(path)

    for (const [path, session] of this.sessions) {
      if (session.state === 'open' && !present.has(path)) {
        this.options.log.warn('port.vanished', { path })
        session.markDisconnected()
      } else if (session.state === 'disconnected' && present.has(path)) {
        this.returned(session, listed)
      } else if (!present.has(path)) {
        this.strangers.delete(path)
      }
    }

    const ports: PortInfo[] = []
    for (const p of listed) ports.push({ ...p, kind: 'system', present: true })
    for (const p of simulated) ports.push({ ...p, kind: 'simulator', present: true })
    for (const path of this.manual) {
      if (!ports.some((p) => p.path === path)) ports.push({ path, kind: 'manual', present: this.isNodePresent(path) })
    }
    for (const [path, session] of this.sessions) {
      const port = ports.find((p) => p.path === path)
      if (port) port.session = session.info
      else ports.push({ path, kind: 'manual', present: false, session: session.info })
    }
    ports.sort((a, b) => a.kind.localeCompare(b.kind) || a.path.localeCompare(b.path, 'en', { numeric: true }))
    this.ports = ports
    this.publish(false)
  }

  /**
   * Whether a port that the OS list does not show still exists. Windows COM
   * names are not files: for them only the OS list counts.
   */
  private isNodePresent(path: string): boolean {
    if (this.options.simulated?.owns(path)) return false
    if (/^(\\\\\.\\)?COM\d+$/i.test(path)) return false
    return this.pathExists(path)
  }

  /** The identity of what is behind `path` as it is opened; a port the OS lists is looked up first. */
  private async identityOf(path: string): Promise<PortIdentity> {
    if (this.options.simulated?.owns(path)) return {}
    let listed = this.lastListed.find((p) => p.path === path)
    if (!listed) {
      await this.poll()
      listed = this.lastListed.find((p) => p.path === path)
    }
    return identify(path, listed, this.options.inspectNode)
  }

  /** Something is on a waiting session's path again: reattach if it is the same device, say so once if not. */
  private returned(session: PortSession, listed: ListedPort[]): void {
    const path = session.path
    const before = this.identities.get(path)
    if (!before || this.options.simulated?.owns(path)) {
      void this.reopen(session)
      return
    }
    const now = identify(path, listed.find((p) => p.path === path), this.options.inspectNode)
    const same = sameDevice(before, now)
    if (same) {
      this.strangers.delete(path)
      void this.reopen(session)
      return
    }
    if (same === null) return
    const change = describeChange(before, now)
    if (this.strangers.get(path) === change) return
    this.strangers.set(path, change)
    this.options.log.warn('port.differentDevice', { path, change })
    session.differentDevice(change)
  }

  private async reopen(session: PortSession): Promise<void> {
    if (this.reopening.has(session.path)) return
    this.reopening.add(session.path)
    try {
      const link = await this.openerFor(session.path).open(session.path, session.settings)
      if (session.state !== 'disconnected') {
        await link.close()
        return
      }
      session.reattach(link)
    } catch (err) {
      // the node may exist a moment before the driver is ready: next poll tries again
      this.options.log.info('port.reopenFailed', { path: session.path, code: err instanceof AppError ? err.code : 'unknown' })
    } finally {
      this.reopening.delete(session.path)
    }
  }

  private openerFor(path: string): PortOpener {
    return this.options.simulated?.owns(path) ? this.options.simulated.opener : this.options.opener
  }

  private publish(sessionChanged: boolean): void {
    if (sessionChanged) {
      for (const port of this.ports) {
        const session = this.session(port.path) ?? this.sessions.get(port.path)
        if (session && session.state !== 'closed') port.session = session.info
        else delete port.session
      }
    }
    const signature = JSON.stringify(this.ports)
    if (signature === this.lastSignature) return
    this.lastSignature = signature
    this.options.onPortsChanged?.(this.ports)
  }

  private queueTraffic(path: string, entry: TrafficEntry): void {
    if (!this.options.onTraffic) return
    let list = this.pending.get(path)
    if (!list) {
      list = []
      this.pending.set(path, list)
    }
    list.push(entry)
    if (!this.batchTimer) {
      this.batchTimer = setTimeout(() => this.flushTraffic(), this.options.batchMs ?? 40)
    }
  }

  private flushTraffic(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer)
    this.batchTimer = null
    for (const [path, entries] of this.pending) {
      if (entries.length === 0) continue
      const MAX = 2000
      const dropped = Math.max(0, entries.length - MAX)
      this.options.onTraffic?.({ path, entries: dropped ? entries.slice(-MAX) : entries, dropped })
    }
    this.pending.clear()
  }
}
