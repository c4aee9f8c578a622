import { AppError, type AppErrorPayload, type SerialSettings, type SimulatorInfo } from '@shared/contract'
import type { Logger } from '../log/logger'
import type { ListedPort, PortOpener, SerialLink } from '../transport/serial/link'
import type { SimulatedPorts } from '../transport/serial/manager'
import { MemoryLinkPair } from '../transport/serial/memory-link'

/** A simulated serial device: keeps its state across host opens; each open attaches a fresh link. */
export interface SerialSimulator {
  kind: 'serial'
  /** plays the device's side of the protocol on this link; returns a detach */
  attach(link: SerialLink): () => void
  dispose(): Promise<void>
}

/** A simulated network device on a loopback HTTP port (usually over `simulators/http`'s HttpSimServer). */
export interface HttpSimulator {
  kind: 'http'
  url: string
  /** what a client needs besides the URL (e.g. the simulator's demo key), shown by `fieldbench sim` */
  notes?: Record<string, string>
  /** stops answering: the listener closes and open connections drop */
  unplug(): Promise<void>
  /** answers again on the same address and port */
  plug(): Promise<void>
  dispose(): Promise<void>
}

export type SimulatorInstance = SerialSimulator | HttpSimulator

export interface SimulatorDefinition {
  id: string
  device: string
  /**
   * `args`: the command line after `fieldbench sim <id>`, for a simulator's own options (absent in demo mode);
   * `port`: the loopback TCP port an HTTP simulator listens on (0 or absent: any free one);
   * `host`: the loopback address it listens on (127.0.0.1 when absent; any of 127.0.0.0/8)
   */
  create(ctx: { log: Logger; args?: string[]; port?: number; host?: string }): Promise<SimulatorInstance> | SimulatorInstance
}

export const SIM_PORT_PREFIX = 'sim:'

interface Running {
  definition: SimulatorDefinition
  instance: SimulatorInstance
  /** the in-process wire of a serial simulator while the host has it open */
  pair: MemoryLinkPair | null
  detach: (() => void) | null
  unplugged: boolean
}

/**
 * Every simulator the app knows. Demo mode starts them all; later device
 * issues plug theirs in with `define`. Serial simulators appear as ports named
 * `sim:<id>` that the port manager opens like any other.
 */
export class SimulatorRegistry implements SimulatedPorts {
  private readonly definitions = new Map<string, SimulatorDefinition>()
  private readonly running = new Map<string, Running>()
  /** simulators demo mode could not start, with why: the others run all the same */
  private readonly failed = new Map<string, AppErrorPayload>()

  constructor(private readonly log: Logger) {}

  define(definition: SimulatorDefinition): void {
    this.definitions.set(definition.id, definition)
  }

  list(): (ListedPort & { simulator: string })[]
  list(kind: 'info'): SimulatorInfo[]
  list(kind?: 'info'): (ListedPort & { simulator: string })[] | SimulatorInfo[] {
    if (kind === 'info') {
      return [...this.definitions.values()].map((d) => {
        const run = this.running.get(d.id)
        const startError = this.failed.get(d.id)
        return {
          id: d.id,
          device: d.device,
          running: Boolean(run),
          unplugged: Boolean(run?.unplugged),
          endpoint: run ? (run.instance.kind === 'http' ? run.instance.url : `${SIM_PORT_PREFIX}${d.id}`) : null,
          ...(startError ? { startError } : {}),
        }
      })
    }
    const ports: (ListedPort & { simulator: string })[] = []
    for (const [id, run] of this.running) {
      if (run.instance.kind === 'serial' && !run.unplugged) {
        ports.push({ path: `${SIM_PORT_PREFIX}${id}`, simulator: id, manufacturer: 'Fieldbench', friendlyName: run.definition.device })
      }
    }
    return ports
  }

  owns(path: string): boolean {
    return path.startsWith(SIM_PORT_PREFIX)
  }

  readonly opener: PortOpener = {
    open: async (path: string, settings: SerialSettings) => {
      const id = path.slice(SIM_PORT_PREFIX.length)
      const run = this.running.get(id)
      if (!run || run.instance.kind !== 'serial' || run.unplugged) throw new AppError('portNotFound', { path })
      run.detach?.()
      const pair = new MemoryLinkPair(path, { baudRate: settings.baudRate })
      run.pair = pair
      run.detach = run.instance.attach(pair.device)
      return pair.host
    },
  }

  instance<T extends SimulatorInstance>(id: string): T | undefined {
    return this.running.get(id)?.instance as T | undefined
  }

  async start(id: string): Promise<SimulatorInfo> {
    const definition = this.definitions.get(id)
    if (!definition) throw new AppError('simulatorUnknown', { id })
    if (!this.running.has(id)) {
      const instance = await definition.create({ log: this.log.child(`sim.${id}`) })
      this.running.set(id, { definition, instance, pair: null, detach: null, unplugged: false })
      this.log.info('sim.started', { id })
    }
    return this.list('info').find((s) => s.id === id)!
  }

  async stop(id: string): Promise<void> {
    const run = this.running.get(id)
    if (!run) return
    this.running.delete(id)
    run.detach?.()
    run.pair?.disconnect()
    await run.instance.dispose()
    this.log.info('sim.stopped', { id })
  }

  /** Starts every simulator; one that cannot start (its address taken by another program) is listed with why, and the rest run. */
  async startAll(): Promise<SimulatorInfo[]> {
    this.failed.clear()
    for (const id of this.definitions.keys()) {
      try {
        await this.start(id)
      } catch (err) {
        const reason = startFailure(err)
        this.failed.set(id, reason)
        this.log.warn('sim.startFailed', { id, code: reason.code, ...reason.params })
      }
    }
    return this.list('info')
  }

  async stopAll(): Promise<SimulatorInfo[]> {
    this.failed.clear()
    for (const id of [...this.running.keys()]) await this.stop(id)
    return this.list('info')
  }

  /**
   * Pulls the simulated cable: a serial host sees `disconnected` and the port
   * leaves the list; an HTTP simulator stops answering (connections refused).
   */
  async unplug(id: string): Promise<void> {
    const run = this.running.get(id)
    if (!run) throw new AppError('simulatorUnknown', { id })
    run.unplugged = true
    run.detach?.()
    run.detach = null
    run.pair?.disconnect()
    run.pair = null
    if (run.instance.kind === 'http') await run.instance.unplug()
  }

  /** Puts the simulated cable back: the port is listed again and can be reopened; an HTTP simulator answers again at the same URL. */
  async plug(id: string): Promise<void> {
    const run = this.running.get(id)
    if (!run) throw new AppError('simulatorUnknown', { id })
    run.unplugged = false
    if (run.instance.kind === 'http') await run.instance.plug()
  }
}

/** Why a simulator did not start, in terms the person can act on: above all a loopback address and port another program holds. */
function startFailure(err: unknown): AppErrorPayload {
  if (err instanceof AppError) return err.toPayload()
  const sys = err as { code?: unknown; address?: unknown; port?: unknown }
  if (sys?.code === 'EADDRINUSE' && typeof sys.address === 'string' && typeof sys.port === 'number') return { code: 'simulatorAddressInUse', params: { address: sys.address, port: sys.port } }
  return { code: 'internal' }
}
